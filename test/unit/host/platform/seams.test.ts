// The small platform seams, each implementation against one contract: timers, the host's file hand-over, the worker's
// byte source and raw-deflate inflating (Node's zlib on desktop, DecompressionStream('deflate-raw') on the web).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type * as vscode from 'vscode';
import * as desktopFiles from '../../../../src/host/platform/files';
import * as webFiles from '../../../../src/host/platform/files.web';
import * as desktopTimers from '../../../../src/host/platform/timers';
import * as webTimers from '../../../../src/host/platform/timers.web';
import * as desktopSource from '../../../../src/workers/platform/file-source';
import * as webSource from '../../../../src/workers/platform/file-source.web';
import * as desktopInflate from '../../../../src/workers/platform/inflate';
import * as webInflate from '../../../../src/workers/platform/inflate.web';
import { TensorFileError } from '../../../../src/core/tensor-files/byte-source';
import { openTensorFile } from '../../../../src/core/tensor-files/open-tensor-file';
import { EXPECTED, close, fixtureBytes } from '../../files/helpers';

const both = <T>(desktop: T, web: T): Array<[string, T]> => [
  ['desktop', desktop],
  ['web', web],
];

/** A vscode.Uri as far as the files seam reads one. */
const uri = (scheme: string, path: string) =>
  ({ scheme, path, fsPath: path, toString: () => `${scheme}://${path}` }) as unknown as vscode.Uri;

for (const [name, timers] of both(desktopTimers, webTimers)) {
  describe(`timers seam (${name})`, () => {
    it('yieldToEventLoop resolves after the microtasks queued before it, as a macrotask', async () => {
      const order: string[] = [];
      const yielded = timers.yieldToEventLoop().then(() => order.push('yield'));
      void Promise.resolve().then(() => order.push('microtask'));
      await yielded;
      assert.deepEqual(order, ['microtask', 'yield']);
    });

    it('backgroundInterval fires until disposed', async () => {
      let ticks = 0;
      const interval = timers.backgroundInterval(() => ticks++, 2);
      while (ticks < 3) await new Promise((r) => setTimeout(r, 5));
      interval.dispose();
      const stopped = ticks;
      await new Promise((r) => setTimeout(r, 30));
      assert.equal(ticks, stopped);
    });
  });
}

describe('files seam (host → files worker)', () => {
  const bytes = new Uint8Array([1, 2, 3]);
  const read = async () => bytes;

  it('desktop: a local file goes by path, unread; a file of another file system goes as its bytes', async () => {
    assert.deepEqual(await desktopFiles.fileForWorker(uri('file', '/w/a.pt'), read), { path: '/w/a.pt' });
    assert.equal(desktopFiles.workerPath(uri('file', '/w/a.pt')), '/w/a.pt');
    assert.deepEqual(await desktopFiles.fileForWorker(uri('vscode-vfs', '/github/a.pt'), read), {
      path: 'vscode-vfs:///github/a.pt',
      bytes,
    });
  });

  it('web: every file goes as its bytes, keyed by its URI', async () => {
    assert.deepEqual(await webFiles.fileForWorker(uri('file', '/w/a.pt'), read), { path: 'file:///w/a.pt', bytes });
    assert.equal(webFiles.workerPath(uri('vscode-remote', '/w/a.pt')), 'vscode-remote:///w/a.pt');
  });
});

for (const [name, source] of both(desktopSource, webSource)) {
  describe(`file-source seam (${name})`, () => {
    it('reads the bytes the host sent, by offset', async () => {
      const opened = await source.openSource('ignored', new Uint8Array([5, 6, 7, 8]));
      assert.equal(opened.src.size, 4);
      assert.deepEqual(Array.from(await opened.src.read(1, 2)), [6, 7]);
      await opened.close();
    });
  });
}

describe('file-source seam: a path', () => {
  it('desktop opens a local file by path and reads only what is asked', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tl-source-')), 'x.bin');
    writeFileSync(file, new Uint8Array([9, 8, 7, 6, 5]));
    const opened = await desktopSource.openSource(file);
    assert.equal(opened.src.size, 5);
    assert.deepEqual(Array.from(await opened.src.read(3, 2)), [6, 5]);
    await opened.close();
  });

  it('web refuses a path without bytes in one sentence (a Web Worker opens no file)', async () => {
    await assert.rejects(webSource.openSource('/w/a.pt'), (e: unknown) => {
      assert.ok(e instanceof TensorFileError);
      assert.match(e.message, /was not sent to the worker/);
      return true;
    });
  });
});

for (const [name, { inflate }] of both(desktopInflate, webInflate)) {
  describe(`inflate seam (${name})`, () => {
    const text = new TextEncoder().encode('tensor '.repeat(1000));
    const packed = new Uint8Array(deflateRawSync(text));

    it('inflates raw deflate to the declared size', async () => {
      assert.deepEqual(await inflate(packed, text.length), text);
    });

    it('refuses output beyond the declared size (a zip bomb never fills memory)', async () => {
      await assert.rejects(inflate(packed, 100));
    });

    it('rejects data that is not deflate', async () => {
      await assert.rejects(inflate(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x00]), 10));
    });

    it("opens deflated.npz with NumPy's values and refuses bomb.npz", async () => {
      const file = await openTensorFile((await desktopSource.openSource('', fixtureBytes('deflated.npz'))).src, { inflate });
      for (const [key, want] of Object.entries(EXPECTED['deflated.npz'].tensors!)) {
        const entry = file.entries.find((e) => e.name === key)!;
        const got = Array.from(await file.read(entry));
        assert.equal(got.length, want.values!.length);
        got.forEach((v, i) => assert.ok(close(v, want.values![i]), `${key}[${i}] ${v} vs ${want.values![i]}`));
      }
      await assert.rejects(openTensorFile((await desktopSource.openSource('', fixtureBytes('bomb.npz'))).src, { inflate }));
    });
  });
}
