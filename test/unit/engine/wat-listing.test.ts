// Each generated WebAssembly kernel has a WAT-style listing with named locals, snapshotted so a reviewer reads what runs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { convFunctions } from '../../../src/core/engine/wasm/conv-kernels';
import { encodeModule, watListing } from '../../../src/core/engine/wasm/encoder';
import { axpyRowsKernel, linearFunctions } from '../../../src/core/engine/wasm/linear-simd';
import { adamBody } from '../../../src/core/engine/wasm/optim-simd';

const modules = {
  'conv-simd': convFunctions(false),
  'conv-relaxed-simd': convFunctions(true),
  'linear-simd': linearFunctions(),
  'adam-simd': [{ name: 'adam', body: adamBody() }],
};

describe('WebAssembly kernels: WAT listings', () => {
  for (const [name, funcs] of Object.entries(modules)) {
    it(`${name}: the listing matches its snapshot (TENSOR_LENS_UPDATE_SNAPSHOTS=1 rewrites it)`, () => {
      const file = path.join(__dirname, 'fixtures', 'wat', `${name}.wat`);
      const text = watListing(funcs);
      if (process.env.TENSOR_LENS_UPDATE_SNAPSHOTS) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
      }
      assert.equal(text, fs.readFileSync(file, 'utf8'));
    });
  }

  it('names every local in the conv tile (no bare indices) and the relaxed tile uses relaxed_madd', () => {
    const text = watListing(modules['conv-relaxed-simd']);
    assert.match(text, /\(local \$acc0 v128\)/);
    assert.match(text, /local\.get \$xa/);
    assert.match(text, /f32x4\.relaxed_madd/);
    assert.doesNotMatch(watListing(modules['conv-simd']), /relaxed/);
    assert.doesNotMatch(text, /local\.get \d/);
  });

  it('the listing has one instruction per line and an end for every block and loop', () => {
    const funcs = [axpyRowsKernel()];
    const bytes = encodeModule(funcs);
    assert.ok(bytes.length > 50);
    const body = funcs[0].body;
    assert.equal(body.text.length, body.text.filter((l) => l.trim().length > 0).length);
    assert.equal(body.text.filter((l) => /^\s*(block|loop)$/.test(l)).length, body.text.filter((l) => /^\s*end$/.test(l)).length);
  });
});
