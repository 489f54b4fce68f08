// The one debounce: a burst of schedules runs its last callback once, after a pause; keyed per document where needed.

export class Debounce {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ms: number) {}

  /** Runs `fn` once no other schedule comes within `ms` (this call's, or the default); a later schedule replaces it. */
  schedule(fn: () => void, ms = this.ms): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      fn();
    }, ms);
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.cancel();
  }
}

/** One Debounce per key (a document's URI). */
export class KeyedDebounce {
  private readonly byKey = new Map<string, Debounce>();

  constructor(private readonly ms: number) {}

  schedule(key: string, fn: () => void): void {
    let d = this.byKey.get(key);
    if (!d) this.byKey.set(key, (d = new Debounce(this.ms)));
    d.schedule(() => {
      this.byKey.delete(key);
      fn();
    });
  }

  dispose(): void {
    this.byKey.forEach((d) => d.cancel());
    this.byKey.clear();
  }
}
