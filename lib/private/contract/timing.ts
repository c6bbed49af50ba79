/**
 * The provider's timing, in milliseconds: one source for the construct (Lambda timeouts, waiter interval and total
 * time, the custom resource's ServiceTimeout) and the handler (its budgets). The handler's budgets fit inside the
 * Lambda timeouts; `serviceTimeoutMs` exceeds the waiter's total time plus one onEvent run, so CloudFormation always
 * gets an answer from the provider, never its own timeout.
 */
export const PROVIDER_TIMING = {
  /** Lambda timeout of onEvent. */
  onEventTimeoutMs: 5 * 60_000,
  /** Lambda timeout of isComplete. */
  isCompleteTimeoutMs: 3 * 60_000,
  /** The waiter's pause between isComplete invocations. */
  queryIntervalMs: 15_000,
  /** The waiter's total time. */
  totalTimeoutMs: 30 * 60_000,
  /** The custom resource's ServiceTimeout. */
  serviceTimeoutMs: 45 * 60_000,
} as const;
