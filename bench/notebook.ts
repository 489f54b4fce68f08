// Live tensors against a real ipykernel (the test bridge): metadata latency, a 1×64×112×112 activation fetched and drawn,
// the Tensors view of a kernel with 50 tensors, and how fast a busy kernel is answered. Not a timed test: prints medians
// (npx tsx bench/notebook.ts [--json]). Needs /usr/bin/python3 with torch, ipykernel and jupyter_client.
import { KERNEL_BUSY, KernelTransport } from '../src/core/live/kernel-transport';
import { LiveSession } from '../src/core/live/live-session';
import { isLiveError } from '../src/core/protocol/live-tensor';
import { scaleFor } from '../src/core/render/colormap';
import { heatmapImage } from '../src/core/render/heatmap-image';
import { BridgeKernel } from '../test/e2e/fixtures/jupyter-kernels/kernel-bridge';

const RUNS = 15;

/** The user's cells: 50 tensor globals (one a 1×64×112×112 activation) and a small model. */
const SETUP = `import torch
torch.manual_seed(0)
activation = torch.randn(1, 64, 112, 112)
small = torch.randn(2, 3, 48, 40)
for i in range(48):
    globals()[f't{i:02d}'] = torch.randn(8, 16, 16) if i % 2 else torch.randn(64, 3, 3, 3)
model = torch.nn.Sequential(torch.nn.Conv2d(3, 16, 3), torch.nn.ReLU(), torch.nn.Conv2d(16, 32, 3))
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await fn();
    if (r && typeof r === 'object' && isLiveError(r)) throw new Error(r.error);
    out.push(performance.now() - t0);
  }
  return out;
}

async function main(): Promise<void> {
  const kernel = await BridgeKernel.start();
  try {
    await kernel.runCell(SETUP);
    const transport = new KernelTransport(kernel);
    const live = new LiveSession(transport.evaluate, { maxElements: 4 * 1024 * 1024, timeoutMs: 10_000 }, 'kernel');
    const first = performance.now();
    await live.meta('small', 0); // includes injecting the helper once per kernel
    const injectMs = performance.now() - first;
    const meta = await time(() => live.meta('activation', 0));
    const channel = await time(async () => {
      const s = await live.slice('activation', 0, [0, 0]);
      if (isLiveError(s)) return s;
      // "On screen": the first channel's heatmap PNG, as the hover draws it.
      heatmapImage(s.data, 112, 112, scaleFor(s.data, 'dark'), { maxCellPx: 16 });
      return s;
    });
    // The panel's whole tensor (802,816 float32 values, 4.3 MB of base64 through the kernel's stdout).
    const activation = await time(() => live.slice('activation', 0), 5);
    const listed = await time(() => live.globals());
    const entries = await live.globals();
    // A busy kernel: a user's cell sleeps; each request is answered "busy" without queueing behind it.
    const sleeping = kernel.runCell("__import__('time').sleep(3)");
    while (!transport.busy) await new Promise((r) => setTimeout(r, 5));
    const busy = await time(async () => {
      const r = await live.meta('activation', 0);
      if (!isLiveError(r) || r.error !== KERNEL_BUSY) throw new Error(`expected the busy answer, got ${JSON.stringify(r)}`);
    });
    await sleeping;
    const figures = {
      injectMs,
      metadataMs: median(meta),
      activationChannelOnScreenMs: median(channel),
      activationWholeMs: median(activation),
      tensorsViewMs: median(listed),
      tensorsInKernel: isLiveError(entries) ? 0 : entries.filter((e) => e.meta && !e.parent).length,
      busyAnswerMs: median(busy),
    };
    if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
    else {
      console.log(`helper injection (once per kernel)              ${injectMs.toFixed(0)} ms`);
      console.log(`metadata of a tensor (target 150 ms)            ${figures.metadataMs.toFixed(1)} ms`);
      console.log(`1×64×112×112: channel 0 fetched + drawn        ${figures.activationChannelOnScreenMs.toFixed(1)} ms`);
      console.log(`1×64×112×112: whole tensor (target 1 s)        ${figures.activationWholeMs.toFixed(1)} ms`);
      console.log(`Tensors view, ${figures.tensorsInKernel} tensors + a model (target 300 ms) ${figures.tensorsViewMs.toFixed(1)} ms`);
      console.log(`busy kernel answered (target 200 ms)            ${figures.busyAnswerMs.toFixed(2)} ms`);
    }
  } finally {
    kernel.dispose();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
