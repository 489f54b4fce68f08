// The Tensors view: tensor-like locals of the focused frame (and self's parameters), plus pinned expressions, refreshed on every stop.
import * as vscode from 'vscode';
import { isLiveError, type LiveEntry, type LiveMeta } from '../core/protocol/live-tensor';
import { formatStat, nonFiniteText } from './format';
import { statsOf } from '../core/protocol/live-tensor';
import type { LiveSessions } from './live-sessions';

const PINS_KEY = 'tensorLens.debug.pinned';

export interface TensorRow extends LiveEntry {
  pinned?: boolean;
}

/** "float32  cpu  2×3×48×40  −1 … 1  ⚠ 1 NaN" — what one line of the view says after the name. */
export function rowDescription(row: TensorRow): string {
  if (row.error) return `⚠ ${row.error}`;
  if (row.conv) {
    const c = row.conv;
    return `Conv2d  ${c.inChannels} → ${c.outChannels}  kernel ${c.kernelSize.join('×')}  stride ${c.stride.join('×')}`;
  }
  const m = row.meta as LiveMeta;
  const s = statsOf(m);
  const parts = [m.dtype, m.device, m.shape.length ? m.shape.join('×') : 'scalar'];
  if (m.numel > 0 && !Number.isNaN(s.min)) parts.push(`${formatStat(s.min).replace('-', '−')} … ${formatStat(s.max).replace('-', '−')}`);
  const bad = nonFiniteText(s);
  if (bad) parts.push(`⚠ ${bad}`);
  return parts.join('  ');
}

/** tensorLens.debug.tensorsView: evaluate the focused frame's tensors at every stop (else only on Refresh). */
function listsAtEveryStop(): boolean {
  return vscode.workspace.getConfiguration('tensorLens.debug').get<boolean>('tensorsView', true);
}

export class TensorsView implements vscode.TreeDataProvider<TensorRow>, vscode.Disposable {
  private rows: TensorRow[] = [];
  /** The next load asks the debuggee again instead of reusing this stop's list (the refresh button). */
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
    private readonly sessions: LiveSessions,
    private readonly state: vscode.Memento,
  ) {
    this.view = vscode.window.createTreeView('tensorLens.tensors', { treeDataProvider: this, showCollapseAll: false });
    this.disposables.push(
      this.view,
      this.changed,
      sessions.onDidChange(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tensorLens.debug.tensorsView')) this.schedule();
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
        prompt: 'An expression shown in the Tensors view at every stop, evaluated in the focused frame',
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

  refresh(): void {
    this.fresh = true;
    this.schedule(0);
  }

  getTreeItem(row: TensorRow): vscode.TreeItem {
    const item = new vscode.TreeItem(row.name, vscode.TreeItemCollapsibleState.None);
    item.description = rowDescription(row);
    item.id = `${row.pinned ? 'pin' : 'local'}:${row.expr}`;
    const bad = row.meta && nonFiniteText(statsOf(row.meta));
    item.iconPath = new vscode.ThemeIcon(
      row.pinned ? 'pinned' : row.error || bad ? 'warning' : row.conv ? 'symbol-method' : 'symbol-array',
    );
    item.contextValue = row.conv ? 'liveConv2d' : row.pinned ? 'livePinned' : row.error ? 'liveError' : 'liveTensor';
    item.tooltip = `${row.expr}\n${item.description}`;
    item.accessibilityInformation = { label: `${row.name}: ${item.description}` };
    if (row.conv) item.command = { command: 'tensorLens.explainLayer', title: 'Explain this layer', arguments: [{ module: row.expr }] };
    else if (!row.error)
      item.command = { command: 'tensorLens.openExpression', title: 'Open in Convolution panel', arguments: [{ expression: row.expr }] };
    return item;
  }

  getChildren(row?: TensorRow): TensorRow[] {
    return row ? [] : this.rows;
  }

  /** Rows of the current stop (for tests and the bench). */
  current(): readonly TensorRow[] {
    return this.rows;
  }

  private schedule(delayMs = 30): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), delayMs);
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    const t0 = performance.now();
    const focused = this.sessions.focused();
    if (typeof focused === 'string') {
      this.show(generation, [], 'Tensors of a paused Python program appear here: start debugging (debugpy) and stop at a breakpoint.', '');
      return;
    }
    const fresh = this.fresh;
    this.fresh = false;
    if (!fresh && !listsAtEveryStop()) {
      this.show(generation, [], 'Listing at every stop is off (tensorLens.debug.tensorsView): press Refresh to list this frame.', '');
      return;
    }
    const frame = await this.sessions.locate(focused);
    const [locals, ...pinned] = await Promise.all([
      this.sessions.localsOf(frame, fresh),
      ...this.pins.map((expr) => frame.live.meta(expr, frame.frameId)),
    ]);
    if (generation !== this.generation) return;
    const rows: TensorRow[] = isLiveError(locals) ? [] : locals;
    this.pins.forEach((expr, i) => {
      const m = pinned[i];
      rows.push(isLiveError(m) ? { name: expr, expr, error: m.error, pinned: true } : { name: expr, expr, meta: m, pinned: true });
    });
    const message = isLiveError(locals) ? `Tensor Lens: ${locals.error}` : rows.length === 0 ? 'No tensors in this frame.' : undefined;
    this.show(generation, rows, message, `${frame.where ?? 'paused'} (paused)`);
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
