// What the live hover needs from the hover feature, handed over by extension.ts (features never import each other).
import type { LiveError, LiveMeta } from '../core/protocol/live-tensor';

/** The first plane's values, why it could not be fetched, 'too-big' to draw in a hover, or 'none' (empty/scalar). */
export type LivePlane = Float32Array | LiveError | 'too-big' | 'none';

export interface LiveHoverInput {
  expression: string;
  meta: LiveMeta;
  plane: LivePlane;
  /** Where the program is paused, for the "live · paused at line 34" line. */
  line?: number;
  where?: string;
}

export interface LiveHoverKit {
  /** The literal hover's Markdown for a live value, marked live. */
  markdown(input: LiveHoverInput): string;
  /** Escapes user text for Markdown. */
  escape(text: string): string;
  /** Commands the hover's links may run. */
  trusted: readonly string[];
}
