// Element-wise activations with autograd, as F.*: leaky_relu, sigmoid, tanh, gelu (exact and tanh), elu, silu, relu6.
import { gradBuffer, record } from '../autograd';
import { valueError } from '../errors';
import { Tensor } from '../tensor';

/** Applies f element-wise; dfdx(x, y) is the local derivative from the input and output, as PyTorch's backward uses. */
function unary(x: Tensor, name: string, f: (v: number) => number, dfdx: (v: number, y: number) => number): Tensor {
  const src = x.data;
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
  return record(new Tensor(out, x.shape), name, [x], (g) => {
    const gx = gradBuffer(g.length);
    for (let i = 0; i < g.length; i++) gx[i] = g[i] * dfdx(src[i], out[i]);
    return [gx];
  });
}

export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return unary(
    x,
    'LeakyReluBackward0',
    (v) => (v > 0 ? v : v * negativeSlope),
    (v) => (v > 0 ? 1 : negativeSlope),
  );
}

export function sigmoid(x: Tensor): Tensor {
  return unary(
    x,
    'SigmoidBackward0',
    (v) => 1 / (1 + Math.exp(-v)),
    (_, y) => (1 - y) * y,
  );
}

export function tanh(x: Tensor): Tensor {
  return unary(x, 'TanhBackward0', Math.tanh, (_, y) => 1 - y * y);
}

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** GELU: x·Φ(x) ('none', PyTorch's default) or its tanh approximation ('tanh'). */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  if (approximate !== 'none' && approximate !== 'tanh') throw new Error(`approximate argument must be either none or tanh.`);
  if (approximate === 'tanh') {
    const inner = (v: number) => SQRT_2_OVER_PI * (v + 0.044715 * v * v * v);
    return unary(
      x,
      'GeluBackward0',
      (v) => 0.5 * v * (1 + Math.tanh(inner(v))),
      (v) => {
        const t = Math.tanh(inner(v));
        return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * v * v);
      },
    );
  }
  return unary(
    x,
    'GeluBackward0',
    (v) => 0.5 * v * (1 + erf(v * SQRT1_2)),
    (v) => 0.5 * (1 + erf(v * SQRT1_2)) + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v),
  );
}

export function elu(x: Tensor, alpha = 1): Tensor {
  return unary(
    x,
    'EluBackward0',
    (v) => (v > 0 ? v : alpha * Math.expm1(v)),
    (v) => (v > 0 ? 1 : alpha * Math.exp(v)),
  );
}

export function silu(x: Tensor): Tensor {
  return unary(
    x,
    'SiluBackward0',
    (v) => v / (1 + Math.exp(-v)),
    (v) => {
      const s = 1 / (1 + Math.exp(-v));
      return s * (1 + v * (1 - s));
    },
  );
}

/** min(max(x, 0), 6); the gradient passes strictly inside (0, 6) as hardtanh_backward. */
export function relu6(x: Tensor): Tensor {
  return unary(
    x,
    'HardtanhBackward0',
    (v) => (v <= 0 ? 0 : v >= 6 ? 6 : v),
    (v) => (v <= 0 || v >= 6 ? 0 : 1),
  );
}

/** Checks nn.Dropout / F.dropout's p. */
export function checkDropoutP(p: number): void {
  if (p < 0 || p > 1) throw valueError(`dropout probability has to be between 0 and 1, but got ${p}`);
}

/** erf in double precision: Taylor series below 3, Laplace's continued fraction for erfc above (|error| < 1e-15). */
export function erf(x: number): number {
  const a = Math.abs(x);
  if (Number.isNaN(x)) return x;
  let r: number;
  if (a < 3) {
    let term = a,
      sum = a;
    const x2 = a * a;
    for (let n = 1; n < 80; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    r = (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    let k = a;
    for (let n = 60; n >= 1; n--) k = a + n / 2 / k;
    r = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / k;
  }
  return x < 0 ? -r : r;
}
