// Tensor Lens example: tensors written in TypeScript — nested arrays, Float32Array and tf.tensor2d — to hover and convolve.
// Stands in for `import * as tf from '@tensorflow/tfjs'` so this folder needs no packages; Tensor Lens reads
// TensorFlow.js calls from the text either way.
declare const tf: { tensor2d(values: number[][]): unknown };

/** A 5×5 diagonal stroke; select it and run "Tensor Lens: Convolve Selection". */
export const diagonalImage: number[][] = [
  [1, 0, 0, 0, 0],
  [0, 1, 0, 0, 0],
  [0, 0, 1, 0, 0],
  [0, 0, 0, 1, 0],
  [0, 0, 0, 0, 1],
];

/** The matching diagonal kernel, flat as the engine stores it. */
export const diagonalKernel = new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1]);

/** A horizontal-line detector as a TensorFlow.js tensor. */
export const horizontalKernel = tf.tensor2d([
  [0, 0, 0],
  [1, 1, 1],
  [0, 0, 0],
]);

/** Sobel X, with a trailing comma and a comment inside the brackets. */
export const sobelX = [
  [-1, 0, 1], // left to right
  [-2, 0, 2],
  [-1, 0, 1],
];
