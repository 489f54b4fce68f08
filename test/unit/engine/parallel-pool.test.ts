// The job table behind the all-cores pool: records encode and run as the kernels expect, and the pool stays right across
// many outputs (more than a helper keeps), a grown table, and calls back to back.
import * as assert from 'node:assert/strict';
import { setSimdEnabled } from '../../../src/core/engine/backend';
import { conv2d, tensor } from '../../../src/core/engine/index';
import {
  JOB_INTS,
  type KernelJob,
  PARALLEL_MIN_MACS,
  encodeJobs,
  installParallelPool,
  memoJobs,
  parallelRuns,
  runJob,
  setParallelThreshold,
} from '../../../src/core/engine/parallel';
import { type ConvPool, claimJob, installConvPool } from '../../../src/workers/conv-pool';
import { isClose as close } from '../../support/close';
import { randomFloats as random } from '../../support/rng';

describe('parallel: job records', () => {
  it('a record calls its kernel with the scratch base added to the marked argument, then copies rows from scratch to the output', () => {
    const calls: number[][] = [];
    const jobs: KernelJob[] = [
      { fn: 'b', args: [1, 2, 40, 3], scratchArg: 2, copies: [[5, 0, 2, 3, 4, 10]] },
      { fn: 'a', args: [7], copies: [[0, 2, 1, 2, 2, 2]] },
      { fn: '', args: [] },
    ];
    const table = new Int32Array(JOB_INTS * jobs.length);
    encodeJobs(jobs, ['a', 'b'], table, 100);
    const heap = Float32Array.from({ length: 64 }, (_, i) => i);
    const out = new Float32Array(140);
    const fns = [(...a: number[]) => void calls.push(['a', ...a] as never), (...a: number[]) => void calls.push(['b', ...a] as never)];
    for (let j = 0; j < jobs.length; j++) runJob(fns, heap, out, table, j, 32);
    assert.deepEqual(calls, [
      ['b', 1, 2, 72, 3],
      ['a', 7],
    ]);
    // Job 0: 2 rows of 3 from scratch float 8 (stride 4) to out 105 (stride 10); job 1: heap[2..4) to out 100 (not scratch-relative).
    assert.deepEqual(Array.from(out.subarray(105, 108)), [8, 9, 10]);
    assert.deepEqual(Array.from(out.subarray(115, 118)), [12, 13, 14]);
    assert.deepEqual(Array.from(out.subarray(100, 102)), [2, 3]);
  });

  it('claims hand out each index of a call once, and none once the call is used up or replaced', () => {
    const ctrl = new Int32Array(new SharedArrayBuffer(64));
    ctrl[1] = 3;
    ctrl[0] = 5 << 20;
    assert.deepEqual([claimJob(ctrl), claimJob(ctrl), claimJob(ctrl), claimJob(ctrl)], [0, 1, 2, -1]);
    ctrl[0] = 6 << 20; // the next call
    ctrl[1] = 1;
    assert.deepEqual([claimJob(ctrl), claimJob(ctrl)], [0, -1]);
  });

  it('a call shape builds its jobs once; another shape gets its own', () => {
    let built = 0;
    const make = () => (built++, [{ fn: 'a', args: [built] }]);
    const first = memoJobs('test:shape-1', make);
    assert.equal(memoJobs('test:shape-1', make), first, 'the same array again');
    assert.notEqual(memoJobs('test:shape-2', make), first);
    assert.equal(built, 2);
  });

  it('an unknown kernel name or an oversized job is refused', () => {
    const table = new Int32Array(JOB_INTS);
    assert.throws(() => encodeJobs([{ fn: 'nope', args: [] }], ['a'], table, 0), /no kernel export nope/);
    assert.throws(() => encodeJobs([{ fn: 'a', args: new Array(19).fill(0) }], ['a'], table, 0), /too big/);
  });
});

for (const callerTakesJobs of [true, false])
  describe(`parallel: the pool across many calls (${callerTakesJobs ? 'caller and helper' : 'helper only'})`, function () {
    this.timeout(60000);
    let pool: ConvPool;
    before(async () => {
      pool = installConvPool(1, { callerTakesJobs, backoff: false }); // no stand-aside: these tests count splits
      while (pool.readyHelpers() === 0) await new Promise((r) => setTimeout(r, 10));
      setParallelThreshold(0);
    });
    after(async () => {
      setParallelThreshold(PARALLEL_MIN_MACS);
      setSimdEnabled(true);
      await pool.close();
    });

    const reference = (x: ReturnType<typeof tensor>, w: ReturnType<typeof tensor>) => {
      installParallelPool(null);
      setSimdEnabled(false);
      const y = conv2d(x, w, null, { padding: 1 }).data.slice();
      setSimdEnabled(true);
      installParallelPool(pool);
      return y;
    };

    it('20 outputs alive at once (more than a helper keeps) are each written right', () => {
      const x = tensor(random(2 * 3 * 20 * 20, 1), [2, 3, 20, 20]);
      const ws = Array.from({ length: 20 }, (_, i) => tensor(random(8 * 27, 10 + i), [8, 3, 3, 3]));
      const before = parallelRuns();
      const ys = ws.map((w) => conv2d(x, w, null, { padding: 1 }));
      assert.equal(parallelRuns(), before + 20);
      if (!callerTakesJobs) assert.ok(pool.helperJobs >= 20, 'the helper ran every job');
      ys.forEach((y, k) => {
        assert.ok(y.data.buffer instanceof SharedArrayBuffer);
        const ref = reference(x, ws[k]);
        y.data.forEach((v, i) => assert.ok(close(v, ref[i]), `output ${k} [${i}] ${v} vs ${ref[i]}`));
      });
    });

    it('a call of more jobs than the first table holds (batch 64 × 16 channel blocks) grows it and stays right', () => {
      const x = tensor(random(64 * 4 * 6 * 6, 2), [64, 4, 6, 6]);
      const w = tensor(random(64 * 4 * 9, 3), [64, 4, 3, 3]);
      const ref = reference(x, w);
      for (let rep = 0; rep < 3; rep++) {
        const y = conv2d(x, w, null, { padding: 1 });
        y.data.forEach((v, i) => assert.ok(close(v, ref[i]), `rep ${rep} [${i}]`));
      }
    });
  });

describe('parallel: stalled calls in a row make the pool stand aside', function () {
  this.timeout(60000);
  it('one stalled call leaves the pool splitting; a second within a few calls makes the next convolutions run on the calling thread', async () => {
    // Helper only, with the stand-aside on: the caller waits for the whole call (151 M multiply-adds, far above 1 ms), as for
    // a helper preempted mid-job.
    const pool = installConvPool(1, { callerTakesJobs: false, backoff: true });
    try {
      while (pool.readyHelpers() === 0) await new Promise((r) => setTimeout(r, 10));
      const x = tensor(random(8 * 32 * 32 * 32, 1), [8, 32, 32, 32]),
        w = tensor(random(64 * 32 * 9, 2), [64, 32, 3, 3]);
      const before = parallelRuns();
      const y1 = conv2d(x, w, null, { padding: 1 });
      assert.equal(parallelRuns(), before + 1, 'the first call split');
      assert.equal(pool.stalledCalls, 1, 'and its caller waited for the helper');
      assert.equal(pool.readyHelpers(), 1, 'one stall: the pool stays in');
      conv2d(x, w, null, { padding: 1 });
      assert.equal(parallelRuns(), before + 2, 'the second call split too');
      assert.equal(pool.stalledCalls, 2, 'and stalled again');
      const y3 = conv2d(x, w, null, { padding: 1 });
      assert.equal(parallelRuns(), before + 2, 'the next call ran on the calling thread');
      assert.equal(pool.readyHelpers(), 0);
      y1.data.forEach((v, i) => assert.ok(close(v, y3.data[i]), `[${i}]`));
    } finally {
      await pool.close();
    }
  });
});

describe('parallel: helpers are counted in shared memory', function () {
  this.timeout(60000);
  it('a caller that never yields to its event loop still gets its helper, and its next big convolution splits', async () => {
    setParallelThreshold(PARALLEL_MIN_MACS);
    const pool = installConvPool(1, { backoff: false });
    try {
      assert.equal(pool.readyHelpers(), 0, 'the first ask only starts the helper');
      const until = Date.now() + 30_000;
      while (pool.readyHelpers() === 0 && Date.now() < until); // no await: no message from the helper can be handled
      assert.equal(pool.readyHelpers(), 1, 'the helper is up');
      const x = tensor(random(8 * 32 * 32 * 32, 1), [8, 32, 32, 32]),
        w = tensor(random(64 * 32 * 9, 2), [64, 32, 3, 3]);
      const before = parallelRuns();
      conv2d(x, w, null, { padding: 1 });
      assert.equal(parallelRuns(), before + 1, 'the convolution split');
    } finally {
      await pool.close();
    }
  });
});
