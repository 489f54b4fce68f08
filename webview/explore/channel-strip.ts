// <tl-channel-strip>: one step's channels as thumbnails in a horizontal strip, virtualised: only the pages of channels
// scrolled into view are asked for (a 'need' event) and drawn; a click on a channel fires 'pick'.
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { lookupTable } from '../../src/core/render/colormap';
import type { ThumbPage } from '../../src/core/protocol/explore';
import { currentThemeKind } from './host';

export const PAGE = 16;
const CELL = 44;

@customElement('tl-channel-strip')
export class ChannelStrip extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .strip {
      display: flex;
      gap: 3px;
      overflow-x: auto;
      padding-bottom: 2px;
    }
    button,
    .hole {
      all: unset;
      flex: 0 0 auto;
      width: ${CELL}px;
      height: ${CELL}px;
      border: 1px solid var(--vscode-panel-border, transparent);
      box-sizing: border-box;
      cursor: pointer;
    }
    button:focus-visible {
      outline: 1px solid var(--vscode-focusBorder);
    }
    .hole {
      background: var(--vscode-editorWidget-background);
    }
    canvas {
      width: 100%;
      height: 100%;
      image-rendering: pixelated;
      display: block;
    }
  `;

  @property({ type: Number }) step = 0;
  @property({ type: Number }) channels = 0;
  @property({ attribute: false }) pages = new Map<number, ThumbPage>();
  @property({ type: Boolean }) drill = false;
  @property() unit = 'channel';

  private asked = new Set<number>();
  private readonly drawn = new WeakMap<HTMLCanvasElement, ThumbPage>();

  override render() {
    return html`<div class="strip" @scroll=${() => this.askVisible()} role="list">
      ${Array.from({ length: this.channels }, (_, c) => {
        const page = this.pages.get(Math.floor(c / PAGE) * PAGE);
        if (!page) return html`<div class="hole" role="listitem"></div>`;
        return html`<button
          role="listitem"
          class="thumb"
          data-channel=${c}
          title="${this.unit} ${c}${this.drill ? ' — open its convolution' : ''}"
          @click=${() => this.dispatchEvent(new CustomEvent('pick', { detail: c, bubbles: true, composed: true }))}
        >
          <canvas width=${page.w} height=${page.h} data-c=${c}></canvas>
        </button>`;
      })}
    </div>`;
  }

  override updated(changed: PropertyValues): void {
    if (changed.has('channels') || changed.has('step')) this.asked.clear();
    this.askVisible();
    this.draw();
  }

  /** Asks for the pages of channels inside the strip's visible width (and one page beyond). */
  askVisible(): void {
    const strip = this.renderRoot.querySelector('.strip') as HTMLElement | null;
    if (!strip || !this.isConnected) return;
    const first = Math.floor(strip.scrollLeft / (CELL + 3));
    const last = Math.ceil((strip.scrollLeft + (strip.clientWidth || 600)) / (CELL + 3));
    for (let p = Math.floor(first / PAGE) * PAGE; p <= Math.min(this.channels - 1, last + PAGE); p += PAGE) {
      if (this.pages.has(p) || this.asked.has(p)) continue;
      this.asked.add(p);
      this.dispatchEvent(new CustomEvent('need', { detail: { step: this.step, from: p, count: PAGE }, bubbles: true, composed: true }));
    }
  }

  private draw(): void {
    const lut = lookupTable({ kind: 'sequential', lo: 0, hi: 1, theme: currentThemeKind() });
    for (const canvas of this.renderRoot.querySelectorAll('canvas')) {
      const c = Number(canvas.dataset.c);
      const page = this.pages.get(Math.floor(c / PAGE) * PAGE);
      if (!page || this.drawn.get(canvas) === page) continue;
      const ctx = canvas.getContext('2d');
      if (!ctx) continue;
      const img = ctx.createImageData(page.w, page.h);
      const off = (c - page.from) * page.w * page.h;
      for (let i = 0; i < page.w * page.h; i++) img.data.set(lut.subarray(page.pixels[off + i] * 4, page.pixels[off + i] * 4 + 4), i * 4);
      ctx.putImageData(img, 0, 0);
      this.drawn.set(canvas, page);
    }
  }
}
