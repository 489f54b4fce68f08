// The golden tests' derived bounds still catch real errors: a conv output off by 1e-4, a loss off by 5e-6, a trained tensor off.
import * as assert from 'node:assert/strict';
import { assertReductionCase, gamma, reductionBound, runConv } from './golden-bounds';
import {
  type JsonTensor,
  assertLosses,
  assertTrainingMatches,
  float64Twin,
  goldensDir,
  loadGoldenFiles,
  readGolden,
  seedGoldenDirs,
} from './golden-helpers';
import { runTutorialTraining, type TrainingResult } from './tutorial-training';

type Case = Record<string, any>;
const convOpts = (a: Case) => ({
  stride: a.stride,
  padding: a.padding,
  dilation: a.dilation,
  groups: a.groups,
  paddingMode: a.padding_mode,
});
const withData = (t: JsonTensor, i: number, delta: number): JsonTensor => ({
  shape: t.shape,
  data: t.data.map((v, j) => (j === i ? v + delta : v)),
});

describe('golden bounds: derived from the computation, and tight enough to catch errors', () => {
  it('reductionBound is 2·γ_K·Σ|terms|·(1 + γ_K) with γ_K = K·u/(1 − K·u), u = 2⁻²⁴', () => {
    const u = 2 ** -24;
    assert.equal(gamma(1), u / (1 - u));
    assert.equal(reductionBound(76, 5), 2 * ((76 * u) / (1 - 76 * u)) * 5 * (1 + (76 * u) / (1 - 76 * u)));
    assert.equal(reductionBound(10, 0), 0, 'a sum of exact zeros must match exactly');
  });

  for (const dir of [goldensDir(), ...seedGoldenDirs()]) {
    it(`every conv2d case of ${dir.split(/[\\/]/).pop()} fails when one output is off by 1e-4 (the element with the loosest bound)`, function () {
      this.timeout(60000);
      const cases = loadGoldenFiles(dir).find((f) => f.file === 'conv2d.json')!.json.cases as Case[];
      assert.ok(cases.length > 60);
      for (const c of cases) {
        const run = (f: (v: number) => number) => runConv(c, convOpts(c.args), f);
        const got = run((v) => v);
        assertReductionCase(c, run, got); // the unperturbed case passes …
        const counts = run(() => 1).output!,
          sums = run(Math.abs).output!;
        let worst = 0;
        for (let i = 1; i < counts.length; i++)
          if (reductionBound(counts[i], sums[i]) > reductionBound(counts[worst], sums[worst])) worst = i;
        for (const delta of [1e-4, -1e-4]) {
          const bad = { ...c, output: withData(c.output, worst, delta) };
          assert.throws(() => assertReductionCase(bad, run, got), /output\[/, `${c.name}: output[${worst}] off by ${delta} passed`);
        }
      }
    });
  }

  it('the shared grad_weight check is per element: one gradient off by 10× its own bound fails', () => {
    const c = (readGolden('conv2d.json').cases as Case[]).find((k) => k.args.padding_mode === 'reflect')!;
    const run = (f: (v: number) => number) => runConv(c, convOpts(c.args), f);
    const bound = reductionBound(run(() => 1).grad_weight![0], run(Math.abs).grad_weight![0]);
    assert.ok(bound > 0);
    assert.throws(() => assertReductionCase({ ...c, grad_weight: withData(c.grad_weight, 0, 10 * bound) }, run), /grad_weight\[0\]/);
  });

  describe('the 500-step training run', () => {
    const golden = readGolden('train_seed_cnn.json').cases[0] as Parameters<typeof assertTrainingMatches>[1] & Case;
    let result: TrainingResult;
    before(function () {
      this.timeout(60000);
      result = runTutorialTraining(golden as unknown as Parameters<typeof runTutorialTraining>[0]);
      assertTrainingMatches(result, golden);
    });

    for (const step of [0, 250, 499]) {
      it(`fails when PyTorch's loss at step ${step + 1} is moved by 5e-6`, () => {
        for (const delta of [5e-6, -5e-6]) {
          const losses = golden.losses.map((l: number, i: number) => (i === step ? l + delta : l));
          assert.throws(() => assertLosses(result.losses, losses), new RegExp(`loss at step ${step + 1}:`));
          assert.throws(() => assertTrainingMatches(result, { ...golden, losses }), /loss at step/);
        }
      });
    }

    // The engine's answer is what moves here: moving the golden would move its measured drift with it.
    it("fails when the engine's final logit is off by 3× the drift + 1e-4, or a tensor that did not drift (linear.bias) by 1e-4", () => {
      const twin = float64Twin(golden);
      const d = Math.max(...golden.final_logits[0].data.map((v: number, i: number) => Math.abs(v - twin.final_logits_float64[0].data[i])));
      for (const delta of [3 * d + 1e-4, -3 * d - 1e-4]) {
        const logits = result.logits.map((t, i) => (i === 0 ? Float32Array.from(t, (v, j) => (j === 0 ? v + delta : v)) : t));
        assert.throws(() => assertTrainingMatches({ ...result, logits }, golden), /final_logits\[0\]\[0\]/);
      }
      const bias = result.state['linear.bias'];
      const state = {
        ...result.state,
        'linear.bias': { shape: bias.shape, data: Float32Array.from(bias.data, (v, j) => (j === 3 ? v + 1e-4 : v)) },
      };
      assert.throws(() => assertTrainingMatches({ ...result, state }, golden), /final_state linear\.bias\[3\]/);
    });
  });
});
