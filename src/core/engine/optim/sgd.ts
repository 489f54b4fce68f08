// SGD exactly as torch.optim.SGD (1.13): weight decay, momentum with dampening, optional Nesterov.
import type { Tensor } from '../tensor';
import { Optimizer } from './optimizer';

export interface SgdOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
}

export class SGD extends Optimizer {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  private readonly buffers: (Float32Array | null)[];

  constructor(params: Iterable<Tensor>, opts: SgdOptions) {
    super(params);
    this.lr = opts.lr;
    this.momentum = opts.momentum ?? 0;
    this.dampening = opts.dampening ?? 0;
    this.weightDecay = opts.weightDecay ?? 0;
    this.nesterov = opts.nesterov ?? false;
    if (!(this.lr >= 0)) throw new RangeError(`Invalid learning rate: ${this.lr}`);
    if (!(this.momentum >= 0)) throw new RangeError(`Invalid momentum value: ${this.momentum}`);
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new RangeError('Nesterov momentum requires a momentum and zero dampening');
    }
    this.buffers = this.params.map(() => null);
  }

  step(): void {
    const { lr, momentum, dampening, weightDecay: wd, nesterov } = this;
    this.params.forEach((p, k) => {
      if (!p.grad) return;
      const g = p.grad.data,
        x = p.data;
      let buf = this.buffers[k];
      if (momentum === 0 && wd === 0) {
        // Plain SGD: the general loop below with its branches taken out (the same arithmetic, x[i] -= lr·g[i]).
        for (let i = 0; i < x.length; i++) x[i] -= lr * g[i];
        return;
      }
      const first = momentum !== 0 && !buf;
      if (first) buf = this.buffers[k] = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) {
        let d = wd !== 0 ? Math.fround(g[i] + wd * x[i]) : g[i];
        if (buf) {
          buf[i] = first ? d : buf[i] * momentum + (1 - dampening) * d;
          d = nesterov ? Math.fround(d + momentum * buf[i]) : buf[i];
        }
        x[i] -= lr * d;
      }
    });
  }
}
