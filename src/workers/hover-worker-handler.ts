// The hover worker's logic (no worker_threads here, so tests can call it): keeps document texts and a HoverService.
import { errorMessage } from '../core/error-message';
import { HoverService } from '../hover/service';
import type { HoverWorkerMessage, HoverWorkerReply, HoverWorkerRequest, HoverWorkerTextChunk } from '../core/protocol/hover-worker';

export class HoverWorkerHandler {
  private readonly texts = new Map<string, { version: number; text: string }>();
  private chunks: { uri: string; version: number; parts: string[] } | undefined;

  constructor(private readonly service = new HoverService(async () => undefined, 4)) {}

  async handle(msg: HoverWorkerMessage, post: (reply: HoverWorkerReply) => void): Promise<void> {
    if (msg.type === 'text') this.addChunk(msg);
    else await this.hover(msg, post);
  }

  private addChunk(c: HoverWorkerTextChunk): void {
    if (c.index === 0 || !this.chunks || this.chunks.uri !== c.uri || this.chunks.version !== c.version)
      this.chunks = { uri: c.uri, version: c.version, parts: [] };
    this.chunks.parts[c.index] = c.chunk;
    if (c.index === c.count - 1) {
      this.keep(c.uri, c.version, this.chunks.parts.join(''));
      this.chunks = undefined;
    }
  }

  private keep(uri: string, version: number, text: string): void {
    this.texts.delete(uri);
    this.texts.set(uri, { version, text });
    if (this.texts.size > 4) this.texts.delete(this.texts.keys().next().value as string);
  }

  private async hover(req: HoverWorkerRequest, post: (reply: HoverWorkerReply) => void): Promise<void> {
    try {
      if (req.text !== undefined) this.keep(req.doc.uri, req.doc.version, req.text);
      const known = this.texts.get(req.doc.uri);
      if (!known || known.version !== req.doc.version) {
        post({ id: req.id, type: 'needText' });
        return;
      }
      const result = this.service.provide({ ...req.doc, text: known.text }, req.offset, req.env);
      if (!result) {
        post({ id: req.id, type: 'answer', answer: null, final: true });
        return;
      }
      post({ id: req.id, type: 'answer', answer: result.answer, final: !result.complete });
      if (result.complete) post({ id: req.id, type: 'answer', answer: await result.complete, final: true });
    } catch (e) {
      post({ id: req.id, type: 'error', message: errorMessage(e) });
    }
  }
}
