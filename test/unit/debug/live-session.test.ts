// The helper and LiveSession against a real `debugpy --listen` process and real PyTorch (fails loudly without them).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLiveError, type LiveMeta, type LiveSlice } from '../../../src/core/protocol/live-tensor';
import { HELPER_MODULE } from '../../../src/core/live/helper-source';
import { compareLayer, summary } from '../../../src/core/live/layer-compare';
import { LiveSession } from '../../../src/core/live/live-session';
import { DapClient } from './dap-client';
import { assertAllClose } from '../../support/close';

const PROGRAM = join(__dirname, 'fixtures', 'live_tensors.py');
const lineOf = (marker: string): number =>
  readFileSync(PROGRAM, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(marker)) + 1;

function ok<T>(v: T | { error: string }): T {
  if (isLiveError(v)) assert.fail(v.error);
  return v;
}

describe('debug: live tensors through real debugpy', function () {
  this.timeout(60_000);
  let client: DapClient;
  let frameId: number;
  let threadId: number;
  let live: LiveSession;

  /** PyTorch's own values, as JSON decimals (an independent path from the helper's base64 float32). */
  async function reference(pythonList: string): Promise<number[]> {
    const text = await client.evaluate(`__import__('json').dumps(${pythonList})`, frameId);
    return (
      JSON.parse(
        text
          .replace(/\bNaN\b/g, '"NaN"')
          .replace(/-Infinity\b/g, '"-Inf"')
          .replace(/\bInfinity\b/g, '"Inf"'),
      ) as unknown[]
    )
      .flat(8)
      .map((v) => (v === 'NaN' ? NaN : v === 'Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v)));
  }

  before(async () => {
    client = await DapClient.launch(PROGRAM);
    await client.start(PROGRAM, [lineOf('STOP main'), lineOf('STOP forward'), lineOf('STOP after')]);
    const stop = await client.stopped();
    assert.equal(stop.line, lineOf('STOP main'));
    frameId = stop.frameId;
    threadId = stop.threadId;
    live = new LiveSession((e, f) => client.evaluate(e, f));
  });
  after(async () => client?.close());

  it('fetches a float32 tensor far above 64 KB exactly, with its metadata', async () => {
    const meta = ok(await live.meta('big', frameId));
    assert.deepEqual(meta.shape, [3, 200, 100]);
    assert.equal(meta.dtype, 'float32');
    assert.equal(meta.device, 'cpu');
    const slice = ok(await live.slice('big', frameId));
    assert.equal(slice.data.length, 60_000);
    assertAllClose(slice.data, await reference('big.flatten().tolist()'), 'big');
    const [min, max, mean] = await reference('[big.min().item(), big.max().item(), big.double().mean().item()]');
    assertAllClose([meta.stats!.min!, meta.stats!.max!, meta.stats!.mean!], [min, max, mean], 'stats');
  });

  const dtypes: Array<[string, string, string, number[]]> = [
    ['f64', 'float64', 'f64.float().flatten().tolist()', [3, 4]],
    ['f16', 'float16', 'f16.float().flatten().tolist()', [2, 3, 5]],
    ['bf16', 'bfloat16', 'bf16.float().flatten().tolist()', [4, 6]],
    ['i64', 'int64', 'i64.flatten().tolist()', [3, 4]],
    ['i8', 'int8', 'i8.flatten().tolist()', [1, 3]],
    ['u8', 'uint8', 'u8.flatten().tolist()', [5, 5]],
    ['flags', 'bool', 'flags.float().flatten().tolist()', [2, 2]],
    ['param', 'float32', 'param.detach().flatten().tolist()', [2, 2]],
    ['arr', 'int32', 'arr.astype("float32").flatten().tolist()', [3, 4]],
    ['img', 'PIL RGB', '__import__("numpy").asarray(img).transpose(2, 0, 1).astype("float32").flatten().tolist()', [3, 4, 4]],
    ['nested', 'float32', '[1, 2.5, 3, -4]', [2, 2]],
  ];
  for (const [name, dtype, ref, shape] of dtypes) {
    it(`converts ${name} (${dtype}) to float32 in the debuggee like PyTorch`, async () => {
      const slice = ok(await live.slice(name, frameId));
      assert.equal(slice.meta.dtype, dtype);
      assert.deepEqual(slice.shape, shape);
      assertAllClose(slice.data, await reference(ref), name);
    });
  }

  it('reads a non-contiguous view in logical order', async () => {
    assert.equal(await client.evaluate('view.is_contiguous()', frameId), 'False');
    const slice = ok(await live.slice('view', frameId));
    assert.deepEqual(slice.shape, [5, 2]);
    assertAllClose(slice.data, await reference('view.flatten().tolist()'), 'view');
  });

  it('counts NaN and ±Inf and keeps them in the data', async () => {
    const meta = ok(await live.meta('weird', frameId));
    assert.deepEqual(meta.stats, { min: 1, max: 1, mean: 1, nan: 1, posInf: 1, negInf: 1 });
    const slice = ok(await live.slice('weird', frameId));
    assertAllClose(slice.data, [NaN, 1, Infinity, -Infinity], 'weird');
  });

  it('fetches one batch element of a 1×64×112×112 activation by slice, and one channel', async () => {
    const batch = ok(await live.slice('activation', frameId, [0]));
    assert.deepEqual(batch.shape, [64, 112, 112]);
    const every = await reference('activation[0].flatten()[::997].tolist()');
    assertAllClose(
      Array.from({ length: every.length }, (_, i) => batch.data[i * 997]),
      every,
      'activation[0][::997]',
    );
    const channel = ok(await live.slice('activation', frameId, [0, 63]));
    assert.deepEqual(channel.shape, [112, 112]);
    assertAllClose(channel.data, await reference('activation[0, 63].flatten().tolist()'), 'activation[0, 63]');
  });

  it('works with CUDA absent: the program sees no GPU and a CUDA expression gets one clear line', async () => {
    assert.equal(await client.evaluate('cuda', frameId), 'False');
    const r = await live.meta("torch.zeros(2, device='cuda')", frameId);
    assert.ok(isLiveError(r));
    assert.match(r.error, /^the expression raised \w+Error: .*(CUDA|cuda)/);
    assert.ok(!r.error.includes('\n'));
  });

  it('answers an expression that raises, a non-tensor and an over-limit fetch with one line each', async () => {
    const raised = await live.meta('big[7]', frameId);
    assert.ok(isLiveError(raised));
    assert.match(raised.error, /^the expression raised IndexError: index 7 is out of bounds/);
    const notTensor = await live.meta('n', frameId);
    assert.deepEqual(notTensor, { error: 'not a tensor: builtins.int' });
    const small = new LiveSession((e, f) => client.evaluate(e, f), { maxElements: 50_000, timeoutMs: 3000 });
    const tooBig = await small.slice('activation', frameId, [0]);
    assert.ok(isLiveError(tooBig));
    assert.equal(tooBig.error, 'too big: 802816 elements; the limit is 50000 (tensorLens.debug.maxFetchElements)');
    ok(await small.slice('activation', frameId, [0, 1]));
  });

  it('times out with a clear message instead of hanging', async () => {
    const impatient = new LiveSession((e, f) => client.evaluate(e, f), { maxElements: 1000, timeoutMs: 200 });
    const r = await impatient.meta("(__import__('time').sleep(1), big)[1]", frameId);
    assert.deepEqual(r, { error: 'the debuggee did not answer within 200 ms (tensorLens.debug.timeoutMs)' });
    // The debuggee finishes its sleep; the next request is answered normally.
    ok(await live.meta('big', frameId));
  });

  it('lives in its own module: no new user globals, nothing printed, re-injected when removed', async () => {
    const before = await client.evaluate('sorted(globals())', frameId);
    ok(await live.meta('big', frameId));
    assert.equal(await client.evaluate('sorted(globals())', frameId), before);
    assert.equal(await client.evaluate(`'${HELPER_MODULE}' in __import__('sys').modules`, frameId), 'True');
    await client.evaluate(`__import__('sys').modules.pop('${HELPER_MODULE}') and None`, frameId);
    ok(await live.meta('big', frameId));
    assert.equal(client.output, '');
  });

  it('lists the tensor-like locals of the frame with shape, dtype and stats', async () => {
    const entries = ok(await live.locals(frameId));
    const names = entries.map((e) => e.name);
    for (const n of ['big', 'f16', 'bf16', 'flags', 'view', 'weird', 'activation', 'param', 'arr', 'img', 'x'])
      assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
    assert.ok(!names.includes('n') && !names.includes('net') && !names.includes('nested'));
    const weird = entries.find((e) => e.name === 'weird')!.meta as LiveMeta;
    assert.equal(weird.stats?.nan, 1);
  });

  it('drops a fetch in flight when the program continues, then serves the next stop', async () => {
    const inFlight = live.slice('activation', frameId, [0]);
    live.cancelAll('the program continued');
    await client.continue(threadId);
    assert.deepEqual(await inFlight, { error: 'the program continued' });
    const stop = await client.stopped();
    assert.equal(stop.line, lineOf('STOP forward'));
    frameId = stop.frameId;
    threadId = stop.threadId;
    const entries = ok(await live.locals(frameId));
    assert.deepEqual(
      entries.map((e) => e.name),
      ['self', 'x', 'self.conv1', 'self.conv1.weight', 'self.conv1.bias'].filter((n) => n !== 'self'),
    );
    const conv = entries.find((e) => e.name === 'self.conv1')!;
    assert.deepEqual(conv.conv?.kernelSize, [3, 3]);
    const layer = ok(await live.convLayer('self.conv1', 'x', frameId));
    assert.deepEqual(layer.output.shape, [1, 8, 9, 11]);
    assertAllClose(layer.output.data, await reference('self.conv1(x).detach().flatten().tolist()'), 'conv1(x)');
    // Explain this layer: our engine on the pulled input, weight and bias against PyTorch's output.
    const compared = await compareLayer({ live, frameId }, 'self.conv1', 'x');
    if (typeof compared === 'string') assert.fail(compared);
    assert.ok(compared.maxAbsDiff <= 1e-5, `largest difference ${compared.maxAbsDiff}`);
    assertAllClose(compared.ours, Array.from(compared.torch.data), 'engine conv1(x)');
    assert.deepEqual(compared.weight.shape, [8, 3, 3, 3]);
    assert.match(summary('self.conv1', 'x', compared), /^Explain self\.conv1\(x\): Tensor Lens matches PyTorch, largest \|difference\| /);
    assert.match(String(await compareLayer({ live, frameId }, 'x', 'x')), /^not an nn\.Conv2d: torch\.Tensor/);
  });

  it('refuses every request once the session has ended', async () => {
    const gone = new LiveSession((e, f) => client.evaluate(e, f));
    gone.cancelAll('the debug session ended', true);
    assert.deepEqual(await gone.meta('x', frameId), { error: 'the debug session ended' });
  });

  it('keeps a slice a Float32Array of the right length', async () => {
    const s: LiveSlice = ok(await live.slice('x', frameId, [0, 2]));
    assert.ok(s.data instanceof Float32Array);
    assert.equal(s.data.length, 99);
  });
});
