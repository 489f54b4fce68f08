// Tensor arithmetic the explorer runs without gradients: + − * / ** between tensors (broadcast as PyTorch does) and numbers.
import { Tensor } from '../engine';
import { Stop } from '../pymodel';
import { broadcastShape } from '../shapes/tensor-rules';

const OPS: Record<string, (x: number, y: number) => number> = {
  '+': (x, y) => x + y,
  '-': (x, y) => x - y,
  '*': (x, y) => x * y,
  '/': (x, y) => x / y,
  '**': (x, y) => x ** y,
};

/** `a op b` elementwise in float32; a number on either side is a scalar. */
export function elementwise(op: string, a: Tensor | number, b: Tensor | number, line: number): Tensor {
  const f = OPS[op];
  if (!f) throw new Stop(`the "${op}" operator on tensors`, line);
  const sa = typeof a === 'number' ? [] : a.shape;
  const sb = typeof b === 'number' ? [] : b.shape;
  const shape = broadcastShape(sa, sb);
  const n = shape.reduce((x, y) => x * y, 1);
  const out = new Float32Array(n);
  const index = indexer(sa, shape);
  const jndex = indexer(sb, shape);
  const da = typeof a === 'number' ? undefined : a.data;
  const db = typeof b === 'number' ? undefined : b.data;
  const fa = Math.fround(typeof a === 'number' ? a : 0);
  const fb = Math.fround(typeof b === 'number' ? b : 0);
  for (let i = 0; i < n; i++) out[i] = f(da ? da[index(i)] : fa, db ? db[jndex(i)] : fb);
  return new Tensor(out, shape);
}

/** Maps a flat index of the broadcast shape to the flat index of an operand of shape `s`. */
function indexer(s: readonly number[], shape: readonly number[]): (i: number) => number {
  if (s.length === shape.length && s.every((d, k) => d === shape[k])) return (i) => i;
  const offset = shape.length - s.length;
  const strides: number[] = new Array<number>(shape.length).fill(0);
  let acc = 1;
  for (let k = s.length - 1; k >= 0; k--) {
    strides[k + offset] = s[k] === 1 ? 0 : acc;
    acc *= s[k];
  }
  return (i) => {
    let j = 0;
    for (let k = shape.length - 1; k >= 0; k--) {
      const d = shape[k];
      j += (i % d) * strides[k];
      i = Math.floor(i / d);
    }
    return j;
  };
}
