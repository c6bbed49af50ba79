/**
 * The lifecycle of one `Custom::BedrockAgentCoreRuntime`: small steps (create-or-adopt, update,
 * delete, sweep, wait) composed by `handleOnEvent` and `handleIsComplete`.
 *
 * Rules that keep a stack from being stranded:
 * - onEvent never throws once a runtime was created for a Create (the framework would answer with its
 *   CREATE_FAILED marker and swallow the rollback Delete, orphaning the runtime); it returns the new
 *   id and isComplete, whose failures carry the real id, decides.
 * - isComplete returns exactly `{ IsComplete: false }` while waiting or on transient errors, and throws
 *   only on terminal states, after deleting a runtime whose creation failed.
 * - Update never deletes: a name change creates a new runtime with a new physical id and CloudFormation
 *   deletes the old one during cleanup.
 */
import { seconds } from './context';
import type { Deps, LifecycleEvent } from './context';
import { CHECK_MARGIN_MS, runHealthCheck } from './health-check';
import type { HealthCheckSpec } from './health-check';
import { isRuntimeId, runtimeNameOf } from './ownership';
import { parseProperties, readResourcePolicy, sameConfig, samePolicy } from './properties';
import type { RuntimeSpec } from './properties';
import { ProviderError, redactSecrets } from './response';
import type { RuntimeData } from './response';
import type { Phase } from './status';
import {
  applyTags, createOrAdopt, DEFAULT_ENDPOINT, deleteQuietly, deleteResourcePolicy, deleteRuntime, failure, goneOutOfBand,
  putResourcePolicy, reconcileAdopted, sweep, updateConfig,
} from './steps';
import { waitFor } from './wait';
import type { WaitState } from './wait';
import { classifyError, describeError, errorName } from '../../internal/errors';

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
  /** Not enough time left in this invocation to run the health check. */
  | { kind: 'later' }
  | { kind: 'check-failed'; message: string }
  | { kind: 'error'; error: unknown; checked: boolean };

/** Wait (within the check's budget) until DEFAULT serves `version`, so the check invokes the new version. */
async function defaultServes(deps: Deps, id: string, version: string, until: number): Promise<void> {
  for (let i = 0; Date.now() < until; i++) {
    try {
      const ep = await deps.api.getAgentRuntimeEndpoint(id, DEFAULT_ENDPOINT);
      if (!ep.liveVersion || ep.liveVersion === version || Number(ep.liveVersion) > Number(version)) return;
    } catch (e) {
      if (classifyError(e) !== 'transient') return; // best effort: the invocation itself reports real problems
    }
    await new Promise((r) => setTimeout(r, Math.min(deps.settings.pollMaxMs, deps.settings.pollInitialMs * 2 ** i, Math.max(0, until - Date.now()))));
  }
}

/** Run the health check on the version in `data`; a failure message (one line, secrets redacted) or undefined. */
async function verify(
  deps: Deps, event: LifecycleEvent, id: string, data: RuntimeData, check: HealthCheckSpec, budgetMs: number,
): Promise<string | undefined> {
  const started = Date.now();
  await defaultServes(deps, id, data.AgentRuntimeVersion, started + budgetMs / 2);
  const result = await runHealthCheck(deps, data.AgentRuntimeArn, check, budgetMs - (Date.now() - started));
  deps.log('health check', { runtimeId: id, version: data.AgentRuntimeVersion, passed: result.ok, attempts: result.attempts, ms: Date.now() - started });
  if (result.ok) return undefined;
  const output = result.output !== undefined ? `; output: ${result.output}` : '';
  const message = `health check of runtime ${id} version ${data.AgentRuntimeVersion} failed: ${result.reason}${output}`;
  return redactSecrets(message, event.ResourceProperties, event.OldResourceProperties);
}

/**
 * The resource-policy change of this request: put on Create (when set) and when it differs from the old properties,
 * delete when it was removed; nothing when unchanged.
 */
async function reconcilePolicy(deps: Deps, event: LifecycleEvent, spec: RuntimeSpec, id: string, arn: string): Promise<void> {
  const sameRuntime = event.RequestType === 'Update' && event.PhysicalResourceId === id;
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
 * After stable READY: the health check of a new version (when the state asks for it and this invocation has time for
 * it), then the resource policy. Never throws.
 */
async function finish(deps: Deps, event: LifecycleEvent, id: string, state: WaitState, data: RuntimeData): Promise<Finish> {
  let checked = false;
  try {
    const spec = parseProperties(event.ResourceProperties);
    if (state.verify && spec.healthCheck) {
      if (deps.deadline.remaining() - CHECK_MARGIN_MS < spec.healthCheck.timeoutMs) return { kind: 'later' };
      const failed = await verify(deps, event, id, data, spec.healthCheck, spec.healthCheck.timeoutMs);
      if (failed !== undefined) return { kind: 'check-failed', message: failed };
      checked = true;
    }
    await reconcilePolicy(deps, event, spec, id, data.AgentRuntimeArn);
    return { kind: 'done', data };
  } catch (e) {
    return { kind: 'error', error: e, checked };
  }
}

/** After a mutation: poll for up to the onEvent wait budget, then hand over to isComplete. Never throws. */
async function settle(deps: Deps, id: string, state: WaitState, event: LifecycleEvent): Promise<OnEventResult> {
  const outcome = await waitFor(deps, id, state, deps.deadline.within(deps.settings.onEventWaitMs));
  deps.log('onEvent wait', { runtimeId: id, phase: state.phase, outcome: outcome.kind });
  if (outcome.kind === 'ready') {
    const settled: WaitState = { ...state, settled: true };
    const f = await finish(deps, event, id, settled, outcome.data);
    deps.log('onEvent finish', { runtimeId: id, outcome: f.kind, ...(f.kind === 'error' ? { error: errorName(f.error) } : {}) });
    if (f.kind === 'done') return onEventResult(id, { ...settled, finished: true }, f.data);
    // Failures are reported by isComplete: its answer carries the real id (and it deletes a failed new runtime).
    if (f.kind === 'check-failed') return onEventResult(id, { ...settled, checkFailure: f.message });
    if (f.kind === 'error' && f.checked) return onEventResult(id, { ...settled, verify: false });
    return onEventResult(id, settled);
  }
  if (outcome.kind === 'gone' && state.phase === 'delete') return onEventResult(id, { ...state, settled: true });
  return onEventResult(id, state);
}

/** The version DEFAULT serves now (the one live before an update), best effort. */
async function liveVersion(deps: Deps, id: string): Promise<string | undefined> {
  try {
    const v = (await deps.api.getAgentRuntimeEndpoint(id, DEFAULT_ENDPOINT)).liveVersion;
    if (v) return v;
  } catch {
    // fall back to the runtime's version
  }
  try {
    return (await deps.api.getAgentRuntime(id)).agentRuntimeVersion || undefined;
  } catch {
    return undefined;
  }
}

async function onCreate(deps: Deps, event: LifecycleEvent, spec: RuntimeSpec, inUpdate: boolean): Promise<OnEventResult> {
  const { runtime, adopted } = await createOrAdopt(deps, event, spec);
  const id = runtime.agentRuntimeId;
  deps.log(adopted ? 'adopted runtime' : 'created runtime', { runtimeId: id });
  let phase: Phase = 'create';
  if (adopted) {
    try {
      if (await reconcileAdopted(deps, event, spec, runtime)) phase = 'update';
    } catch (e) {
      // A Create answered FAILED gets the framework's marker id and no rollback Delete: clean up now.
      if (!inUpdate) await deleteQuietly(deps, event, id);
      throw e;
    }
  }
  // A runtime adopted during an Update may be the live one of the previous configuration (rollback): never delete it.
  const checked = spec.healthCheck !== undefined;
  const state: WaitState = { phase, createdHere: !(adopted && inUpdate), mutatedAt: Date.now(), settled: false, verify: checked };
  return settle(deps, id, state, event);
}

async function onUpdate(deps: Deps, event: LifecycleEvent): Promise<OnEventResult> {
  const id = event.PhysicalResourceId;
  if (!isRuntimeId(id)) throw new ProviderError(`cannot update: physical resource id is not an AgentCore runtime id (${String(id).slice(0, 120)})`);
  const spec = parseProperties(event.ResourceProperties);
  if (spec.name !== runtimeNameOf(id)) {
    // Replacement: create the new runtime; CloudFormation deletes the old one during cleanup.
    return onCreate(deps, event, spec, true);
  }
  let old: RuntimeSpec | undefined;
  try {
    old = parseProperties(event.OldResourceProperties ?? {});
  } catch {
    old = undefined; // an older construct version's schema: treat everything as changed
  }
  const configChanged = !old || !sameConfig(spec.config, old.config);
  let arn: string;
  let state: WaitState = { phase: 'update', createdHere: false, mutatedAt: Date.now(), settled: false };
  if (configChanged) {
    const previous = await liveVersion(deps, id);
    const updated = await updateConfig(deps, event, id, spec.config);
    arn = updated.agentRuntimeArn;
    const version = updated.agentRuntimeVersion || undefined;
    const fallback = version && Number(version) > 1 ? String(Number(version) - 1) : undefined;
    state = {
      ...state,
      mutatedAt: Date.now(),
      minVersion: version,
      previousVersion: previous && previous !== version ? previous : fallback,
      verify: spec.healthCheck !== undefined,
    };
  } else {
    try {
      arn = (await deps.api.getAgentRuntime(id)).agentRuntimeArn;
    } catch (e) {
      if (classifyError(e) === 'not-found') throw goneOutOfBand(id);
      throw failure('GetAgentRuntime', e);
    }
  }
  if (arn) await applyTags(deps, arn, old?.tags ?? {}, spec.tags);
  deps.log('update', { runtimeId: id, configChanged });
  return settle(deps, id, state, event);
}

async function onDelete(deps: Deps, event: LifecycleEvent): Promise<OnEventResult> {
  const id = event.PhysicalResourceId ?? '';
  const state: WaitState = { phase: 'delete', createdHere: false, mutatedAt: Date.now(), settled: true };
  if (!isRuntimeId(id)) {
    await sweep(deps, event);
    return onEventResult(id, state);
  }
  if ((await deleteRuntime(deps, event, id)) === 'gone') return onEventResult(id, state);
  return settle(deps, id, { ...state, mutatedAt: Date.now(), settled: false }, event);
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

function readWaitState(event: LifecycleEvent & { [WAIT_STATE_KEY]?: Partial<WaitState> }): WaitState {
  const s = event[WAIT_STATE_KEY] ?? {};
  const phase: Phase = s.phase === 'create' || s.phase === 'update' || s.phase === 'delete'
    ? s.phase
    : event.RequestType === 'Delete' ? 'delete' : event.RequestType === 'Create' ? 'create' : 'update';
  return {
    phase,
    createdHere: s.createdHere ?? event.RequestType === 'Create',
    mutatedAt: typeof s.mutatedAt === 'number' ? s.mutatedAt : Date.now(),
    settled: s.settled === true,
    ...(typeof s.minVersion === 'string' ? { minVersion: s.minVersion } : {}),
    ...(typeof s.previousVersion === 'string' && s.previousVersion ? { previousVersion: s.previousVersion } : {}),
    ...(s.verify === true ? { verify: true } : {}),
    ...(s.finished === true ? { finished: true } : {}),
    ...(typeof s.checkFailure === 'string' ? { checkFailure: s.checkFailure } : {}),
  };
}

/** Fail a create or update whose new version did not pass its health check (deleting a runtime created here). */
async function failCheck(deps: Deps, event: LifecycleEvent, id: string, state: WaitState, message: string): Promise<never> {
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
  const state = readWaitState(event);
  const id = event.PhysicalResourceId ?? '';
  if (state.phase === 'delete' && (state.settled || !isRuntimeId(id))) return { IsComplete: true };
  if (!isRuntimeId(id)) throw new ProviderError(`physical resource id is not an AgentCore runtime id (${String(event.PhysicalResourceId).slice(0, 120)})`);
  if (state.checkFailure !== undefined) return failCheck(deps, event, id, state, state.checkFailure);
  const outcome = await waitFor(deps, id, state, deps.deadline.within(deps.settings.isCompleteWaitMs), deps.settings.isCompletePollMaxMs);
  deps.log('isComplete wait', { runtimeId: id, phase: state.phase, outcome: outcome.kind });
  switch (outcome.kind) {
    case 'ready': {
      if (state.finished) return { IsComplete: true, Data: outcome.data };
      const f = await finish(deps, event, id, state, outcome.data);
      deps.log('isComplete finish', { runtimeId: id, outcome: f.kind });
      if (f.kind === 'later') deps.log('health check postponed', { runtimeId: id, leftMs: deps.deadline.remaining() });
      if (f.kind === 'done') return { IsComplete: true, Data: f.data };
      if (f.kind === 'check-failed') return failCheck(deps, event, id, state, f.message);
      if (f.kind === 'error') throw f.error;
      const why = ' (READY, but the health check did not fit in the time left to an isComplete invocation)';
      return overdue(deps, id, state, 'READY', why) ?? { IsComplete: false };
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
      return overdue(deps, id, state, outcome.lastStatus) ?? { IsComplete: false };
  }
}

/** The wall-clock limit: throws once the operation has run longer than AGENTCORE_PROVIDER_MAX_WAIT_MS. */
function overdue(deps: Deps, id: string, state: WaitState, lastStatus: string | undefined, detail?: string): undefined {
  if (Date.now() - state.mutatedAt > deps.settings.maxWaitMs) {
    const why = detail ?? ` (last status ${lastStatus ?? 'unknown'})`;
    throw new ProviderError(`runtime ${id} did not settle within ${seconds(deps.settings.maxWaitMs)}${why}`);
  }
  return undefined;
}
