// The two hover images of a tensor: its first 2-D plane as a heatmap and that plane's feature map under the hover kernel.
import { scaleFor, type ColorScale, type ThemeKind } from '../core/render/colormap';
import { heatmapImage, type HeatmapImage } from '../core/render/heatmap-image';
import { pngDataUri } from '../core/render/png';
import { featureMap, featureMapInBands, type FeatureMapResult } from './feature-map';
import type { HoverKernel } from './kernel-choice';

/** The plane drawn for a tensor: the last two dims at index 0 of every leading dim (1-D is one row, a scalar one cell). */
export interface Plane {
  /** Leading indices, e.g. [0, 0] for [N, C, H, W]; empty for 1-D and 2-D. */
  index: number[];
  H: number;
  W: number;
  data: Float32Array;
}

export interface DrawnImage extends Omit<HeatmapImage, 'png'> {
  uri: string;
  scale: ColorScale;
  legendUri: string;
}

export interface TensorImages {
  plane: Plane;
  input: DrawnImage | null;
  /** Absent when feature maps are off or the tensor is 1-D; `error` holds PyTorch's message. */
  featureMap?: { H: number; W: number; image: DrawnImage | null } | { error: string };
}

export function planeOf(shape: readonly number[], data: Float32Array): Plane {
  if (shape.length === 0) return { index: [], H: 1, W: 1, data };
  if (shape.length === 1) return { index: [], H: 1, W: shape[0], data };
  const H = shape[shape.length - 2];
  const W = shape[shape.length - 1];
  return { index: shape.slice(0, -2).map(() => 0), H, W, data: data.subarray(0, H * W) };
}

function draw(values: Float32Array, H: number, W: number, theme: ThemeKind): DrawnImage | null {
  if (H === 0 || W === 0) return null;
  const scale = scaleFor(values, theme);
  const { png, ...rest } = heatmapImage(values, H, W, scale, { maxCellPx: 16 });
  const legend = heatmapImage(
    Float32Array.from({ length: 32 }, (_, i) => scale.lo + ((scale.hi - scale.lo) * i) / 31),
    1,
    32,
    scale,
    { targetPx: 128, maxCellPx: 4 },
  );
  return { ...rest, uri: pngDataUri(png), scale, legendUri: pngDataUri(legend.png) };
}

function assemble(plane: Plane, fm: FeatureMapResult | undefined, theme: ThemeKind): TensorImages {
  const images: TensorImages = { plane, input: draw(plane.data, plane.H, plane.W, theme) };
  if (fm) images.featureMap = 'error' in fm ? fm : { H: fm.H, W: fm.W, image: draw(fm.data, fm.H, fm.W, theme) };
  return images;
}

function wantsFeatureMap(shape: readonly number[], kernel: HoverKernel | undefined): kernel is HoverKernel {
  return kernel !== undefined && shape.length >= 2;
}

/** Both images at once (small tensors). */
export function renderTensorImages(
  shape: readonly number[],
  data: Float32Array,
  kernel: HoverKernel | undefined,
  theme: ThemeKind,
): TensorImages {
  const plane = planeOf(shape, data);
  const fm = wantsFeatureMap(shape, kernel) ? featureMap(plane.data, plane.H, plane.W, kernel) : undefined;
  return assemble(plane, fm, theme);
}

/** Both images, with the convolution done in bands that yield (big tensors, prepared in the background). */
export async function renderTensorImagesInBackground(
  shape: readonly number[],
  data: Float32Array,
  kernel: HoverKernel | undefined,
  theme: ThemeKind,
  yieldNow: () => Promise<void>,
): Promise<TensorImages> {
  const plane = planeOf(shape, data);
  const fm = wantsFeatureMap(shape, kernel) ? await featureMapInBands(plane.data, plane.H, plane.W, kernel, yieldNow) : undefined;
  await yieldNow();
  return assemble(plane, fm, theme);
}
