// The Convolution panel's results back to code: copy the output (torch/JSON), insert it below the literal, a snippet, a PNG.
import { toWire } from '../../src/core/protocol/wire';
import { conv2dSnippet, convTranspose2dSnippet } from '../../src/core/render/snippet';
import { formatJson, formatTorchTensor } from '../../src/core/render/tensor-format';
import type { HeatmapGrid } from '../common/heatmap-grid';
import type { Conv2dArgs, WireTensor } from '../../src/core/protocol/convolution';
import type { TransposedSettings } from './state';
import { post } from '../common/vscode-api';

type Output = { shape: number[]; data: Float32Array } | undefined;

export function copyOutput(o: Output, format: 'torch' | 'json'): void {
  if (!o) return;
  const text = format === 'torch' ? formatTorchTensor(o.shape, o.data, { precision: 'round-trip' }) : formatJson(o.shape, o.data);
  post({ type: 'copy', text, what: format === 'torch' ? 'output as torch.tensor' : 'output as JSON' });
}

export function insertOutput(o: Output): void {
  if (o) post(toWire({ type: 'insertOutput', output: { shape: o.shape, data: Array.from(o.data) } }));
}

/** A runnable script of what the panel shows: F.conv2d, or F.conv_transpose2d with the switch on. */
export function copySnippet(
  input: WireTensor | null,
  weight: WireTensor | undefined,
  args: Conv2dArgs,
  transposed: TransposedSettings,
): void {
  if (!input || !weight) return;
  const spec = { input, weight, args };
  const text = transposed.on ? convTranspose2dSnippet(spec, transposed.outputPadding) : conv2dSnippet(spec);
  post({ type: 'copy', text, what: 'PyTorch snippet' });
}

/** input ⊛ kernel = output as one PNG, drawn from the panel's grids' own canvases on the editor background. */
export function savePng(panel: HTMLElement & { renderRoot: ParentNode }, title: string, transposed: boolean): void {
  const grids = ['input-grid', 'kernel-grid', 'output-grid'].map((c) =>
    panel.renderRoot.querySelector<HeatmapGrid>(`tl-heatmap-grid.${c}`),
  );
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
  const style = getComputedStyle(panel);
  ctx.fillStyle = style.getPropertyValue('--vscode-editor-background').trim() || '#1e1e1e';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = style.getPropertyValue('--vscode-foreground').trim() || '#ccc';
  ctx.font = '24px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  let x = gap;
  canvases.forEach((c, i) => {
    ctx.drawImage(c, x, gap / 2);
    if (i < canvases.length - 1) ctx.fillText(i === 0 ? (transposed ? '⊛ᵀ' : '⊛') : '=', x + c.width + gap / 2, out.height / 2);
    x += c.width + gap;
  });
  const name = (title.split(' ')[0] || 'convolution').replace(/[^\w.-]/g, '_');
  post({
    type: 'savePng',
    dataUrl: out.toDataURL('image/png'),
    suggestedName: `${name}-${transposed ? 'conv_transpose2d' : 'conv2d'}.png`,
  });
}
