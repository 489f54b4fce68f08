// Named 2-D kernels: the tutorial's four plus the classic image filters, shared by the panel, hovers and settings.

export interface KernelPreset {
  id: string;
  label: string;
  /** Row-major rows; all presets are square and small. */
  rows: number[][];
}

const g = 1 / 16;
const b = 1 / 9;

export const KERNEL_PRESETS: readonly KernelPreset[] = [
  {
    id: 'x',
    label: 'X (tutorial)',
    rows: [
      [1, 0, 0],
      [0, -1, 0],
      [0, 0, 1],
    ],
  },
  {
    id: 'diagonal',
    label: 'Diagonal (tutorial)',
    rows: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
  },
  {
    id: 'horizontal',
    label: 'Horizontal line (tutorial)',
    rows: [
      [0, 0, 0],
      [1, 1, 1],
      [0, 0, 0],
    ],
  },
  {
    id: 'ring',
    label: 'Ring (tutorial)',
    rows: [
      [0, 1, 0],
      [1, 0, 1],
      [0, 1, 0],
    ],
  },
  {
    id: 'identity',
    label: 'Identity',
    rows: [
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ],
  },
  {
    id: 'box-blur',
    label: 'Box blur',
    rows: [
      [b, b, b],
      [b, b, b],
      [b, b, b],
    ],
  },
  {
    id: 'gaussian-blur',
    label: 'Gaussian blur',
    rows: [
      [g, 2 * g, g],
      [2 * g, 4 * g, 2 * g],
      [g, 2 * g, g],
    ],
  },
  {
    id: 'sharpen',
    label: 'Sharpen',
    rows: [
      [0, -1, 0],
      [-1, 5, -1],
      [0, -1, 0],
    ],
  },
  {
    id: 'sobel-x',
    label: 'Sobel x',
    rows: [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ],
  },
  {
    id: 'sobel-y',
    label: 'Sobel y',
    rows: [
      [-1, -2, -1],
      [0, 0, 0],
      [1, 2, 1],
    ],
  },
  {
    id: 'laplacian',
    label: 'Laplacian',
    rows: [
      [0, 1, 0],
      [1, -4, 1],
      [0, 1, 0],
    ],
  },
];

export function presetById(id: string): KernelPreset | undefined {
  return KERNEL_PRESETS.find((p) => p.id === id);
}

/** A preset as a flat Float32Array with its [kH, kW] shape. */
export function presetTensor(p: KernelPreset): { shape: [number, number]; data: Float32Array } {
  return { shape: [p.rows.length, p.rows[0].length], data: Float32Array.from(p.rows.flat()) };
}
