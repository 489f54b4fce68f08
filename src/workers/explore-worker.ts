// Model Explorer worker (worker_threads on desktop, a Web Worker on the web): runs the model, keeps its steps, answers thumbnail pages and drill-downs.
import { Stop } from '../core/pymodel';
import { TorchError } from '../core/engine';
import { ExploreSession } from '../core/explore/session';
import type { ExploreWorkerRequest, ExploreWorkerResponse } from '../core/protocol/explore';
import { inflate } from './platform/inflate';
import { onHostMessage, postToHost } from './platform/port';

const session = new ExploreSession(inflate);

async function answer(r: ExploreWorkerRequest): Promise<ExploreWorkerResponse> {
  try {
    switch (r.type) {
      case 'run':
        return {
          id: r.id,
          ok: true,
          type: 'run',
          result: await session.explore(r, (step) => postToHost({ id: r.id, ok: true, type: 'step', step })),
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

onHostMessage((message) => {
  void answer(message as ExploreWorkerRequest).then((res) => {
    const transfer = res.ok && res.type === 'thumbs' ? [res.page.pixels.buffer as ArrayBuffer] : [];
    postToHost(res, transfer);
  });
});
