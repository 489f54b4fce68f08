// Runs train_mini_batch.json's loop in the engine: Conv2d → BatchNorm2d → ReLU → MaxPool2d → Conv2d → ReLU →
// AdaptiveAvgPool2d → Flatten → Linear, batches in order, SGD with momentum and weight decay, cross-entropy.
import { crossEntropy, noGrad, nn, optim, tensor } from '../../../src/core/engine/index';

interface MiniBatchCase {
  images: { shape: number[]; data: number[] };
  labels: number[];
  initial_state: Record<string, { shape: number[]; data: number[] }>;
  batch_size: number;
  epochs: number;
  optimizer: { lr: number; momentum: number; weight_decay: number };
}

export function buildMiniBatchModel(): nn.Sequential {
  return new nn.Sequential(
    new nn.Conv2d(1, 4, 3, { padding: 1 }),
    new nn.BatchNorm2d(4),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Conv2d(4, 8, 3),
    new nn.ReLU(),
    new nn.AdaptiveAvgPool2d([2, 2]),
    new nn.Flatten(),
    new nn.Linear(32, 3),
  );
}

export function runMiniBatchTraining(c: MiniBatchCase): {
  losses: number[];
  finalState: Record<string, { shape: number[]; data: Float32Array }>;
  evalLogits: { shape: number[]; data: Float32Array };
} {
  const model = buildMiniBatchModel();
  model.loadStateDict(c.initial_state);
  const opt = new optim.SGD(model.parameters(), {
    lr: c.optimizer.lr,
    momentum: c.optimizer.momentum,
    weightDecay: c.optimizer.weight_decay,
  });
  const [n, ...rest] = c.images.shape;
  const per = rest.reduce((a, b) => a * b, 1);
  const losses: number[] = [];
  model.train();
  for (let epoch = 0; epoch < c.epochs; epoch++) {
    for (let start = 0; start < n; start += c.batch_size) {
      const end = Math.min(n, start + c.batch_size);
      const x = tensor(Float32Array.from(c.images.data.slice(start * per, end * per)), [end - start, ...rest]);
      const y = tensor(Float32Array.from(c.labels.slice(start, end)), [end - start]);
      opt.zeroGrad();
      const loss = crossEntropy(model.forward(x), y);
      loss.backward();
      opt.step();
      losses.push(loss.item());
    }
  }
  model.eval();
  const out = noGrad(() => model.forward(tensor(Float32Array.from(c.images.data), c.images.shape)));
  return { losses, finalState: model.stateDict(), evalLogits: { shape: [...out.shape], data: out.data } };
}
