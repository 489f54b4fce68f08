// Measures the largest event-loop stall of this thread (how late a 5 ms timer fires) while a run is in progress.

export class StallProbe {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private worst = 0;

  constructor(private readonly intervalMs = 5) {}

  start(): void {
    this.stop();
    this.worst = 0;
    this.last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      this.worst = Math.max(this.worst, now - this.last - this.intervalMs);
      this.last = now;
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops probing and returns the largest stall in ms since start(). */
  stop(): number {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      const now = performance.now();
      this.worst = Math.max(this.worst, now - this.last - this.intervalMs);
    }
    return Math.max(0, this.worst);
  }
}
