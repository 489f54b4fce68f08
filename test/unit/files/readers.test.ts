// Every fixture written by numpy / PyTorch / PIL opens with the shapes, dtypes and values its generator recorded.
import { strict as assert } from 'node:assert';
import { close, EXPECTED, openFixture, type Described } from './helpers';
import type { TensorFile } from '../../../src/core/tensor-files/open-tensor-file';

const DTYPE_NAMES: Record<string, string> = {
  '<f2': 'float16',
  '<f4': 'float32',
  '<f8': 'float64',
  '>f4': 'float32',
  '>f2': 'float16',
  '>f8': 'float64',
  '|i1': 'int8',
  '<i2': 'int16',
  '<i4': 'int32',
  '<i8': 'int64',
  '>i4': 'int32',
  '|u1': 'uint8',
  '<u2': 'uint16',
  '<u4': 'uint32',
  '<u8': 'uint64',
  '|b1': 'bool',
  F64: 'float64',
  F32: 'float32',
  F16: 'float16',
  BF16: 'bfloat16',
  I64: 'int64',
  I32: 'int32',
  I16: 'int16',
  I8: 'int8',
  U8: 'uint8',
  BOOL: 'bool',
};

async function checkAll(name: string, file: TensorFile, tensors: Record<string, Described>, exact: boolean): Promise<void> {
  assert.deepEqual(file.entries.map((e) => e.name).sort(), Object.keys(tensors).sort(), `${name}: tensor names`);
  for (const entry of file.entries) {
    const want = tensors[entry.name];
    assert.deepEqual(entry.shape, want.shape, `${name}/${entry.name} shape`);
    assert.equal(entry.dtype, DTYPE_NAMES[want.dtype] ?? want.dtype, `${name}/${entry.name} dtype`);
    const values = await file.read(entry);
    assert.equal(values.length, entry.numel);
    const ref = want.values ?? want.first ?? [];
    for (let i = 0; i < ref.length; i++) {
      const ok = exact ? values[i] === ref[i] : close(values[i], ref[i]);
      assert.ok(ok, `${name}/${entry.name}[${i}]: ${values[i]} vs ${ref[i]}`);
    }
    let sum = 0;
    for (const v of values) sum += v;
    // Values are float32; their sum may differ from float64 sums by about one float32 ulp per element.
    assert.ok(close(sum, want.sum, 1e-6 + 1e-7 * values.length, 1e-9), `${name}/${entry.name} sum ${sum} vs ${want.sum}`);
  }
}

describe('tensor files: fixtures written by numpy, PyTorch and PIL', () => {
  const readable = Object.entries(EXPECTED).filter(([, e]) => e.tensors && !e.format?.startsWith('image'));
  for (const [name, exp] of readable) {
    it(`${name} (${exp.format}) opens with the recorded names, shapes, dtypes and exact values`, async () => {
      const file = await openFixture(name);
      assert.equal(file.format, exp.format);
      // Every dtype converts exactly (f16/bf16 widen exactly; int64 fixtures stay within 2^53).
      await checkAll(name, file, exp.tensors!, true);
      if (exp.metadata) assert.deepEqual(file.metadata, exp.metadata);
    });
  }

  it('a Fortran-order .npy is read in C order and a 0-d array has shape []', async () => {
    const f = await openFixture('fortran.npy');
    assert.deepEqual(Array.from(await f.read(f.entries[0])).slice(0, 4), EXPECTED['fortran.npy'].tensors![''].values!.slice(0, 4));
    const s = await openFixture('scalar.npy');
    assert.deepEqual(s.entries[0].shape, []);
    assert.deepEqual(Array.from(await s.read(s.entries[0])), [3.25]);
  });

  it('views of one shared storage (transpose, row, column, strided slice) read the right elements', async () => {
    const f = await openFixture('checkpoint.pth');
    const get = async (n: string) => Array.from(await f.read(f.entries.find((e) => e.name === n)!));
    const w = await get('model.w');
    const wt = await get('model.wt');
    for (let i = 0; i < 4; i++) for (let j = 0; j < 6; j++) assert.equal(wt[j * 4 + i], w[i * 6 + j]);
    assert.deepEqual(
      await get('model.col'),
      [0, 1, 2, 3].map((i) => w[i * 6 + 1]),
    );
    assert.deepEqual(await get('model.sl'), [w[6], w[8], w[10], w[12], w[14], w[16]]);
  });

  it('the state dict lists conv, batch-norm (with int64 num_batches_tracked) and linear keys in order', async () => {
    const f = await openFixture('state_dict.pt');
    assert.deepEqual(
      f.entries.map((e) => `${e.name}:${e.dtype}`),
      [
        'conv.weight',
        'conv.bias',
        'bn.weight',
        'bn.bias',
        'bn.running_mean',
        'bn.running_var',
        'bn.num_batches_tracked',
        'fc.weight',
        'fc.bias',
      ].map((k) => `${k}:${k.endsWith('tracked') ? 'int64' : 'float32'}`),
    );
  });
});

describe('tensor files: images as ToTensor() gives them', () => {
  for (const name of ['gray8.png', 'gray16.png', 'graya.png', 'rgb.png', 'rgba.png', 'palette.png']) {
    it(`${name} decodes to C×H×W in [0, 1] equal to PIL's pixels / max`, async () => {
      const f = await openFixture(name);
      await checkAll(name, f, EXPECTED[name].tensors!, false);
    });
  }
  for (const name of ['baseline.jpg', 'progressive.jpg']) {
    it(`${name} decodes close to PIL (JPEG decoders may differ by a few levels)`, async () => {
      const f = await openFixture(name);
      const want = EXPECTED[name].tensors!.image;
      assert.deepEqual(f.entries[0].shape, want.shape);
      const v = await f.read(f.entries[0]);
      let sum = 0;
      for (const x of v) sum += x;
      // Mean difference under one level in 255 and every sampled pixel within 4 levels.
      assert.ok(Math.abs(sum - want.sum) / v.length < 1 / 255, `mean ${sum / v.length} vs ${want.sum / v.length}`);
      want.first!.forEach((x, i) => assert.ok(Math.abs(v[i] - x) <= 4 / 255, `[${i}] ${v[i]} vs ${x}`));
    });
  }
  for (const name of ['rgb.png', 'rgba.png', 'palette.png']) {
    it(`${name} in grayscale is 1×H×W and equals PIL's convert("L") / 255`, async () => {
      const f = await openFixture(name, true);
      const want = EXPECTED[name].gray!;
      assert.deepEqual(f.entries[0].shape, want.shape);
      const v = await f.read(f.entries[0]);
      want.values!.forEach((x, i) => assert.ok(close(v[i], x), `[${i}] ${v[i]} vs ${x}`));
    });
  }
});
