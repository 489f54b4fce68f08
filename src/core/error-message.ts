// The one way to turn anything thrown into the text a user or the log sees.

/** `e.message` for an Error, else `String(e)`. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
