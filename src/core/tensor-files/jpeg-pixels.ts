// JPEG pixels as PIL and torchvision get them from libjpeg-turbo: its "fancy" chroma upsampling and integer YCbCr→RGB.
import { decode as decodeJpeg } from 'jpeg-js';

export interface JpegPixels {
  width: number;
  height: number;
  /** 1 (grey) or 3 (RGB), interleaved. */
  channels: 1 | 3;
  data: Uint8Array;
}

interface Frame {
  components: { h: number; v: number }[];
  /** An Adobe APP14 marker asks for a colour transform jpeg-js applies itself (no YCbCr planes to take). */
  adobeTransform: boolean;
}

/**
 * Decodes a JPEG as libjpeg-turbo does with PIL's settings: jpeg-js gives the Y, Cb and Cr planes (its Huffman
 * decoding and inverse DCT; the chroma planes at their own resolution, read back from its nearest-neighbour copy), then
 * chroma is upsampled with libjpeg-turbo's triangle filter (jdsample.c, h2v1/h1v2/h2v2 "fancy") and converted with its
 * fixed-point tables (jdcolor.c). Other layouts (Adobe-transformed, 4 components, unusual sampling) keep jpeg-js's.
 */
export function decodeJpegPixels(bytes: Uint8Array, maxMegapixels: number): JpegPixels {
  const frame = readFrame(bytes);
  const raw = frame && frame.components.length === 3 && !frame.adobeTransform;
  const img = decodeJpeg(bytes, {
    useTArray: true,
    formatAsRGBA: false,
    colorTransform: raw ? false : undefined,
    maxResolutionInMP: maxMegapixels,
    maxMemoryUsageInMB: 1024,
  });
  const { width: W, height: H } = img;
  const data = img.data as Uint8Array;
  const C = data.length / (W * H);
  if (frame?.components.length === 1) {
    const grey = new Uint8Array(W * H);
    for (let i = 0; i < W * H; i++) grey[i] = data[i * C];
    return { width: W, height: H, channels: 1, data: grey };
  }
  if (!raw || C !== 3) return { width: W, height: H, channels: 3, data };
  const maxH = Math.max(...frame.components.map((c) => c.h));
  const maxV = Math.max(...frame.components.map((c) => c.v));
  const planes = [0, 1, 2].map((k) => {
    const fx = maxH / frame.components[k].h;
    const fy = maxV / frame.components[k].v;
    const w = Math.ceil(W / fx);
    const h = Math.ceil(H / fy);
    const small = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) small[y * w + x] = data[(y * fy * W + x * fx) * 3 + k];
    return upsample(small, w, h, fx, fy, W, H);
  });
  return { width: W, height: H, channels: 3, data: yccToRgb(planes[0], planes[1], planes[2]) };
}

/** SOF's components and their sampling factors, and whether an Adobe marker asks for a transform; null if unreadable. */
function readFrame(b: Uint8Array): Frame | null {
  let adobeTransform = false;
  for (let p = 2; p + 4 <= b.length;) {
    if (b[p] !== 0xff) return null;
    const marker = b[p + 1];
    if (marker === 0xff) {
      p++;
      continue;
    }
    const len = (b[p + 2] << 8) | b[p + 3];
    if (marker === 0xee && len >= 12 && String.fromCharCode(...b.subarray(p + 4, p + 9)) === 'Adobe') adobeTransform = b[p + 15] !== 0;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const n = b[p + 9];
      const components = [];
      for (let i = 0; i < n; i++) {
        const hv = b[p + 11 + 3 * i];
        components.push({ h: hv >> 4, v: hv & 15 });
      }
      return { components, adobeTransform };
    }
    p += 2 + len;
  }
  return null;
}

/** A chroma plane at full size: libjpeg-turbo's fancy upsampling for 2×1, 1×2 and 2×2, else nearest (as it replicates). */
function upsample(p: Uint8Array, w: number, h: number, fx: number, fy: number, W: number, H: number): Uint8Array {
  if (fx === 1 && fy === 1) return p;
  if (fx === 2 && fy === 1) return crop(h2v1(p, w, h), 2 * w, h, W, H);
  if (fx === 1 && fy === 2) return crop(h1v2(p, w, h), w, 2 * h, W, H);
  if (fx === 2 && fy === 2) return crop(h2v2(p, w, h), 2 * w, 2 * h, W, H);
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[y * W + x] = p[Math.floor(y / fy) * w + Math.floor(x / fx)];
  return out;
}

function crop(p: Uint8Array, w: number, h: number, W: number, H: number): Uint8Array {
  if (w === W && h === H) return p;
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) out.set(p.subarray(y * w, y * w + W), y * W);
  return out;
}

/** jdsample.c h2v1_fancy_upsample: each output sample ¾ its own input and ¼ its nearer neighbour, rounding alternately. */
function h2v1(p: Uint8Array, w: number, h: number): Uint8Array {
  const out = new Uint8Array(2 * w * h);
  for (let y = 0; y < h; y++) {
    const i0 = y * w;
    const o = 2 * w * y;
    if (w === 1) {
      out[o] = out[o + 1] = p[i0];
      continue;
    }
    out[o] = p[i0];
    out[o + 1] = (p[i0] * 3 + p[i0 + 1] + 2) >> 2;
    for (let x = 1; x < w - 1; x++) {
      const v = p[i0 + x] * 3;
      out[o + 2 * x] = (v + p[i0 + x - 1] + 1) >> 2;
      out[o + 2 * x + 1] = (v + p[i0 + x + 1] + 2) >> 2;
    }
    const v = p[i0 + w - 1] * 3;
    out[o + 2 * w - 2] = (v + p[i0 + w - 2] + 1) >> 2;
    out[o + 2 * w - 1] = p[i0 + w - 1];
  }
  return out;
}

/** jdsample.c h1v2_fancy_upsample: ¾ of the own row and ¼ of the nearer one (the edge row repeats itself). */
function h1v2(p: Uint8Array, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * 2 * h);
  for (let y = 0; y < h; y++) {
    for (let half = 0; half < 2; half++) {
      const ny = Math.min(h - 1, Math.max(0, half === 0 ? y - 1 : y + 1));
      const bias = half === 0 ? 1 : 2;
      const o = (2 * y + half) * w;
      for (let x = 0; x < w; x++) out[o + x] = (p[y * w + x] * 3 + p[ny * w + x] + bias) >> 2;
    }
  }
  return out;
}

/** jdsample.c h2v2_fancy_upsample: the triangle filter, 9/16 3/16 3/16 1/16, with its rounding biases 8 and 7. */
function h2v2(p: Uint8Array, w: number, h: number): Uint8Array {
  const W2 = 2 * w;
  const out = new Uint8Array(W2 * 2 * h);
  const col = new Int32Array(w);
  for (let y = 0; y < h; y++) {
    for (let half = 0; half < 2; half++) {
      const ny = Math.min(h - 1, Math.max(0, half === 0 ? y - 1 : y + 1));
      for (let x = 0; x < w; x++) col[x] = p[y * w + x] * 3 + p[ny * w + x];
      const o = (2 * y + half) * W2;
      if (w === 1) {
        out[o] = out[o + 1] = (col[0] * 4 + 8) >> 4;
        continue;
      }
      out[o] = (col[0] * 4 + 8) >> 4;
      out[o + 1] = (col[0] * 3 + col[1] + 7) >> 4;
      for (let x = 1; x < w - 1; x++) {
        out[o + 2 * x] = (col[x] * 3 + col[x - 1] + 8) >> 4;
        out[o + 2 * x + 1] = (col[x] * 3 + col[x + 1] + 7) >> 4;
      }
      out[o + W2 - 2] = (col[w - 1] * 3 + col[w - 2] + 8) >> 4;
      out[o + W2 - 1] = (col[w - 1] * 4 + 7) >> 4;
    }
  }
  return out;
}

const SCALE = 16;
const HALF = 1 << (SCALE - 1);
const fix = (x: number) => Math.floor(x * (1 << SCALE) + 0.5);
const CR_R = new Int32Array(256);
const CB_B = new Int32Array(256);
const CR_G = new Int32Array(256);
const CB_G = new Int32Array(256);
for (let i = 0; i < 256; i++) {
  const x = i - 128;
  CR_R[i] = (fix(1.402) * x + HALF) >> SCALE;
  CB_B[i] = (fix(1.772) * x + HALF) >> SCALE;
  CR_G[i] = -fix(0.71414) * x;
  CB_G[i] = -fix(0.34414) * x + HALF;
}

/** jdcolor.c ycc_rgb_convert: fixed-point tables, each channel clamped to 0–255. */
function yccToRgb(Y: Uint8Array, Cb: Uint8Array, Cr: Uint8Array): Uint8Array {
  const out = new Uint8Array(Y.length * 3);
  const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);
  for (let i = 0; i < Y.length; i++) {
    const y = Y[i];
    const cb = Cb[i];
    const cr = Cr[i];
    out[3 * i] = clamp(y + CR_R[cr]);
    out[3 * i + 1] = clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALE));
    out[3 * i + 2] = clamp(y + CB_B[cb]);
  }
  return out;
}
