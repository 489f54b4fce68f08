// Python debug sessions as Tensor Lens sees them: one LiveSession each, the focused frame, stops and continues (DAP tracker).
import { errorMessage } from '../core/error-message';
import * as vscode from 'vscode';
import { log } from '../host/log';
import type { LiveEntry, LiveError } from '../core/protocol/live-tensor';
import { LiveSession } from '../core/live/live-session';
import { readLimits } from '../host/live/settings';
import type { LiveProvider, LiveTarget } from '../host/live/live-sources';

/** Debug types whose adapter is debugpy (the Python Debugger extension's, and the older Python extension's). */
export const PYTHON_DEBUG_TYPES = ['debugpy', 'python'];

/** Requests that let the program run: anything in flight is dropped the moment one is sent. */
const RESUMING = new Set([
  'continue',
  'next',
  'stepIn',
  'stepOut',
  'stepBack',
  'reverseContinue',
  'goto',
  'restartFrame',
  'disconnect',
  'terminate',
  'restart',
]);

/** The focused frame of a paused Python session, with where it is paused. */
export interface LiveFrame {
  session: vscode.DebugSession;
  live: LiveSession;
  frameId: number;
  /** "probe_model.py:34", or undefined while unknown. */
  where?: string;
  line?: number;
}

export class LiveSessions implements LiveProvider, vscode.Disposable {
  readonly origin = 'debug';
  private readonly sessions = new Map<string, LiveSession>();
  private readonly paused = new Set<string>();
  private readonly frames = new Map<string, { line: number; where: string }>();
  /** The tensor locals of each frame at this stop, listed once and shared by the hover and the Tensors view. */
  private readonly locals = new Map<string, Promise<LiveEntry[] | LiveError>>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when a session stops, continues or ends, or the focused frame changes: views refresh, caches drop. */
  readonly onDidChange = this.changed.event;

  constructor() {
    const tracker: vscode.DebugAdapterTrackerFactory = {
      createDebugAdapterTracker: (session) => ({
        onWillReceiveMessage: (m: { type?: string; command?: string }) => {
          if (m.type === 'request' && m.command && RESUMING.has(m.command)) this.resumed(session, `the program continued (${m.command})`);
        },
        onDidSendMessage: (m: { type?: string; event?: string }) => {
          if (m.type !== 'event') return;
          if (m.event === 'stopped') this.stopped(session);
          else if (m.event === 'continued') this.resumed(session, 'the program continued');
          else if (m.event === 'terminated' || m.event === 'exited') this.ended(session);
        },
        onExit: () => this.ended(session),
      }),
    };
    for (const type of PYTHON_DEBUG_TYPES) this.disposables.push(vscode.debug.registerDebugAdapterTrackerFactory(type, tracker));
    this.disposables.push(
      vscode.debug.onDidTerminateDebugSession((s) => this.ended(s)),
      vscode.debug.onDidChangeActiveStackItem(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('tensorLens.debug')) return;
        const limits = readLimits();
        for (const s of this.sessions.values()) s.limits = limits;
      }),
    );
  }

  /** The focused frame when it belongs to a paused Python session, else why not. */
  focused(): LiveFrame | string {
    const item = vscode.debug.activeStackItem;
    const session = item?.session ?? vscode.debug.activeDebugSession;
    if (!session) return 'no debug session is running';
    if (!PYTHON_DEBUG_TYPES.includes(session.type)) return `the debug session is ${session.type}, not Python (debugpy)`;
    if (!this.paused.has(session.id)) return 'the program is running — pause it (or stop at a breakpoint) first';
    if (!item || !(item instanceof vscode.DebugStackFrame)) return 'select a stack frame in the Call Stack view';
    const info = this.frames.get(`${session.id}:${item.frameId}`);
    return { session, live: this.liveFor(session), frameId: item.frameId, where: info?.where, line: info?.line };
  }

  /** A Python debug session is the active one (paused or not: a running program says so itself). */
  claims(): boolean {
    const session = vscode.debug.activeStackItem?.session ?? vscode.debug.activeDebugSession;
    return session !== undefined && PYTHON_DEBUG_TYPES.includes(session.type);
  }

  async current(): Promise<LiveTarget | string> {
    const focused = this.focused();
    return typeof focused === 'string' ? focused : asTarget(await this.locate(focused));
  }

  /** Hovers in any Python document (not a notebook's cells, which are its kernel's) while a Python session runs. */
  forDocument(document: vscode.TextDocument): Promise<LiveTarget | string> | undefined {
    if (document.uri.scheme === 'vscode-notebook-cell' || !this.claims()) return undefined;
    return this.current();
  }

  entries(target: LiveTarget, fresh = false): Promise<LiveEntry[] | LiveError> {
    const focused = this.focused();
    if (typeof focused === 'string') return Promise.resolve({ error: focused });
    if (`${focused.session.id}:${focused.frameId}` !== target.key) return Promise.resolve({ error: 'the program moved on' });
    return this.localsOf(focused, fresh);
  }

  localsOf(frame: LiveFrame, fresh = false): Promise<LiveEntry[] | LiveError> {
    const key = `${frame.session.id}:${frame.frameId}`;
    let p = this.locals.get(key);
    if (!p || fresh) {
      const asked = frame.live.locals(frame.frameId);
      p = asked;
      this.locals.set(key, asked);
      // Errors (a frame that just went away, a timeout) are not kept: the next ask tries again.
      void asked.then((r) => {
        if ('error' in r && this.locals.get(key) === asked) this.locals.delete(key);
      });
    }
    return p;
  }

  /** Where the frame is paused ("file.py:34"), asked once per stop through DAP stackTrace. */
  async locate(frame: LiveFrame): Promise<LiveFrame> {
    if (frame.where) return frame;
    const item = vscode.debug.activeStackItem;
    if (!(item instanceof vscode.DebugStackFrame) || item.frameId !== frame.frameId) return frame;
    try {
      const r = (await frame.session.customRequest('stackTrace', { threadId: item.threadId, startFrame: 0, levels: 50 })) as {
        stackFrames?: Array<{ id: number; line: number; source?: { name?: string; path?: string } }>;
      };
      const f = r.stackFrames?.find((s) => s.id === frame.frameId);
      if (f) {
        const where = `${f.source?.name ?? f.source?.path?.split(/[\\/]/).pop() ?? 'frame'}:${f.line}`;
        this.frames.set(`${frame.session.id}:${frame.frameId}`, { line: f.line, where });
        return { ...frame, where, line: f.line };
      }
    } catch (e) {
      log().debug(`stackTrace for the Tensors view failed: ${errorMessage(e)}`);
    }
    return frame;
  }

  private liveFor(session: vscode.DebugSession): LiveSession {
    let live = this.sessions.get(session.id);
    if (!live) {
      live = new LiveSession(async (expression, frameId) => {
        const r = (await session.customRequest('evaluate', {
          expression,
          frameId,
          context: 'repl',
          format: { rawString: true },
        })) as { result?: string };
        return String(r.result ?? '');
      }, readLimits());
      this.sessions.set(session.id, live);
    }
    return live;
  }

  private stopped(session: vscode.DebugSession): void {
    this.paused.add(session.id);
    this.changed.fire();
  }

  private resumed(session: vscode.DebugSession, reason: string): void {
    this.sessions.get(session.id)?.cancelAll(reason);
    this.forgetFrames(session);
    if (this.paused.delete(session.id)) this.changed.fire();
  }

  private ended(session: vscode.DebugSession): void {
    this.sessions.get(session.id)?.cancelAll('the debug session ended', true);
    this.sessions.delete(session.id);
    this.forgetFrames(session);
    this.paused.delete(session.id);
    this.changed.fire();
  }

  private forgetFrames(session: vscode.DebugSession): void {
    for (const key of [...this.frames.keys()]) if (key.startsWith(`${session.id}:`)) this.frames.delete(key);
    for (const key of [...this.locals.keys()]) if (key.startsWith(`${session.id}:`)) this.locals.delete(key);
  }

  dispose(): void {
    for (const s of this.sessions.values()) s.cancelAll('Tensor Lens was turned off', true);
    for (const d of this.disposables) d.dispose();
  }
}

function asTarget(frame: LiveFrame): LiveTarget {
  return {
    origin: 'debug',
    key: `${frame.session.id}:${frame.frameId}`,
    live: frame.live,
    frameId: frame.frameId,
    where: frame.where,
    line: frame.line,
  };
}
