// The web build's worker bundles (as esbuild.mjs puts them in dist/web/), started the web's way (a blob: URL of their
// bytes) and driven by the same host clients as on desktop: PyTorch's numbers, Stop without shared memory, a file sent as bytes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { StateDict } from '../../../../src/core/protocol/worker';
import { FilesWorkerClient } from '../../../../src/files/files-worker-client';
import type { StartThread } from '../../../../src/host/platform/thread';
import { WebWorkerThread } from '../../../../src/host/platform/web-worker-thread';
import { HoverWorkerClient } from '../../../../src/hover/worker-client';
import { TrainingRunner, type RunHandlers } from '../../../../src/training/training-runner';
import { tutorialConfig } from '../../../../src/training/tutorial';
import { readGolden } from '../../../goldens';
import { assertLosses } from '../../engine/golden-helpers';
import { EXPECTED, close, fixtureBytes } from '../../files/helpers';
import { doc, env, images } from '../../hover/helpers';
import { webWorkerBundle } from '../../worker-bundle';
import { NodeWebWorker } from './web-worker-shim';

/** startThread as threads.web.ts does it, with the script read from disk instead of vscode.workspace.fs. */
const webStart: StartThread = (script) => new WebWorkerThread(Promise.resolve(readFileSync(script)), 'test', NodeWebWorker);

const golden = readGolden('train_seed_cnn.json').cases[0] as { initial_state: StateDict; losses: number[] };

function train(runner: TrainingRunner, config: Parameters<TrainingRunner['start']>[0], onProgress?: RunHandlers['onProgress']) {
  const losses: number[] = [];
  return new Promise<{ losses: number[]; reason?: string; error?: string }>((resolve) => {
    runner.start(config, {
      onProgress: (m) => {
        losses.push(...m.losses);
        onProgress?.(m);
      },
      onDone: (m) => resolve({ losses: [...losses, ...m.losses], reason: m.reason }),
      onError: (message) => resolve({ losses, error: message }),
    });
  });
}

describe('web build: the training worker as a Web Worker', function () {
  this.timeout(60_000);
  let runner: TrainingRunner;
  before(async () => {
    // No SharedArrayBuffer stop flag, as on a page that is not cross-origin isolated.
    runner = new TrainingRunner(await webWorkerBundle('training-worker'), webStart, false);
  });
  after(() => runner.dispose());

  it("trains the tutorial from PyTorch's initial weights: 500 losses within 1e-6 of PyTorch's", async () => {
    const run = await train(runner, { ...tutorialConfig(), initialState: golden.initial_state });
    assert.equal(run.error, undefined);
    assert.equal(run.reason, 'finished');
    assert.equal(run.losses.length, 500);
    assertLosses(run.losses, golden.losses);
  });

  it('stops a long run with the stop message alone (no shared memory)', async () => {
    let asked = false;
    const run = await train(runner, { ...tutorialConfig(), epochs: 100_000 }, () => {
      if (!asked) runner.stop();
      asked = true;
    });
    assert.equal(run.error, undefined);
    assert.equal(run.reason, 'stopped');
    assert.ok(run.losses.length > 0 && run.losses.length < 500_000, `${run.losses.length} steps`);
  });

  it('reports a crash of the worker (exitThread) and trains again with a fresh one', async () => {
    const crashed = train(runner, { ...tutorialConfig(), epochs: 100_000 });
    runner.crashWorkerForTest();
    const first = await crashed;
    assert.match(first.error ?? '', /stopped unexpectedly \(exit code 3\)/);
    const again = await train(runner, { ...tutorialConfig(), epochs: 1 });
    assert.equal(again.reason, 'finished');
  });
});

describe('web build: the files worker as a Web Worker', function () {
  this.timeout(30_000);

  it('opens a deflated .npz sent as bytes (inflated by DecompressionStream) with NumPy values, and says what it lacks otherwise', async () => {
    const client = new FilesWorkerClient(await webWorkerBundle('files-worker'), webStart);
    try {
      const bytes = fixtureBytes('deflated.npz');
      const opened = await client.request({ op: 'open', path: 'vscode-remote:///w/deflated.npz', grayscale: false, bytes });
      assert.equal(bytes.byteLength, 0, 'the bytes moved to the worker');
      assert.ok(opened.ok && opened.index, JSON.stringify(opened));
      for (const [name, want] of Object.entries(EXPECTED['deflated.npz'].tensors!)) {
        const r = await client.request({ op: 'values', path: 'vscode-remote:///w/deflated.npz', name });
        assert.ok(r.ok && r.values);
        const got = Array.from(r.values.data);
        assert.equal(got.length, want.values!.length);
        got.forEach((v, i) => assert.ok(close(v, want.values![i]), `${name}[${i}] ${v} vs ${want.values![i]}`));
      }
      const missing = await client.request({ op: 'open', path: 'vscode-remote:///w/other.npz', grayscale: false });
      assert.deepEqual(missing, {
        id: missing.id,
        ok: false,
        message: 'other.npz: the file was not sent to the worker (on the web every file is read through VS Code first)',
      });
    } finally {
      client.dispose();
    }
  });
});

describe('web build: the hover worker as a Web Worker', function () {
  this.timeout(30_000);

  it('answers a hover on a literal with its statistics and both images', async () => {
    const errors: string[] = [];
    const client = new HoverWorkerClient(await webWorkerBundle('hover-worker'), (m) => errors.push(m), webStart);
    try {
      const { text, ...rest } = doc('x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])\n');
      const answer = await client.request(rest, () => text, text.indexOf('5.0'), env()).final;
      assert.match(answer?.markdown ?? '', /\*\*x\*\* · `torch\.float32` · shape 3×3 · min 1 · max 9 · mean 5/);
      assert.equal(images(answer?.markdown ?? '').length, 2);
    } finally {
      client.dispose();
    }
    assert.deepEqual(errors, []);
  });
});
