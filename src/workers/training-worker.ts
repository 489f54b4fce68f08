// Training worker entry (worker_threads on desktop, a Web Worker on the web): trains off the extension host, streaming throttled progress and stopping between steps.
import { errorMessage } from '../core/error-message';
import type { HostToWorkerMessage, StartMessage, WorkerToHostMessage } from '../core/protocol/worker';
import { yieldToEventLoop } from '../host/platform/timers';
import { Trainer } from '../training/trainer';
import { installHelperThreads } from './platform/pool';
import { exitThread, lowerThreadPriority, onHostMessage, postToHost } from './platform/port';

/** Longest stretch of steps before the worker yields to its event loop, so a 'stop' message is seen promptly. */
const SLICE_MS = 15;
/** Time between snapshots, as a multiple of the last snapshot's own cost (at least the configured interval). */
const SNAPSHOT_SHARE = 9;

// Big convolutions of a training step use the other cores; the pool starts on the first one, never before.
installHelperThreads();

let current: { runId: number; stopped: boolean; flag: Int32Array | null } | null = null;

// The extension host's own thread should always win a contended CPU.
lowerThreadPriority();

const send = (m: WorkerToHostMessage): void => postToHost(m);

onHostMessage((message) => {
  const m = message as HostToWorkerMessage;
  switch (m.type) {
    case 'start':
      if (current) current.stopped = true;
      void run(m);
      break;
    case 'stop':
      if (current && current.runId === m.runId) current.stopped = true;
      break;
    case 'crash':
      exitThread(3);
  }
});

async function run(m: StartMessage): Promise<void> {
  const me = { runId: m.runId, stopped: false, flag: m.stopFlag ? new Int32Array(m.stopFlag) : null };
  current = me;
  const interval = m.config.progressIntervalMs ?? 50;
  const snapshotInterval = m.config.snapshotIntervalMs ?? 200;
  let lastSnapshot = -Infinity;
  // A snapshot forwards every image: on a big dataset it can cost more than several steps, so the next one waits at least
  // SNAPSHOT_SHARE times as long as the last took, keeping snapshots to a small share of the run.
  let snapshotCost = 0;
  const started = performance.now();
  try {
    const trainer = new Trainer(m.config);
    let pending: number[] = [];
    let firstPending = 0;
    let lastPost = started;
    let sliceStart = started;
    const stopRequested = () => me.stopped || (me.flag !== null && Atomics.load(me.flag, 0) !== 0);
    while (!trainer.finished && !stopRequested()) {
      pending.push(trainer.next());
      const now = performance.now();
      if (now - lastPost >= interval && !trainer.finished) {
        const elapsedMs = now - started;
        const snapshotDue = now - lastSnapshot >= Math.max(snapshotInterval, SNAPSHOT_SHARE * snapshotCost);
        send({
          type: 'progress',
          runId: m.runId,
          firstStep: firstPending,
          losses: pending,
          step: trainer.step,
          totalSteps: trainer.totalSteps,
          epoch: trainer.epoch,
          elapsedMs,
          stepsPerSecond: trainer.step / (elapsedMs / 1000),
          snapshot: snapshotDue ? trainer.snapshot() : null,
        });
        if (snapshotDue) {
          lastSnapshot = performance.now();
          snapshotCost = lastSnapshot - now;
        }
        firstPending = trainer.step;
        pending = [];
        lastPost = performance.now();
      }
      if (performance.now() - sliceStart >= SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    send({
      type: 'done',
      runId: m.runId,
      reason: trainer.finished ? 'finished' : 'stopped',
      steps: trainer.step,
      totalSteps: trainer.totalSteps,
      elapsedMs: performance.now() - started,
      firstStep: firstPending,
      losses: pending,
      snapshot: trainer.snapshot(),
      state: trainer.packedState(),
    });
  } catch (e) {
    send({ type: 'error', runId: m.runId, message: errorMessage(e) });
  } finally {
    if (current === me) current = null;
  }
}
