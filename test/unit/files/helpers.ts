// Test helpers: fixture paths, a memory ByteSource and Node's zlib as the injected inflater.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { memorySource, type Inflate } from '../../../src/core/tensor-files/byte-source';
import { openTensorFile, type TensorFile } from '../../../src/core/tensor-files/open-tensor-file';
import { FLOAT32, isClose } from '../../support/close';

export const FIXTURES = join(__dirname, 'fixtures');

export interface Described {
  shape: number[];
  dtype: string;
  sum: number;
  min?: number;
  max?: number;
  std?: number;
  values?: number[];
  first?: number[];
}
export interface Expected {
  format?: string;
  tensors?: Record<string, Described>;
  metadata?: Record<string, string>;
  refused?: string;
  marker?: string;
  broken?: boolean;
  sobel_x?: Described;
  gray?: Described;
}

export const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected>;

export const nodeInflate: Inflate = (data, size) =>
  Promise.resolve(new Uint8Array(inflateRawSync(data, { maxOutputLength: Math.max(1, size) })));

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

export function openBytes(bytes: Uint8Array, grayscale = false): Promise<TensorFile> {
  return openTensorFile(memorySource(bytes), { inflate: nodeInflate, grayscale });
}

export function openFixture(name: string, grayscale = false): Promise<TensorFile> {
  return openBytes(fixtureBytes(name), grayscale);
}

/** float32 tolerance of the project (test/support/close.ts), with atol and rtol given apart. */
export function close(a: number, b: number, atol = FLOAT32.atol, rtol = FLOAT32.rtol): boolean {
  return isClose(a, b, { atol, rtol });
}
