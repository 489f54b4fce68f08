// File access for the command line: reading inputs (with zlib for deflated zips), writing outputs, one-line failures.
import * as fs from 'node:fs';
import { inflateRaw } from 'node:zlib';
import type { Inflate } from '../core/tensor-files/byte-source';
import { UsageError } from './args';

export const inflate: Inflate = (data, size) =>
  new Promise((resolve, reject) =>
    inflateRaw(data, { maxOutputLength: Math.max(1, size) }, (err, out) => (err ? reject(err) : resolve(new Uint8Array(out)))),
  );

/** A file's bytes; a missing or unreadable file is a usage error naming it. */
export function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(path));
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

export function readText(path: string): string {
  return new TextDecoder().decode(readBytes(path));
}

export function writeFile(path: string, data: Uint8Array | string): void {
  try {
    fs.writeFileSync(path, data);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${(e as Error).message}`);
  }
}

/** A failure of the model itself (exit code 1), as opposed to bad arguments (2). */
export class ModelFailure extends Error {}
