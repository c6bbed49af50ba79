/**
 * Jittered exponential backoff under a time budget, and the retry loop built on it.
 */

/** Backoff shape: delays grow from `initialMs` by `factor` up to `maxMs`. */
export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor?: number;
}

/**
 * Delay before retry number `attempt` (0-based): "equal jitter", uniformly in [d/2, d] where
 * d = min(maxMs, initialMs × factor^attempt), so calls never synchronise and never hammer the API.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions, random: () => number = Math.random): number {
  const d = Math.min(opts.maxMs, opts.initialMs * Math.pow(opts.factor ?? 2, attempt));
  return Math.round(d / 2 + random() * (d / 2));
}

/** Sleep for `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** A point in time after which no new work may start. */
export class Deadline {
  /** A deadline `ms` from now. */
  static in(ms: number, now: () => number = Date.now): Deadline {
    return new Deadline(now() + ms, now);
  }

  constructor(public readonly at: number, private readonly now: () => number = Date.now) {}

  /** Milliseconds left (≥ 0). */
  remaining(): number {
    return Math.max(0, this.at - this.now());
  }

  /** The earlier of this deadline and `ms` from now. */
  within(ms: number): Deadline {
    return new Deadline(Math.min(this.at, this.now() + ms), this.now);
  }
}

/** What the retry loop should do with an error. */
export type RetryDecision = 'retry' | 'fail';

/**
 * Call `fn` until it succeeds, `decide` says fail, or the next delay would pass the deadline.
 * The last error is rethrown with `attempts` and `elapsedMs` recorded on the thrown object.
 */
export async function retryWithBackoff<T>(
  fn: (attempt: number) => Promise<T>,
  decide: (e: unknown) => RetryDecision,
  deadline: Deadline,
  backoff: BackoffOptions,
): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      const delay = backoffDelay(attempt, backoff);
      if (decide(e) === 'fail' || delay >= deadline.remaining()) {
        throw Object.assign(e as object, { attempts: attempt + 1, elapsedMs: Date.now() - started });
      }
      await sleep(delay);
    }
  }
}
