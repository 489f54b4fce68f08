// Loading PyTorch state dicts (goldens, nested lists) with clear errors, and exporting weights as JSON and a Python snippet.
import assert from 'node:assert/strict';
import { parseStateDict, pythonPath, stateDictToJson, stateDictToPython } from '../../../src/training/state-dict';
import { tutorialModel } from '../../../src/training/tutorial';
import { readGoldenText } from '../../goldens';

const goldenText = readGoldenText('train_seed_cnn.json');
const golden = JSON.parse(goldenText).cases[0];

describe('state dicts', () => {
  it("reads the goldens file's initial_state and a bare nested-list state dict", () => {
    const r = parseStateDict(goldenText, tutorialModel());
    assert.ok('state' in r, JSON.stringify(r));
    assert.deepEqual(r.state['linear.weight'].shape, [10, 360]);
    assert.deepEqual(r.state['conv1.bias'].data, golden.initial_state['conv1.bias'].data);
    const nested = {
      'conv1.weight': Array.from({ length: 10 }, () => [Array.from({ length: 5 }, () => [0, 1, 2, 3, 4])]),
      'conv1.bias': Array(10).fill(0.5),
      'linear.weight': Array.from({ length: 10 }, () => Array(360).fill(0)),
      'linear.bias': Array(10).fill(0),
    };
    const n = parseStateDict(JSON.stringify(nested), tutorialModel());
    assert.ok('state' in n);
    assert.deepEqual(n.state['conv1.weight'].shape, [10, 1, 5, 5]);
    assert.deepEqual(n.state['conv1.weight'].data.slice(0, 6), [0, 1, 2, 3, 4, 0]);
  });

  it('says what is wrong with a file that does not fit the model', () => {
    const err = (json: string) => {
      const r = parseStateDict(json, tutorialModel());
      assert.ok('error' in r);
      return r.error;
    };
    assert.match(err('{'), /^not valid JSON/);
    assert.match(err('[1, 2]'), /no state dict found/);
    const state = structuredClone(golden.initial_state);
    delete state['linear.bias'];
    assert.match(err(JSON.stringify(state)), /no "linear\.bias" \(expected shape \[10\]\)/);
    state['linear.bias'] = { shape: [5], data: [0, 0, 0, 0, 0] };
    assert.match(err(JSON.stringify(state)), /"linear\.bias" has shape \[5\] but the model needs \[10\]/);
    state['linear.bias'] = [[1, 2], [3]];
    assert.match(err(JSON.stringify(state)), /"linear\.bias": nested lists must be rectangular/);
  });

  it('exports JSON that reads back bit-exactly and Python that assigns every parameter', () => {
    const state = golden.final_state;
    const back = parseStateDict(stateDictToJson(state), tutorialModel());
    assert.ok('state' in back);
    for (const key of Object.keys(state)) {
      assert.deepEqual(Float32Array.from(back.state[key].data), Float32Array.from(state[key].data), key);
    }
    const py = stateDictToPython(state, tutorialModel());
    for (const key of ['conv1.weight', 'conv1.bias', 'linear.weight', 'linear.bias'])
      assert.ok(py.includes(`model.${key}.data = torch.tensor(`), key);
    const numbers = (
      py
        .split('model.conv1.bias.data = torch.tensor(')[1]
        .split(')')[0]
        .match(/-?[\d.]+(?:e[-+]?\d+)?/g) ?? []
    ).map(Number);
    assert.deepEqual(Float32Array.from(numbers), Float32Array.from(state['conv1.bias'].data));
    assert.equal(pythonPath('features.0.weight'), '.features[0].weight');
  });
});
