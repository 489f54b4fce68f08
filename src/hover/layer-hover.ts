// Markdown of a layer call's hover: full signature with defaults, weight/bias shapes, parameters, output-size formula and
// the concrete output shape (or PyTorch's error) for the input the file feeds it.
import type { LayerCall } from '../core/literals/types';
import { geometryFormulas, shapeFormula, symbolicFormula } from '../core/render/arithmetic';
import { code, escapeMarkdown, shapeText } from './markdown';
import { constructorError, inputOf, layerError, layerOutcome, nextLinear, weightOf, type LayerInput, type Outcome } from './layer-pipeline';
import type { DocModel } from './layer-inputs';

const pyPair = (p: readonly [number, number]): string => `(${p[0]}, ${p[1]})`;
const pyPad = (p: [number, number] | 'same' | 'valid'): string => (typeof p === 'string' ? `'${p}'` : pyPair(p));
const shortPair = (p: readonly [number, number]): string => (p[0] === p[1] ? String(p[0]) : `${p[0]}×${p[1]}`);
const count = (n: number): string => n.toLocaleString('en-US');
const product = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);
const dims = (s: readonly number[]): string => `[${s.join(', ')}]`;

/** The call as PyTorch's repr would spell it, every argument given. */
export function signature(layer: LayerCall): string {
  const c = layer.conv;
  switch (layer.layer) {
    case 'Conv2d':
      return `nn.Conv2d(in_channels=${c!.inChannels ?? '?'}, out_channels=${c!.outChannels ?? '?'}, kernel_size=${c!.kernelSize ? pyPair(c!.kernelSize) : '?'}, stride=${pyPair(c!.stride)}, padding=${pyPad(c!.padding)}, dilation=${pyPair(c!.dilation)}, groups=${c!.groups}, bias=${c!.bias ? 'True' : 'False'}, padding_mode='${c!.paddingMode}')`;
    case 'conv2d':
      return `F.conv2d(${c!.inputExpr ?? 'input'}, ${c!.weightExpr ?? 'weight'}, bias=${c!.bias ? '...' : 'None'}, stride=${pyPair(c!.stride)}, padding=${pyPad(c!.padding)}, dilation=${pyPair(c!.dilation)}, groups=${c!.groups})`;
    case 'Linear':
      return `nn.Linear(in_features=${layer.linear!.inFeatures}, out_features=${layer.linear!.outFeatures}, bias=${layer.linear!.bias ? 'True' : 'False'})`;
    case 'MaxPool2d': {
      const p = layer.maxPool!;
      return `nn.MaxPool2d(kernel_size=${pyPair(p.kernelSize)}, stride=${pyPair(p.stride)}, padding=${pyPair(p.padding)}, dilation=1, ceil_mode=False)`;
    }
    case 'ReLU':
      return 'nn.ReLU(inplace=False)';
    case 'Flatten':
      return `nn.Flatten(start_dim=${layer.flatten?.startDim ?? 1}, end_dim=${layer.flatten?.endDim ?? -1})`;
  }
}

function inputLine(input: LayerInput, out: Outcome | undefined): string {
  const t = input.trace;
  if ('error' in t) return `input ${escapeMarkdown(t.via)} → $(error) ${code(t.error)}`;
  const head = `input ${shapeText(t.shape)} ← ${escapeMarkdown(t.via)}`;
  if (!out) return head;
  return 'error' in out ? `${head} → $(error) ${code(out.error)}` : `${head} → output **${shapeText(out.shape)}**`;
}

function flattenedText(shape: readonly number[]): string {
  const rest = shape.slice(1);
  return `${rest.join(' * ')} = ${product(rest)}`;
}

function convLines(model: DocModel, layers: LayerCall[], i: number): string[] {
  const layer = layers[i];
  const c = layer.conv!;
  const weight = weightOf(model, layer);
  const lines: string[] = [];
  // What PyTorch refuses whatever the input (nn.Conv2d(3, 8, kernel_size=0)): its message, no summary or formula.
  const refused = layer.layer === 'Conv2d' ? layerError(layer) : undefined;
  if (refused) return [`$(error) ${code(refused)}`];
  if (weight) {
    const params = product(weight) + (layer.layer === 'Conv2d' && c.bias ? weight[0] : 0);
    const pad = typeof c.padding === 'string' ? `'${c.padding}'` : shortPair(c.padding);
    const summary = [
      `in ${weight[1] * c.groups} → out ${weight[0]}`,
      `kernel ${weight[2]}×${weight[3]}`,
      `stride ${shortPair(c.stride)}`,
      `padding ${pad}`,
    ];
    if (c.dilation[0] !== 1 || c.dilation[1] !== 1) summary.push(`dilation ${shortPair(c.dilation)}`);
    if (c.groups !== 1) summary.push(`groups ${c.groups}`);
    if (layer.layer === 'Conv2d') summary.push(`${count(params)} parameters`);
    const bias = layer.layer === 'Conv2d' ? (c.bias ? `bias ${dims([weight[0]])}` : 'no bias') : undefined;
    lines.push(`${summary.join(' · ')}  \n${[`weight ${dims(weight)}`, bias].filter(Boolean).join(' · ')}`);
  } else if (layer.layer === 'conv2d')
    lines.push(`weight ${c.weightExpr ? escapeMarkdown(c.weightExpr) : '?'}: shape not known from this file`);
  const ctorError = constructorError(layer);
  if (ctorError) {
    lines.push(`$(error) ${code(ctorError)}`);
    return lines;
  }
  const input = inputOf(model, layers, i);
  const out = input && !('error' in input.trace) ? layerOutcome(layer, input.trace.shape, weight) : undefined;
  if (input) lines.push(inputLine(input, out));
  if (out && !('error' in out) && out.geometry) {
    lines.push(geometryFormulas(out.geometry).join('  \n'));
    const j = nextLinear(layers, i);
    if (j !== undefined) lines.push(linearCheck(model, layers, j, 'flattened'));
  } else if (weight && (!out || 'error' in out)) {
    const pad = c.padding === 'valid' ? [0, 0] : c.padding;
    const p = (k: 0 | 1): number | 'same' => (pad === 'same' ? 'same' : pad[k]);
    const shape = input && !('error' in input.trace) ? input.trace.shape : undefined;
    if (shape && shape.length >= 2 && pad !== 'same') {
      // Written out with the input's numbers, the formula shows why PyTorch refuses.
      const [H, W] = shape.slice(-2);
      lines.push(
        `${shapeFormula('H', H, pad[0], pad[0], c.dilation[0], weight[2], c.stride[0])}  \n${shapeFormula('W', W, pad[1], pad[1], c.dilation[1], weight[3], c.stride[1])}`,
      );
      return lines;
    }
    lines.push(
      `${symbolicFormula('H', p(0), c.dilation[0], weight[2], c.stride[0])}  \n${symbolicFormula('W', p(1), c.dilation[1], weight[3], c.stride[1])}`,
    );
  }
  return lines;
}

/** "flattened: 10 * 6 * 6 = 360 (matches nn.Linear(360, 10) ✓)" or the mismatch warning. */
function linearCheck(model: DocModel, layers: LayerCall[], j: number, lead: string): string {
  const l = layers[j].linear!;
  const input = inputOf(model, layers, j);
  if (!input || 'error' in input.trace) return `${lead}: input of nn.Linear(${l.inFeatures}, ${l.outFeatures}) not known from this file`;
  const shape = input.trace.shape;
  const features = shape.length > 2 ? product(shape.slice(1)) : shape[shape.length - 1];
  const text = shape.length > 2 ? flattenedText(shape) : String(features);
  if (features === l.inFeatures) return `${lead}: ${text} (matches nn.Linear(${l.inFeatures}, ${l.outFeatures}) ✓)`;
  return `$(warning) ${lead}: ${text}, but nn.Linear expects in_features=${l.inFeatures} — PyTorch would raise ${code(`RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x${features} and ${l.inFeatures}x${l.outFeatures})`)}`;
}

function linearLines(model: DocModel, layers: LayerCall[], j: number): string[] {
  const l = layers[j].linear!;
  const params = l.inFeatures * l.outFeatures + (l.bias ? l.outFeatures : 0);
  const lines = [
    `in ${l.inFeatures} → out ${l.outFeatures} · weight ${dims([l.outFeatures, l.inFeatures])}${l.bias ? ` · bias ${dims([l.outFeatures])}` : ''} · ${count(params)} parameters`,
  ];
  const input = inputOf(model, layers, j);
  if (input && !('error' in input.trace) && input.trace.shape.length > 2) {
    lines.push(`input ${shapeText(input.trace.shape)} ← ${escapeMarkdown(input.trace.via)}`, linearCheck(model, layers, j, 'flattened'));
  } else if (input) {
    lines.push(inputLine(input, 'error' in input.trace ? undefined : layerOutcome(layers[j], input.trace.shape)));
  }
  return lines;
}

function poolLines(model: DocModel, layers: LayerCall[], i: number): string[] {
  const p = layers[i].maxPool!;
  const lines = [
    `window ${p.kernelSize[0]}×${p.kernelSize[1]} · stride ${shortPair(p.stride)} · padding ${shortPair(p.padding)} · no parameters`,
  ];
  lines.push(
    `${symbolicFormula('H', p.padding[0], 1, p.kernelSize[0], p.stride[0])}  \n${symbolicFormula('W', p.padding[1], 1, p.kernelSize[1], p.stride[1])}`,
  );
  const input = inputOf(model, layers, i);
  if (input) lines.push(inputLine(input, 'error' in input.trace ? undefined : layerOutcome(layers[i], input.trace.shape)));
  return lines;
}

/** The whole layer hover. `layers` are the document's layer calls in order; `index` is the hovered one. */
export function composeLayerHover(model: DocModel, layers: LayerCall[], index: number): string {
  const layer = layers[index];
  const title = layer.name ? `**${escapeMarkdown(layer.name)}** · ` : '';
  const kind = layer.layer === 'conv2d' ? 'F.conv2d' : `nn.${layer.layer}`;
  const lines = [`${title}${code(kind)}`, '```python\n' + signature(layer) + '\n```'];
  if (layer.layer === 'Conv2d' || layer.layer === 'conv2d') lines.push(...convLines(model, layers, index));
  else if (layer.layer === 'Linear') lines.push(...linearLines(model, layers, index));
  else if (layer.layer === 'MaxPool2d') lines.push(...poolLines(model, layers, index));
  else if (layer.layer === 'ReLU') lines.push('max(0, x) element-wise · shape unchanged · no parameters');
  else {
    const input = inputOf(model, layers, index);
    if (input) lines.push(inputLine(input, 'error' in input.trace ? undefined : layerOutcome(layer, input.trace.shape)));
  }
  if (layer.unresolved?.length) lines.push(`$(info) not constants, so not evaluated: ${layer.unresolved.map((u) => code(u)).join(', ')}`);
  return lines.join('\n\n');
}
