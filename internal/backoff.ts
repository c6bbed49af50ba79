/**
 * Jittered exponential backoff: the one delay rule of the provider's retries (its retry loop, on its injected clock, is
 * `lambda/agent-runtime/retry.ts`) and of the CLI's retries after throttling (`cli/invoke.ts`).
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
