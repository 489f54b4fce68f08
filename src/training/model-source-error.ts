// ModelSourceError: why a file's model cannot be trained, with the line to go to.
export class ModelSourceError extends Error {
  constructor(
    message: string,
    /** 1-based line the problem is on (0 when it is about the whole file). */
    readonly line: number,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
  }
}
