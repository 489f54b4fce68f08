// dropout with autograd: identity in eval; in training a mask from the engine's seeded RNG (manualSeed), NOT PyTorch's RNG.
import { gradBuffer, record } from '../autograd';
import { random } from '../rng';
import { Tensor } from '../tensor';
import { checkDropoutP } from './activations';

/** F.dropout(x, p, training): zeroes each element with probability p and scales the rest by 1/(1−p). */
export function dropout(x: Tensor, p = 0.5, training = true): Tensor {
  checkDropoutP(p);
  if (!training || p === 0) return x;
  const scale = p === 1 ? 0 : 1 / (1 - p);
  const mask = new Float32Array(x.numel);
  for (let i = 0; i < mask.length; i++) mask[i] = random() < p ? 0 : scale;
  const out = new Float32Array(x.numel);
  for (let i = 0; i < out.length; i++) out[i] = x.data[i] * mask[i];
  return record(new Tensor(out, x.shape), 'MulBackward0', [x], (g) => {
    const gx = gradBuffer(g.length);
    for (let i = 0; i < g.length; i++) gx[i] = g[i] * mask[i];
    return [gx];
  });
}
