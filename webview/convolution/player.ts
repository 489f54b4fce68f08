// The sliding window's autoplay and its keys (← → step, space plays), as a Lit controller of the panel.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the player reads from the panel and the one action it calls. */
export interface Steppable {
  readonly step: number;
  stepCount(): number;
  setStep(i: number): void;
}

export class Player implements ReactiveController {
  playing = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: ReactiveControllerHost & Steppable) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKey);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKey);
    this.stop();
  }

  toggle(): void {
    const h = this.host;
    if (this.playing) return this.stop();
    if (h.stepCount() === 0) return;
    if (h.step >= h.stepCount() - 1) h.setStep(0);
    this.playing = true;
    h.requestUpdate();
    this.timer = setInterval(() => {
      const last = h.stepCount() - 1;
      if (h.step >= last) this.stop();
      else h.setStep(h.step + 1);
    }, 700);
  }

  stop(): void {
    clearInterval(this.timer);
    if (this.playing) this.host.requestUpdate();
    this.playing = false;
  }

  private onKey = (e: KeyboardEvent): void => {
    const tag = (e.composedPath()[0] as HTMLElement | undefined)?.tagName ?? '';
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(tag) || (e.key === ' ' && tag === 'BUTTON')) return;
    if (e.key === 'ArrowRight') this.host.setStep(this.host.step + 1);
    else if (e.key === 'ArrowLeft') this.host.setStep(this.host.step - 1);
    else if (e.key === ' ') this.toggle();
    else return;
    e.preventDefault();
  };
}
