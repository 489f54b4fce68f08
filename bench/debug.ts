// Live tensors against real debugpy: metadata latency, a 1×64×112×112 activation fetched and drawn, a 30-tensor frame listed.
// Not a timed test: prints medians (npx tsx bench/debug.ts [--json]). Needs /usr/bin/python3 with torch and debugpy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLiveError } from '../src/core/protocol/live-tensor';
import { scaleFor } from '../src/core/render/colormap';
import { heatmapImage } from '../src/core/render/heatmap-image';
import { LiveSession } from '../src/core/live/live-session';
import { DapClient } from '../test/unit/debug/dap-client';

const PROGRAM = join(__dirname, 'debug_frame.py');
const RUNS = 15;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = await fn();
    if (r && typeof r === 'object' && isLiveError(r)) throw new Error(r.error);
    out.push(performance.now() - t0);
  }
  return out;
}

async function main(): Promise<void> {
  const line =
    readFileSync(PROGRAM, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('# STOP')) + 1;
  const client = await DapClient.launch(PROGRAM);
  try {
    await client.start(PROGRAM, [line]);
    const { frameId } = await client.stopped();
    const live = new LiveSession((e, f) => client.evaluate(e, f));
    const first = performance.now();
    await live.meta('small', frameId); // includes injecting the helper once per session
    const injectMs = performance.now() - first;
    const meta = await time(() => live.meta('activation', frameId));
    const activation = await time(async () => {
      const s = await live.slice('activation', frameId, [0, 0]);
      if (isLiveError(s)) return s;
      // "On screen": the first channel's heatmap PNG, as the hover and panel draw it.
      heatmapImage(s.data, 112, 112, scaleFor(s.data, 'dark'), { maxCellPx: 16 });
      return s;
    });
    const batch = await time(() => live.slice('activation', frameId, [0]));
    const listed = await time(() => live.locals(frameId));
    const entries = await live.locals(frameId);
    const figures = {
      injectMs,
      metadataMs: median(meta),
      activationChannelOnScreenMs: median(activation),
      activationAllChannelsMs: median(batch),
      tensorsViewMs: median(listed),
      tensorsInFrame: isLiveError(entries) ? 0 : entries.length,
    };
    if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
    else {
      console.log(`helper injection (once per session)          ${injectMs.toFixed(0)} ms`);
      console.log(`metadata of a tensor (target 150 ms)          ${figures.metadataMs.toFixed(1)} ms`);
      console.log(`1×64×112×112: channel 0 fetched + drawn       ${figures.activationChannelOnScreenMs.toFixed(1)} ms`);
      console.log(`1×64×112×112: all 64 channels (target 1 s)    ${figures.activationAllChannelsMs.toFixed(1)} ms`);
      console.log(`Tensors view, ${figures.tensorsInFrame} tensors (target 300 ms)     ${figures.tensorsViewMs.toFixed(1)} ms`);
    }
  } finally {
    await client.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
