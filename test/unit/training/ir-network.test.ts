// Engine models built from the pymodel IR run the golden models of models.py (LeNet-5, MNIST Net, a small ResNet with
// residual +, a U-Net step with ConvTranspose2d and torch.cat) to PyTorch's output shapes and exact errors.
import assert from 'node:assert/strict';
import { TorchError, manualSeed, noGrad, zeros } from '../../../src/core/engine';
import { IrNetwork } from '../../../src/core/explore/ir-network';
import { MODELS_PY, MODEL_CASES } from '../shapes/golden-models';

describe('IrNetwork: models.py on the engine', () => {
  it('has the golden model cases', () => assert.ok(MODEL_CASES.length >= 5));
  for (const c of MODEL_CASES) {
    it(`${c.name}: ${c.error ? c.error.message : `output [${c.output_shape!.join(', ')}]`}`, () => {
      manualSeed(0);
      const args = c.name === 'mnist_net_wrong_fc1' ? [{ k: 'int' as const, v: 9200 }] : [];
      const net = IrNetwork.fromSource(MODELS_PY, c.model, args);
      net.train(false);
      let got: { shape?: number[]; error?: { type: string; message: string } };
      try {
        got = { shape: [...noGrad(() => net.forward(zeros(c.input_shape))).shape] };
      } catch (e) {
        if (!(e instanceof TorchError)) throw e;
        got = { error: { type: e.type, message: e.message } };
      }
      if (c.error) assert.deepEqual(got, { error: c.error });
      else assert.deepEqual(got, { shape: c.output_shape });
    });
  }

  it('names parameters and buffers as PyTorch state_dict does, in named_parameters order', () => {
    const net = IrNetwork.fromSource(MODELS_PY, 'TinyResNet');
    const keys = net.parameters.map((p) => p.key);
    assert.equal(keys[0], 'stem.0.weight');
    assert.ok(keys.includes('layer2.shortcut.0.weight'), keys.join(', '));
    assert.ok(net.buffers.some((b) => b.key === 'stem.1.running_mean'));
    assert.ok(net.buffers.some((b) => b.key.endsWith('num_batches_tracked')));
  });
});
