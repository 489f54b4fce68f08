// A notebook kernel as an Evaluate for LiveSession: one request at a time through executeCode, a busy kernel refused at once.
// The code sent is a statement (no displayhook, so `_`, Out and the execution count stay the user's), and its reply is
// framed on stdout so that a background thread printing meanwhile cannot corrupt it.
import { LiveRefusal, type CancelSignal, type Evaluate } from './live-session';

/** What Tensor Lens uses of the Jupyter extension's Kernel (`@vscode/jupyter-extension`): the real one is assignable. */
export interface KernelLike {
  readonly status: string;
  readonly language: string;
  onDidChangeStatus(listener: (status: string) => unknown): { dispose(): void };
  executeCode(code: string, token: CancelSignal): AsyncIterable<{ items: Array<{ mime: string; data: Uint8Array }> }>;
}

export const KERNEL_BUSY = 'kernel busy — ready when the cell finishes';
const START = '\u0002TL<';
const END = '>TL\u0003';
const STDOUT = new Set(['application/vnd.code.notebook.stdout', 'application/x.notebook.stream.stdout']);
const STDERR = new Set(['application/vnd.code.notebook.stderr', 'application/x.notebook.stream.stderr']);
const ERROR = 'application/vnd.code.notebook.error';
/** A kernel still 'busy' when our request has ended is busy with it until its 'idle' arrives (or this long has passed). */
const OWN_IDLE_GRACE_MS = 300;

/** The statement the kernel runs for one evaluation: writes str(expression) between markers, or the exception on stderr. */
export function kernelStatement(expression: string): string {
  const sys = `__import__('sys')`;
  return [
    'try:',
    `    ${sys}.stdout.write(${JSON.stringify(START)} + str(${expression}\n) + ${JSON.stringify(END)})`,
    'except BaseException:',
    `    ${sys}.stderr.write(''.join(__import__('traceback').format_exception_only(*${sys}.exc_info()[:2])))`,
  ].join('\n');
}

export class KernelTransport {
  /** Our requests run one after another, so that the kernel's status tells ours from the user's. */
  private queue: Promise<unknown> = Promise.resolve();
  private inFlight = 0;
  private ownUntil = 0;
  private readonly subscription: { dispose(): void };
  /** Fires when a user's cell (not one of our requests) finished: views refresh, caches drop. */
  onUserIdle: (() => void) | undefined;
  private userBusy: boolean;

  constructor(private readonly kernel: KernelLike) {
    this.userBusy = kernel.status === 'busy';
    this.subscription = kernel.onDidChangeStatus((status) => this.statusChanged(status));
  }

  /** True while the user's code runs in the kernel (a cell, not a Tensor Lens request). */
  get busy(): boolean {
    return this.userBusy;
  }

  readonly evaluate: Evaluate = (expression, _frameId, signal) => {
    if (this.refusal()) return Promise.reject(new LiveRefusal(this.refusal()));
    const run = this.queue.then(() => this.execute(expression, signal));
    this.queue = run.catch(() => undefined);
    return run;
  };

  dispose(): void {
    this.subscription.dispose();
  }

  private refusal(): string | undefined {
    const s = this.kernel.status;
    if (this.userBusy) return KERNEL_BUSY;
    if (s === 'dead' || s === 'terminating') return 'the kernel is not running (it died or was shut down)';
    if (s === 'restarting' || s === 'autorestarting' || s === 'starting') return 'the kernel is restarting — try again in a moment';
    return undefined;
  }

  private statusChanged(status: string): void {
    const ours = this.inFlight > 0 || performance.now() < this.ownUntil;
    if (status === 'busy') {
      if (!ours) this.userBusy = true;
      return;
    }
    if (status === 'idle') {
      this.ownUntil = 0;
      if (this.userBusy) {
        this.userBusy = false;
        this.onUserIdle?.();
      }
      return;
    }
    // Restarts and deaths: whatever ran is gone.
    this.userBusy = false;
    if (status === 'restarting' || status === 'autorestarting' || status === 'dead') this.onUserIdle?.();
  }

  private async execute(expression: string, signal: CancelSignal): Promise<string> {
    if (signal.isCancellationRequested) throw new LiveRefusal('cancelled');
    const refused = this.refusal();
    if (refused) throw new LiveRefusal(refused);
    this.inFlight++;
    let stdout = '';
    let stderr = '';
    let error: { name?: string; message?: string } | undefined;
    const decoder = new TextDecoder();
    try {
      for await (const output of this.kernel.executeCode(kernelStatement(expression), signal)) {
        for (const item of output.items) {
          if (STDOUT.has(item.mime)) stdout += decoder.decode(item.data);
          else if (STDERR.has(item.mime)) stderr += decoder.decode(item.data);
          else if (item.mime === ERROR) error = parseError(decoder.decode(item.data));
        }
      }
    } finally {
      this.inFlight--;
      this.ownUntil = this.kernel.status === 'busy' ? performance.now() + OWN_IDLE_GRACE_MS : 0;
    }
    const start = stdout.indexOf(START);
    const end = stdout.lastIndexOf(END);
    if (start >= 0 && end > start) return stdout.slice(start + START.length, end);
    if (error) throw new Error(`${error.name ?? 'Error'}: ${error.message ?? ''}`);
    if (stderr.trim()) throw new Error(stderr.trim());
    if (signal.isCancellationRequested) throw new LiveRefusal('cancelled');
    throw new Error('the kernel sent no reply');
  }
}

function parseError(text: string): { name?: string; message?: string } {
  try {
    return JSON.parse(text) as { name?: string; message?: string };
  } catch {
    return { message: text };
  }
}
