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
import type { ControlPlane, RuntimeSummary } from './api';
import { Deadline, backoffDelay, retryWithBackoff, sleep } from './backoff';
import type { RetryDecision } from './backoff';
import { clientToken } from './client-token';
import type { TokenOperation } from './client-token';
import { classifyError, describeError, errorName, isNotAuthorizedMessage } from './errors';
import type { Logger } from './log';
import { diffTags, isOwnedBy, isRuntimeId, ownershipTags, runtimeNameOf, LOGICAL_ID_TAG, STACK_ID_TAG } from './ownership';
import type { Owner } from './ownership';
import { parseProperties, readRuntimeName, sameConfig } from './properties';
import type { RuntimeConfig, RuntimeSpec } from './properties';
import { ProviderError, runtimeData } from './response';
import type { RuntimeData } from './response';
import type { Settings } from './settings';
import { decide, ReadyStreak } from './status';
import type { Phase } from './status';

/** The fields of a CloudFormation custom-resource event the lifecycle reads. */
export interface LifecycleEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly StackId: string;
  readonly LogicalResourceId: string;
  readonly RequestId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: Record<string, unknown>;
  readonly OldResourceProperties?: Record<string, unknown>;
}

/**
 * State handed from onEvent to isComplete as an extra top-level key of the onEvent result (the
 * framework merges it into the waiter input; it never reaches the CloudFormation response).
 */
export interface WaitState {
  readonly phase: Phase;
  /** The runtime was created (or adopted) by this request: delete it if it fails. */
  readonly createdHere: boolean;
  /** Epoch ms of the mutation (for the read-after-write grace and the wall-clock limit). */
  readonly mutatedAt: number;
  /** onEvent already saw the runtime settled (two READY reads, or gone after a delete). */
  readonly settled: boolean;
}

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

/** What a lifecycle step needs. */
export interface Deps {
  readonly api: ControlPlane;
  readonly settings: Settings;
  /** Nothing may start after this (Lambda remaining time minus the safety margin). */
  readonly deadline: Deadline;
  readonly log: Logger;
}

type WaitOutcome =
  | { kind: 'ready'; data: RuntimeData }
  | { kind: 'gone' }
  | { kind: 'failed'; status: string; reason?: string }
  | { kind: 'denied'; error: unknown }
  | { kind: 'error'; error: unknown }
  | { kind: 'timeout'; lastStatus?: string };

const GET_PERMISSION = 'bedrock-agentcore:GetAgentRuntime';

function ownerOf(event: LifecycleEvent): Owner {
  return { stackId: event.StackId, logicalResourceId: event.LogicalResourceId };
}

function token(event: LifecycleEvent, op: TokenOperation): string {
  return clientToken(event.StackId, event.LogicalResourceId, event.RequestId, op);
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`;
}

/** Marker error: the name is held by a runtime that is going away; retry the create. */
class NameBusy extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NameBusy';
  }
}

/**
 * Call a mutating operation with retries: throttling/5xx/socket errors and ConflictException (busy)
 * within the retry budget, IAM-propagation ValidationExceptions within the propagation budget.
 */
async function mutate<T>(deps: Deps, operation: string, fn: () => Promise<T>, opts: { propagation?: boolean } = {}): Promise<T> {
  const { settings } = deps;
  const started = Date.now();
  const decideRetry = (e: unknown): RetryDecision => {
    const kind = classifyError(e);
    const elapsed = Date.now() - started;
    if (kind === 'transient' || kind === 'conflict' || e instanceof NameBusy) return elapsed < settings.retryBudgetMs ? 'retry' : 'fail';
    if (kind === 'propagation' && opts.propagation) return elapsed < settings.propagationBudgetMs ? 'retry' : 'fail';
    return 'fail';
  };
  const budget = Math.max(settings.retryBudgetMs, opts.propagation ? settings.propagationBudgetMs : 0);
  return retryWithBackoff(async (attempt) => {
    try {
      return await fn();
    } catch (e) {
      deps.log('call failed', { operation, attempt, error: errorName(e), kind: classifyError(e) });
      throw e;
    }
  }, decideRetry, deps.deadline.within(budget), { initialMs: settings.retryInitialMs, maxMs: settings.retryMaxMs });
}

/** Failure message for an operation that gave up: `<Operation> failed[ after n attempts in t]: <Name>: <message>`. */
function failure(operation: string, e: unknown, suffix = ''): ProviderError {
  if (e instanceof ProviderError) return e;
  const attempts = (e as { attempts?: number }).attempts ?? 1;
  const elapsed = (e as { elapsedMs?: number }).elapsedMs ?? 0;
  const tries = attempts > 1 ? ` after ${attempts} attempts in ${seconds(elapsed)}` : '';
  return new ProviderError(`${operation} failed${tries}: ${describeError(e)}${suffix}`);
}

/** Best-effort status of a runtime, for error messages. */
async function statusOf(deps: Deps, id: string): Promise<string> {
  try {
    return (await deps.api.getAgentRuntime(id)).status;
  } catch (e) {
    return classifyError(e) === 'not-found' ? 'NOT_FOUND' : 'unknown';
  }
}

/** Runtimes named `name` that carry this resource's ownership tags, and the first foreign one. */
async function findByName(deps: Deps, name: string, owner: Owner): Promise<{ owned: RuntimeSummary[]; foreign?: RuntimeSummary }> {
  const candidates = (await deps.api.listAgentRuntimes()).filter((r) => r.agentRuntimeName === name);
  const owned: RuntimeSummary[] = [];
  let foreign: RuntimeSummary | undefined;
  for (const r of candidates) {
    if (isOwnedBy(await deps.api.listTagsForResource(r.agentRuntimeArn), owner)) owned.push(r);
    else foreign = foreign ?? r;
  }
  return { owned, foreign };
}

/**
 * CreateAgentRuntime with a RequestId-derived client token. On ConflictException (name taken) the
 * holder is looked up: a runtime owned by this resource is adopted, a runtime being deleted (or a name
 * "recently deleted") is waited for, a foreign runtime fails the request without touching it.
 */
async function createOrAdopt(deps: Deps, event: LifecycleEvent, spec: RuntimeSpec): Promise<{ runtime: RuntimeSummary; adopted: boolean }> {
  const owner = ownerOf(event);
  const clientTok = token(event, 'create');
  try {
    return await mutate(deps, 'CreateAgentRuntime', async () => {
      try {
        const tags = { ...spec.tags, ...ownershipTags(owner) };
        const runtime = await deps.api.createAgentRuntime({ name: spec.name, config: spec.config, tags, clientToken: clientTok });
        return { runtime, adopted: false };
      } catch (e) {
        if (classifyError(e) !== 'conflict') throw e;
        const { owned, foreign } = await findByName(deps, spec.name, owner);
        const live = owned.find((r) => r.status !== 'DELETING');
        if (live) return { runtime: live, adopted: true };
        if (foreign) {
          throw new ProviderError(`runtime name '${spec.name}' is already used by ${foreign.agentRuntimeId} which this stack does not manage; choose another AgentRuntimeName`);
        }
        throw new NameBusy(`runtime name '${spec.name}' is still held by a runtime being deleted: ${describeError(e)}`);
      }
    }, { propagation: true });
  } catch (e) {
    const hint = classifyError(e) === 'propagation' ? ` (execution role ${spec.config.roleArn} not usable yet: IAM propagation or missing permissions)` : '';
    throw failure('CreateAgentRuntime', e, hint);
  }
}

/** Bring an adopted runtime to the desired configuration and user tags. */
async function reconcileAdopted(deps: Deps, event: LifecycleEvent, spec: RuntimeSpec, runtime: RuntimeSummary): Promise<boolean> {
  const actual = await deps.api.getAgentRuntime(runtime.agentRuntimeId);
  // The service fills in lifecycle defaults: compare them only when the desired configuration sets them.
  const lifecycle = spec.config.lifecycleConfiguration ? actual.config.lifecycleConfiguration : undefined;
  const comparable = { ...actual.config, lifecycleConfiguration: lifecycle } as RuntimeConfig;
  let changed = false;
  if (!sameConfig(spec.config, comparable)) {
    await updateConfig(deps, event, runtime.agentRuntimeId, spec.config);
    changed = true;
  }
  const tags = await deps.api.listTagsForResource(runtime.agentRuntimeArn);
  const userTags = Object.fromEntries(Object.entries(tags).filter(([k]) => k !== STACK_ID_TAG && k !== LOGICAL_ID_TAG));
  await applyTags(deps, runtime.agentRuntimeArn, userTags, spec.tags);
  return changed;
}

/** UpdateAgentRuntime (full configuration) with a RequestId-derived client token. */
async function updateConfig(deps: Deps, event: LifecycleEvent, id: string, config: RuntimeConfig): Promise<RuntimeSummary> {
  try {
    return await mutate(deps, 'UpdateAgentRuntime', () => deps.api.updateAgentRuntime(id, config, token(event, 'update')), { propagation: true });
  } catch (e) {
    const kind = classifyError(e);
    if (kind === 'not-found') throw goneOutOfBand(id);
    if (kind === 'conflict') throw failure('UpdateAgentRuntime', e, ` (runtime ${id} busy (${await statusOf(deps, id)}))`);
    const hint = kind === 'propagation' ? ` (execution role ${config.roleArn} not usable yet: IAM propagation or missing permissions)` : '';
    throw failure('UpdateAgentRuntime', e, hint);
  }
}

/** Apply user-tag changes with TagResource / UntagResource (ownership tags are never touched). */
async function applyTags(deps: Deps, arn: string, before: Record<string, string>, after: Record<string, string>): Promise<void> {
  const { set, remove } = diffTags(before, after);
  if (remove.length > 0) {
    await mutate(deps, 'UntagResource', () => deps.api.untagResource(arn, remove)).catch((e) => {
      throw failure('UntagResource', e);
    });
  }
  if (Object.keys(set).length > 0) {
    await mutate(deps, 'TagResource', () => deps.api.tagResource(arn, set)).catch((e) => {
      throw failure('TagResource', e);
    });
  }
}

function goneOutOfBand(id: string): ProviderError {
  return new ProviderError(`runtime ${id} no longer exists (deleted outside CloudFormation)`);
}

/**
 * DeleteAgentRuntime with retries. ResourceNotFound, or an AccessDenied "not authorized" for a runtime
 * that GetAgentRuntime confirms is missing, count as already deleted.
 * @returns 'gone' when the runtime does not exist, 'deleting' when the deletion was accepted
 */
async function deleteRuntime(deps: Deps, event: LifecycleEvent, id: string): Promise<'gone' | 'deleting'> {
  try {
    return await mutate(deps, 'DeleteAgentRuntime', async () => {
      try {
        await deps.api.deleteAgentRuntime(id, token(event, 'delete'));
        return 'deleting';
      } catch (e) {
        // Busy (CREATING/UPDATING): look at the runtime before retrying; it may have settled or gone meanwhile.
        if (classifyError(e) === 'conflict' && (await statusOf(deps, id)) === 'NOT_FOUND') return 'gone';
        throw e;
      }
    });
  } catch (e) {
    const kind = classifyError(e);
    if (kind === 'not-found') return 'gone';
    if (kind === 'access-denied' && isNotAuthorizedMessage(e) && (await statusOf(deps, id)) === 'NOT_FOUND') return 'gone';
    if (kind === 'conflict') throw failure('DeleteAgentRuntime', e, ` (runtime ${id} busy (${await statusOf(deps, id)}))`);
    throw failure('DeleteAgentRuntime', e);
  }
}

/**
 * Poll GetAgentRuntime until a decision: ready (two consecutive READY reads), gone, failed, denied, a
 * non-transient error, or the deadline. Transient errors and CREATING/UPDATING/DELETING keep polling with
 * short jittered backoff; a missing runtime keeps polling only within the read-after-write grace.
 */
async function waitFor(deps: Deps, id: string, state: WaitState, deadline: Deadline, maxDelayMs = deps.settings.pollMaxMs): Promise<WaitOutcome> {
  const streak = new ReadyStreak(2, state.settled && state.phase !== 'delete' ? 1 : 0);
  const backoff = { initialMs: deps.settings.pollInitialMs, maxMs: maxDelayMs };
  let lastStatus: string | undefined;
  for (let i = 0; ; i++) {
    let confirming = false;
    try {
      const r = await deps.api.getAgentRuntime(id);
      lastStatus = r.status;
      const d = decide(state.phase, r.status, r.failureReason);
      if (d.kind === 'failed') return { kind: 'failed', status: d.status, reason: d.reason };
      if (streak.record(d.kind === 'ready')) return { kind: 'ready', data: runtimeData(r) };
      confirming = d.kind === 'ready';
    } catch (e) {
      streak.record(false);
      const kind = classifyError(e);
      if (kind === 'not-found') {
        if (state.phase === 'delete' || !state.createdHere || Date.now() - state.mutatedAt > deps.settings.notFoundGraceMs) return { kind: 'gone' };
      } else if (kind === 'access-denied') {
        return { kind: 'denied', error: e };
      } else if (kind !== 'transient') {
        return { kind: 'error', error: e };
      }
    }
    const delay = confirming ? deps.settings.pollInitialMs : backoffDelay(i, backoff);
    if (delay >= deadline.remaining()) return { kind: 'timeout', lastStatus };
    await sleep(delay);
  }
}

function pending(id: string, state: WaitState, data?: RuntimeData): OnEventResult {
  return data ? { PhysicalResourceId: id, Data: data, [WAIT_STATE_KEY]: state } : { PhysicalResourceId: id, [WAIT_STATE_KEY]: state };
}

/** After a mutation: poll for up to the onEvent wait budget, then hand over to isComplete. Never throws. */
async function settle(deps: Deps, id: string, state: WaitState): Promise<OnEventResult> {
  const outcome = await waitFor(deps, id, state, deps.deadline.within(deps.settings.onEventWaitMs));
  deps.log('onEvent wait', { runtimeId: id, phase: state.phase, outcome: outcome.kind });
  if (outcome.kind === 'ready') return pending(id, { ...state, settled: true }, outcome.data);
  if (outcome.kind === 'gone' && state.phase === 'delete') return pending(id, { ...state, settled: true });
  return pending(id, state);
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
  return settle(deps, id, { phase, createdHere: true, mutatedAt: Date.now(), settled: false });
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
    arn = (await updateConfig(deps, event, id, spec.config)).agentRuntimeArn;
    state = { ...state, mutatedAt: Date.now() };
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

async function deleteQuietly(deps: Deps, event: LifecycleEvent, id: string): Promise<string> {
  try {
    await deleteRuntime(deps, event, id);
    return 'the failed runtime was deleted';
  } catch (e) {
    deps.log('cleanup delete failed', { runtimeId: id, error: errorName(e) });
    const why = e instanceof ProviderError ? e.message : describeError(e);
    return `deleting the failed runtime failed (${why.slice(0, 200)}); CloudFormation's rollback retries it`;
  }
}

/**
 * Delete for a physical id that is not a runtime id (framework marker, RequestId, or an id CloudFormation
 * invented for a cancelled create): delete the runtime this resource may have created, found by its name
 * and ownership tags. Foreign runtimes are never touched.
 */
async function sweep(deps: Deps, event: LifecycleEvent): Promise<void> {
  const name = readRuntimeName(event.ResourceProperties);
  if (!name) return;
  let owned: RuntimeSummary[];
  try {
    owned = (await findByName(deps, name, ownerOf(event))).owned;
  } catch (e) {
    throw failure('ListAgentRuntimes', e);
  }
  for (const r of owned) {
    deps.log('sweeping runtime left by a cancelled create', { runtimeId: r.agentRuntimeId });
    if ((await deleteRuntime(deps, event, r.agentRuntimeId)) === 'deleting') {
      const outcome = await waitFor(deps, r.agentRuntimeId, { phase: 'delete', createdHere: false, mutatedAt: Date.now(), settled: false }, deps.deadline.within(deps.settings.onEventWaitMs));
      if (outcome.kind === 'failed') throw new ProviderError(`runtime ${r.agentRuntimeId} ${outcome.status}: ${outcome.reason ?? 'no reason given'}`);
    }
  }
}

async function onDelete(deps: Deps, event: LifecycleEvent): Promise<OnEventResult> {
  const id = event.PhysicalResourceId ?? '';
  const state: WaitState = { phase: 'delete', createdHere: false, mutatedAt: Date.now(), settled: true };
  if (!isRuntimeId(id)) {
    await sweep(deps, event);
    return pending(id, state);
  }
  if ((await deleteRuntime(deps, event, id)) === 'gone') return pending(id, state);
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
