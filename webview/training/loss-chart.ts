// <tl-loss-chart>: the loss of every step and its per-epoch moving average, drawn by uPlot; scales to the sidebar width.
import { LitElement, css, html, unsafeCSS, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css';
import { chartSeries } from './loss-series';
import { onThemeChange } from '../common/theme-kind';

@customElement('tl-loss-chart')
export class LossChart extends LitElement {
  static override styles = [
    unsafeCSS(uplotCss),
    css`
      :host {
        display: block;
      }
      .plot {
        width: 100%;
        min-height: 140px;
      }
      .uplot,
      .uplot * {
        font-family: var(--vscode-font-family);
      }
      .u-legend {
        display: none;
      }
      .bar {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 8px;
        color: var(--vscode-descriptionForeground);
        font-size: 0.9em;
      }
      label {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        cursor: pointer;
      }
      .empty {
        color: var(--vscode-descriptionForeground);
        font-style: italic;
        padding: 8px 0;
      }
    `,
  ];

  /** Loss per step, in order. */
  @property({ attribute: false }) losses: number[] = [];
  /** Steps per epoch: the moving average's window. */
  @property({ type: Number }) window = 1;
  @state() private log = false;
  @query('.plot') private host!: HTMLDivElement;

  private plot: uPlot | undefined;
  private resize = new ResizeObserver(() => this.fit());
  private stopThemeWatch: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopThemeWatch = onThemeChange(() => this.rebuild());
  }

  override disconnectedCallback(): void {
    this.resize.disconnect();
    this.stopThemeWatch?.();
    this.plot?.destroy();
    this.plot = undefined;
    super.disconnectedCallback();
  }

  override render() {
    const last = this.losses.at(-1);
    return html`<div class="bar">
        <span class="caption">${this.losses.length ? `${this.losses.length} steps · last loss ${last!.toPrecision(3)}` : ''}</span>
        <label
          ><input
            type="checkbox"
            class="log"
            .checked=${this.log}
            @change=${(e: Event) => (this.log = (e.target as HTMLInputElement).checked)}
          />
          log scale</label
        >
      </div>
      <div class="plot" data-points=${this.losses.length}></div>
      ${this.losses.length ? '' : html`<div class="empty">The loss curve appears here while training.</div>`}`;
  }

  protected override firstUpdated(): void {
    this.resize.observe(this.host);
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('log')) this.rebuild();
    else this.refresh();
  }

  /** The data uPlot draws: x = step (1-based), loss, moving average. */
  private data(): uPlot.AlignedData {
    return chartSeries(this.losses, this.window);
  }

  private refresh(): void {
    if (!this.plot) return this.rebuild();
    this.plot.setData(this.data());
  }

  private rebuild(): void {
    this.plot?.destroy();
    this.plot = undefined;
    if (!this.host || this.losses.length === 0) return;
    const style = getComputedStyle(this);
    const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    const fg = v('--vscode-descriptionForeground', '#888');
    const grid = v('--vscode-widget-border', v('--vscode-panel-border', 'rgba(128,128,128,0.3)'));
    const axis = {
      stroke: fg,
      grid: { stroke: grid, width: 0.5 },
      ticks: { stroke: grid, width: 0.5 },
      font: `10px ${v('--vscode-font-family', 'sans-serif')}`,
    };
    this.plot = new uPlot(
      {
        width: this.host.clientWidth || 280,
        height: 150,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false }, y: this.log ? { distr: 3 } : {} },
        axes: [
          { ...axis, size: 28 },
          { ...axis, size: 40 },
        ],
        series: [
          {},
          { label: 'loss', stroke: v('--vscode-charts-blue', '#3794ff'), width: 1, alpha: 0.45, points: { show: false } },
          { label: 'epoch average', stroke: v('--vscode-charts-orange', '#d18616'), width: 2, points: { show: false } },
        ],
      },
      this.data(),
      this.host,
    );
  }

  private fit(): void {
    if (this.plot && this.host.clientWidth > 0) this.plot.setSize({ width: this.host.clientWidth, height: 150 });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-loss-chart': LossChart;
  }
}
