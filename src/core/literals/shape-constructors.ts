// torch/np/tf ones, zeros, eye, arange, linspace and full: tensors given by a shape rather than by their elements.
import { intValue, type Arg, type ArgValue } from './args';
import type { ShapeConstructor } from './constructors';
import { castValues, dtypeFromName } from './dtype';
import type { TensorValue } from './method-chain';
import { tooManyElements } from './nested';
import { ParseFailure } from './source';
import type { Dtype, TextRange } from './types';

/** Builds the tensor, or returns null when an argument is not a constant (then it is not a literal). */
export function buildShapeConstructor(ctor: ShapeConstructor, args: Arg[], range: TextRange, maxElements: number): TensorValue | null {
  const positional = args.filter((a) => !a.name).map((a) => a.value);
  const kw = (k: string): ArgValue | undefined => args.find((a) => a.name === k)?.value;
  const fail = (message: string): never => {
    throw new ParseFailure(message, range);
  };
  const dtypeArg =
    kw('dtype') ??
    (ctor.library !== 'torch' && ctor.op !== 'arange' && ctor.op !== 'eye' && ctor.op !== 'full' && ctor.op !== 'linspace'
      ? positional[1]
      : undefined);
  let dtype: Dtype | undefined;
  if (dtypeArg && (dtypeArg.kind === 'name' || dtypeArg.kind === 'string')) {
    dtype = dtypeFromName(dtypeArg.value, ctor.library);
    if (!dtype) return null;
  }
  const floatDefault: Dtype = ctor.library === 'numpy' ? 'float64' : 'float32';
  let shape: number[] | undefined;
  let values: Float64Array;
  const guardSize = (dims: number[]): void => {
    for (const d of dims) if (d < 0) fail(`Trying to create tensor with negative dimension ${d}: [${dims.join(', ')}]`);
    if (dims.reduce((a, b) => a * b, 1) > maxElements) fail(tooManyElements(maxElements));
  };
  switch (ctor.op) {
    case 'ones':
    case 'zeros':
    case 'full': {
      const sizeArgs = ctor.op === 'full' ? positional.slice(0, 1) : ctor.library === 'torch' ? positional : positional.slice(0, 1);
      shape = dims(sizeArgs.length ? sizeArgs : [kw('size') ?? kw('shape') ?? { kind: 'none' }]);
      if (!shape) return null;
      guardSize(shape);
      let fill = ctor.op === 'ones' ? 1 : 0;
      if (ctor.op === 'full') {
        const v = positional[1] ?? kw('fill_value');
        if (!v || v.kind !== 'number') return null;
        fill = v.value;
        dtype ??= v.isBool ? 'bool' : v.isInt ? 'int64' : floatDefault;
      }
      values = new Float64Array(shape.reduce((a, b) => a * b, 1)).fill(fill);
      break;
    }
    case 'eye': {
      const n = intValue(positional[0] ?? kw('n') ?? kw('N') ?? kw('numRows') ?? { kind: 'none' });
      const mArg = positional[1] ?? kw('m') ?? kw('M') ?? kw('numColumns');
      const m = mArg && mArg.kind !== 'none' ? intValue(mArg) : n;
      if (n === undefined || m === undefined) return null;
      if (n < 0) fail(`n must be greater or equal to 0, got ${n}`);
      if (m < 0) fail(`m must be greater or equal to 0, got ${m}`);
      shape = [n, m];
      guardSize(shape);
      values = new Float64Array(n * m);
      for (let i = 0; i < Math.min(n, m); i++) values[i * m + i] = 1;
      break;
    }
    case 'arange': {
      const nums = positional.map((p) => (p.kind === 'number' ? p : undefined));
      if (nums.length === 0 || nums.length > 3 || nums.some((x) => !x)) return null;
      const [a, b, c] = nums.length === 1 ? [undefined, nums[0], undefined] : nums;
      const start = a?.value ?? 0;
      const end = b!.value;
      const step = c?.value ?? 1;
      if (step === 0) fail('step must be nonzero');
      if ((end - start) / step < 0) fail('upper bound and larger bound inconsistent with step sign');
      const n = Math.ceil((end - start) / step);
      if (n > maxElements) fail(tooManyElements(maxElements));
      dtype ??= nums.every((x) => x!.isInt) ? 'int64' : floatDefault;
      shape = [n];
      values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = start + i * step;
      break;
    }
    case 'linspace': {
      // torch.linspace(start, end, steps) / np.linspace(start, stop, num=50): evenly spaced, both ends included.
      const num = (v: ArgValue | undefined) => (v && v.kind === 'number' ? v.value : undefined);
      const start = num(positional[0] ?? kw('start'));
      const end = num(positional[1] ?? kw('end') ?? kw('stop'));
      const stepsArg = positional[2] ?? kw('steps') ?? kw('num');
      const n = stepsArg ? intValue(stepsArg) : ctor.library === 'numpy' ? 50 : undefined;
      if (start === undefined || end === undefined || n === undefined) return null;
      if (n < 0) fail(ctor.library === 'numpy' ? `Number of samples, ${n}, must be non-negative.` : 'number of steps must be non-negative');
      if (n > maxElements) fail(tooManyElements(maxElements));
      shape = [n];
      values = new Float64Array(n);
      const step = n > 1 ? (end - start) / (n - 1) : 0;
      // PyTorch fills the second half from the end, so the last value is exactly `end`.
      for (let i = 0; i < n; i++) values[i] = i < n / 2 ? start + i * step : end - (n - 1 - i) * step;
      break;
    }
  }
  dtype ??= floatDefault;
  return { shape, data: castValues(values, values.length, dtype, range), dtype };
}

/** `(2, 3)`, `2, 3`, `[2, 3]` or `4` → dims; undefined unless every size is a constant int. */
function dims(values: ArgValue[]): number[] | undefined {
  const items = values.length === 1 && values[0].kind === 'tuple' ? values[0].items : values;
  const out: number[] = [];
  for (const v of items) {
    const d = intValue(v);
    if (d === undefined) return undefined;
    out.push(d);
  }
  return out;
}
