/**
 * Time budgets of the provider, overridable through environment variables (tests shrink them to milliseconds). The
 * defaults are the contract's `HANDLER_BUDGETS` (`lib/private/contract/timing.ts`), which fit the deployed Lambda and
 * waiter timing (`PROVIDER_TIMING`, same file; `checkProviderTiming()` states how).
 */
import { HANDLER_BUDGETS } from '../../lib/private/contract';

/** Budgets in milliseconds (each documented in `HANDLER_BUDGETS`). */
export type Settings = Readonly<Record<Exclude<keyof typeof HANDLER_BUDGETS, 'httpTimeoutMs'>, number>>;

/** The environment variable of the SDK client's socket timeout (read once, when the client is built). */
export const HTTP_TIMEOUT_ENV = 'AGENTCORE_PROVIDER_HTTP_TIMEOUT_MS';

/** Environment variable of every setting. */
export const SETTINGS_ENV: Record<keyof Settings, string> = {
  propagationBudgetMs: 'AGENTCORE_PROVIDER_PROPAGATION_BUDGET_MS',
  retryBudgetMs: 'AGENTCORE_PROVIDER_RETRY_BUDGET_MS',
  retryInitialMs: 'AGENTCORE_PROVIDER_RETRY_INITIAL_MS',
  retryMaxMs: 'AGENTCORE_PROVIDER_RETRY_MAX_MS',
  onEventWaitMs: 'AGENTCORE_PROVIDER_ON_EVENT_WAIT_MS',
  isCompleteWaitMs: 'AGENTCORE_PROVIDER_IS_COMPLETE_WAIT_MS',
  pollInitialMs: 'AGENTCORE_PROVIDER_POLL_INITIAL_MS',
  pollMaxMs: 'AGENTCORE_PROVIDER_POLL_MAX_MS',
  isCompletePollMaxMs: 'AGENTCORE_PROVIDER_IS_COMPLETE_POLL_MAX_MS',
  notFoundGraceMs: 'AGENTCORE_PROVIDER_NOT_FOUND_GRACE_MS',
  maxWaitMs: 'AGENTCORE_PROVIDER_MAX_WAIT_MS',
  safetyMarginMs: 'AGENTCORE_PROVIDER_SAFETY_MARGIN_MS',
};

/** Read the settings; unset or invalid values fall back to the defaults. */
export function loadSettings(env: Record<string, string | undefined>): Settings {
  const out: Partial<Record<keyof Settings, number>> = {};
  for (const [key, name] of Object.entries(SETTINGS_ENV) as [keyof Settings, string][]) {
    const raw = env[name];
    const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
    out[key] = Number.isFinite(n) && n >= 0 ? n : HANDLER_BUDGETS[key];
  }
  return out as Settings;
}
