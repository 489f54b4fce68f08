// Messages between the extension host and the hover worker (which answers hovers on very large documents off the host
// thread), and the plain data both sides share: the document, the hover environment and the answer.
import type { LiteralLanguage, TextRange } from '../literals/types';
import type { ThemeKind } from '../render/colormap';
import type { Conv2dArgs } from './convolution';

/** `tensorLens.hover.*` settings as plain data. */
export interface HoverSettings {
  enabled: boolean;
  showFeatureMap: boolean;
  /** Above this many elements, images are prepared in the background (default 65,536 = 256×256). */
  maxElements: number;
  /** Preset id or a kernel literal. */
  kernel: string;
  stride: number;
  padding: number | 'same' | 'valid';
  dilation: number;
  paddingMode: Conv2dArgs['paddingMode'];
}

/** A 2-D kernel plus the arguments it is applied with. */
export interface HoverKernel {
  /** "X (tutorial)", a variable name, or "custom". */
  label: string;
  kH: number;
  kW: number;
  data: Float32Array;
  args: Conv2dArgs;
}

/** A document (or notebook cell) as the hover service sees it. */
export interface HoverDocument {
  uri: string;
  version: number;
  language: LiteralLanguage;
  text: string;
  /** "examples/conv2d_intro.py" — used in panel titles. */
  label: string;
  /** For a notebook cell: all code cells joined, and where this cell starts in it (layer inputs may come from other cells). */
  context?: { text: string; offset: number; cells?: Array<{ start: number; label: string }> };
}

export interface HoverEnvironment {
  settings: HoverSettings;
  kernel: HoverKernel | { error: string } | undefined;
  theme: ThemeKind;
  /** tensorLens.maxElements: the largest literal to parse at all. */
  parseMaxElements?: number;
}

export interface HoverAnswer {
  markdown: string;
  range: TextRange;
  /** Only complete tensor answers may be reused for every offset inside their range. */
  kind: 'tensor' | 'layer' | 'error';
}

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
