// Types of what the literal finder returns: tensor literals, layer calls and structured parse errors.

/** Half-open character range [start, end) into the text that was parsed. */
export interface TextRange {
  start: number;
  end: number;
}

export type Dtype = 'float32' | 'float64' | 'float16' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

/** A tensor literal found in source text, with its final shape (after any .view/.reshape chain). */
export interface TensorLiteral {
  kind: 'tensor';
  /** Variable it is assigned to (`image = torch.tensor(...)` → "image"), if any. */
  name?: string;
  /** Range of the whole literal expression, including the constructor call and method chain. */
  range: TextRange;
  shape: number[];
  data: Float32Array;
  dtype: Dtype;
  /** How it was written: 'json' | 'python-list' | 'torch.tensor' | 'np.array' | 'js-array' | 'Float32Array' | 'tf.tensor' | ... */
  syntax: string;
}

export type LayerType = 'Conv2d' | 'conv2d' | 'Linear' | 'ReLU' | 'MaxPool2d' | 'Flatten';

/** An nn.Conv2d(...) / F.conv2d(...) / nn.Linear(...) ... call with every argument resolved (defaults filled in). */
export interface LayerCall {
  kind: 'layer';
  name?: string;
  range: TextRange;
  layer: LayerType;
  /** Conv2d: inChannels, outChannels, kernelSize [kH, kW], stride, padding, dilation, groups, bias, paddingMode. */
  conv?: {
    inChannels?: number;
    outChannels?: number;
    kernelSize?: [number, number];
    stride: [number, number];
    padding: [number, number] | 'same' | 'valid';
    dilation: [number, number];
    groups: number;
    bias: boolean;
    paddingMode: 'zeros' | 'reflect' | 'replicate' | 'circular';
    /** F.conv2d: the source text of the input and weight arguments. */
    inputExpr?: string;
    weightExpr?: string;
  };
  linear?: { inFeatures: number; outFeatures: number; bias: boolean };
  maxPool?: { kernelSize: [number, number]; stride: [number, number]; padding: [number, number] };
  flatten?: { startDim: number; endDim: number };
  /** Arguments that are not constants (e.g. `nn.Conv2d(c, 8, k)`): their names; defaults stand in for them. */
  unresolved?: string[];
}

export type Literal = TensorLiteral | LayerCall;

/** A parse failure: a message a user can act on and the range to underline. */
export interface LiteralError {
  kind: 'error';
  message: string;
  /** The text is no literal form at all (`model(x)`, `torch.tensor(data)`), as opposed to a literal that is wrong. */
  notALiteral?: true;
  range: TextRange;
  /** 1-based line and column of range.start, for messages. */
  line: number;
  column: number;
}

/** Source language: decides comment syntax and how plain brackets are labelled and typed. */
export type LiteralLanguage = 'python' | 'javascript' | 'typescript' | 'json' | 'auto';

export interface ParseOptions {
  /** Largest tensor to build, in elements (default 16,777,216); bigger literals give an error. */
  maxElements?: number;
  /**
   * Default 'auto': guessed from the text. VS Code callers can pass document.languageId as is: 'jsonc',
   * 'javascriptreact', 'typescriptreact' are understood too; unknown ids mean 'auto'.
   */
  language?: LiteralLanguage | (string & {});
}

/** What a selection holds: its literals in order (Convolve Selection takes the first as image, the second as kernel). */
export interface SelectionResult {
  literals: Literal[];
  /** Problems found; when `literals` is empty there is always at least one, saying why. */
  errors: LiteralError[];
}

/** Literals of one notebook code cell; ranges are relative to the cell's text. */
export interface CellLiterals {
  /** Index among all cells of the notebook (markdown cells count too). */
  cellIndex: number;
  text: string;
  literals: Literal[];
}
