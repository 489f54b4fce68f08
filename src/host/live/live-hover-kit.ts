// What the live hover needs from the hover feature, handed over by extension.ts (features never import each other).
import type { LiveError, LiveMeta } from '../../core/protocol/live-tensor';
import type { LiveOrigin } from './live-sources';

/** The first plane's values, why it could not be fetched, 'too-big' to draw in a hover, or 'none' (empty/scalar). */
export type LivePlane = Float32Array | LiveError | 'too-big' | 'none';

export interface LiveHoverInput {
  expression: string;
  meta: LiveMeta;
  plane: LivePlane;
  /** 'debug': "live · paused at line 34"; 'kernel': "kernel · after cell [3]". */
  origin: LiveOrigin;
  /** Where the program is paused. */
  line?: number;
  where?: string;
  /** The kernel's execution count the value was read after. */
  cell?: number;
}

export interface LiveHoverKit {
  /** The literal hover's Markdown for a live value, marked live. */
  markdown(input: LiveHoverInput): string;
  /** Escapes user text for Markdown. */
  escape(text: string): string;
  /** Commands the hover's links may run. */
  trusted: readonly string[];
}
