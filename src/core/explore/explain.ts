// Compact explanations of one output cell per step, with the real numbers, and the class scores at the end
// (logits → softmax → probabilities, top-k with the file's `classes = [...]` labels).
import type { Tensor } from '../engine';
import { asPair } from '../pymodel/values';
import type { PyModelFile } from '../pymodel';
import type { ClassScore } from '../protocol/explore';
import type { ExploreStep } from './explore-model';

const f = (v: number): string => (Number.isInteger(v) ? String(v) : v.toPrecision(4));

/** Flat index of the largest value of batch element 0 and its coordinates. */
function argmax(t: Tensor): { i: number; at: number[] } {
  const n = t.shape.length ? t.numel / t.shape[0] : 1;
  let best = 0;
  for (let i = 1; i < n; i++) if (t.data[i] > t.data[best]) best = i;
  const at: number[] = [];
  let r = best;
  for (let k = t.shape.length - 1; k >= 1; k--) {
    at.unshift(r % t.shape[k]);
    r = Math.floor(r / t.shape[k]);
  }
  return { i: best, at: [0, ...at] };
}

const cell = (at: number[]) => `[${at.join(', ')}]`;

/** Lines explaining the step's largest output cell; `param` gives a module's weight/bias/running stats by key. */
export function explainStep(s: ExploreStep, param: (key: string) => Tensor | undefined, training: boolean): string[] {
  const out = s.output;
  const x = s.inputs[0];
  const { i, at } = argmax(out);
  const y = out.data[i];
  const type = s.kind === 'module' ? s.type : s.type.toLowerCase();
  const key = (k: string) => param(`${s.name}.${k}`);
  switch (type) {
    case 'Conv2d':
    case 'ConvTranspose2d': {
      const w = key('weight');
      const terms = w ? w.numel / w.shape[type === 'Conv2d' ? 0 : 1] : 0;
      const b = key('bias');
      return [
        `out${cell(at)} = ${f(y)}: a sum of ${terms} input × weight products${b ? ` + bias ${f(b.data[at[1]])}` : ''}.`,
        type === 'Conv2d' ? 'Click a channel to open its computation in the Convolution panel.' : '',
      ].filter(Boolean);
    }
    case 'Linear': {
      const w = key('weight');
      const b = key('bias');
      if (!w || !x) break;
      const K = w.shape[1];
      const j = at[at.length - 1];
      const terms = [0, 1, 2].filter((k) => k < K).map((k) => `${f(x.data[k])}·${f(w.data[j * K + k])}`);
      return [
        `out${cell(at)} = Σ of ${K} products x·W[${j}] ${b ? `+ b[${j}]` : ''} = ${terms.join(' + ')}${K > 3 ? ' + …' : ''}${b ? ` + ${f(b.data[j])}` : ''} = ${f(y)}`,
      ];
    }
    case 'BatchNorm2d': {
      const c = at[1];
      const [m, v, g, b] = ['running_mean', 'running_var', 'weight', 'bias'].map((k) => key(k)?.data[c]);
      const eps = s.module?.args.eps?.k === 'float' ? s.module.args.eps.v : 1e-5;
      if (training || m === undefined || v === undefined)
        return [`out${cell(at)} = ${f(y)}: normalised with this batch's mean and variance of channel ${c} (train mode).`];
      return [
        `out${cell(at)} = (x − mean)/√(var + eps)·γ + β = (${f(x.data[i])} − ${f(m)})/√(${f(v)} + ${eps})·${f(g ?? 1)} + ${f(b ?? 0)} = ${f(y)}`,
      ];
    }
    case 'ReLU':
    case 'relu': {
      let neg = -1;
      for (let k = 0; k < out.numel && neg < 0; k++) if (x && x.data[k] < 0) neg = k;
      return [`relu(x) = max(0, x): ${f(x.data[i])} → ${f(y)}${neg >= 0 ? `; ${f(x.data[neg])} → 0` : ''}.`];
    }
    case 'MaxPool2d':
    case 'max_pool2d':
    case 'AvgPool2d':
    case 'avg_pool2d': {
      if (!x || x.ndim !== 4 || out.ndim !== 4) break;
      const k = s.module
        ? (asPair(s.module.args.kernel_size) ?? [1, 1])
        : [Math.floor(x.shape[2] / out.shape[2]), Math.floor(x.shape[3] / out.shape[3])];
      const st = s.module && s.module.args.stride?.k !== 'none' ? (asPair(s.module.args.stride) ?? k) : k;
      const pad = s.module ? (asPair(s.module.args.padding) ?? [0, 0]) : [0, 0];
      if (pad[0] || pad[1] || (!s.module && (x.shape[2] % out.shape[2] || x.shape[3] % out.shape[3]))) break;
      const [, c, oy, ox] = at;
      const H = x.shape[2];
      const W = x.shape[3];
      const vals: number[] = [];
      for (let dy = 0; dy < k[0]; dy++)
        for (let dx = 0; dx < k[1]; dx++) vals.push(x.data[(c * H + oy * st[0] + dy) * W + ox * st[1] + dx]);
      const what = type.toLowerCase().startsWith('max') ? 'max' : 'mean';
      return [
        `out${cell(at)} = ${what} of the ${k[0]}×${k[1]} window [${vals.slice(0, 9).map(f).join(', ')}${vals.length > 9 ? ', …' : ''}] = ${f(y)}`,
      ];
    }
    case 'AdaptiveAvgPool2d':
    case 'adaptive_avg_pool2d':
      return [
        `out${cell(at)} = ${f(y)}: the mean of a window of ${x ? `[${x.shape.slice(2).join('×')}]` : 'the input'} (adaptive pooling to [${out.shape.slice(2).join('×')}]).`,
      ];
    case 'Dropout':
    case 'dropout':
      return [
        training
          ? 'Train mode: each value is zeroed with probability p, the others scaled by 1/(1 − p).'
          : 'Eval mode: Dropout passes its input through unchanged.',
      ];
    case '+':
      return s.inputs.length === 2 ? [`out${cell(at)} = ${f(s.inputs[0].data[i])} + ${f(s.inputs[1].data[i])} = ${f(y)}`] : [];
    case 'cat':
    case 'concat':
      return [`Joins ${s.inputs.map((t) => `[${t.shape.join(', ')}]`).join(' and ')} into [${out.shape.join(', ')}].`];
    case 'softmax':
    case 'log_softmax':
    case 'Softmax':
    case 'LogSoftmax':
      return [
        `${type.toLowerCase().includes('log') ? 'log ' : ''}softmax: exp(x)/Σ exp over the classes; the largest is ${f(y)} at ${cell(at)}.`,
      ];
  }
  if (x && x.numel === out.numel && x.shape.join() !== out.shape.join())
    return [`[${x.shape.join(', ')}] → [${out.shape.join(', ')}]: the same ${out.numel} values, reshaped.`];
  return [`out${cell(at)} = ${f(y)} (the largest value of batch element 0).`];
}

/** The `classes = [...]` (or CLASSES, labels) list of the file, when it is a list of strings. */
export function classLabels(file: PyModelFile): string[] | undefined {
  for (const name of ['classes', 'CLASSES', 'class_names', 'labels', 'LABELS']) {
    const v = file.globals.get(name);
    if (v?.k === 'tuple' && v.items.every((x) => x.k === 'str')) return v.items.map((x) => (x as { v: string }).v);
  }
  return undefined;
}

/** Logits of batch element 0 → softmax → the k most probable classes (labels from the file when it gives them). */
export function topK(output: Tensor, labels: string[] | undefined, k = 5): ClassScore[] {
  if (output.ndim !== 2) return [];
  const K = output.shape[1];
  const logits = Array.from(output.data.subarray(0, K));
  const max = Math.max(...logits);
  const exps = logits.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return logits
    .map((logit, index) => ({ index, label: labels?.[index] ?? `class ${index}`, logit, probability: exps[index] / sum }))
    .sort((a, b) => b.logit - a.logit)
    .slice(0, Math.min(k, K));
}
