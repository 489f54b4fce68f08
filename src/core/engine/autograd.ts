// Reverse-mode autograd as in micrograd: ops record a GradFn on their output; backward() orders the graph topologically
// and walks it from the output back, accumulating each tensor's gradient before passing it on to that tensor's inputs.
import type { GradFn, GradNode } from './autograd-types';
import { gradBuffer, recycleGrads } from './memory';

export type { GradFn, GradNode } from './autograd-types';
/** Kept here too: ops ask autograd for the buffers their backward returns. */
export { gradBuffer };

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
export function needsGrad(...inputs: (GradNode | null | undefined)[]): boolean {
  if (!gradEnabled) return false;
  return inputs.some((t) => t?.requiresGrad);
}

/** Attaches a backward node to `out` if any input requires grad. */
export function record<T extends GradNode>(
  out: T,
  name: string,
  inputs: (GradNode | null)[],
  backward: GradFn['backward'],
  backwardInto?: GradFn['backwardInto'],
): T {
  if (!gradEnabled || !inputs.some((t) => t?.requiresGrad)) return out;
  // One object shape for every node (backwardInto may be undefined): the walk's property loads stay monomorphic.
  out.gradFn = { name, inputs, backward, backwardInto };
  out.requiresGrad = true;
  return out;
}

/** Every tensor `root` depends on through inputs that require grad, each after all the tensors it feeds (root first). */
function topologicalOrder(root: GradNode): GradNode[] {
  const order: GradNode[] = [];
  const visited = new Set<GradNode>([root]);
  // Depth-first with an explicit stack (a deep graph must not overflow the call stack): [node, next input to visit].
  const stack: [GradNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const inputs = top[0].gradFn?.inputs ?? [];
    const input = inputs[top[1]++];
    if (top[1] > inputs.length) {
      stack.pop();
      order.push(top[0]);
    } else if (input && input.requiresGrad && !visited.has(input)) {
      visited.add(input);
      stack.push([input, 0]);
    }
  }
  return order.reverse();
}

/** Propagates `grad` from `root` to every leaf that requires grad, accumulating into leaf.grad like PyTorch. */
export function runBackward(
  root: GradNode,
  grad: Float32Array,
  makeGrad: (data: Float32Array, like: GradNode) => NonNullable<GradNode['grad']>,
): void {
  const grads = new Map<GradNode, Float32Array>([[root, grad]]);
  const consumed: Float32Array[] = [];
  for (const t of topologicalOrder(root)) {
    const g = grads.get(t);
    if (!g) continue;
    consumed.push(g);
    if (!t.gradFn) {
      // A leaf: accumulate into .grad (a copy, so the walk may recycle g).
      if (t.grad) add(t.grad.data, g);
      else t.grad = makeGrad(g.slice(), t);
      continue;
    }
    const { inputs, backward, backwardInto } = t.gradFn;
    // Leaves that already hold a .grad can get their share added in place by the op, saving a buffer and a pass.
    const inputGrads = backwardInto
      ? backwardInto(
          g,
          inputs.map((x) => (x && x.requiresGrad && !x.gradFn && x.grad ? x.grad.data : null)),
        )
      : backward(g);
    for (let j = 0; j < inputs.length; j++) {
      const input = inputs[j],
        ig = inputGrads[j];
      if (!input || !ig || !input.requiresGrad) continue;
      const prev = grads.get(input);
      if (!prev) {
        grads.set(input, ig);
        continue;
      }
      // A fresh sum: backward functions may return one array for two inputs.
      const sum = prev.slice();
      add(sum, ig);
      grads.set(input, sum);
      consumed.push(prev, ig);
    }
  }
  // Leaf grads are copies and no op keeps the arrays it returned, so every consumed gradient is free again.
  recycleGrads(consumed);
}

function add(acc: Float32Array, g: Float32Array): void {
  for (let i = 0; i < acc.length; i++) acc[i] += g[i];
}
