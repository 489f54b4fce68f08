// Adam exactly as torch.optim.Adam (1.13, single-tensor path): L2 weight decay, bias correction, eps after the sqrt.
import type { Tensor } from '../tensor';
import { adamState, noteAdamStep } from '../backend';
import { Optimizer } from './optimizer';

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
}

export class Adam extends Optimizer {
  readonly lr: number;
  readonly betas: [number, number];
  readonly eps: number;
  readonly weightDecay: number;
  private stepCount = 0;
  private readonly expAvg: Float32Array[];
  private readonly expAvgSq: Float32Array[];
  /** Moments in wasm memory and a SIMD update where WebAssembly is available; else the plain-JS loop below. */
  private readonly simd: ReturnType<typeof adamState>;

  constructor(params: Iterable<Tensor>, opts: AdamOptions = {}) {
    super(params);
    this.lr = opts.lr ?? 1e-3;
    this.betas = opts.betas ?? [0.9, 0.999];
    this.eps = opts.eps ?? 1e-8;
    this.weightDecay = opts.weightDecay ?? 0;
    if (!(this.lr >= 0)) throw new RangeError(`Invalid learning rate: ${this.lr}`);
    if (!(this.eps >= 0)) throw new RangeError(`Invalid epsilon value: ${this.eps}`);
    this.betas.forEach((b, i) => {
      if (!(b >= 0 && b < 1)) throw new RangeError(`Invalid beta parameter at index ${i}: ${b}`);
    });
    this.simd = adamState(this.params.map((p) => p.numel));
    this.expAvg = this.simd ? [] : this.params.map((p) => new Float32Array(p.numel));
    this.expAvgSq = this.simd ? [] : this.params.map((p) => new Float32Array(p.numel));
  }

  step(): void {
    this.stepCount++;
    const [b1, b2] = this.betas;
    const t = this.stepCount;
    const stepSize = this.lr / (1 - b1 ** t);
    const bc2Sqrt = Math.sqrt(1 - b2 ** t);
    const wd = this.weightDecay,
      eps = this.eps,
      c1 = 1 - b1,
      c2 = 1 - b2;
    noteAdamStep(this.simd !== null);
    if (this.simd) {
      for (let k = 0; k < this.params.length; k++) {
        const p = this.params[k];
        if (p.grad) this.simd.step(k, p.data, p.grad.data, { b1, b2, stepSize, bc2Sqrt, eps, wd });
      }
      return;
    }
    for (let k = 0; k < this.params.length; k++) {
      const p = this.params[k];
      if (!p.grad) continue;
      const g = p.grad.data,
        x = p.data,
        m = this.expAvg[k],
        v = this.expAvgSq[k];
      for (let i = 0; i < x.length; i++) {
        const gi = wd !== 0 ? Math.fround(g[i] + wd * x[i]) : g[i];
        // Moments are float32 tensors in PyTorch: round before use.
        const mi = Math.fround(m[i] * b1 + c1 * gi);
        const vi = Math.fround(v[i] * b2 + c2 * gi * gi);
        m[i] = mi;
        v[i] = vi;
        x[i] -= (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
      }
    }
  }
}
