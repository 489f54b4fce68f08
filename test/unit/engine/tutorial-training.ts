// Runs the tutorial's training loop (Conv2d(1,10,5,1) → ReLU → flatten → Linear(360,10), Adam, one-hot CE) from a golden case.
import { crossEntropy, noGrad, nn, optim, tensor } from '../../../src/core/engine/index';
import type { Tensor } from '../../../src/core/engine/index';

interface TrainCase {
  images: Record<string, number[][]>;
  labels?: Record<string, number>;
  initial_state: Record<string, { shape: number[]; data: number[] }>;
  epochs?: number;
  optimizer?: { lr?: number };
}

const ORDER = ['one_image_1', 'one_image_2', 'one_image_3', 'one_image_4', 'two_image_1'];

export interface TrainingResult {
  losses: number[];
  predictions: number[];
  /** Logits [1, 10] per image after training, in the golden's image order. */
  logits: Float32Array[];
  /** The state dict after training, under PyTorch's keys. */
  state: Record<string, { shape: number[]; data: Float32Array }>;
}

export function runTutorialTraining(c: TrainCase): TrainingResult {
  const conv1 = new nn.Conv2d(1, 10, 5, 1);
  const lin = new nn.Linear(360, 10);
  const model = new nn.Sequential(conv1, new nn.ReLU(), new nn.Flatten(), lin);
  const s = c.initial_state;
  conv1.loadStateDict({ weight: s['conv1.weight'], bias: s['conv1.bias'] });
  lin.loadStateDict({ weight: s['linear.weight'], bias: s['linear.bias'] });
  const opt = new optim.Adam(model.parameters(), { lr: c.optimizer?.lr ?? 0.01 });
  const names = ORDER.filter((n) => n in c.images);
  const images = names.map((n) => tensor(c.images[n]).view(1, 1, 10, 10));
  const labelOf = (n: string) => (n.startsWith('two') ? (c.labels?.two ?? 2) : (c.labels?.one ?? 1));
  const targets = names.map((n) => {
    const t = new Float32Array(10);
    t[labelOf(n)] = 1;
    return tensor(t, [1, 10]);
  });
  const losses: number[] = [];
  for (let epoch = 0; epoch < (c.epochs ?? 100); epoch++) {
    images.forEach((img, i) => {
      const out = model.forward(img);
      opt.zeroGrad();
      const loss = crossEntropy(out, targets[i]);
      loss.backward();
      opt.step();
      losses.push(loss.item());
    });
  }
  const outputs = noGrad(() => images.map((img) => model.forward(img)));
  const state: TrainingResult['state'] = {};
  for (const [prefix, m] of [
    ['conv1', conv1],
    ['linear', lin],
  ] as const) {
    for (const [k, v] of Object.entries(m.stateDict())) state[`${prefix}.${k}`] = v;
  }
  return { losses, predictions: outputs.map(argmax), logits: outputs.map((o) => o.data.slice()), state };
}

function argmax(t: Tensor): number {
  let best = 0;
  for (let i = 1; i < t.data.length; i++) if (t.data[i] > t.data[best]) best = i;
  return best;
}
