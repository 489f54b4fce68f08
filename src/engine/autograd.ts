// Reverse-mode autograd: each op records a GradFn (inputs + backward closure); backward() walks them in reverse topological order.
import type { Tensor } from './tensor';

export interface GradFn {
  /** PyTorch's name for the node, e.g. 'ConvolutionBackward0'. */
  readonly name: string;
  readonly inputs: readonly (Tensor | null)[];
  /** Gradient w.r.t. each input (null where an input needs none), given the gradient of the output. */
  backward(gradOutput: Float32Array): (Float32Array | null)[];
}

let gradEnabled = true;

/** Runs `fn` without recording autograd nodes (torch.no_grad()). */
export function noGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** True if an op over these inputs must record a node. */
export function needsGrad(...inputs: (Tensor | null | undefined)[]): boolean {
  if (!gradEnabled) return false;
  for (const t of inputs) if (t && t.requiresGrad) return true;
  return false;
}

/** Attaches a backward node to `out` if any input requires grad. */
export function record(
  out: Tensor,
  name: string,
  inputs: (Tensor | null)[],
  backward: (gradOutput: Float32Array) => (Float32Array | null)[],
): Tensor {
  if (needsGrad(...inputs)) {
    out.gradFn = { name, inputs, backward };
    out.requiresGrad = true;
  }
  return out;
}

/** Propagates `grad` from `root` to every leaf that requires grad, accumulating into leaf.grad like PyTorch. */
export function runBackward(root: Tensor, grad: Float32Array, makeGrad: (data: Float32Array, like: Tensor) => Tensor): void {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  const stack: [Tensor, number][] = [[root, 0]];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [t, i] = top;
    const inputs = t.gradFn?.inputs ?? [];
    if (i < inputs.length) {
      top[1]++;
      const next = inputs[i];
      if (next && next.requiresGrad && !seen.has(next)) {
        seen.add(next);
        stack.push([next, 0]);
      }
    } else {
      stack.pop();
      order.push(t);
    }
  }
  const grads = new Map<Tensor, Float32Array>([[root, grad]]);
  for (let k = order.length - 1; k >= 0; k--) {
    const t = order[k];
    const g = grads.get(t);
    if (!g) continue;
    grads.delete(t);
    if (!t.gradFn) {
      if (t.grad) {
        const acc = t.grad.data;
        for (let j = 0; j < acc.length; j++) acc[j] += g[j];
      } else {
        t.grad = makeGrad(g.slice(), t);
      }
      continue;
    }
    const inputGrads = t.gradFn.backward(g);
    t.gradFn.inputs.forEach((input, j) => {
      const ig = inputGrads[j];
      if (!input || !ig || !input.requiresGrad) return;
      const prev = grads.get(input);
      if (!prev) grads.set(input, ig);
      else {
        // Fresh sum: backward functions may return aliased arrays (e.g. the same gradient for two inputs).
        const sum = prev.slice();
        for (let q = 0; q < sum.length; q++) sum[q] += ig[q];
        grads.set(input, sum);
      }
    });
  }
}
