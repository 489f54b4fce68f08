// Host side of the training worker: spawns it on demand, runs one training at a time, stops it, and survives its death.
import { canShareMemory, startThread } from '../host/platform/threads';
import type { StartThread, Thread } from '../host/platform/thread';
import type { DoneMessage, HostToWorkerMessage, ProgressMessage, TrainConfig, WorkerToHostMessage } from '../core/protocol/worker';

export interface RunHandlers {
  onProgress(m: ProgressMessage): void;
  onDone(m: DoneMessage): void;
  /** The run failed: a bad model/config (`crashed` false) or the worker thread died (`crashed` true). */
  onError(message: string, crashed: boolean): void;
}

/** After Stop, a worker stuck inside one huge step is terminated once this has passed. */
const STOP_GRACE_MS = 2000;

export class TrainingRunner {
  private worker: Thread | undefined;
  private run: { id: number; handlers: RunHandlers; flag?: Int32Array; stopTimer?: ReturnType<typeof setTimeout> } | undefined;
  private nextId = 1;

  /** `workerPath`: the training worker bundle (workerScript(…, 'worker.js')), or any script speaking the worker protocol. */
  constructor(
    private readonly workerPath: string,
    private readonly start_: StartThread = startThread,
    /** Whether a SharedArrayBuffer stop flag can be posted (not on a web page without cross-origin isolation). */
    private readonly sharedFlag = canShareMemory(),
  ) {}

  get running(): boolean {
    return this.run !== undefined;
  }

  /** Starts a run; throws if one is already running (the caller decides whether to stop it first). */
  start(config: TrainConfig, handlers: RunHandlers): number {
    if (this.run) throw new Error('a training run is already in progress');
    const worker = this.ensureWorker();
    // The flag stops a run even mid-step; without shared memory the 'stop' message does, between steps.
    const flag = this.sharedFlag ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
    const id = this.nextId++;
    this.run = { id, handlers, flag };
    this.send(worker, { type: 'start', runId: id, config, ...(flag ? { stopFlag: flag.buffer as SharedArrayBuffer } : {}) });
    return id;
  }

  /** Asks the current run to stop after its current step; it then reports done with reason 'stopped'. */
  stop(): void {
    const run = this.run;
    if (!run || run.stopTimer) return;
    if (run.flag) Atomics.store(run.flag, 0, 1);
    if (this.worker) this.send(this.worker, { type: 'stop', runId: run.id });
    run.stopTimer = setTimeout(() => {
      if (this.run !== run) return;
      this.worker?.terminate();
      this.worker = undefined;
      this.run = undefined;
      run.handlers.onError('training did not stop in time, so its worker was terminated', true);
    }, STOP_GRACE_MS);
  }

  /** Test hook: makes the worker exit abruptly, as a crash would. */
  crashWorkerForTest(): void {
    if (this.worker) this.send(this.worker, { type: 'crash' });
  }

  dispose(): void {
    if (this.run?.stopTimer) clearTimeout(this.run.stopTimer);
    this.run = undefined;
    this.worker?.terminate();
    this.worker = undefined;
  }

  private send(worker: Thread, m: HostToWorkerMessage): void {
    worker.postMessage(m);
  }

  private ensureWorker(): Thread {
    if (this.worker) return this.worker;
    const worker = this.start_(this.workerPath);
    worker.onMessage((m) => this.onMessage(m as WorkerToHostMessage));
    worker.onError((e) => this.onWorkerGone(worker, `the training worker crashed: ${e.message}`));
    worker.onExit((code) => this.onWorkerGone(worker, `the training worker stopped unexpectedly (exit code ${code})`));
    this.worker = worker;
    return worker;
  }

  private onMessage(m: WorkerToHostMessage): void {
    const run = this.run;
    if (!run || m.runId !== run.id) return;
    if (m.type === 'progress') {
      run.handlers.onProgress(m);
      return;
    }
    if (run.stopTimer) clearTimeout(run.stopTimer);
    this.run = undefined;
    if (m.type === 'done') run.handlers.onDone(m);
    else run.handlers.onError(m.message, false);
  }

  private onWorkerGone(worker: Thread, message: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const run = this.run;
    this.run = undefined;
    if (run) {
      if (run.stopTimer) clearTimeout(run.stopTimer);
      run.handlers.onError(message, true);
    }
  }
}
