// The live layer over a notebook kernel: LiveSession + KernelTransport against a real ipykernel (through the test bridge)
// and real PyTorch. Fails loudly when /usr/bin/python3 lacks torch, ipykernel or jupyter_client.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLiveError, type LiveEntry } from '../../../src/core/protocol/live-tensor';
import { HELPER_MODULE } from '../../../src/core/live/helper-source';
import { compareLayer } from '../../../src/core/live/layer-compare';
import { CancelSource, LiveSession } from '../../../src/core/live/live-session';
import { KERNEL_BUSY, KernelTransport } from '../../../src/core/live/kernel-transport';
import { BridgeKernel } from '../../e2e/fixtures/jupyter-kernels/kernel-bridge';

const SETUP = readFileSync(join(__dirname, 'fixtures', 'kernel_tensors.py'), 'utf8');

/** float32 tolerance against PyTorch: |a − b| ≤ 1e-5 + 1.3e-6·|b| (one float32 rounding of a float64 reference), NaN ≡ NaN. */
function assertClose(actual: ArrayLike<number>, expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const b = expected[i];
    if (Number.isNaN(b)) assert.ok(Number.isNaN(a), `${what}[${i}]: ${a} is not NaN`);
    else if (!Number.isFinite(b)) assert.equal(a, b, `${what}[${i}]`);
    else assert.ok(Math.abs(a - b) <= 1e-5 + 1.3e-6 * Math.abs(b), `${what}[${i}]: ${a} vs PyTorch ${b}`);
  }
}

function ok<T>(v: T | { error: string }): T {
  if (isLiveError(v)) assert.fail(v.error);
  return v;
}

function requireKernelPython(): void {
  const r = spawnSync('/usr/bin/python3', ['-c', 'import torch, numpy, ipykernel, jupyter_client'], { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`/usr/bin/python3 with torch, numpy, ipykernel and jupyter_client is required:\n${r.stderr || r.error?.message}`);
}

/** A user's cell: its text/plain result (or the error), as the notebook would show it. */
async function cell(kernel: BridgeKernel, code: string): Promise<{ text: string; count: number | null }> {
  let text = '';
  const r = await kernel.runCell(code, (items) => {
    for (const i of items) if (i.mime === 'text/plain' || i.mime.endsWith('.error')) text += Buffer.from(i.data).toString();
  });
  return { text, count: r.executionCount };
}

describe('notebook: live tensors through a real ipykernel', function () {
  this.timeout(120_000);
  let kernel: BridgeKernel;
  let transport: KernelTransport;
  let live: LiveSession;

  /** PyTorch's own values computed in the kernel, as JSON decimals (an independent path from base64 float32). */
  async function reference(pythonList: string): Promise<number[]> {
    const text = await transport.evaluate(`__import__('json').dumps(${pythonList})`, 0, new CancelSource());
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

  let snapshot0: { text: string; count: number | null };
  const SNAPSHOT = `(sorted(globals()), len(In), len(Out), get_ipython().execution_count, _ is Out.get(get_ipython().execution_count - 1))`;

  before(async () => {
    requireKernelPython();
    kernel = await BridgeKernel.start({ cwd: __dirname });
    transport = new KernelTransport(kernel);
    live = new LiveSession(transport.evaluate, { maxElements: 4 * 1024 * 1024, timeoutMs: 10_000 }, 'kernel');
    const setup = await cell(kernel, SETUP);
    assert.equal(setup.text, '', setup.text);
    snapshot0 = await cell(kernel, SNAPSHOT);
  });
  after(() => kernel?.dispose());

  it('fetches a float32 tensor far above 64 KB exactly, with stats equal to PyTorch in the kernel', async () => {
    const meta = ok(await live.meta('big', 0));
    assert.deepEqual([meta.shape, meta.dtype, meta.device], [[3, 200, 100], 'float32', 'cpu']);
    const slice = ok(await live.slice('big', 0));
    assert.equal(slice.data.length, 60_000);
    assertClose(slice.data, await reference('big.flatten().tolist()'), 'big');
    const [min, max, mean] = await reference('[big.min().item(), big.max().item(), big.double().mean().item()]');
    assertClose([meta.stats!.min!, meta.stats!.max!, meta.stats!.mean!], [min, max, mean], 'stats');
  });

  const dtypes: Array<[string, string, string, number[]]> = [
    ['f64', 'float64', 'f64.float().flatten().tolist()', [3, 4]],
    ['f16', 'float16', 'f16.float().flatten().tolist()', [2, 3, 5]],
    ['bf16', 'bfloat16', 'bf16.float().flatten().tolist()', [4, 6]],
    ['i64', 'int64', 'i64.flatten().tolist()', [3, 4]],
    ['u8', 'uint8', 'u8.flatten().tolist()', [5, 5]],
    ['flags', 'bool', 'flags.float().flatten().tolist()', [2, 2]],
    ['grad', 'float32', 'grad.detach().flatten().tolist()', [3, 4]],
    ['arr', 'int32', 'arr.astype("float32").flatten().tolist()', [3, 4]],
  ];
  for (const [name, dtype, ref, shape] of dtypes) {
    it(`reads ${name} (${dtype}) as float32 like PyTorch, stats included`, async () => {
      const slice = ok(await live.slice(name, 0));
      assert.equal(slice.meta.dtype, dtype);
      assert.deepEqual(slice.shape, shape);
      const values = await reference(ref);
      assertClose(slice.data, values, name);
      const meta = ok(await live.meta(name, 0));
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      assertClose([meta.stats!.min!, meta.stats!.max!], [Math.min(...values), Math.max(...values)], `${name} min/max`);
      // The helper sums in float64 over the original values; the reference above is their float32 image, summed in JS.
      assert.ok(Math.abs(meta.stats!.mean! - mean) <= 1e-5 * Math.max(1, Math.abs(mean)), `${name} mean ${meta.stats!.mean} vs ${mean}`);
      if (name === 'grad') assert.equal(meta.requiresGrad, true);
    });
  }

  it('reads a non-contiguous view in logical order', async () => {
    assert.equal(await transport.evaluate('view.is_contiguous()', 0, new CancelSource()), 'False');
    const slice = ok(await live.slice('view', 0));
    assert.deepEqual(slice.shape, [5, 2]);
    assertClose(slice.data, await reference('view.flatten().tolist()'), 'view');
  });

  it('counts NaN and ±Inf and keeps them in the data', async () => {
    const meta = ok(await live.meta('weird', 0));
    assert.deepEqual(meta.stats, { min: 1, max: 1, mean: 1, nan: 1, posInf: 1, negInf: 1 });
    assertClose(ok(await live.slice('weird', 0)).data, [NaN, 1, Infinity, -Infinity], 'weird');
  });

  it('fetches a whole 1×64×112×112 activation, and one channel by slice', async () => {
    const whole = ok(await live.slice('activation', 0));
    assert.deepEqual(whole.shape, [1, 64, 112, 112]);
    const every = await reference('activation.flatten()[::997].tolist()');
    assertClose(
      Array.from({ length: every.length }, (_, i) => whole.data[i * 997]),
      every,
      'activation[::997]',
    );
    const channel = ok(await live.slice('activation', 0, [0, 63]));
    assert.deepEqual(channel.shape, [112, 112]);
    assertClose(channel.data, await reference('activation[0, 63].flatten().tolist()'), 'activation[0, 63]');
  });

  it('answers an expression that raises, a syntax error and a non-tensor with one line each', async () => {
    const raised = await live.meta('nope + 1', 0);
    assert.deepEqual(raised, { error: "the expression raised NameError: name 'nope' is not defined" });
    const index = await live.meta('big[7]', 0);
    assert.ok(isLiveError(index));
    assert.match(index.error, /^the expression raised IndexError: index 7 is out of bounds/);
    const syntax = await live.meta('big[', 0);
    assert.ok(isLiveError(syntax));
    assert.match(syntax.error, /^the expression raised SyntaxError/);
    assert.ok(!syntax.error.includes('\n'));
    assert.deepEqual(await live.meta('n', 0), { error: 'not a tensor: builtins.int' });
  });

  it("lists the kernel's tensor globals and each module's Conv2d layers and parameters under it", async () => {
    const entries: LiveEntry[] = ok(await live.globals());
    const top = entries.filter((e) => !e.parent).map((e) => e.name);
    for (const name of ['big', 'f16', 'bf16', 'flags', 'grad', 'view', 'weird', 'activation', 'arr', 'x', 'model'])
      assert.ok(top.includes(name), `${name} in ${top.join(', ')}`);
    assert.ok(!top.includes('n') && !top.includes('In') && !top.includes('Out') && !top.some((n) => n.startsWith('_')));
    const model = entries.find((e) => e.name === 'model')!;
    assert.equal(model.moduleClass, 'Sequential');
    const children = entries.filter((e) => e.parent === 'model');
    assert.deepEqual(
      children.map((e) => [e.name, e.expr]),
      [
        ['0', 'model[0]'],
        ['0.weight', 'model[0].weight'],
        ['0.bias', 'model[0].bias'],
      ],
    );
    assert.deepEqual(children[0].conv?.stride, [2, 2]);
    assert.equal(children[0].conv?.paddingMode, 'reflect');
    assert.deepEqual(children[1].meta?.shape, [8, 3, 3, 3]);
  });

  it('explains a stride-2 reflect-padded conv on the real input: our engine matches PyTorch in the kernel', async () => {
    const compared = await compareLayer({ live, frameId: 0 }, 'model[0]', 'x');
    if (typeof compared === 'string') assert.fail(compared);
    assert.deepEqual(compared.torch.shape, [1, 8, 5, 6]);
    assert.ok(compared.maxAbsDiff <= 1e-5, `largest difference ${compared.maxAbsDiff}`);
    assertClose(compared.torch.data, await reference('model[0](x).detach().flatten().tolist()'), 'PyTorch output');
  });

  it('answers "kernel busy" while a cell runs, without queueing behind it, then serves again', async () => {
    const sleeping = cell(kernel, "__import__('time').sleep(5)\n'slept'");
    for (let i = 0; i < 400 && !transport.busy; i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(transport.busy, "the kernel's 'busy' status was taken for the user's cell");
    assert.deepEqual(await live.meta('big', 0), { error: KERNEL_BUSY });
    assert.deepEqual(await live.globals(), { error: KERNEL_BUSY });
    assert.equal((await sleeping).text, "'slept'");
    ok(await live.meta('big', 0));
  });

  it('interrupts its own request when it gives up (timeout), so the kernel is free at once', async () => {
    const impatient = new LiveSession(transport.evaluate, { maxElements: 1000, timeoutMs: 300 }, 'kernel');
    const r = await impatient.meta("(__import__('time').sleep(30), big)[1]", 0);
    assert.deepEqual(r, { error: 'the kernel did not answer within 300 ms (tensorLens.debug.timeoutMs)' });
    // Without the interrupt the kernel would sleep 30 s and this request (10 s limit) would time out.
    ok(await live.meta('big', 0));
  });

  it('drops a request in flight on cancelAll, and interrupts it in the kernel', async () => {
    const session = new LiveSession(transport.evaluate, { maxElements: 1000, timeoutMs: 10_000 }, 'kernel');
    const inFlight = session.meta("(__import__('time').sleep(30), big)[1]", 0);
    await new Promise((r) => setTimeout(r, 200));
    session.cancelAll('the notebook was closed');
    assert.deepEqual(await inFlight, { error: 'the notebook was closed' });
    ok(await live.meta('big', 0));
  });

  it("leaves the kernel's globals, In/Out history, `_` and execution count as they were", async () => {
    const afterwards = await cell(kernel, SNAPSHOT);
    // Two cells ran in between as the user's: the setup snapshot and the sleeping cell (counted, with its own `_i`/`_`).
    const parse = (t: string): [string[], number, number, number, boolean] =>
      JSON.parse(t.replace(/'/g, '"').replace(/^\(/, '[').replace(/\)$/, ']').replace(/True/g, 'true').replace(/False/g, 'false')) as [
        string[],
        number,
        number,
        number,
        boolean,
      ];
    const [g0, in0, out0, count0] = parse(snapshot0.text);
    const [g1, in1, out1, count1, underscoreIsLastOut] = parse(afterwards.text);
    assert.equal(count1, count0 + 2, 'only the two user cells were counted');
    assert.equal(afterwards.count, count1);
    assert.equal(in1, in0 + 2);
    assert.equal(out1, out0 + 2);
    assert.ok(underscoreIsLastOut, '`_` is still the last cell result');
    const added = g1.filter((n) => !g0.includes(n));
    assert.deepEqual(added.sort(), [`_${count0}`, `_${count0 + 1}`, `_i${count0 + 1}`, `_i${count1}`].sort());
    assert.ok(g0.every((n) => g1.includes(n)));
    assert.equal(await transport.evaluate(`'${HELPER_MODULE}' in __import__('sys').modules`, 0, new CancelSource()), 'True');
  });

  it('re-injects the helper after a kernel restart', async () => {
    await kernel.restart();
    assert.equal(await transport.evaluate(`'${HELPER_MODULE}' in __import__('sys').modules`, 0, new CancelSource()), 'False');
    await cell(kernel, 'import torch\nw = torch.arange(6.0).reshape(2, 3)');
    const slice = ok(await live.slice('w', 0));
    assert.deepEqual(Array.from(slice.data), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(await live.meta('big', 0), { error: "the expression raised NameError: name 'big' is not defined" });
  });
});
