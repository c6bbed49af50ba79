/**
 * The one retry policy of every control-plane call the lifecycle makes (reads included): throttling, 5xx, socket
 * errors and the service-linked-role rate limit are retried with jittered backoff within the retry budget, on the
 * handler's clock and never past the invocation's deadline. A caller may widen it for one call: ConflictException
 * (the runtime is busy), IAM-propagation ValidationExceptions (within the propagation budget) or an error of its own.
 */
import { sleep } from './clock';
import type { Deps } from './context';
import { ProviderError } from './response';
import { backoffDelay } from '../../internal/backoff';
import { classifyError, describeError, errorName } from '../../internal/errors';

/** What else a call retries besides transient errors. */
export interface RetryOptions {
  /** Retry ConflictException (a busy runtime) within the retry budget. */
  readonly conflict?: boolean;
  /** Retry IAM-propagation ValidationExceptions within the propagation budget. */
  readonly propagation?: boolean;
  /** Retry errors of the caller's own (within the retry budget). */
  readonly also?: (e: unknown) => boolean;
}

/** The facts a retried error carries when it is finally thrown. */
export interface RetriedError {
  attempts?: number;
  elapsedMs?: number;
}

/**
 * Call `fn` (one control-plane operation) under the retry policy. The last error is rethrown with `attempts` and
 * `elapsedMs` recorded on it.
 */
export async function withRetries<T>(deps: Deps, operation: string, fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const { settings, clock } = deps;
  const started = clock.now();
  const budgetMs = Math.max(settings.retryBudgetMs, opts.propagation ? settings.propagationBudgetMs : 0);
  const deadline = deps.deadline.within(budgetMs);
  const backoff = { initialMs: settings.retryInitialMs, maxMs: settings.retryMaxMs };
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const kind = classifyError(e);
      deps.log('call failed', { operation, attempt, error: errorName(e), kind });
      const elapsed = clock.now() - started;
      const retry = kind === 'transient' || (kind === 'conflict' && opts.conflict) || opts.also?.(e)
        ? elapsed < settings.retryBudgetMs
        : kind === 'propagation' && opts.propagation && elapsed < settings.propagationBudgetMs;
      const delay = backoffDelay(attempt, backoff);
      if (!retry || delay >= deadline.remaining()) {
        if (typeof e === 'object' && e !== null) Object.assign(e, { attempts: attempt + 1, elapsedMs: clock.now() - started });
        throw e;
      }
      await sleep(clock, delay);
    }
  }
}

/** `12.3s` */
export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`;
}

/** Failure message for an operation that gave up: `<Operation> failed[ after n attempts in t]: <Name>: <message>`. */
export function failure(operation: string, e: unknown, suffix = ''): ProviderError {
  if (e instanceof ProviderError) return e;
  const { attempts = 1, elapsedMs = 0 } = (typeof e === 'object' && e !== null ? e : {}) as RetriedError;
  const tries = attempts > 1 ? ` after ${attempts} attempts in ${seconds(elapsedMs)}` : '';
  return new ProviderError(`${operation} failed${tries}: ${describeError(e)}${suffix}`);
}
