// Measures event-loop stalls of this thread (how late a 5 ms timer fires) while a run is in progress.
import { backgroundInterval } from '../host/platform/timers';

export class StallProbe {
  private timer: { dispose(): void } | undefined;
  private started = 0;
  private last = 0;
  private worst = 0;
  /** Stalls above `reportMs`: when (ms after start) and how long, for the log. */
  readonly stalls: Array<{ at: number; ms: number }> = [];

  constructor(
    private readonly intervalMs = 5,
    private readonly reportMs = 20,
  ) {}

  start(): void {
    this.stop();
    this.worst = 0;
    this.stalls.length = 0;
    this.started = this.last = performance.now();
    this.timer = backgroundInterval(() => this.sample(), this.intervalMs);
  }

  private sample(): void {
    const now = performance.now();
    const late = now - this.last - this.intervalMs;
    this.worst = Math.max(this.worst, late);
    if (late > this.reportMs && this.stalls.length < 50) this.stalls.push({ at: this.last - this.started, ms: late });
    this.last = now;
  }

  /** Stops probing and returns the largest stall in ms since start(). */
  stop(): number {
    if (this.timer) {
      this.timer.dispose();
      this.timer = undefined;
      this.sample();
    }
    return Math.max(0, this.worst);
  }
}
