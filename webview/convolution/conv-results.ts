// The Convolution panel's results back to code: copy the output (torch/JSON), insert it below the literal, a snippet, a PNG.
import { toWire } from '../../src/core/protocol/wire';
import { conv2dSnippet, convTranspose2dSnippet } from '../../src/core/render/snippet';
import { formatJson, formatTorchTensor } from '../../src/core/render/tensor-format';
import type { ConvolutionView } from './convolution-view';
import type { HeatmapGrid } from '../common/heatmap-grid';
import { post } from '../common/vscode-api';

export function copyOutput(v: ConvolutionView, format: 'torch' | 'json'): void {
  const o = v.d.output;
  if (!o) return;
  const text = format === 'torch' ? formatTorchTensor(o.shape, o.data, { precision: 'round-trip' }) : formatJson(o.shape, o.data);
  post({ type: 'copy', text, what: format === 'torch' ? 'output as torch.tensor' : 'output as JSON' });
}

export function insertOutput(v: ConvolutionView): void {
  const o = v.d.output;
  if (o) post(toWire({ type: 'insertOutput', output: { shape: o.shape, data: Array.from(o.data) } }));
}

/** A runnable script of what the panel shows: F.conv2d, or F.conv_transpose2d with the switch on. */
export function copySnippet(v: ConvolutionView): void {
  if (!v.source || !v.d.weight) return;
  const spec = { input: v.source, weight: v.d.weight, args: v.args };
  const text = v.transposed.on ? convTranspose2dSnippet(spec, v.transposed.outputPadding) : conv2dSnippet(spec);
  post({ type: 'copy', text, what: 'PyTorch snippet' });
}

/** input ⊛ kernel = output as one PNG, drawn from the grids' own canvases on the editor background. */
export function savePng(v: ConvolutionView): void {
  const grids = ['input-grid', 'kernel-grid', 'output-grid'].map((c) => v.renderRoot.querySelector<HeatmapGrid>(`tl-heatmap-grid.${c}`));
  const canvases = grids
    .map((g) => g?.renderRoot.querySelector<HTMLCanvasElement>('canvas.base'))
    .filter((c): c is HTMLCanvasElement => !!c);
  if (canvases.length === 0) return;
  const gap = 48;
  const out = document.createElement('canvas');
  out.width = canvases.reduce((s, c) => s + c.width, 0) + gap * (canvases.length + 1);
  out.height = Math.max(...canvases.map((c) => c.height)) + gap;
  const ctx = out.getContext('2d');
  if (!ctx) return;
  const style = getComputedStyle(v);
  ctx.fillStyle = style.getPropertyValue('--vscode-editor-background').trim() || '#1e1e1e';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = style.getPropertyValue('--vscode-foreground').trim() || '#ccc';
  ctx.font = '24px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  let x = gap;
  canvases.forEach((c, i) => {
    ctx.drawImage(c, x, gap / 2);
    if (i < canvases.length - 1) ctx.fillText(i === 0 ? (v.transposed.on ? '⊛ᵀ' : '⊛') : '=', x + c.width + gap / 2, out.height / 2);
    x += c.width + gap;
  });
  const name = (v.panelTitle.split(' ')[0] || 'convolution').replace(/[^\w.-]/g, '_');
  post({
    type: 'savePng',
    dataUrl: out.toDataURL('image/png'),
    suggestedName: `${name}-${v.transposed.on ? 'conv_transpose2d' : 'conv2d'}.png`,
  });
}
