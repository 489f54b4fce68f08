// Every case of the layers goldens ($TENSOR_LENS_GOLDENS_LAYERS or test/fixtures/goldens-layers) as its own named test.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { F, Tensor, nn, tensor } from '../../src/core/engine/index';
import { type JsonTensor, assertAllClose, toTensor } from './engine/golden-helpers';
import { runMiniBatchTraining } from './engine/mini-batch-training';
import { goldensLayersDir } from '../goldens';

type Case = Record<string, any>;

const dir = goldensLayersDir();

function load(file: string): { cases: Case[] } {
  const p = path.join(dir, file);
  assert.ok(fs.existsSync(p), `missing golden file ${p}`);
  return JSON.parse(fs.readFileSync(p, 'utf8'));
}

const state = (params: Record<string, JsonTensor>) => params as Record<string, { shape: number[]; data: number[] }>;

/** Runs one op case forward; returns the output, the inputs that need gradients and the parameters to check. */
function forward(c: Case, xs: Tensor[]): { y: Tensor; params: [Tensor | null, string][]; after?: () => void } {
  const a = c.args;
  switch (c.op) {
    case 'conv_transpose2d': {
      const m = new nn.ConvTranspose2d(a.in_channels, a.out_channels, a.kernel_size, {
        stride: a.stride,
        padding: a.padding,
        outputPadding: a.output_padding,
        dilation: a.dilation,
        groups: a.groups,
        bias: a.bias,
      });
      m.loadStateDict(state(c.params));
      return {
        y: m.forward(xs[0]),
        params: [
          [m.weight, 'weight'],
          [m.bias, 'bias'],
        ],
      };
    }
    case 'batch_norm2d': {
      const m = new nn.BatchNorm2d(a.num_features, { eps: a.eps, momentum: a.momentum, affine: a.affine });
      m.loadStateDict(state({ ...(c.params ?? {}), ...c.running_before }));
      m.train(a.training);
      const y = m.forward(xs[0]);
      const after = () => {
        assertAllClose(m.runningMean, c.running_after.running_mean, 'running_mean');
        assertAllClose(m.runningVar, c.running_after.running_var, 'running_var');
        assert.equal(m.numBatchesTracked!.data[0], a.training ? 1 : 0, 'num_batches_tracked');
      };
      return {
        y,
        params: [
          [m.weight, 'weight'],
          [m.bias, 'bias'],
        ],
        after,
      };
    }
    case 'avg_pool2d':
      return {
        y: new nn.AvgPool2d(a.kernel_size, a.stride, a.padding, a.ceil_mode, a.count_include_pad).forward(xs[0]),
        params: [],
      };
    case 'adaptive_avg_pool2d':
      return { y: new nn.AdaptiveAvgPool2d(a.output_size).forward(xs[0]), params: [] };
    case 'max_pool2d':
      return { y: new nn.MaxPool2d(a.kernel_size, a.stride, a.padding, a.dilation, a.ceil_mode).forward(xs[0]), params: [] };
    case 'leaky_relu':
      return { y: new nn.LeakyReLU(a.negative_slope).forward(xs[0]), params: [] };
    case 'sigmoid':
      return { y: new nn.Sigmoid().forward(xs[0]), params: [] };
    case 'tanh':
      return { y: new nn.Tanh().forward(xs[0]), params: [] };
    case 'gelu':
      return { y: new nn.GELU(a.approximate).forward(xs[0]), params: [] };
    case 'elu':
      return { y: new nn.ELU(a.alpha).forward(xs[0]), params: [] };
    case 'silu':
      return { y: new nn.SiLU().forward(xs[0]), params: [] };
    case 'relu6':
      return { y: new nn.ReLU6().forward(xs[0]), params: [] };
    case 'softmax':
      return { y: new nn.Softmax(a.dim).forward(xs[0]), params: [] };
    case 'log_softmax':
      return { y: new nn.LogSoftmax(a.dim).forward(xs[0]), params: [] };
    case 'log_softmax_nll_loss':
      return { y: new nn.NLLLoss().forward(F.log_softmax(xs[0], 1), toTensor(c.target)), params: [] };
    case 'mse_loss':
      return { y: new nn.MSELoss().forward(xs[0], toTensor(c.target)), params: [] };
    case 'add':
      return { y: F.add(xs[0], xs[1]), params: [] };
    case 'cat':
      return { y: F.cat(xs, a.dim), params: [] };
    case 'dropout': {
      const m = new nn.Dropout(a.p);
      m.train(a.training);
      return { y: m.forward(xs[0]), params: [] };
    }
    default:
      return assert.fail(`unknown op ${c.op}`);
  }
}

function runOpCase(c: Case): void {
  const xs = (c.inputs as JsonTensor[]).map((t) => toTensor(t, true));
  const { y, params, after } = forward(c, xs);
  assertAllClose(y, c.output, 'output');
  after?.();
  y.backward(toTensor(c.grad_output));
  (c.grad_inputs as (JsonTensor | null)[]).forEach((g, i) => {
    if (g) assertAllClose(xs[i].grad, g, `grad_inputs[${i}]`);
  });
  for (const [p, key] of params) {
    const expected = c.grad_params?.[key];
    if (expected) assertAllClose(p!.grad, expected, `grad_params.${key}`);
    else assert.ok(!p || !c.params?.[key], `${key}: no reference gradient`);
  }
}

function runTrainCase(c: Case): void {
  const result = runMiniBatchTraining(c as Parameters<typeof runMiniBatchTraining>[0]);
  assert.equal(result.losses.length, c.losses.length);
  c.losses.forEach((expected: number, i: number) => {
    const diff = Math.abs(result.losses[i] - expected);
    assert.ok(diff <= 1e-5, `loss at step ${i + 1}: got ${result.losses[i]}, expected ${expected} (|diff| ${diff})`);
  });
  for (const [key, t] of Object.entries(c.final_state as Record<string, JsonTensor>)) {
    assert.ok(result.finalState[key], `final_state.${key} missing`);
    assertAllClose(result.finalState[key].data, t, `final_state.${key}`);
  }
  assertAllClose(tensor(Float32Array.from(result.evalLogits.data), result.evalLogits.shape), c.eval_logits, 'eval_logits');
}

describe(`PyTorch layer goldens (${dir})`, () => {
  const layers = load('layers2.json');
  const training = load('train_mini_batch.json');
  it('has cases', () => {
    assert.ok(layers.cases.length > 0 && training.cases.length > 0);
  });
  describe('layers2.json', () => {
    for (const c of layers.cases) it(c.name, () => runOpCase(c));
  });
  describe('train_mini_batch.json', () => {
    for (const c of training.cases) {
      it(c.name, function () {
        this.timeout(60000);
        runTrainCase(c);
      });
    }
  });
});
