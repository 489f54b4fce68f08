// The shapes autograd works on, in their own module so tensor.ts and autograd.ts do not import each other.

/** What autograd needs of a tensor (Tensor implements it). */
export interface GradNode {
  readonly shape: readonly number[];
  readonly data: Float32Array;
  requiresGrad: boolean;
  /** Backward node of the op that produced this tensor (null for leaves). */
  gradFn: GradFn | null;
  /** The accumulated gradient of a leaf, like PyTorch's .grad. */
  grad: { readonly data: Float32Array } | null;
}

/** One recorded op: its inputs and how to turn the gradient of its output into gradients of its inputs. */
export interface GradFn {
  /** PyTorch's name for the node, e.g. 'ConvolutionBackward0'. */
  readonly name: string;
  readonly inputs: readonly (GradNode | null)[];
  /** Gradient w.r.t. each input (null where an input needs none), given the gradient of the output. */
  backward(gradOutput: Float32Array): (Float32Array | null)[];
  /**
   * Optional faster form: adds the gradient of input j straight into `into[j]` (that leaf's existing .grad) where given,
   * returning null in that slot; other slots as backward().
   */
  backwardInto?(gradOutput: Float32Array, into: (Float32Array | null)[]): (Float32Array | null)[];
}
