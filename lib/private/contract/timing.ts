import { HEALTH_CHECK } from './limits';

/**
 * The provider's deployed timing, in milliseconds: one source for the construct (Lambda timeouts, waiter interval and
 * total time, the custom resource's ServiceTimeout) and for the handler's budgets (`HANDLER_BUDGETS`, the defaults of
 * `lambda/agent-runtime/settings.ts`). `checkProviderTiming()` states the invariants that tie them together.
 *
 * How READY is noticed (issue 9.8): onEvent polls for `onEventWaitMs` after the mutation, then the waiter invokes
 * isComplete at once; each isComplete invocation polls for `isCompleteWaitMs` (most of its Lambda timeout) and the
 * waiter pauses `queryIntervalMs` between invocations. Polls start `pollInitialMs` apart and back off to at most
 * `pollMaxMs` (onEvent) / `isCompletePollMaxMs` (isComplete), both 1 s, so READY is seen within about a second unless
 * it falls in the pause between two isComplete invocations (about 1 s in 180 s).
 */
export const PROVIDER_TIMING = {
  /** Lambda timeout of onEvent. */
  onEventTimeoutMs: 5 * 60_000,
  /** Lambda timeout of isComplete. */
  isCompleteTimeoutMs: 5 * 60_000,
  /** The waiter's pause between isComplete invocations (Step Functions `IntervalSeconds`: 1 s is its minimum). */
  queryIntervalMs: 1_000,
  /** The waiter's total time (a multiple of `queryIntervalMs`, as aws-cdk-lib's Provider requires). */
  totalTimeoutMs: 30 * 60_000,
  /** The custom resource's ServiceTimeout (CloudFormation allows at most 1 hour). */
  serviceTimeoutMs: 45 * 60_000,
} as const;

/**
 * The handler's budgets in milliseconds: the defaults of its settings (each overridable by an environment variable,
 * which tests use to shrink them). Named as in `lambda/agent-runtime/settings.ts`.
 */
export const HANDLER_BUDGETS = {
  /** Socket timeout of one control-plane request. */
  httpTimeoutMs: 10_000,
  /** How long Create/Update keep retrying IAM-propagation ValidationExceptions (Terraform's 2 minutes). */
  propagationBudgetMs: 120_000,
  /** How long one mutation keeps retrying throttling, 5xx, socket errors and ConflictException (busy). */
  retryBudgetMs: 90_000,
  /** First and largest backoff delay between mutation retries. */
  retryInitialMs: 1_000,
  retryMaxMs: 10_000,
  /** How long onEvent polls GetAgentRuntime after a mutation before handing over to isComplete. */
  onEventWaitMs: 60_000,
  /**
   * How long one isComplete invocation polls: its Lambda timeout minus the longest health check, the time kept for
   * the steps after READY (resource policy) and the safety margin.
   */
  isCompleteWaitMs: 180_000,
  /** First delay between polls (also the delay of the READY confirmation read). */
  pollInitialMs: 250,
  /** Largest delay between polls in onEvent. */
  pollMaxMs: 1_000,
  /** Largest delay between polls in isComplete. */
  isCompletePollMaxMs: 1_000,
  /** How long a freshly created runtime may be invisible to GetAgentRuntime (read-after-write gap). */
  notFoundGraceMs: 60_000,
  /** Wall-clock limit of one operation: FAILED is sent well before the waiter's total time and the ServiceTimeout. */
  maxWaitMs: 25 * 60_000,
  /** Time kept free before the Lambda timeout. */
  safetyMarginMs: 15_000,
} as const;

/** Time an isComplete invocation keeps, after its polling window, for the steps after READY other than the check. */
export const FINISH_RESERVE_MS = 15_000;

/**
 * The invariants between the construct's timing and the handler's budgets; each broken one as a sentence (none when
 * the timing is consistent). A unit test asserts the deployed values keep them.
 */
export function checkProviderTiming(
  t: Readonly<Record<keyof typeof PROVIDER_TIMING, number>> = PROVIDER_TIMING,
  b: Readonly<Record<keyof typeof HANDLER_BUDGETS, number>> = HANDLER_BUDGETS,
): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, rule: string) => { if (!ok) problems.push(rule); };
  const longestCheckMs = HEALTH_CHECK.maxTimeoutSeconds * 1000;
  check(b.isCompleteWaitMs + longestCheckMs + FINISH_RESERVE_MS + b.safetyMarginMs <= t.isCompleteTimeoutMs,
    'isComplete: polling window + longest health check + finish reserve + safety margin must fit its Lambda timeout');
  check(b.onEventWaitMs + longestCheckMs + b.propagationBudgetMs + b.safetyMarginMs <= t.onEventTimeoutMs,
    'onEvent: propagation retries + polling window + longest health check + safety margin must fit its Lambda timeout');
  check(t.totalTimeoutMs % t.queryIntervalMs === 0, 'the waiter total time must be a multiple of its query interval');
  check(b.maxWaitMs < t.totalTimeoutMs, 'the wall-clock limit must end before the waiter gives up');
  check(t.totalTimeoutMs + t.onEventTimeoutMs < t.serviceTimeoutMs, 'ServiceTimeout must exceed the waiter total time plus one onEvent run');
  check(t.serviceTimeoutMs <= 3_600_000, 'ServiceTimeout is at most 1 hour');
  check(b.pollMaxMs <= 1_000 && b.isCompletePollMaxMs <= 1_000, 'READY must be noticed within a second: polls at most 1 s apart');
  check(b.isCompleteWaitMs >= 60 * t.queryIntervalMs, 'isComplete must poll for most of the time between its invocations');
  return problems;
}
