/**
 * The mutating steps of the lifecycle, each with its retry policy and failure wording: create (or adopt),
 * reconcile, update, tag, delete, and the sweep for cancelled creates.
 */
import type { EndpointSummary, RuntimeSummary } from './api';
import { ownerOf, seconds, token } from './context';
import type { Deps, LifecycleEvent } from './context';
import { diffTags, isOwnedBy, ownershipTags, LOGICAL_ID_TAG, STACK_ID_TAG } from './ownership';
import type { Owner } from './ownership';
import { policyFor, readRuntimeName, sameConfig } from './properties';
import type { PolicyDocument, RuntimeConfig, RuntimeSpec } from './properties';
import { ProviderError } from './response';
import { waitFor } from './wait';
import type { RetryDecision } from '../../internal/backoff';
import { backoffDelay, retryWithBackoff, sleep } from '../../internal/backoff';
import { classifyError, describeError, errorName, isNotAuthorizedMessage } from '../../internal/errors';

/** Statuses of a leftover runtime that cannot be adopted (UpdateAgentRuntime cannot repair them). */
const UNUSABLE = ['CREATE_FAILED', 'DELETE_FAILED'];

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
export function failure(operation: string, e: unknown, suffix = ''): ProviderError {
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
export async function createOrAdopt(deps: Deps, event: LifecycleEvent, spec: RuntimeSpec): Promise<{ runtime: RuntimeSummary; adopted: boolean }> {
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
        const live = owned.find((r) => r.status !== 'DELETING' && !UNUSABLE.includes(r.status));
        if (live) return { runtime: live, adopted: true };
        // A leftover that can only be deleted (create or delete failed): delete it, then create afresh.
        for (const r of owned.filter((o) => UNUSABLE.includes(o.status))) await deleteRuntime(deps, event, r.agentRuntimeId);
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
export async function reconcileAdopted(deps: Deps, event: LifecycleEvent, spec: RuntimeSpec, runtime: RuntimeSummary): Promise<boolean> {
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
export async function updateConfig(deps: Deps, event: LifecycleEvent, id: string, config: RuntimeConfig): Promise<RuntimeSummary> {
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
export async function applyTags(deps: Deps, arn: string, before: Record<string, string>, after: Record<string, string>): Promise<void> {
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

/** The policy for a runtime deleted behind CloudFormation's back: fail (never recreate silently). */
export function goneOutOfBand(id: string): ProviderError {
  return new ProviderError(`runtime ${id} no longer exists (deleted outside CloudFormation)`);
}

/**
 * DeleteAgentRuntime with retries. ResourceNotFound, or an AccessDenied "not authorized" for a runtime
 * that GetAgentRuntime confirms is missing, count as already deleted.
 * @returns 'gone' when the runtime does not exist, 'deleting' when the deletion was accepted
 */
export async function deleteRuntime(deps: Deps, event: LifecycleEvent, id: string): Promise<'gone' | 'deleting'> {
  await deleteNamedEndpoints(deps, event, id);
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

/** The name of the endpoint AgentCore manages; never deleted by the provider. */
export const DEFAULT_ENDPOINT = 'DEFAULT';

/** Whether an endpoint call failed because the endpoint (or its runtime) does not exist. */
function endpointGone(e: unknown): boolean {
  const kind = classifyError(e);
  return kind === 'not-found' || (kind === 'access-denied' && isNotAuthorizedMessage(e));
}

/** Every endpoint of a runtime; empty when the runtime does not exist. */
async function endpointsOf(deps: Deps, id: string): Promise<EndpointSummary[]> {
  try {
    return await mutate(deps, 'ListAgentRuntimeEndpoints', () => deps.api.listAgentRuntimeEndpoints(id));
  } catch (e) {
    if (endpointGone(e)) return [];
    throw failure('ListAgentRuntimeEndpoints', e, ` (runtime ${id})`);
  }
}

/**
 * Delete every named endpoint of a runtime (never DEFAULT), whoever created them, and wait until they are gone, so
 * DeleteAgentRuntime does not fail with "This agent has endpoints that must be deleted first". An endpoint that is
 * already gone (ResourceNotFound, or AccessDenied "not found") counts as deleted.
 */
export async function deleteNamedEndpoints(deps: Deps, event: LifecycleEvent, id: string): Promise<void> {
  const named = (await endpointsOf(deps, id)).filter((e) => e.name !== DEFAULT_ENDPOINT);
  if (named.length === 0) return;
  deps.log('deleting named endpoints first', { runtimeId: id, count: named.length });
  for (const ep of named) {
    if (ep.status === 'DELETING') continue;
    try {
      await mutate(deps, 'DeleteAgentRuntimeEndpoint', () => deps.api.deleteAgentRuntimeEndpoint(id, ep.name, token(event, `delete-endpoint:${ep.name}`)));
    } catch (e) {
      if (!endpointGone(e)) throw failure('DeleteAgentRuntimeEndpoint', e, ` (endpoint ${ep.name} of runtime ${id})`);
    }
  }
  const deadline = deps.deadline.within(deps.settings.retryBudgetMs);
  let pending = named.map((e) => e.name);
  for (let i = 0; pending.length > 0; i++) {
    const still: string[] = [];
    for (const name of pending) {
      try {
        const ep = await deps.api.getAgentRuntimeEndpoint(id, name);
        if (ep.status === 'DELETE_FAILED') throw new ProviderError(`endpoint ${name} of runtime ${id} DELETE_FAILED; delete it, then retry`);
        still.push(name);
      } catch (e) {
        if (e instanceof ProviderError) throw e;
        if (!endpointGone(e)) {
          if (classifyError(e) !== 'transient') throw failure('GetAgentRuntimeEndpoint', e, ` (endpoint ${name} of runtime ${id})`);
          still.push(name);
        }
      }
    }
    pending = still;
    if (pending.length === 0) return;
    const delay = backoffDelay(i, { initialMs: deps.settings.pollInitialMs, maxMs: deps.settings.pollMaxMs });
    if (delay >= deadline.remaining()) {
      // DeleteAgentRuntime still retries its ConflictException within the retry budget.
      deps.log('endpoints still deleting', { runtimeId: id, pending: pending.join(',') });
      return;
    }
    await sleep(delay);
  }
}

/** Where a runtime's resource-based policy is attached: the runtime and every endpoint that is not being deleted. */
async function policyTargets(deps: Deps, id: string, runtimeArn: string): Promise<string[]> {
  const endpoints = (await endpointsOf(deps, id)).filter((e) => e.status !== 'DELETING' && e.arn);
  return [runtimeArn, ...endpoints.map((e) => e.arn)];
}

/** PutResourcePolicy on one runtime or endpoint ARN, the copy's `Resource` set to that ARN; retried like every mutation. */
export async function putPolicyOn(deps: Deps, arn: string, doc: PolicyDocument): Promise<void> {
  await mutate(deps, 'PutResourcePolicy', () => deps.api.putResourcePolicy(arn, policyFor(doc, arn))).catch((e) => {
    throw failure('PutResourcePolicy', e, ` (${arn})`);
  });
}

/**
 * DeleteResourcePolicy on one ARN, retried like every mutation; a missing policy or resource (ResourceNotFound) counts
 * as deleted. With `confirmGone`, an AccessDenied saying "not authorized" / "not found" counts as deleted too when
 * `confirmGone()` confirms the resource no longer exists (AgentCore answers AccessDenied for missing resources).
 */
export async function deletePolicyOn(deps: Deps, arn: string, confirmGone?: () => Promise<boolean>): Promise<void> {
  await mutate(deps, 'DeleteResourcePolicy', () => deps.api.deleteResourcePolicy(arn)).catch(async (e) => {
    const kind = classifyError(e);
    if (kind === 'not-found') return;
    if (kind === 'access-denied' && confirmGone && /not authorized|not found/i.test(describeError(e)) && (await confirmGone())) return;
    throw failure('DeleteResourcePolicy', e, ` (${arn})`);
  });
}

/**
 * PutResourcePolicy on the runtime and on each of its endpoints (AgentCore authorizes an invocation against both the
 * runtime's and the endpoint's policy), each copy with `Resource` set to the ARN it is attached to.
 */
export async function putResourcePolicy(deps: Deps, id: string, runtimeArn: string, doc: PolicyDocument): Promise<void> {
  for (const arn of await policyTargets(deps, id, runtimeArn)) await putPolicyOn(deps, arn, doc);
}

/** DeleteResourcePolicy on the runtime and its endpoints; a missing policy counts as deleted. */
export async function deleteResourcePolicy(deps: Deps, id: string, runtimeArn: string): Promise<void> {
  for (const arn of await policyTargets(deps, id, runtimeArn)) await deletePolicyOn(deps, arn);
}

/**
 * Whether a runtime (or one of its endpoints) no longer exists: its Get answers ResourceNotFound. Throttling, 5xx and
 * socket errors are retried within the retry budget; any other answer means "not confirmed".
 */
export async function confirmedGone(deps: Deps, runtimeId: string, endpointName?: string): Promise<boolean> {
  const operation = endpointName === undefined ? 'GetAgentRuntime' : 'GetAgentRuntimeEndpoint';
  try {
    const get = (): Promise<unknown> => (endpointName === undefined
      ? deps.api.getAgentRuntime(runtimeId)
      : deps.api.getAgentRuntimeEndpoint(runtimeId, endpointName));
    await mutate(deps, operation, get);
    return false;
  } catch (e) {
    return classifyError(e) === 'not-found';
  }
}

/** Best-effort delete of a runtime whose creation failed; returns a sentence for the failure message. */
export async function deleteQuietly(deps: Deps, event: LifecycleEvent, id: string): Promise<string> {
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
export async function sweep(deps: Deps, event: LifecycleEvent): Promise<void> {
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
