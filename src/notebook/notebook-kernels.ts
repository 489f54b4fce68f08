// Jupyter notebooks as a live-tensor source: one LiveSession per notebook kernel (KernelTransport over the Jupyter API),
// the execution count each value was read after, a refresh after every cell, and which tensors changed in which cell.
import * as vscode from 'vscode';
import { KernelTransport, type KernelLike } from '../core/live/kernel-transport';
import { LiveSession } from '../core/live/live-session';
import type { LiveEntry, LiveError } from '../core/protocol/live-tensor';
import type { LiveProvider, LiveTarget } from '../host/live/live-sources';
import { readLimits } from '../host/live/settings';
import { JupyterAccess } from './jupyter-access';

const NOTEBOOK_TYPE = 'jupyter-notebook';

interface Connected {
  kernel: KernelLike;
  transport: KernelTransport;
  live: LiveSession;
}

/** Per notebook: its kernel connection, the last execution count, an epoch bumped by every finished cell. */
interface NotebookState {
  connected?: Connected;
  /** A user action happened in this notebook (a cell ran, a hover, a command): asking for the kernel is fine. */
  acted: boolean;
  cell?: number;
  epoch: number;
  entries?: { epoch: number; list: Promise<LiveEntry[] | LiveError> };
  /** Why the last ask for the kernel failed, and at which epoch: hovers and refreshes do not ask again until a cell ran. */
  unavailable?: { epoch: number; why: string };
  /** expr → [signature of its metadata, the cell after which it was first seen so]. */
  seen: Map<string, [string, number]>;
}

export class NotebookKernels implements LiveProvider, vscode.Disposable {
  readonly origin = 'kernel';
  private readonly access = new JupyterAccess();
  private readonly states = new Map<string, NotebookState>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidChangeNotebookDocument((e) => {
        if (e.notebook.notebookType !== NOTEBOOK_TYPE) return;
        let finished = false;
        for (const c of e.cellChanges) {
          const order = c.executionSummary?.executionOrder;
          if (c.executionSummary === undefined || order === undefined) continue;
          const state = this.state(e.notebook);
          state.acted = true;
          if (c.executionSummary.timing?.endTime !== undefined || c.executionSummary.success !== undefined) {
            state.cell = order;
            finished = true;
          }
        }
        if (finished) this.bump(e.notebook.uri.toString());
      }),
      vscode.workspace.onDidCloseNotebookDocument((nb) => this.forget(nb.uri.toString(), 'the notebook was closed')),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('tensorLens.debug')) return;
        const limits = readLimits();
        for (const s of this.states.values()) if (s.connected) s.connected.live.limits = limits;
      }),
    );
  }

  claims(): boolean {
    return vscode.window.activeNotebookEditor?.notebook.notebookType === NOTEBOOK_TYPE;
  }

  current(userAction: boolean): Promise<LiveTarget | string> {
    const nb = vscode.window.activeNotebookEditor?.notebook;
    if (!nb || nb.notebookType !== NOTEBOOK_TYPE) return Promise.resolve('no Jupyter notebook is active');
    return this.targetFor(nb, userAction ? 'command' : 'refresh');
  }

  /** A hover in a Jupyter notebook's code cell: a user action in that notebook. */
  forDocument(document: vscode.TextDocument): Promise<LiveTarget | string> | undefined {
    if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
    const nb = vscode.workspace.notebookDocuments.find(
      (n) => n.notebookType === NOTEBOOK_TYPE && n.getCells().some((c) => c.document === document),
    );
    if (!nb) return undefined;
    // With no Jupyter extension, notebooks keep the literal features and the hover adds nothing.
    if (!this.access.available) return undefined;
    return this.targetFor(nb, 'hover');
  }

  entries(target: LiveTarget, fresh = false): Promise<LiveEntry[] | LiveError> {
    const state = this.states.get(target.key.slice(0, target.key.lastIndexOf('#')));
    if (!state?.connected) return Promise.resolve({ error: 'the notebook is no longer connected to its kernel' });
    if (!state.entries || state.entries.epoch !== state.epoch || fresh) {
      const list = state.connected.live.globals();
      const epoch = state.epoch;
      state.entries = { epoch, list };
      void list.then((r) => {
        if ('error' in r) {
          if (state.entries?.list === list) state.entries = undefined;
          return;
        }
        for (const e of r) {
          const sig = e.meta ? JSON.stringify([e.meta.shape, e.meta.dtype, e.meta.stats]) : '';
          const had = state.seen.get(e.expr);
          if (!had || had[0] !== sig) state.seen.set(e.expr, [sig, state.cell ?? 0]);
        }
      });
    }
    return state.entries.list;
  }

  /** Most recently (re)assigned first: the cell after which each value was first seen as it is now. */
  recent(target: LiveTarget, exprs: string[]): string[] {
    const state = this.states.get(target.key.slice(0, target.key.lastIndexOf('#')));
    const at = (e: string): number => state?.seen.get(e)?.[1] ?? -1;
    return exprs
      .map((e, i) => ({ e, i }))
      .sort((a, b) => at(b.e) - at(a.e) || b.i - a.i)
      .map((x) => x.e);
  }

  /** Whether the notebook holding this cell document is connected to its kernel (for CodeLenses, which never connect). */
  connectedFor(document: vscode.TextDocument): boolean {
    const nb = vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === document));
    return nb !== undefined && this.states.get(nb.uri.toString())?.connected !== undefined;
  }

  /**
   * The notebook's kernel as a target. 'command': the user asked, so a refused access may be asked again; 'hover': a
   * user action in this notebook, but it never repeats an ask that failed before the next cell; 'refresh': only once the
   * user has acted in the notebook (ran a cell, hovered), and never re-asking either.
   */
  private async targetFor(nb: vscode.NotebookDocument, mode: 'command' | 'hover' | 'refresh'): Promise<LiveTarget | string> {
    const uri = nb.uri.toString();
    const state = this.state(nb);
    if (mode !== 'refresh') state.acted = true;
    if (!state.connected) {
      if (!state.acted) return 'run a cell (or hover a tensor) to read the tensors of its kernel';
      if (mode !== 'command' && state.unavailable?.epoch === state.epoch) return state.unavailable.why;
      const kernel = await this.access.kernel(nb.uri, mode === 'command');
      if (typeof kernel === 'string') {
        state.unavailable = { epoch: state.epoch, why: kernel };
        return kernel;
      }
      state.unavailable = undefined;
      if (!state.connected) this.connect(uri, state, kernel);
    }
    const c = state.connected!;
    if (c.kernel.status === 'dead') {
      this.forget(uri, 'the kernel died');
      return 'the kernel is not running (it died or was shut down)';
    }
    return {
      origin: 'kernel',
      key: `${uri}#${state.epoch}`,
      live: c.live,
      frameId: 0,
      cell: state.cell,
      where: `cell [${state.cell ?? ' '}]`,
    };
  }

  private connect(uri: string, state: NotebookState, kernel: KernelLike): void {
    const transport = new KernelTransport(kernel);
    const live = new LiveSession(transport.evaluate, readLimits(), 'kernel');
    // A cell run from anywhere (or a restart) changes the kernel's values: everything cached is stale.
    transport.onUserIdle = () => this.bump(uri);
    state.connected = { kernel, transport, live };
  }

  private state(nb: vscode.NotebookDocument): NotebookState {
    const uri = nb.uri.toString();
    let s = this.states.get(uri);
    if (!s) {
      const orders = nb.getCells().map((c) => c.executionSummary?.executionOrder ?? 0);
      s = { acted: false, epoch: 0, seen: new Map(), cell: orders.length && Math.max(...orders) > 0 ? Math.max(...orders) : undefined };
      this.states.set(uri, s);
    }
    return s;
  }

  private bump(uri: string): void {
    const s = this.states.get(uri);
    if (!s) return;
    s.epoch++;
    this.changed.fire();
  }

  private forget(uri: string, reason: string): void {
    const s = this.states.get(uri);
    if (!s?.connected) return;
    s.connected.live.cancelAll(reason, true);
    s.connected.transport.dispose();
    s.connected = undefined;
    s.entries = undefined;
    this.changed.fire();
  }

  dispose(): void {
    for (const uri of [...this.states.keys()]) this.forget(uri, 'Tensor Lens was turned off');
    for (const d of this.disposables) d.dispose();
  }
}
