// Reverse-mode autograd: each op records a GradFn (inputs + backward closure); backward() walks them in reverse topological order.
import type { Tensor } from './tensor';

export interface GradFn {
  /** PyTorch's name for the node, e.g. 'ConvolutionBackward0'. */
  readonly name: string;
  readonly inputs: readonly (Tensor | null)[];
  /** Gradient w.r.t. each input (null where an input needs none), given the gradient of the output. */
  backward(gradOutput: Float32Array): (Float32Array | null)[];
  /**
   * Optional faster form: adds the gradient of input j straight into `into[j]` (the leaf's existing .grad) where given,
   * returning null in that slot; other slots as backward().
   */
  backwardInto?(gradOutput: Float32Array, into: (Float32Array | null)[]): (Float32Array | null)[];
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
  backwardInto?: (gradOutput: Float32Array, into: (Float32Array | null)[]) => (Float32Array | null)[],
): Tensor {
  if (!gradEnabled) return out;
  for (let i = 0; i < inputs.length; i++) {
    const t = inputs[i];
    if (t && t.requiresGrad) {
      // One object shape for every node (backwardInto may be undefined): runBackward's property loads stay monomorphic.
      out.gradFn = { name, inputs, backward, backwardInto };
      out.requiresGrad = true;
      break;
    }
  }
  return out;
}

let epoch = 0;

// Gradient temporaries are recycled: each fresh Float32Array costs about a microsecond (backing store + GC tracking),
// and a training step would otherwise make several. Only arrays ops return from backward go through here.
const pool = new Map<number, Float32Array[]>();
const POOL_PER_SIZE = 4;

/** A buffer for a gradient an op's backward returns; contents are stale, the op must overwrite every element. */
export function gradBuffer(size: number): Float32Array {
  const list = pool.get(size);
  return list !== undefined && list.length > 0 ? list.pop()! : new Float32Array(size);
}

function recycle(buffers: Float32Array[]): void {
  // An array returned for two inputs must enter the pool once; a Set only for long lists (a short scan is cheaper).
  const seen = buffers.length > 16 ? new Set<Float32Array>() : null;
  for (let i = 0; i < buffers.length; i++) {
    const b = buffers[i];
    if (seen ? seen.has(b) : i > 0 && buffers.lastIndexOf(b, i - 1) >= 0) continue;
    seen?.add(b);
    let list = pool.get(b.length);
    if (!list) pool.set(b.length, (list = []));
    if (list.length < POOL_PER_SIZE) list.push(b);
  }
}

/** Propagates `grad` from `root` to every leaf that requires grad, accumulating into leaf.grad like PyTorch. */
export function runBackward(root: Tensor, grad: Float32Array, makeGrad: (data: Float32Array, like: Tensor) => Tensor): void {
  // Iterative DFS for a topological order; visit marks and pending gradients live on the tensors (no Map/Set per call).
  const mark = ++epoch;
  const order: Tensor[] = [];
  const nodes: Tensor[] = [root];
  const next: number[] = [0];
  root.visitMark = mark;
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const t = nodes[top];
    const inputs = t.gradFn ? t.gradFn.inputs : EMPTY;
    const i = next[top];
    if (i < inputs.length) {
      next[top] = i + 1;
      const input = inputs[i];
      if (input && input.requiresGrad && input.visitMark !== mark) {
        input.visitMark = mark;
        input.pendingGrad = null;
        nodes.push(input);
        next.push(0);
      }
    } else {
      nodes.pop();
      next.pop();
      order.push(t);
    }
  }
  root.pendingGrad = grad;
  const consumed: Float32Array[] = [];
  for (let k = order.length - 1; k >= 0; k--) {
    const t = order[k];
    const g = t.pendingGrad;
    if (!g) continue;
    t.pendingGrad = null;
    consumed.push(g);
    if (!t.gradFn) {
      if (t.grad) {
        const acc = t.grad.data;
        for (let j = 0; j < acc.length; j++) acc[j] += g[j];
      } else {
        t.grad = makeGrad(g.slice(), t);
      }
      continue;
    }
    const inputs = t.gradFn.inputs;
    let inputGrads: (Float32Array | null)[];
    if (t.gradFn.backwardInto) {
      // Leaves that already hold a .grad get their share added in place by the op.
      const into = inputs.map((x) => (x && x.requiresGrad && !x.gradFn && x.grad ? x.grad.data : null));
      inputGrads = t.gradFn.backwardInto(g, into);
    } else {
      inputGrads = t.gradFn.backward(g);
    }
    for (let j = 0; j < inputs.length; j++) {
      const input = inputs[j],
        ig = inputGrads[j];
      if (!input || !ig || !input.requiresGrad) continue;
      const prev = input.pendingGrad;
      if (!prev) input.pendingGrad = ig;
      else {
        // Fresh sum: backward functions may return aliased arrays (e.g. the same gradient for two inputs).
        const sum = prev.slice();
        for (let q = 0; q < sum.length; q++) sum[q] += ig[q];
        input.pendingGrad = sum;
        consumed.push(prev, ig);
      }
    }
  }
  // Leaf grads are copies and no op keeps the arrays it returned, so every consumed gradient is free again.
  recycle(consumed);
}

const EMPTY: readonly (Tensor | null)[] = [];
