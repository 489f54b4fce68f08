// Images as PyTorch users load them: ToTensor() gives C×H×W float32 in [0, 1]; grayscale gives 1×H×W.
import { errorMessage } from '../error-message';
import { decode as decodePng, convertIndexedToRgb } from 'fast-png';
import { fail } from './byte-source';
import { decodeJpegPixels } from './jpeg-pixels';

export interface ImageTensor {
  shape: [number, number, number];
  data: Float32Array;
  /** What the file held, e.g. "PNG 16-bit gray+alpha". */
  description: string;
}

/** Images larger than this many megapixels are refused (decoders allocate width·height·4 bytes up front). */
const MAX_MEGAPIXELS = 100;

export function isPng(head: Uint8Array): boolean {
  return head.length >= 8 && head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47;
}
export function isJpeg(head: Uint8Array): boolean {
  return head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
}

export function decodeImage(bytes: Uint8Array, grayscale = false): ImageTensor {
  const t = isPng(bytes) ? png(bytes) : isJpeg(bytes) ? jpeg(bytes) : fail('not a PNG or JPEG image');
  return grayscale ? toGray(t) : t;
}

function png(bytes: Uint8Array): ImageTensor {
  // IHDR's size comes first: refuse huge images before the decoder allocates width·height·channels.
  if (bytes.length >= 24) {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const w = dv.getUint32(16, false);
    const h = dv.getUint32(20, false);
    if (w * h > MAX_MEGAPIXELS * 1e6) fail(`the image is ${w}×${h}, over ${MAX_MEGAPIXELS} megapixels`);
  }
  let img;
  try {
    img = decodePng(bytes);
  } catch (e) {
    fail(`the PNG could not be decoded (${errorMessage(e)})`);
  }
  if (img.width * img.height > MAX_MEGAPIXELS * 1e6) fail(`the image is ${img.width}×${img.height}, over ${MAX_MEGAPIXELS} megapixels`);
  let data = img.data;
  let channels = img.channels;
  let depth: number = img.depth;
  let kind = ['', 'gray', 'gray+alpha', 'RGB', 'RGBA'][channels] ?? `${channels}-channel`;
  if (img.palette) {
    data = convertIndexedToRgb(img);
    channels = data.length / (img.width * img.height);
    depth = 8;
    kind = 'palette';
  }
  if (depth < 8) data = unpackBits(data, img.width, img.height, channels, depth);
  // PIL's ToTensor() keeps alpha; a palette image becomes RGB(A) through its palette, as Image.convert does.
  const max = depth === 16 ? 65535 : depth === 8 ? 255 : 2 ** depth - 1;
  return planar(data, img.width, img.height, channels, max, `PNG ${depth}-bit ${kind}`);
}

function jpeg(bytes: Uint8Array): ImageTensor {
  let img;
  try {
    img = decodeJpegPixels(bytes, MAX_MEGAPIXELS);
  } catch (e) {
    fail(`the JPEG could not be decoded (${errorMessage(e)})`);
  }
  return planar(img.data, img.width, img.height, img.channels, 255, `JPEG ${img.channels === 1 ? 'gray' : 'RGB'}`);
}

/** 1-, 2- and 4-bit grey samples come packed, each row starting on a byte (fast-png leaves them so): one value each. */
function unpackBits(packed: ArrayLike<number>, W: number, H: number, C: number, depth: number): Uint8Array {
  const out = new Uint8Array(W * H * C);
  const rowBytes = Math.ceil((W * C * depth) / 8);
  const mask = (1 << depth) - 1;
  for (let y = 0; y < H; y++) {
    for (let i = 0; i < W * C; i++) {
      const bit = i * depth;
      out[y * W * C + i] = (packed[y * rowBytes + (bit >> 3)] >> (8 - depth - (bit & 7))) & mask;
    }
  }
  return out;
}

function planar(data: ArrayLike<number>, W: number, H: number, C: number, max: number, description: string): ImageTensor {
  const out = new Float32Array(C * H * W);
  const plane = H * W;
  for (let i = 0; i < plane; i++) for (let c = 0; c < C; c++) out[c * plane + i] = data[i * C + c] / max;
  return { shape: [C, H, W], data: out, description };
}

/** ITU-R 601-2 luma exactly as PIL's convert('L') computes it for 8-bit images (fixed point, rounded); alpha dropped. */
function toGray(t: ImageTensor): ImageTensor {
  const [C, H, W] = t.shape;
  const description = `${t.description} → gray`;
  if (C <= 2) return { shape: [1, H, W], data: t.data.slice(0, H * W), description };
  const plane = H * W;
  const out = new Float32Array(plane);
  const eightBit = !t.description.includes('16-bit');
  for (let i = 0; i < plane; i++) {
    const r = t.data[i];
    const g = t.data[plane + i];
    const b = t.data[2 * plane + i];
    if (eightBit) {
      const L = (Math.round(r * 255) * 19595 + Math.round(g * 255) * 38470 + Math.round(b * 255) * 7471 + 0x8000) >> 16;
      out[i] = L / 255;
    } else {
      out[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    }
  }
  return { shape: [1, H, W], data: out, description };
}
