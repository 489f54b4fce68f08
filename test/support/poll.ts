// One way to wait on a condition in tests: poll until it holds, or fail naming what never happened (no fixed sleeps).

export interface PollOptions {
  /** What is awaited, for the failure message ("the output grid shows [[3]]"). */
  what: string;
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Calls `check` until it returns something other than undefined, null or false, and returns that. A check that throws
 * counts as not yet (a frame navigating, an element detaching). On timeout, throws with `what` and the last value seen.
 */
export async function poll<T>(
  check: () => T | Promise<T>,
  { what, timeoutMs = 10_000, intervalMs = 25 }: PollOptions,
): Promise<Exclude<T, undefined | null | false>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await check();
      if (last !== undefined && last !== null && last !== false) return last as Exclude<T, undefined | null | false>;
    } catch (e) {
      last = e instanceof Error ? e.message : e;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(last)?.slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
