// The explorer's inputs (ToTensor() convention, resize, normalise), its .npz writer, functional steps and train mode.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Tensor } from '../../../src/core/engine';
import { buildModel, runSteps } from '../../../src/core/explore/explore-model';
import { IMAGENET, readInputFile, readStateDictFile, resizeBilinear } from '../../../src/core/explore/inputs';
import { leafArrays } from '../../../src/core/explore/summary';
import { npzBytes } from '../../../src/core/tensor-files/npz-write';
import { MODELS_PY, caseBytes, inflate, readNpzArrays } from './golden-cases';

const FILES = path.resolve(__dirname, '..', 'files', 'fixtures');
const fixture = (n: string) => new Uint8Array(fs.readFileSync(path.join(FILES, n)));

describe('explorer inputs', () => {
  it('a PNG is ToTensor() with a batch dimension: 1×C×H×W, pixels / 255', async () => {
    const t = await readInputFile(fixture('rgb.png'));
    assert.deepEqual([...t.shape], [1, 3, 6, 8]);
    const want = JSON.parse(fs.readFileSync(path.join(FILES, 'expected.json'), 'utf8'))['rgb.png'].tensors.image.first as number[];
    want.forEach((x, i) => assert.equal(t.data[i], Math.fround(x), `[${i}]`));
  });

  it('a JPEG likewise (decoders may differ from PIL by a few levels in 255)', async () => {
    const t = await readInputFile(fixture('baseline.jpg'));
    const want = JSON.parse(fs.readFileSync(path.join(FILES, 'expected.json'), 'utf8'))['baseline.jpg'].tensors.image;
    assert.deepEqual([...t.shape], [1, ...want.shape]);
    (want.first as number[]).forEach((x, i) => assert.ok(Math.abs(t.data[i] - x) <= 4 / 255, `[${i}]`));
  });

  it("normalises with ImageNet's mean/std per channel in float32, as transforms.Normalize does", async () => {
    const t = await readInputFile(fixture('rgb.png'), { normalize: IMAGENET });
    // numpy float32: (ToTensor() − mean[c]) / std[c] for channel 0 at 0, 1, 47 and channel 1 at 0, 15.
    const at = [0, 1, 47, 48, 63];
    const want = [-2.1179039478302, -1.6041613817214966, 1.4782943725585938, -2.0357141494750977, -1.335434079170227];
    at.forEach((i, k) => assert.equal(t.data[i], Math.fround(want[k]), `[${i}]`));
  });

  it('resizes as F.interpolate(bilinear, align_corners=False): the 2×2 → 4×4 example of the PyTorch docs', () => {
    const out = resizeBilinear(Float32Array.from([1, 2, 3, 4]), 1, 2, 2, 4, 4);
    assert.deepEqual([...out], [1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4]);
  });

  it('a tensor file with several tensors needs the name of the one to use', async () => {
    await assert.rejects(readInputFile(caseBytes('lenet5_layers.npz'), { inflate }), /holds 6 tensors .*name the one to use/);
    const t = await readInputFile(caseBytes('lenet5_layers.npz'), { inflate, name: 'output' });
    assert.deepEqual([...t.shape], [1, 10]);
  });
});

describe('explorer steps', () => {
  it('TinyUNetUp: F.relu and torch.cat are steps with their outputs; cat joins the transposed conv and the input', async () => {
    const weights = await readStateDictFile(caseBytes('tiny_unet_up_state.pt'), inflate);
    const { net } = buildModel(MODELS_PY, 'TinyUNetUp', { weights });
    const x = await readInputFile(caseBytes('tiny_unet_up_input.npy'));
    const run = runSteps(net, x);
    assert.deepEqual(
      run.steps.map((s) => [s.kind, s.name, s.output.shape.join('x')]),
      [
        ['module', 'down', '1x8x8x8'],
        ['function', 'F.relu', '1x8x8x8'],
        ['module', 'up', '1x4x16x16'],
        ['function', 'torch.cat', '1x7x16x16'],
        ['module', 'head', '1x1x16x16'],
      ],
    );
    const cat = run.steps[3];
    assert.equal(cat.inputs[0], run.steps[2].output, 'cat is given the transposed conv output itself');
    assert.equal(cat.inputs[1], x);
    assert.deepEqual(cat.output.data.subarray(4 * 256), x.data, 'the input is channels 4–6 of the cat');
    for (const v of run.steps[1].output.data) assert.ok(v >= 0);
  });

  it('residual + is a step whose output is the sum of its two inputs (TinyResNet)', () => {
    const { net } = buildModel(MODELS_PY, 'TinyResNet');
    const x = new Tensor(
      Float32Array.from({ length: 3 * 8 * 8 }, (_, i) => Math.sin(i)),
      [1, 3, 8, 8],
    );
    const plus = runSteps(net, x).steps.filter((s) => s.kind === 'operator');
    assert.equal(plus.length, 2);
    for (const p of plus) p.output.data.forEach((v, i) => assert.equal(v, Math.fround(p.inputs[0].data[i] + p.inputs[1].data[i])));
  });

  it('eval mode by default (BatchNorm running statistics, Dropout off); train mode on request differs', async () => {
    const weights = await readStateDictFile(caseBytes('mnist_net_state.pt'), inflate);
    const { net } = buildModel(MODELS_PY, 'MnistNet', { weights });
    const x = await readInputFile(caseBytes('mnist_net_input.npy'));
    const evalRun = runSteps(net, x);
    const drop = evalRun.steps.find((s) => s.name === 'dropout1')!;
    assert.deepEqual(drop.output.data, drop.inputs[0].data, 'Dropout is the identity in eval mode');
    const trainRun = runSteps(net, x, { train: true });
    const tdrop = trainRun.steps.find((s) => s.name === 'dropout1')!;
    const zeros = tdrop.output.data.filter((v, i) => v === 0 && tdrop.inputs[0].data[i] !== 0).length;
    assert.ok(zeros > 0.1 * tdrop.output.numel, `Dropout(0.25) zeroes about a quarter in train mode (${zeros})`);
  });

  it('a seeded fresh init is reproducible and differs between seeds', () => {
    const x = new Tensor(new Float32Array(28 * 28).fill(0.5), [1, 1, 28, 28]);
    const out = (seed: number) => runSteps(buildModel(MODELS_PY, 'LeNet5', { seed }).net, x).output.data;
    assert.deepEqual(out(3), out(3));
    assert.notDeepEqual(out(3), out(4));
  });
});

describe('.npz writer', () => {
  it('round-trips through the .npz reader in order, with the goldens-explore key layout', async () => {
    const { net } = buildModel(MODELS_PY, 'LeNet5');
    const run = runSteps(net, new Tensor(new Float32Array(28 * 28).fill(1), [1, 1, 28, 28]));
    const arrays = leafArrays(run);
    const back = await readNpzArrays(npzBytes(arrays));
    assert.deepEqual([...back.keys()], ['000:conv1', '001:conv2', '002:fc1', '003:fc2', '004:fc3', 'output']);
    for (const a of arrays) assert.deepEqual(back.get(a.name)!.data, a.data);
  });
});

describe('explorer arithmetic', () => {
  it('-x, x * 2, x / 10.0 and x - y run on the values, each a step', () => {
    const text = `import torch.nn as nn


class Arith(nn.Module):
    def forward(self, x):
        y = -x
        z = y * 2 - x / 10.0
        return z
`;
    const { net } = buildModel(text, 'Arith');
    const x = new Tensor(Float32Array.from([1, -2, 3, 0.5]), [1, 4]);
    const run = runSteps(net, x);
    // -x is x · (−1); a root module without sub-modules is a leaf too (named '' as named_modules() names the root).
    assert.deepEqual(
      run.steps.map((s) => [s.kind, s.name]),
      [
        ['operator', '*'],
        ['operator', '*'],
        ['operator', '/'],
        ['operator', '-'],
        ['module', ''],
      ],
    );
    assert.deepEqual(
      [...run.output.data],
      [1, -2, 3, 0.5].map((v) => Math.fround(Math.fround(-v * 2) - Math.fround(v / 10))),
    );
  });
});
