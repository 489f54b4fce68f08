// Worker thread of the Model Explorer: runs the model, keeps its steps, answers thumbnail pages and drill-downs.
import { parentPort } from 'node:worker_threads';
import { inflateRaw } from 'node:zlib';
import { Stop } from '../core/pymodel';
import { TorchError } from '../core/engine';
import { ExploreSession } from '../core/explore/session';
import type { ExploreWorkerRequest, ExploreWorkerResponse } from '../core/protocol/explore';
import type { Inflate } from '../core/tensor-files/byte-source';

const inflate: Inflate = (data, size) =>
  new Promise((resolve, reject) =>
    inflateRaw(data, { maxOutputLength: Math.max(1, size) }, (err, out) => (err ? reject(err) : resolve(new Uint8Array(out)))),
  );

const session = new ExploreSession(inflate);

async function answer(r: ExploreWorkerRequest): Promise<ExploreWorkerResponse> {
  try {
    switch (r.type) {
      case 'run':
        return {
          id: r.id,
          ok: true,
          type: 'run',
          result: await session.explore(r, (step) => parentPort?.postMessage({ id: r.id, ok: true, type: 'step', step })),
        };
      case 'thumbs':
        return { id: r.id, ok: true, type: 'thumbs', page: session.thumbs(r.step, r.from, r.count, r.scale) };
      case 'drill':
        return { id: r.id, ok: true, type: 'drill', drill: session.drill(r.step, r.channel) };
    }
  } catch (e) {
    const line = (e as { line?: number }).line;
    if (e instanceof TorchError) return { id: r.id, ok: false, message: `${e.type}: ${e.message}`, line };
    if (e instanceof Stop) return { id: r.id, ok: false, message: `cannot follow ${e.why}`, line: e.line };
    return { id: r.id, ok: false, message: e instanceof Error ? e.message : String(e), line };
  }
}

parentPort?.on('message', (r: ExploreWorkerRequest) => {
  void answer(r).then((res) => {
    const transfer = res.ok && res.type === 'thumbs' ? [res.page.pixels.buffer as ArrayBuffer] : [];
    parentPort!.postMessage(res, transfer);
  });
});
