// Shape flow through the goldens' whole models (models.py) against PyTorch's model_shapes.json: every leaf module's
// output in order, the final shape or PyTorch's exact error on the right line, hints per forward line, parameter counts.
import assert from 'node:assert/strict';
import { readModelFile, instantiate, int } from '../../../src/core/pymodel';
import { analyzeFile, modelSummary, trace } from '../../../src/core/shapes';
import { MODELS_PY, MODEL_CASES, constructorArgs, type ModelCase } from './golden-models';

/** sum(p.numel() for p in model.parameters()) printed by PyTorch 1.13 for each model of models.py. */
const PYTORCH_PARAMETERS: Record<string, number> = {
  LeNet5: 61706,
  MnistNet: 1199882,
  'MnistNet(9200)': 1197834,
  TinyResNet: 19994,
  TinyUNetUp: 364,
};

/** The statement PyTorch's traceback ends on for each failing case (the call of the layer or op that raised). */
const FAILING_STATEMENT: Record<string, string> = {
  lenet5_wrong_input_32x32: 'x = F.relu(self.fc1(x))',
  mnist_net_wrong_fc1: 'x = self.fc1(x)',
  tiny_unet_up_odd: 'return self.head(torch.cat([u, x], dim=1))',
};

const lines = MODELS_PY.split('\n');

/** 1-based line of `text` inside class `cls` of models.py. */
function lineIn(cls: string, text: string): number {
  const start = lines.findIndex((l) => l.startsWith(`class ${cls}(`));
  const i = lines.findIndex((l, k) => k > start && l.trim() === text);
  assert.ok(start >= 0 && i > start, `"${text}" in class ${cls}`);
  return i + 1;
}

/** Lines of the class's forward like `x = self.conv1(x)`: the module they call and the name they bind. */
function moduleCallLines(cls: string): Array<{ line: number; name: string; module: string }> {
  const start = lines.findIndex((l) => l.startsWith(`class ${cls}(`));
  const out: Array<{ line: number; name: string; module: string }> = [];
  for (let k = start + 1; k < lines.length && !lines[k].startsWith('class '); k++) {
    const m = /^\s+(\w+) = self\.(\w+)\(\w+\)$/.exec(lines[k]);
    if (m) out.push({ line: k + 1, name: m[1], module: m[2] });
  }
  return out;
}

const fileFor = (c: ModelCase): string =>
  `${MODELS_PY}\n\nmodel = ${c.model}(${constructorArgs(c)})\nout = model(torch.zeros(${c.input_shape.join(', ')}))\n`;

describe('shape flow through the golden models (model_shapes.json)', () => {
  for (const c of MODEL_CASES) {
    const label = `${c.model}(${constructorArgs(c)}) on ${c.input_shape.join('×')}`;

    it(`${c.name}: ${label} — every leaf module's output shape in order, then ${c.error ? 'the exact error' : `[${c.output_shape}]`}`, () => {
      const file = readModelFile(MODELS_PY);
      const args = constructorArgs(c) ? [int(Number(constructorArgs(c)))] : [];
      const result = trace(file, instantiate(file, c.model, args), [{ k: 'tensor', shape: c.input_shape }]);
      assert.deepEqual(
        result.leafOutputs.map((l) => ({ module: l.path, type: l.type, output_shape: l.outputShape })),
        c.module_outputs,
      );
      assert.equal(result.stop, undefined);
      if (c.error) {
        assert.equal(result.output, undefined);
        assert.deepEqual({ type: result.error?.type, message: result.error?.message }, c.error);
        assert.equal(result.error?.line, lineIn(c.model, FAILING_STATEMENT[c.name]));
      } else {
        assert.equal(result.error, undefined);
        assert.deepEqual(result.output, { k: 'tensor', shape: c.output_shape });
      }
    });

    it(`${c.name}: written out as a file that calls ${label} — hints per forward line, CodeLens figures, the diagnostic`, () => {
      const report = analyzeFile(fileFor(c));
      const model = report.models.find((m) => m.className === c.model)!;
      assert.deepEqual(model.input, {
        shape: c.input_shape,
        source: 'file',
        label: `model(torch.zeros(${c.input_shape.join(', ')})) on line ${lines.length + 3}`,
      });
      assert.equal(model.parameters, PYTORCH_PARAMETERS[constructorArgs(c) ? `${c.model}(${constructorArgs(c)})` : c.model]);
      const ran = new Map(c.module_outputs.map((o) => [o.module, o.output_shape]));
      const calls = moduleCallLines(c.model);
      assert.ok(calls.length > 0 || c.model === 'LeNet5' || c.model === 'TinyUNetUp');
      for (const call of calls) {
        // A container (stem, layer1) is not a leaf: its last leaf's output stands in for it. In these models what follows
        // that leaf inside the container (a ReLU after the residual add) keeps the shape.
        const under = c.module_outputs.filter((o) => o.module.startsWith(`${call.module}.`));
        const shape = ran.get(call.module) ?? under[under.length - 1]?.output_shape;
        const hint = report.hints.get(call.line);
        if (shape) assert.deepEqual(hint, [`${call.name}: [${shape.join(', ')}]`], `line ${call.line}`);
        else assert.equal(hint, undefined, `no hint after the failure, line ${call.line}`);
      }
      if (c.error) {
        const line = lineIn(c.model, FAILING_STATEMENT[c.name]);
        assert.deepEqual({ type: model.error?.type, message: model.error?.message, line: model.error?.line }, { ...c.error, line });
        assert.equal(report.hints.get(line), undefined);
        assert.equal(model.output, undefined);
      } else {
        assert.equal(model.error, undefined);
        assert.equal(model.output, `[${c.output_shape!.join(', ')}]`);
        const ret = lines.findIndex((l, k) => k + 1 > model.forwardLine! && l.trim().startsWith('return ')) + 1;
        assert.deepEqual(report.hints.get(ret), [`→ [${c.output_shape!.join(', ')}]`]);
      }
    });
  }

  it('BasicBlock (needs constructor arguments) shows the shapes of its first use, layer1 of TinyResNet', () => {
    const c = MODEL_CASES.find((x) => x.name === 'tiny_resnet')!;
    const report = analyzeFile(fileFor(c));
    const block = report.models.find((m) => m.className === 'BasicBlock')!;
    assert.match(block.notRun!, /needs constructor arguments \('cin' and 'cout'\)/);
    assert.equal(
      modelSummary(block),
      "$(symbol-ruler) shapes as layer1 of TinyResNet (needs constructor arguments ('cin' and 'cout') to run alone)",
    );
    const shape = c.module_outputs.find((o) => o.module === 'layer1.bn2')!.output_shape;
    assert.deepEqual(report.hints.get(lineIn('BasicBlock', 'out = out + self.shortcut(x)')), [`out: [${shape.join(', ')}]`]);
    assert.deepEqual(report.hints.get(lineIn('BasicBlock', 'return F.relu(out)')), [`→ [${shape.join(', ')}]`]);
  });

  it('the wrong-fc1 variant: the Quick Fix edits the 9200 the file wrote, to the 9216 PyTorch saw', () => {
    const c = MODEL_CASES.find((x) => x.name === 'mnist_net_wrong_fc1')!;
    const text = fileFor(c);
    const fix = analyzeFile(text).models.find((m) => m.className === 'MnistNet')!.error!.fix!;
    assert.equal(text.slice(fix.start, fix.end), '9200');
    assert.equal(fix.title, 'Change in_features to 9216');
    const fixed = text.slice(0, fix.start) + fix.newText + text.slice(fix.end);
    const after = analyzeFile(fixed).models.find((m) => m.className === 'MnistNet')!;
    assert.equal(after.error, undefined);
    assert.equal(after.output, '[4, 10]');
  });
});
