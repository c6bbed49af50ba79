/**
 * Time budgets of the provider, overridable through environment variables (tests shrink them to
 * milliseconds). Defaults fit the deployed timing: onEvent Lambda timeout 5 min, isComplete 2 min,
 * waiter queryInterval 15 s / totalTimeout 30 min, CustomResource ServiceTimeout 45 min.
 */

/** Budgets in milliseconds. */
export interface Settings {
  /** How long Create/Update keep retrying IAM-propagation ValidationExceptions. */
  readonly propagationBudgetMs: number;
  /** How long one mutation keeps retrying throttling, 5xx, socket errors and ConflictException (busy). */
  readonly retryBudgetMs: number;
  /** First and largest backoff delay between mutation retries. */
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
  /** How long onEvent polls GetAgentRuntime after a mutation before handing over to isComplete. */
  readonly onEventWaitMs: number;
  /** How long one isComplete invocation polls before returning `{ IsComplete: false }`. */
  readonly isCompleteWaitMs: number;
  /** First delay between GetAgentRuntime polls (also the delay of the READY confirmation read). */
  readonly pollInitialMs: number;
  /** Largest delay between polls in onEvent (READY within the first minute is noticed within about this). */
  readonly pollMaxMs: number;
  /** Largest delay between polls in isComplete (long waits: fewer Get calls). */
  readonly isCompletePollMaxMs: number;
  /** How long a freshly created runtime may be invisible to GetAgentRuntime (read-after-write gap). */
  readonly notFoundGraceMs: number;
  /** Wall-clock limit for one operation, so a FAILED response is sent well before the CustomResource ServiceTimeout. */
  readonly maxWaitMs: number;
  /** Time kept free before the Lambda timeout. */
  readonly safetyMarginMs: number;
}

/** Environment variable name and default of every setting. */
export const SETTINGS_ENV: Record<keyof Settings, [string, number]> = {
  propagationBudgetMs: ['AGENTCORE_PROVIDER_PROPAGATION_BUDGET_MS', 120_000],
  retryBudgetMs: ['AGENTCORE_PROVIDER_RETRY_BUDGET_MS', 90_000],
  retryInitialMs: ['AGENTCORE_PROVIDER_RETRY_INITIAL_MS', 1_000],
  retryMaxMs: ['AGENTCORE_PROVIDER_RETRY_MAX_MS', 10_000],
  onEventWaitMs: ['AGENTCORE_PROVIDER_ON_EVENT_WAIT_MS', 60_000],
  isCompleteWaitMs: ['AGENTCORE_PROVIDER_IS_COMPLETE_WAIT_MS', 30_000],
  pollInitialMs: ['AGENTCORE_PROVIDER_POLL_INITIAL_MS', 250],
  pollMaxMs: ['AGENTCORE_PROVIDER_POLL_MAX_MS', 1_000],
  isCompletePollMaxMs: ['AGENTCORE_PROVIDER_IS_COMPLETE_POLL_MAX_MS', 2_000],
  notFoundGraceMs: ['AGENTCORE_PROVIDER_NOT_FOUND_GRACE_MS', 60_000],
  maxWaitMs: ['AGENTCORE_PROVIDER_MAX_WAIT_MS', 25 * 60_000],
  safetyMarginMs: ['AGENTCORE_PROVIDER_SAFETY_MARGIN_MS', 15_000],
};

/** Read the settings; unset or invalid values fall back to the defaults. */
export function loadSettings(env: Record<string, string | undefined>): Settings {
  const out: Partial<Record<keyof Settings, number>> = {};
  for (const [key, [name, def]] of Object.entries(SETTINGS_ENV) as [keyof Settings, [string, number]][]) {
    const raw = env[name];
    const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
    out[key] = Number.isFinite(n) && n >= 0 ? n : def;
  }
  return out as Settings;
}
