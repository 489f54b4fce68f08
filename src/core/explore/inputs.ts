// The explorer's inputs and weights from file bytes: an image read as torchvision's ToTensor() (optionally resized and
// normalised), a tensor file, or a state dict, all through the tensor-file readers.
import { Tensor } from '../engine';
import { memorySource, type Inflate } from '../tensor-files/byte-source';
import type { ImageTensor } from '../tensor-files/image';
import { openTensorFile } from '../tensor-files/open-tensor-file';
import type { StateTensors } from './explore-model';

export interface Normalize {
  mean: number[];
  std: number[];
}

/** torchvision's ImageNet statistics (transforms.Normalize in its reference scripts). */
export const IMAGENET: Normalize = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

export interface ImageOptions {
  /** Resize to [H, W] first (bilinear, align_corners=False, as F.interpolate / Resize on a tensor). */
  resize?: [number, number];
  normalize?: Normalize;
  /** Read the image as one gray channel (PIL's convert('L')). */
  grayscale?: boolean;
}

/** ToTensor()'s C×H×W image as the model's input: resized, normalised, with a batch dimension. */
export function imageInput(image: ImageTensor, opts: ImageOptions = {}): Tensor {
  const C = image.shape[0];
  let [, H, W] = image.shape;
  let data = image.data;
  if (opts.resize && (opts.resize[0] !== H || opts.resize[1] !== W)) {
    data = resizeBilinear(data, C, H, W, opts.resize[0], opts.resize[1]);
    [H, W] = opts.resize;
  } else data = data.slice();
  if (opts.normalize) {
    const { mean, std } = opts.normalize;
    if (mean.length !== C && mean.length !== 1) throw new Error(`normalise has ${mean.length} means for a ${C}-channel image`);
    const plane = H * W;
    for (let c = 0; c < C; c++) {
      const m = Math.fround(mean[mean.length === 1 ? 0 : c]);
      const s = Math.fround(std[std.length === 1 ? 0 : c]);
      for (let i = c * plane; i < (c + 1) * plane; i++) data[i] = Math.fround(data[i] - m) / s;
    }
  }
  return new Tensor(data, [1, C, H, W]);
}

/** F.interpolate(x, size, mode='bilinear', align_corners=False) on a C×H×W float32 image. */
export function resizeBilinear(src: Float32Array, C: number, H: number, W: number, outH: number, outW: number): Float32Array {
  const out = new Float32Array(C * outH * outW);
  const axis = (inSize: number, outSize: number, i: number): [number, number, number] => {
    const scale = inSize / outSize;
    const x = Math.max(0, (i + 0.5) * scale - 0.5);
    const lo = Math.min(Math.floor(x), inSize - 1);
    const hi = Math.min(lo + 1, inSize - 1);
    return [lo, hi, x - lo];
  };
  for (let y = 0; y < outH; y++) {
    const [y0, y1, fy] = axis(H, outH, y);
    for (let x = 0; x < outW; x++) {
      const [x0, x1, fx] = axis(W, outW, x);
      for (let c = 0; c < C; c++) {
        const p = src.subarray(c * H * W, (c + 1) * H * W);
        const top = p[y0 * W + x0] * (1 - fx) + p[y0 * W + x1] * fx;
        const bottom = p[y1 * W + x0] * (1 - fx) + p[y1 * W + x1] * fx;
        out[c * outH * outW + y * outW + x] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return out;
}

/** A model input from a file: an image (ToTensor + options + batch dim) or a tensor file's only (or named) tensor. */
export async function readInputFile(bytes: Uint8Array, opts: ImageOptions & { name?: string; inflate?: Inflate } = {}): Promise<Tensor> {
  const file = await openTensorFile(memorySource(bytes), { inflate: opts.inflate, grayscale: opts.grayscale });
  if (file.image) return imageInput(file.image, opts);
  const entry = opts.name ? file.entries.find((e) => e.name === opts.name) : file.entries.length === 1 ? file.entries[0] : undefined;
  if (!entry)
    throw new Error(
      opts.name
        ? `the file has no tensor named "${opts.name}"`
        : `the file holds ${file.entries.length} tensors (${file.entries
            .slice(0, 5)
            .map((e) => e.name)
            .join(', ')}${file.entries.length > 5 ? ', …' : ''}); name the one to use`,
    );
  const values = await file.read(entry);
  return new Tensor(values instanceof Float32Array ? values : Float32Array.from(values), entry.shape);
}

/** A state dict from a .pt/.pth/.safetensors/.npz file: every tensor by its key. */
export async function readStateDictFile(bytes: Uint8Array, inflate?: Inflate): Promise<StateTensors> {
  const file = await openTensorFile(memorySource(bytes), { inflate });
  if (file.image) throw new Error('an image is not a state dict');
  const out: StateTensors = {};
  for (const e of file.entries) out[e.name] = { shape: e.shape, data: await file.read(e) };
  return out;
}
