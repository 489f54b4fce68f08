// The Tensors view: the live tensors of the active source (a paused frame's locals and self's parameters, or a notebook
// kernel's globals with each module's parameters under it), plus pinned expressions; refreshed on every stop or cell.
import * as vscode from 'vscode';
import { KERNEL_BUSY } from '../../core/live/kernel-transport';
import { nonFiniteText } from '../../core/live/format';
import { rowDescription, type TensorRow } from '../../core/live/row-format';
import { isLiveError, statsOf } from '../../core/protocol/live-tensor';
import type { LiveSources } from './live-sources';
import { automaticEvaluation, automaticSetting } from './settings';

const PINS_KEY = 'tensorLens.debug.pinned';
const IDLE = 'Live tensors appear here: run a cell of a Jupyter notebook, or start debugging Python (debugpy) and stop at a breakpoint.';
/** Modules with more rows than this start collapsed. */
const EXPANDED_MODULE_ROWS = 24;

export type { TensorRow };

export class TensorsView implements vscode.TreeDataProvider<TensorRow>, vscode.Disposable {
  private rows: TensorRow[] = [];
  /** The next load asks the source again instead of reusing this stop's list (the refresh button). */
  private fresh = false;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<TensorRow>;
  /** When the last refresh finished and how long it took (ms), for the bench and the log. */
  lastRefresh = { at: 0, ms: 0, count: 0 };
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly sources: LiveSources,
    private readonly state: vscode.Memento,
  ) {
    this.view = vscode.window.createTreeView('tensorLens.tensors', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      sources.onDidChange(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tensorLens.debug.tensorsView') || e.affectsConfiguration('tensorLens.notebook.automaticEvaluation'))
          this.schedule();
      }),
    );
    this.schedule();
  }

  get pins(): string[] {
    return this.state.get<string[]>(PINS_KEY, []);
  }

  async pin(expression?: string): Promise<void> {
    const expr =
      expression ??
      (await vscode.window.showInputBox({
        title: 'Tensor Lens: Pin Expression',
        prompt: "An expression shown in the Tensors view at every stop or cell, evaluated in the paused frame or the notebook's kernel",
        placeHolder: 'out[0, :4]',
      }));
    if (!expr?.trim() || this.pins.includes(expr.trim())) return;
    await this.state.update(PINS_KEY, [...this.pins, expr.trim()]);
    this.schedule();
  }

  async unpin(row?: TensorRow): Promise<void> {
    if (!row) return;
    await this.state.update(
      PINS_KEY,
      this.pins.filter((p) => p !== row.expr),
    );
    this.schedule();
  }

  /** The refresh button: a user action, so it may connect to a kernel that was not asked yet. */
  refresh(): void {
    this.fresh = true;
    this.schedule(0, true);
  }

  getTreeItem(row: TensorRow): vscode.TreeItem {
    const children = row.moduleClass ? this.rows.filter((r) => r.parent === row.expr).length : 0;
    const state = !row.moduleClass
      ? vscode.TreeItemCollapsibleState.None
      : children > EXPANDED_MODULE_ROWS
        ? vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(row.name, state);
    item.description = rowDescription(row);
    item.id = `${row.pinned ? 'pin' : 'live'}:${row.expr}`;
    const bad = row.meta && nonFiniteText(statsOf(row.meta));
    item.iconPath = new vscode.ThemeIcon(
      row.pinned ? 'pinned' : row.error || bad ? 'warning' : row.conv ? 'symbol-method' : row.moduleClass ? 'symbol-class' : 'symbol-array',
    );
    item.contextValue = row.conv
      ? 'liveConv2d'
      : row.moduleClass
        ? 'liveModule'
        : row.pinned
          ? 'livePinned'
          : row.error
            ? 'liveError'
            : 'liveTensor';
    item.tooltip = `${row.expr}\n${item.description}`;
    item.accessibilityInformation = { label: `${row.name}: ${item.description}` };
    if (row.conv) item.command = { command: 'tensorLens.explainLayer', title: 'Explain this layer', arguments: [{ module: row.expr }] };
    else if (!row.error && !row.moduleClass)
      item.command = { command: 'tensorLens.openExpression', title: 'Open in Convolution panel', arguments: [{ expression: row.expr }] };
    return item;
  }

  getChildren(row?: TensorRow): TensorRow[] {
    if (row) return row.moduleClass ? this.rows.filter((r) => r.parent === row.expr) : [];
    return this.rows.filter((r) => !r.parent || !this.rows.some((m) => m.moduleClass && m.expr === r.parent));
  }

  getParent(row: TensorRow): TensorRow | undefined {
    return row.parent ? this.rows.find((m) => m.moduleClass && m.expr === row.parent) : undefined;
  }

  /** Rows of the current stop or cell (for tests and the bench). */
  current(): readonly TensorRow[] {
    return this.rows;
  }

  private schedule(delayMs = 30, userAction = false): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(userAction), delayMs);
  }

  private async load(userAction: boolean): Promise<void> {
    const generation = ++this.generation;
    const t0 = performance.now();
    const provider = this.sources.provider();
    if (!provider) {
      this.show(generation, [], IDLE, '');
      return;
    }
    if (!userAction && !automaticEvaluation(provider.origin, 'view')) {
      this.show(generation, this.rows, `Automatic evaluation is off (${automaticSetting(provider.origin, 'view')}): press Refresh.`, '');
      return;
    }
    const target = await provider.current(userAction);
    if (generation !== this.generation) return;
    if (typeof target === 'string') {
      this.show(generation, [], `Tensor Lens: ${target}`, '');
      return;
    }
    const fresh = this.fresh;
    this.fresh = false;
    const [entries, ...pinned] = await Promise.all([
      provider.entries(target, fresh),
      ...this.pins.map((expr) => target.live.meta(expr, target.frameId)),
    ]);
    if (generation !== this.generation) return;
    const description = target.origin === 'kernel' ? `kernel · after cell [${target.cell ?? ' '}]` : `${target.where ?? 'paused'} (paused)`;
    if (isLiveError(entries) && entries.error === KERNEL_BUSY) {
      // The kernel answers when the cell finishes; the view refreshes then. Until then it keeps what it showed.
      this.show(generation, this.rows, `${KERNEL_BUSY}`, description);
      return;
    }
    const rows: TensorRow[] = isLiveError(entries) ? [] : [...entries];
    this.pins.forEach((expr, i) => {
      const m = pinned[i];
      rows.push(isLiveError(m) ? { name: expr, expr, error: m.error, pinned: true } : { name: expr, expr, meta: m, pinned: true });
    });
    const empty = target.origin === 'kernel' ? "No tensors in the kernel's globals yet." : 'No tensors in this frame.';
    const message = isLiveError(entries) ? `Tensor Lens: ${entries.error}` : rows.length === 0 ? empty : undefined;
    this.show(generation, rows, message, description);
    this.lastRefresh = { at: Date.now(), ms: performance.now() - t0, count: rows.length };
  }

  private show(generation: number, rows: TensorRow[], message: string | undefined, description: string): void {
    if (generation !== this.generation) return;
    this.rows = rows;
    this.view.message = message;
    this.view.description = description;
    this.changed.fire();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
