// Asks a live Python (a paused debuggee over DAP, or a notebook kernel) about tensors: injects the helper, times out, cancels.
// No vscode import: unit tests drive it over a real debugpy connection and a real ipykernel.
import { errorMessage } from '../error-message';
import {
  isLiveError,
  parseConvLayer,
  parseEntries,
  parseMeta,
  parseSlice,
  type LiveConv2dArgs,
  type LiveEntry,
  type LiveError,
  type LiveMeta,
  type LiveSlice,
} from '../protocol/live-tensor';
import { HELPER_MODULE, HELPER_SOURCE, HELPER_VERSION } from './helper-source';

/** Cancellation handed to a transport (shaped like VS Code's CancellationToken, so a kernel can take it as is). */
export interface CancelSignal {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: (e: unknown) => unknown): { dispose(): void };
}

/**
 * One evaluation of a Python expression to its str() (DAP evaluate in a frame with rawString, or a kernel's executeCode);
 * rejects with the transport's message when it fails. The signal fires when Tensor Lens gives up on the answer.
 */
export type Evaluate = (expression: string, frameId: number, signal: CancelSignal) => Promise<string>;

/** A transport's refusal that is already one clear line for the user ("kernel busy — ready when the cell finishes"). */
export class LiveRefusal extends Error {
  override readonly name = 'LiveRefusal';
}

export interface LiveLimits {
  /** Largest slice fetched at once, in elements (tensorLens.debug.maxFetchElements). */
  maxElements: number;
  /** Per request, in ms (tensorLens.debug.timeoutMs). */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: LiveLimits = { maxElements: 4 * 1024 * 1024, timeoutMs: 3000 };

const MOD = `__import__('sys').modules`;
const CHECK = `getattr(${MOD}.get('${HELPER_MODULE}'), 'V', 0) == ${HELPER_VERSION}`;
const MISSING = 'False';

/** The Python expression that (re)creates the helper module; evaluates to 'ok'. */
export function injectExpression(): string {
  return (
    `${MOD}.__setitem__('${HELPER_MODULE}', __import__('types').ModuleType('${HELPER_MODULE}')) or ` +
    `exec(${JSON.stringify(HELPER_SOURCE)}, ${MOD}['${HELPER_MODULE}'].__dict__) or 'ok'`
  );
}

/** `helper.fn(args…)` guarded by the version check, so a missing helper answers 'False' instead of raising. */
export function helperCall(fn: string, args: string[]): string {
  return `${CHECK} and ${MOD}['${HELPER_MODULE}'].${fn}(${args.join(', ')})`;
}

/** A user expression as one argument: parenthesised, with a newline so a trailing comment cannot eat the parenthesis. */
export function userExpression(expr: string): string {
  return `(${expr.trim()}\n)`;
}

export class LiveSession {
  /** Bumped when the program continues or ends: replies from before are dropped. */
  private epoch = 0;
  private ended: string | undefined;
  private readonly pending = new Set<(reason: string) => void>();

  constructor(
    private readonly evaluate: Evaluate,
    public limits: LiveLimits = DEFAULT_LIMITS,
    /** Who answers, for messages: 'debuggee' or 'kernel'. */
    private readonly peer = 'debuggee',
  ) {}

  /** The program continued or the session ended: every pending request fails at once with this reason. */
  cancelAll(reason: string, ended = false): void {
    this.epoch++;
    if (ended) this.ended = reason;
    for (const reject of [...this.pending]) reject(reason);
    this.pending.clear();
  }

  meta(expr: string, frameId: number): Promise<LiveMeta | LiveError> {
    return this.call('meta', [userExpression(expr)], frameId).then((r) => (isLiveError(r) ? r : parseMeta(r)));
  }

  /** expr[index…] as float32, refused above the fetch limit. */
  slice(expr: string, frameId: number, index: number[] = []): Promise<LiveSlice | LiveError> {
    const args = [userExpression(expr), JSON.stringify(index.map((i) => Math.trunc(i))), String(this.limits.maxElements)];
    return this.call('data', args, frameId).then((r) => (isLiveError(r) ? r : parseSlice(r)));
  }

  /** The tensor-like locals of the frame (and self's parameters when self is an nn.Module). */
  locals(frameId: number): Promise<LiveEntry[] | LiveError> {
    return this.call('list_tensors', ['locals()'], frameId).then((r) => (isLiveError(r) ? r : parseEntries(r)));
  }

  /** A kernel's tensor-like globals, and each nn.Module global with its Conv2d layers and parameters. */
  globals(): Promise<LiveEntry[] | LiveError> {
    return this.call('list_globals', ['globals()'], 0).then((r) => (isLiveError(r) ? r : parseEntries(r)));
  }

  /** An nn.Conv2d's arguments and PyTorch's output for the given input. */
  convLayer(moduleExpr: string, inputExpr: string, frameId: number): Promise<{ conv: LiveConv2dArgs; output: LiveSlice } | LiveError> {
    const args = [userExpression(moduleExpr), userExpression(inputExpr), String(this.limits.maxElements)];
    return this.call('conv_layer', args, frameId).then((r) => (isLiveError(r) ? r : parseConvLayer(r)));
  }

  /** Runs a helper function; injects the helper first when the debuggee does not have it (new session, or it was lost). */
  private async call(fn: string, args: string[], frameId: number): Promise<string | LiveError> {
    const expression = helperCall(fn, args);
    const first = await this.request(expression, frameId);
    if (typeof first !== 'string' || first !== MISSING) return first;
    const injected = await this.request(injectExpression(), frameId);
    if (typeof injected !== 'string') return injected;
    if (injected !== 'ok') return { error: `could not set up the Tensor Lens helper in the ${this.peer}: ${injected}` };
    const second = await this.request(expression, frameId);
    return second === MISSING ? { error: `the Tensor Lens helper vanished from the ${this.peer}` } : second;
  }

  /** One evaluate with the timeout, dropped when the program moves on; failures become one-line errors. */
  private request(expression: string, frameId: number): Promise<string | LiveError> {
    if (this.ended) return Promise.resolve({ error: this.ended });
    const epoch = this.epoch;
    return new Promise((resolve) => {
      let done = false;
      const signal = new CancelSource();
      const finish = (v: string | LiveError): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.pending.delete(cancel);
        // The transport stops working on an answer nobody waits for (a kernel interrupts our code).
        if (typeof v !== 'string') signal.cancel();
        resolve(v);
      };
      const cancel = (reason: string): void => finish({ error: reason });
      const timer = setTimeout(
        () => finish({ error: `the ${this.peer} did not answer within ${this.limits.timeoutMs} ms (tensorLens.debug.timeoutMs)` }),
        this.limits.timeoutMs,
      );
      this.pending.add(cancel);
      this.evaluate(expression, frameId, signal).then(
        (text) => finish(epoch === this.epoch ? text : { error: 'the program continued' }),
        (e: unknown) => finish({ error: evaluateError(e) }),
      );
    });
  }
}

/** The largest leading-index slice of the tensor that fits the fetch limit: all of it, x[0], x[0, 0]… */
export function sliceIndexFor(shape: readonly number[], maxElements: number): number[] {
  const index: number[] = [];
  let size = shape.reduce((p, d) => p * d, 1);
  while (size > maxElements && index.length < shape.length - 2) {
    size /= shape[index.length] || 1;
    index.push(0);
  }
  return index;
}

/** The adapter's message for a failed evaluate, on one line ("expression raised: NameError: name 'y' is not defined"). */
export function evaluateError(e: unknown): string {
  if (e instanceof LiveRefusal) return e.message;
  const text = errorMessage(e).trim();
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const last = lines.length ? lines[lines.length - 1].trim() : 'unknown error';
  const exception = /^[A-Za-z_][\w.]*(Error|Exception|Interrupt|Exit|Warning)\b/.test(last);
  return exception ? `the expression raised ${last}` : `evaluate failed: ${last}`;
}

/** A CancelSignal that Tensor Lens fires itself (a timeout, the program moving on, a caller giving up). */
export class CancelSource implements CancelSignal {
  private cancelled = false;
  private readonly listeners = new Set<(e: unknown) => unknown>();

  get isCancellationRequested(): boolean {
    return this.cancelled;
  }

  onCancellationRequested(listener: (e: unknown) => unknown): { dispose(): void } {
    if (this.cancelled) {
      listener(undefined);
      return { dispose: () => undefined };
    }
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    for (const l of [...this.listeners]) l(undefined);
    this.listeners.clear();
  }
}
