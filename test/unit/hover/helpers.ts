// Shared fixtures for hover tests: the example files, a service with the default environment, and PNG decoding of data URIs.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decode } from 'fast-png';
import { parseLiteral } from '../../../src/core/literals';
import { chooseKernel, type RememberedKernelLike } from '../../../src/hover/kernel-choice';
import type { HoverDocument, HoverEnvironment } from '../../../src/core/protocol/hover-worker';
import { HoverService } from '../../../src/hover/service';
import { DEFAULT_HOVER_SETTINGS, type HoverSettings } from '../../../src/hover/settings';
import type { LiteralLanguage } from '../../../src/core/literals/types';

export const example = (name: string): string => readFileSync(resolve(__dirname, '../../../examples', name), 'utf8');

export function env(settings: Partial<HoverSettings> = {}, remembered?: RememberedKernelLike): HoverEnvironment {
  const s = { ...DEFAULT_HOVER_SETTINGS, ...settings };
  return { settings: s, kernel: chooseKernel(s, remembered, (t) => parseLiteral(t)), theme: 'dark' };
}

let version = 0;
export function doc(text: string, language: LiteralLanguage = 'python', label = 'examples/conv2d_intro.py'): HoverDocument {
  return { uri: `file:///test/${label}`, version: ++version, language, text, label };
}

/** Markdown of the hover at the first occurrence of `needle` (plus `delta` characters). */
export function hoverAt(text: string, needle: string, delta = 1, e = env(), language: LiteralLanguage = 'python'): string {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`needle not found: ${needle}`);
  const r = new HoverService().provide(doc(text, language), at + delta, e);
  if (!r) throw new Error(`no hover at ${needle}`);
  return r.answer.markdown;
}

export interface ImgInfo {
  alt: string;
  width: number;
  height: number;
  png: { width: number; height: number; data: ArrayLike<number>; palette?: number[][] };
}

/** Every <img> of the hover except the thin legends, with its decoded PNG. */
export function images(markdown: string): ImgInfo[] {
  return [...markdown.matchAll(/<img src="data:image\/png;base64,([^"]+)" width="(\d+)" height="(\d+)" alt="([^"]*)">/g)]
    .filter((m) => m[4] !== 'legend')
    .map((m) => ({ alt: m[4], width: Number(m[2]), height: Number(m[3]), png: decode(Buffer.from(m[1], 'base64')) }));
}

/** The decoded argument of the first link to `command`. */
export function commandArg(markdown: string, command: string): unknown {
  const m = new RegExp(`\\(command:${command.replace(/\./g, '\\.')}\\?([^ )]+)`).exec(markdown);
  if (!m) throw new Error(`no link to ${command}`);
  return (JSON.parse(decodeURIComponent(m[1])) as unknown[])[0];
}
