/**
 * The lifecycle of one `Custom::BedrockAgentCoreRuntime`: small steps (create-or-adopt, update,
 * delete, sweep, wait) composed by `handleOnEvent` and `handleIsComplete`.
 *
 * Rules that keep a stack from being stranded:
 * - onEvent never throws once a runtime of this resource exists for a Create or a replacement (the framework would
 *   answer a Create with its CREATE_FAILED marker and swallow the rollback Delete, orphaning the runtime): it returns
 *   the id and isComplete, whose failures carry the real id, decides.
 * - isComplete returns exactly `{ IsComplete: false }` while waiting or on transient errors, and throws
 *   only on terminal states, after deleting a runtime created by this request (never an adopted one).
 * - Update never deletes its runtime: a name change creates a new runtime with a new physical id and CloudFormation
 *   deletes the old one during cleanup.
 * - A health check counts only when DEFAULT serves the new version.
 */
import { sleep } from './clock';
import type { Deadline } from './clock';
import type { Deps, LifecycleEvent } from './context';
import { CHECK_MARGIN_MS, runHealthCheck } from './health-check';
import type { HealthCheckSpec } from './health-check';
import { createRequest, parseProperties, readResourcePolicy, readRuntimeName, readTags, sameConfig, samePolicy } from './properties';
import type { RuntimeSpec } from './properties';
import { payloadValuesOf, ProviderError, redactSecrets, redactValues } from './response';
import type { RuntimeData } from './response';
import { failure, seconds, withRetries } from './retry';
import type { Phase } from './status';
import {
  applyTags, createOrAdopt, deleteQuietly, deleteResourcePolicy, deleteRuntime, describeRuntime, goneOutOfBand,
  putResourcePolicy, reconcileAdopted, sweep, updateConfig,
} from './steps';
import { waitFor } from './wait';
import type { WaitState } from './wait';
import { backoffDelay } from '../../internal/backoff';
import { classifyError, describeError, errorName } from '../../internal/errors';
import { DEFAULT_ENDPOINT, isRuntimeId, runtimeNameOf } from '../../lib/private/contract';

export type { Deps, LifecycleEvent } from './context';

/** Name of the top-level key carrying the WaitState. */
export const WAIT_STATE_KEY = 'AgentCoreRuntimeWait';

/** onEvent result. */
export interface OnEventResult {
  readonly PhysicalResourceId: string;
  readonly Data?: RuntimeData;
  readonly [WAIT_STATE_KEY]: WaitState;
}

/** isComplete result: exactly `{ IsComplete: false }` while waiting. */
export type IsCompleteResult = { readonly IsComplete: false } | { readonly IsComplete: true; readonly Data?: RuntimeData };

const GET_PERMISSION = 'bedrock-agentcore:GetAgentRuntime';

/** The onEvent answer: the physical id, Data when already READY, and the state isComplete continues from. */
function onEventResult(id: string, state: WaitState, data?: RuntimeData): OnEventResult {
  return data ? { PhysicalResourceId: id, Data: data, [WAIT_STATE_KEY]: state } : { PhysicalResourceId: id, [WAIT_STATE_KEY]: state };
}

/** How the steps after stable READY ended. */
type Finish =
  | { kind: 'done'; data: RuntimeData }
  /**
   * Not in this invocation: the check does not fit in the time left, or DEFAULT does not serve the new version yet.
   * `overdue` is the failure once the operation passes its wall-clock limit.
   */
  | { kind: 'later'; overdue: string }
  | { kind: 'check-failed'; message: string }
  | { kind: 'error'; error: unknown; checked: boolean };

/**
 * The version DEFAULT serves, polled until it is `version` or `until` passes (then the last one seen). The check
 * invokes DEFAULT (a version cannot be addressed directly), so it counts only once DEFAULT serves the new version.
 */
async function defaultVersion(deps: Deps, id: string, version: string, until: Deadline): Promise<string | undefined> {
  let live: string | undefined;
  for (let i = 0; ; i++) {
    try {
      live = (await deps.api.getAgentRuntimeEndpoint(id, DEFAULT_ENDPOINT)).liveVersion;
      if (live === version) return live;
    } catch (e) {
      if (classifyError(e) !== 'transient') throw failure('GetAgentRuntimeEndpoint', e, ` (${DEFAULT_ENDPOINT} endpoint of runtime ${id})`);
    }
    const delay = backoffDelay(i, { initialMs: deps.settings.pollInitialMs, maxMs: deps.settings.pollMaxMs });
    if (delay >= until.remaining()) return live;
    await sleep(deps.clock, delay);
  }
}

/** Run the health check on the version in `data`; a failure message (one line, secrets redacted) or undefined. */
async function verify(deps: Deps, event: LifecycleEvent, id: string, data: RuntimeData, check: HealthCheckSpec): Promise<string | undefined> {
  const started = deps.clock.now();
  const result = await runHealthCheck(deps, data.AgentRuntimeArn, check, check.timeoutMs);
  deps.log('health check', { runtimeId: id, version: data.AgentRuntimeVersion, passed: result.ok, attempts: result.attempts, ms: deps.clock.now() - started });
  if (result.ok) return undefined;
  // the quoted output may echo the payload (the agent's or the service's words); the provider's own words may not
  const output = result.output !== undefined ? `; output: ${redactValues(result.output, payloadValuesOf(event.ResourceProperties))}` : '';
  const message = `health check of runtime ${id} version ${data.AgentRuntimeVersion} failed: ${result.reason}${output}`;
  return redactSecrets(message, event.ResourceProperties, event.OldResourceProperties);
}

/**
 * The resource-policy change of this request: put on Create (when set), on a replacement's new runtime, and when it
 * differs from the old properties; delete when it was removed; nothing when unchanged on the same runtime. The runtime
 * is "the same" when it is the one the request started from (`priorId`): in isComplete the event already carries the
 * new id of a replacement.
 */
async function reconcilePolicy(deps: Deps, event: LifecycleEvent, state: WaitState, spec: RuntimeSpec, id: string, arn: string): Promise<void> {
  const sameRuntime = event.RequestType === 'Update' && (state.priorId ?? event.PhysicalResourceId) === id;
  const old = sameRuntime ? readResourcePolicy(event.OldResourceProperties) : undefined;
  if (spec.resourcePolicy) {
    if (old !== undefined && old !== 'invalid' && samePolicy(spec.resourcePolicy, old)) return;
    deps.log('put resource policy', { runtimeId: id });
    await putResourcePolicy(deps, id, arn, spec.resourcePolicy);
  } else if (old !== undefined) {
    deps.log('delete resource policy', { runtimeId: id });
    await deleteResourcePolicy(deps, id, arn);
  }
}

/**
 * After stable READY: the health check of a new version (when the state asks for it, this invocation has time for it
 * and DEFAULT serves that version by `until`), then the resource policy. Never throws.
 */
async function finish(deps: Deps, event: LifecycleEvent, id: string, state: WaitState, data: RuntimeData, until: Deadline): Promise<Finish> {
  let checked = false;
  try {
    const spec = parseProperties(event.ResourceProperties);
    if (state.verify && spec.healthCheck) {
      const version = data.AgentRuntimeVersion;
      const limit = seconds(deps.settings.maxWaitMs);
      const need = spec.healthCheck.timeoutMs + CHECK_MARGIN_MS;
      if (deps.deadline.remaining() < need) {
        return { kind: 'later', overdue: `runtime ${id} did not settle within ${limit} (READY, but the health check did not fit in the time left to an isComplete invocation)` };
      }
      const live = await defaultVersion(deps, id, version, until.within(deps.deadline.remaining() - need));
      if (live !== version) {
        return {
          kind: 'later',
          overdue: `health check of runtime ${id} version ${version} never ran: ${DEFAULT_ENDPOINT} still served version ${live ?? '(none)'} `
            + `after ${limit}, and a check counts only once ${DEFAULT_ENDPOINT} serves the new version`,
        };
      }
      const failed = await verify(deps, event, id, data, spec.healthCheck);
      if (failed !== undefined) return { kind: 'check-failed', message: failed };
      checked = true;
    }
    await reconcilePolicy(deps, event, state, spec, id, data.AgentRuntimeArn);
    return { kind: 'done', data };
  } catch (e) {
    return { kind: 'error', error: e, checked };
  }
}

/** After a mutation: poll for up to the onEvent wait budget, then hand over to isComplete. Never throws. */
async function settle(deps: Deps, id: string, state: WaitState, event: LifecycleEvent): Promise<OnEventResult> {
  const until = deps.deadline.within(deps.settings.onEventWaitMs);
  const outcome = await waitFor(deps, id, state, until);
  deps.log('onEvent wait', { runtimeId: id, phase: state.phase, outcome: outcome.kind });
  if (outcome.kind === 'ready') {
    const settled: WaitState = { ...state, settled: true };
    const f = await finish(deps, event, id, settled, outcome.data, until);
    deps.log('onEvent finish', { runtimeId: id, outcome: f.kind, ...(f.kind === 'error' ? { error: errorName(f.error) } : {}) });
    if (f.kind === 'done') return onEventResult(id, { ...settled, finished: true }, f.data);
    // Failures are reported by isComplete: its answer carries the real id (and it deletes a failed new runtime).
    if (f.kind === 'check-failed') return onEventResult(id, { ...settled, failure: f.message });
    if (f.kind === 'error' && f.checked) return onEventResult(id, { ...settled, verify: false });
    return onEventResult(id, settled);
  }
  if (outcome.kind === 'gone' && state.phase === 'delete') return onEventResult(id, { ...state, settled: true });
  return onEventResult(id, state);
}

/** The version DEFAULT serves now (the one live before an update), falling back to the runtime's version. */
async function liveVersion(deps: Deps, id: string): Promise<string | undefined> {
  try {
    const v = (await withRetries(deps, 'GetAgentRuntimeEndpoint', () => deps.api.getAgentRuntimeEndpoint(id, DEFAULT_ENDPOINT))).liveVersion;
    if (v) return v;
  } catch {
    // fall back to the runtime's version
  }
  try {
    return (await withRetries(deps, 'GetAgentRuntime', () => deps.api.getAgentRuntime(id))).agentRuntimeVersion || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Create (or, during an Update, the new runtime of a replacement). Once a runtime of this resource exists, onEvent
 * never throws: a failure is handed to isComplete, whose answer carries the real id, so CloudFormation's rollback
 * Delete reaches the handler (the framework would answer a throw with its CREATE_FAILED marker and swallow it).
 * An adopted runtime is never deleted on failure: it may be one a duplicate delivery reports, or the live runtime of
 * a rollback; the rollback Delete removes it when it is this resource's.
 */
async function onCreate(deps: Deps, event: LifecycleEvent, spec: RuntimeSpec, inUpdate: boolean): Promise<OnEventResult> {
  createRequest(spec, spec.tags); // members CreateAgentRuntime lacks fail here, before any call
  const { runtime, adopted } = await createOrAdopt(deps, event, spec);
  const id = runtime.agentRuntimeId;
  deps.log(adopted ? 'adopted runtime' : 'created runtime', { runtimeId: id });
  let state: WaitState = {
    phase: 'create',
    createdHere: !adopted,
    mutatedAt: deps.clock.now(),
    settled: false,
    verify: spec.healthCheck !== undefined,
    ...(inUpdate && event.PhysicalResourceId ? { priorId: event.PhysicalResourceId } : {}),
  };
  if (adopted) {
    try {
      const version = await reconcileAdopted(deps, event, spec, runtime);
      if (version !== undefined) state = { ...state, phase: 'update', mutatedAt: deps.clock.now(), ...(version ? { minVersion: version } : {}) };
    } catch (e) {
      const message = e instanceof ProviderError ? e.message : `unexpected error: ${describeError(e)}`;
      return onEventResult(id, { ...state, failure: message });
    }
  }
  return settle(deps, id, state, event);
}

/**
 * The rollback of a rename whose update failed arrives as an Update back to the old name on the old runtime: delete a
 * runtime of this resource with the failed new name that the failed update left behind. Best effort: a rollback never
 * fails for it.
 */
async function sweepFailedRename(deps: Deps, event: LifecycleEvent, id: string): Promise<void> {
  const failedName = readRuntimeName(event.OldResourceProperties);
  if (failedName === undefined || failedName === runtimeNameOf(id)) return;
  try {
    await sweep(deps, event, failedName, id);
  } catch (e) {
    deps.log('sweep of a failed rename failed', { runtimeId: id, error: errorName(e) });
  }
}

async function onUpdate(deps: Deps, event: LifecycleEvent): Promise<OnEventResult> {
  const id = event.PhysicalResourceId;
  if (!isRuntimeId(id)) throw new ProviderError(`cannot update: physical resource id is not an AgentCore runtime id (${String(id).slice(0, 120)})`);
  const spec = parseProperties(event.ResourceProperties);
  if (spec.name !== runtimeNameOf(id)) {
    // Replacement: create the new runtime; CloudFormation deletes the old one during cleanup.
    return onCreate(deps, event, spec, true);
  }
  await sweepFailedRename(deps, event, id);
  let old: RuntimeSpec | undefined;
  try {
    old = parseProperties(event.OldResourceProperties ?? {});
  } catch {
    old = undefined; // an older construct version's schema: treat everything as changed
  }
  const configChanged = !old || !sameConfig(spec.config, old.config);
  let arn: string;
  let state: WaitState = { phase: 'update', createdHere: false, mutatedAt: deps.clock.now(), settled: false, priorId: id };
  if (configChanged) {
    const previous = await liveVersion(deps, id);
    const updated = await updateConfig(deps, event, id, spec.config);
    arn = updated.agentRuntimeArn;
    const version = updated.agentRuntimeVersion || undefined;
    const fallback = version && Number(version) > 1 ? String(Number(version) - 1) : undefined;
    state = {
      ...state,
      mutatedAt: deps.clock.now(),
      minVersion: version,
      previousVersion: previous && previous !== version ? previous : fallback,
      verify: spec.healthCheck !== undefined,
    };
  } else {
    arn = (await describeRuntime(deps, id)).agentRuntimeArn;
  }
  // Tags are the same key in every construct version: untag what an older version set and this one does not.
  if (arn) await applyTags(deps, arn, old?.tags ?? readTags(event.OldResourceProperties), spec.tags);
  deps.log('update', { runtimeId: id, configChanged });
  return settle(deps, id, state, event);
}

async function onDelete(deps: Deps, event: LifecycleEvent): Promise<OnEventResult> {
  const id = event.PhysicalResourceId ?? '';
  const state: WaitState = { phase: 'delete', createdHere: false, mutatedAt: deps.clock.now(), settled: true };
  if (!isRuntimeId(id)) {
    await sweep(deps, event);
    return onEventResult(id, state);
  }
  if ((await deleteRuntime(deps, event, id)) === 'gone') return onEventResult(id, state);
  return settle(deps, id, { ...state, mutatedAt: deps.clock.now(), settled: false }, event);
}

/**
 * onEvent: validate, run the mutation, poll briefly. Returns the runtime id as PhysicalResourceId, Data
 * when the runtime is already READY, and the WaitState for isComplete.
 */
export async function handleOnEvent(event: LifecycleEvent, deps: Deps): Promise<OnEventResult> {
  switch (event.RequestType) {
    case 'Create':
      return onCreate(deps, event, parseProperties(event.ResourceProperties), false);
    case 'Update':
      return onUpdate(deps, event);
    case 'Delete':
      return onDelete(deps, event);
    default:
      throw new ProviderError(`unknown RequestType ${String((event as { RequestType?: unknown }).RequestType).slice(0, 20)}`);
  }
}

function readWaitState(event: LifecycleEvent & { [WAIT_STATE_KEY]?: Partial<WaitState> }, now: number): WaitState {
  const s = event[WAIT_STATE_KEY] ?? {};
  const phase: Phase = s.phase === 'create' || s.phase === 'update' || s.phase === 'delete'
    ? s.phase
    : event.RequestType === 'Delete' ? 'delete' : event.RequestType === 'Create' ? 'create' : 'update';
  return {
    phase,
    createdHere: s.createdHere ?? event.RequestType === 'Create',
    mutatedAt: typeof s.mutatedAt === 'number' ? s.mutatedAt : now,
    settled: s.settled === true,
    ...(typeof s.priorId === 'string' ? { priorId: s.priorId } : {}),
    ...(typeof s.minVersion === 'string' ? { minVersion: s.minVersion } : {}),
    ...(typeof s.previousVersion === 'string' && s.previousVersion ? { previousVersion: s.previousVersion } : {}),
    ...(s.verify === true ? { verify: true } : {}),
    ...(s.finished === true ? { finished: true } : {}),
    ...(typeof s.failure === 'string' ? { failure: s.failure } : {}),
  };
}

/** Fail a create or update that onEvent or the check could not finish (deleting a runtime created here first). */
async function failWith(deps: Deps, event: LifecycleEvent, id: string, state: WaitState, message: string): Promise<never> {
  const cleanup = state.createdHere ? await deleteQuietly(deps, event, id) : undefined;
  // The cleanup goes before the (long) output, so truncation never cuts it.
  const at = message.indexOf('; output: ');
  const text = cleanup === undefined ? message : at < 0 ? `${message}; ${cleanup}` : `${message.slice(0, at)}; ${cleanup}${message.slice(at)}`;
  throw new ProviderError(text);
}

/**
 * isComplete: poll for up to the isComplete wait budget. `{ IsComplete: false }` while waiting or on
 * transient errors; `{ IsComplete: true, Data }` on stable READY (or gone, for Delete); throws on
 * terminal states with the service's failureReason and the runtime id.
 */
export async function handleIsComplete(event: LifecycleEvent, deps: Deps): Promise<IsCompleteResult> {
  const state = readWaitState(event, deps.clock.now());
  const id = event.PhysicalResourceId ?? '';
  if (state.phase === 'delete' && (state.settled || !isRuntimeId(id))) return { IsComplete: true };
  if (!isRuntimeId(id)) throw new ProviderError(`physical resource id is not an AgentCore runtime id (${String(event.PhysicalResourceId).slice(0, 120)})`);
  if (state.failure !== undefined) return failWith(deps, event, id, state, state.failure);
  const until = deps.deadline.within(deps.settings.isCompleteWaitMs);
  const outcome = await waitFor(deps, id, state, until, deps.settings.isCompletePollMaxMs);
  deps.log('isComplete wait', { runtimeId: id, phase: state.phase, outcome: outcome.kind });
  switch (outcome.kind) {
    case 'ready': {
      if (state.finished) return { IsComplete: true, Data: outcome.data };
      const f = await finish(deps, event, id, state, outcome.data, until);
      deps.log('isComplete finish', { runtimeId: id, outcome: f.kind });
      if (f.kind === 'done') return { IsComplete: true, Data: f.data };
      if (f.kind === 'check-failed') return failWith(deps, event, id, state, f.message);
      if (f.kind === 'error') throw f.error;
      deps.log('health check postponed', { runtimeId: id, leftMs: deps.deadline.remaining() });
      return overdue(deps, state, f.overdue);
    }
    case 'gone':
      if (state.phase === 'delete') return { IsComplete: true };
      throw state.createdHere ? new ProviderError(`runtime ${id} disappeared while ${state.phase === 'create' ? 'CREATING' : 'UPDATING'}`) : goneOutOfBand(id);
    case 'failed': {
      const cleanup = state.createdHere ? `; ${await deleteQuietly(deps, event, id)}` : '';
      throw new ProviderError(`runtime ${id} ${outcome.status}: ${outcome.reason ?? 'no failureReason given'}${cleanup}`);
    }
    case 'denied':
      throw new ProviderError(`GetAgentRuntime denied for runtime ${id} (the provider needs ${GET_PERMISSION}): ${describeError(outcome.error)}`);
    case 'error':
      throw failure('GetAgentRuntime', outcome.error, ` (runtime ${id})`);
    case 'timeout':
      return overdue(deps, state, `runtime ${id} did not settle within ${seconds(deps.settings.maxWaitMs)} (last status ${outcome.lastStatus ?? 'unknown'})`);
  }
}

/** The wall-clock limit: throws `message` once the operation has run longer than AGENTCORE_PROVIDER_MAX_WAIT_MS. */
function overdue(deps: Deps, state: WaitState, message: string): { IsComplete: false } {
  if (deps.clock.now() - state.mutatedAt > deps.settings.maxWaitMs) throw new ProviderError(message);
  return { IsComplete: false };
}
