// Parsing the helper's replies without a debuggee: base64 float32, slice shapes, one-line errors.
import assert from 'node:assert/strict';
import { decodeBase64, decodeFloat32, parseMeta, parseSlice, statsOf } from '../../../src/core/protocol/live-tensor';
import { evaluateError, helperCall, userExpression } from '../../../src/core/live/live-session';

describe('debug: live tensor replies', () => {
  it('decodes base64 like Node does, at every padding length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255));
      assert.deepEqual(Buffer.from(decodeBase64(bytes.toString('base64'))), bytes);
    }
  });

  it('decodes little-endian float32 exactly, NaN and infinities included', () => {
    const values = new Float32Array([0, -1.5, 3.4028234663852886e38, 1e-45, NaN, Infinity, -Infinity, 0.1]);
    const text = Buffer.from(values.buffer).toString('base64');
    assert.deepEqual(Array.from(decodeFloat32(text)), Array.from(values));
  });

  it('shapes a slice by the indices taken and refuses a value count that does not match', () => {
    const meta = { kind: 'torch.Tensor', dtype: 'float16', device: 'cpu', shape: [2, 3, 2], numel: 12, index: [1] };
    const six = Buffer.from(new Float32Array([1, 2, 3, 4, 5, 6]).buffer).toString('base64');
    const ok = parseSlice(`${JSON.stringify(meta)}\n${six}`);
    assert.ok(!('error' in ok));
    assert.deepEqual(ok.shape, [3, 2]);
    assert.deepEqual(ok.index, [1]);
    const bad = parseSlice(`${JSON.stringify({ ...meta, index: [] })}\n${six}`);
    assert.deepEqual(bad, { error: 'the debuggee sent 6 values for shape 2×3×2 (12)' });
  });

  it('turns an unexpected reply into an error, not an exception', () => {
    assert.match((parseMeta('None') as { error: string }).error, /^unexpected reply from the debuggee/);
    assert.deepEqual(parseMeta('{"error": "not a tensor: builtins.int"}'), { error: 'not a tensor: builtins.int' });
  });

  it('gives stats without finite values as NaN', () => {
    const s = statsOf({
      kind: 'torch.Tensor',
      dtype: 'float32',
      device: 'cpu',
      shape: [1],
      numel: 1,
      stats: { nan: 1, posInf: 0, negInf: 0 },
    });
    assert.ok(Number.isNaN(s.min) && Number.isNaN(s.mean));
    assert.equal(s.nan, 1);
  });

  it('keeps a trailing comment of the user expression from swallowing the call', () => {
    assert.equal(userExpression('x  # the input '), '(x  # the input\n)');
    assert.match(
      helperCall('meta', ['(x\n)']),
      /^getattr\(__import__\('sys'\)\.modules\.get\('_tensor_lens_helper'\), 'V', 0\) == \d+ and /,
    );
  });

  it('reduces a traceback to its last line', () => {
    const tb = 'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nNameError: name \'y\' is not defined\n';
    assert.equal(evaluateError(new Error(tb)), "the expression raised NameError: name 'y' is not defined");
    assert.equal(
      evaluateError(new Error('Unable to find thread for evaluation.')),
      'evaluate failed: Unable to find thread for evaluation.',
    );
  });
});
