// PNG encoding for heatmaps (fast-png): an indexed-colour image from a palette, and data: URIs for Markdown/HTML.
import { encode } from 'fast-png';

/** Encodes a width×height image of palette indices (one byte per pixel) as an 8-bit indexed PNG. */
export function encodeIndexedPng(
  width: number,
  height: number,
  indices: Uint8Array,
  palette: ReadonlyArray<readonly [number, number, number]>,
): Uint8Array {
  if (indices.length !== width * height) throw new RangeError(`expected ${width * height} palette indices, got ${indices.length}`);
  if (palette.length === 0 || palette.length > 256) throw new RangeError(`a PNG palette holds 1 to 256 colours, got ${palette.length}`);
  return encode(
    { width, height, data: indices, depth: 8, channels: 1, palette: palette.map((c) => [c[0], c[1], c[2]]) },
    { zlib: { level: 6 } },
  );
}

/** `data:image/png;base64,...` for embedding in a hover or a webview. */
export function pngDataUri(png: Uint8Array): string {
  return `data:image/png;base64,${base64(png)}`;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Plain base64 that runs both in Node and in a webview (no Buffer, no btoa on binary strings). */
export function base64(bytes: Uint8Array): string {
  const out: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    chunk +=
      ALPHABET[(n >> 18) & 63] +
      ALPHABET[(n >> 12) & 63] +
      (left > 1 ? ALPHABET[(n >> 6) & 63] : '=') +
      (left > 2 ? ALPHABET[n & 63] : '=');
    if (chunk.length >= 4096) {
      out.push(chunk);
      chunk = '';
    }
  }
  out.push(chunk);
  return out.join('');
}
