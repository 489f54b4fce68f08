// Messages between the extension host and the hover worker, which answers hovers on very large documents off the host thread.
import type { HoverAnswer, HoverDocument, HoverEnvironment } from './service';

export interface HoverWorkerRequest {
  type: 'hover';
  id: number;
  /** The document without its text; `text` travels only when the worker does not have this version yet. */
  doc: Omit<HoverDocument, 'text'>;
  text?: string;
  offset: number;
  env: HoverEnvironment;
}

/** A long text travels in slices, so no single postMessage copies megabytes on the host thread. */
export interface HoverWorkerTextChunk {
  type: 'text';
  uri: string;
  version: number;
  index: number;
  count: number;
  chunk: string;
}

export type HoverWorkerMessage = HoverWorkerRequest | HoverWorkerTextChunk;

export type HoverWorkerReply =
  /** `final` false: shape and stats while images are prepared; a final reply with the same id follows. */
  | { id: number; type: 'answer'; answer: HoverAnswer | null; final: boolean }
  /** The worker has no text for this document version (it was restarted): send the request again with text. */
  | { id: number; type: 'needText' }
  | { id: number; type: 'error'; message: string };

/** Documents longer than this are parsed in the hover worker: a literal this big takes the host well over 50 ms. */
export const OFFLOAD_CHARS = 500_000;
