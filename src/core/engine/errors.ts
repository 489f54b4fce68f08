// TorchError (PyTorch's exception type and exact message text) and the shape formatting PyTorch uses in messages.

export type TorchErrorType = 'RuntimeError' | 'ValueError' | 'NotImplementedError' | 'TypeError' | 'IndexError';

/** An error whose `type` and `message` are exactly what PyTorch 1.13 raises for the same call. */
export class TorchError extends Error {
  readonly type: TorchErrorType;
  /** 1-based line of the Python statement that raised it, when the model interpreter ran one (src/core/pymodel). */
  line?: number;
  constructor(type: TorchErrorType, message: string) {
    super(message);
    this.name = 'TorchError';
    this.type = type;
  }
}

export const runtimeError = (message: string): TorchError => new TorchError('RuntimeError', message);
export const valueError = (message: string): TorchError => new TorchError('ValueError', message);

/** `[1, 2, 3]`, as PyTorch prints sizes and int lists. */
export function formatSize(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
