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
import { classifyError, describeError } from './errors';
import { isRuntimeId, runtimeNameOf } from './ownership';
import { parseProperties, sameConfig } from './properties';
import type { RuntimeSpec } from './properties';
import { ProviderError } from './response';
import type { RuntimeData } from './response';
import type { Phase } from './status';
import { applyTags, createOrAdopt, deleteQuietly, deleteRuntime, failure, goneOutOfBand, reconcileAdopted, sweep, updateConfig } from './steps';
import { waitFor } from './wait';
import type { WaitState } from './wait';

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

/** After a mutation: poll for up to the onEvent wait budget, then hand over to isComplete. Never throws. */
async function settle(deps: Deps, id: string, state: WaitState): Promise<OnEventResult> {
  const outcome = await waitFor(deps, id, state, deps.deadline.within(deps.settings.onEventWaitMs));
  deps.log('onEvent wait', { runtimeId: id, phase: state.phase, outcome: outcome.kind });
  if (outcome.kind === 'ready') return onEventResult(id, { ...state, settled: true }, outcome.data);
  if (outcome.kind === 'gone' && state.phase === 'delete') return onEventResult(id, { ...state, settled: true });
  return onEventResult(id, state);
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
  return settle(deps, id, { phase, createdHere: !(adopted && inUpdate), mutatedAt: Date.now(), settled: false });
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
    const updated = await updateConfig(deps, event, id, spec.config);
    arn = updated.agentRuntimeArn;
    state = { ...state, mutatedAt: Date.now(), minVersion: updated.agentRuntimeVersion || undefined };
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
  return settle(deps, id, state);
}

async function onDelete(deps: Deps, event: LifecycleEvent): Promise<OnEventResult> {
  const id = event.PhysicalResourceId ?? '';
  const state: WaitState = { phase: 'delete', createdHere: false, mutatedAt: Date.now(), settled: true };
  if (!isRuntimeId(id)) {
    await sweep(deps, event);
    return onEventResult(id, state);
  }
  if ((await deleteRuntime(deps, event, id)) === 'gone') return onEventResult(id, state);
  return settle(deps, id, { ...state, mutatedAt: Date.now(), settled: false });
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
  };
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
  const outcome = await waitFor(deps, id, state, deps.deadline.within(deps.settings.isCompleteWaitMs), deps.settings.isCompletePollMaxMs);
  deps.log('isComplete wait', { runtimeId: id, phase: state.phase, outcome: outcome.kind });
  switch (outcome.kind) {
    case 'ready':
      return { IsComplete: true, Data: outcome.data };
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
      if (Date.now() - state.mutatedAt > deps.settings.maxWaitMs) {
        throw new ProviderError(`runtime ${id} did not settle within ${seconds(deps.settings.maxWaitMs)} (last status ${outcome.lastStatus ?? 'unknown'})`);
      }
      return { IsComplete: false };
  }
}
