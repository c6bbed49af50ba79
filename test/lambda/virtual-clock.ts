/**
 * A virtual clock for the handler's `Clock`: time moves only when the code under test waits, and it jumps straight to
 * the next timer, so a 90-second retry budget runs in milliseconds without global fake timers.
 */
import type { Clock } from '../../lambda/agent-runtime/clock';

/** Where every virtual clock starts (epoch ms). */
export const VIRTUAL_EPOCH = Date.UTC(2025, 0, 1);

/** Virtual time: `timer()` callbacks fire in time order, one per macrotask, advancing `now()` to their due time. */
export class VirtualClock implements Clock {
  private t: number;
  private readonly timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;

  constructor(start = VIRTUAL_EPOCH) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  timer(ms: number, fn: () => void): () => void {
    const entry = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(entry);
    setImmediate(() => this.fireNext());
    return () => {
      const i = this.timers.indexOf(entry);
      if (i >= 0) this.timers.splice(i, 1);
    };
  }

  /** Milliseconds of virtual time since `start`. */
  elapsedSince(start: number): number {
    return this.t - start;
  }

  private fireNext(): void {
    if (this.timers.length === 0) return;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = this.timers.shift()!;
    this.t = Math.max(this.t, next.at);
    next.fn();
  }
}
