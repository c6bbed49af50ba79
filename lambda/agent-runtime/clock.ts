/**
 * The handler's only source of time. Every wait, deadline and timestamp of the lifecycle goes through a `Clock`, so a
 * test can run the handler on a virtual clock without global fakes.
 */

/** Time as the handler sees it. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once after `ms` milliseconds; the returned function cancels it. */
  timer(ms: number, fn: () => void): () => void;
}

/** The real clock (`Date.now`, `setTimeout`). */
export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  timer: (ms, fn) => {
    const t = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(t);
  },
};

/** Resolves after `ms` milliseconds of `clock` time. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    clock.timer(Math.max(0, ms), resolve);
  });
}

/** A point in time after which no new work may start. */
export class Deadline {
  /** A deadline `ms` from now. */
  static in(ms: number, clock: Clock): Deadline {
    return new Deadline(clock.now() + ms, clock);
  }

  constructor(public readonly at: number, private readonly clock: Clock) {}

  /** Milliseconds left (≥ 0). */
  remaining(): number {
    return Math.max(0, this.at - this.clock.now());
  }

  /** The earlier of this deadline and `ms` from now. */
  within(ms: number): Deadline {
    return new Deadline(Math.min(this.at, this.clock.now() + ms), this.clock);
  }
}
