/**
 * The mutating steps of the lifecycle and their failure wording: create (or adopt), reconcile, update, tag, delete,
 * resource policies, and the sweep for cancelled creates. Every control-plane call goes through `withRetries`.
 */
import type { RuntimeSummary } from './api';
import { token } from './context';
import type { Deps, LifecycleEvent } from './context';
import { clearEndpoints, endpointsOf } from './endpoints';
import { diffTags, isOwnedBy, ownershipTags, userTags } from './ownership';
import type { Owner } from './ownership';
import { policyFor, readRuntimeName, sameConfig } from './properties';
import type { PolicyDocument, RuntimeConfig, RuntimeSpec } from './properties';
import { ProviderError } from './response';
import { failure, withRetries } from './retry';
import { waitFor } from './wait';
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

/** Best-effort status of a runtime, for error messages. */
async function statusOf(deps: Deps, id: string): Promise<string> {
  try {
    return (await withRetries(deps, 'GetAgentRuntime', () => deps.api.getAgentRuntime(id))).status;
  } catch (e) {
    return classifyError(e) === 'not-found' ? 'NOT_FOUND' : 'unknown';
  }
}

/** Runtimes named `name` that carry this resource's ownership tags, and the first foreign one. */
async function findByName(deps: Deps, name: string, owner: Owner): Promise<{ owned: RuntimeSummary[]; foreign?: RuntimeSummary }> {
  const all = await withRetries(deps, 'ListAgentRuntimes', () => deps.api.listAgentRuntimes());
  const owned: RuntimeSummary[] = [];
  let foreign: RuntimeSummary | undefined;
  for (const r of all.filter((c) => c.agentRuntimeName === name)) {
    const tags = await withRetries(deps, 'ListTagsForResource', () => deps.api.listTagsForResource(r.agentRuntimeArn));
    if (isOwnedBy(tags, owner)) owned.push(r);
    else foreign = foreign ?? r;
  }
  return { owned, foreign };
}

/** A runtime of this resource with this name that can be adopted (not failed, not being deleted). */
function adoptable(owned: RuntimeSummary[]): RuntimeSummary | undefined {
  return owned.find((r) => r.status !== 'DELETING' && !UNUSABLE.includes(r.status));
}

/**
 * CreateAgentRuntime with a RequestId-derived client token. On ConflictException (name taken) the holder is looked
 * up: a runtime owned by this resource is adopted, a runtime being deleted (or a name "recently deleted") is waited
 * for, a foreign runtime fails the request without touching it. When every attempt failed, the create may still have
 * committed (an answer lost, then every retry rejected): a runtime of this resource that exists now is adopted rather
 * than left behind by a failure CloudFormation would answer with the framework's marker id.
 */
export async function createOrAdopt(deps: Deps, event: LifecycleEvent, spec: RuntimeSpec): Promise<{ runtime: RuntimeSummary; adopted: boolean }> {
  const owner = { stackId: event.StackId, logicalResourceId: event.LogicalResourceId };
  const clientTok = token(event, 'create');
  try {
    return await withRetries(deps, 'CreateAgentRuntime', async () => {
      try {
        const tags = { ...spec.tags, ...ownershipTags(owner) };
        const runtime = await deps.api.createAgentRuntime({ spec, tags, clientToken: clientTok });
        return { runtime, adopted: false };
      } catch (e) {
        if (classifyError(e) !== 'conflict') throw e;
        const { owned, foreign } = await findByName(deps, spec.name, owner);
        const live = adoptable(owned);
        if (live) return { runtime: live, adopted: true };
        // A leftover that can only be deleted (create or delete failed): delete it, then create afresh.
        for (const r of owned.filter((o) => UNUSABLE.includes(o.status))) await deleteRuntime(deps, event, r.agentRuntimeId);
        if (foreign) {
          throw new ProviderError(`runtime name '${spec.name}' is already used by ${foreign.agentRuntimeId} which this stack does not manage; choose another AgentRuntimeName`);
        }
        throw new NameBusy(`runtime name '${spec.name}' is still held by a runtime being deleted: ${describeError(e)}`);
      }
    }, { propagation: true, also: (e) => e instanceof NameBusy });
  } catch (e) {
    const leftover = e instanceof ProviderError
      ? undefined
      : await findByName(deps, spec.name, owner).then((f) => adoptable(f.owned), () => undefined);
    if (leftover) {
      deps.log('create failed but a runtime of this resource exists: adopting it', { runtimeId: leftover.agentRuntimeId, error: errorName(e) });
      return { runtime: leftover, adopted: true };
    }
    const hint = classifyError(e) === 'propagation' ? ` (execution role ${spec.config.roleArn} not usable yet: IAM propagation or missing permissions)` : '';
    throw failure('CreateAgentRuntime', e, hint);
  }
}

/**
 * Bring an adopted runtime to the desired configuration and user tags.
 * @returns the version an update produced ('' when the service did not say), undefined when no update was needed
 */
export async function reconcileAdopted(deps: Deps, event: LifecycleEvent, spec: RuntimeSpec, runtime: RuntimeSummary): Promise<string | undefined> {
  const id = runtime.agentRuntimeId;
  const actual = await withRetries(deps, 'GetAgentRuntime', () => deps.api.getAgentRuntime(id)).catch((e) => {
    throw failure('GetAgentRuntime', e, ` (adopted runtime ${id})`);
  });
  // The service fills in lifecycle defaults: compare them only when the desired configuration sets them.
  const lifecycle = spec.config.lifecycleConfiguration ? actual.config.lifecycleConfiguration : undefined;
  const comparable = { ...actual.config, lifecycleConfiguration: lifecycle } as RuntimeConfig;
  const version = sameConfig(spec.config, comparable) ? undefined : (await updateConfig(deps, event, id, spec.config)).agentRuntimeVersion;
  const tags = await withRetries(deps, 'ListTagsForResource', () => deps.api.listTagsForResource(runtime.agentRuntimeArn)).catch((e) => {
    throw failure('ListTagsForResource', e, ` (adopted runtime ${id})`);
  });
  await applyTags(deps, runtime.agentRuntimeArn, userTags(tags), spec.tags);
  return version;
}

/** UpdateAgentRuntime (full configuration) with a RequestId-derived client token. */
export async function updateConfig(deps: Deps, event: LifecycleEvent, id: string, config: RuntimeConfig): Promise<RuntimeSummary> {
  try {
    return await withRetries(deps, 'UpdateAgentRuntime', () => deps.api.updateAgentRuntime(id, config, token(event, 'update')), { conflict: true, propagation: true });
  } catch (e) {
    const kind = classifyError(e);
    if (kind === 'not-found') throw goneOutOfBand(id);
    if (kind === 'conflict') throw failure('UpdateAgentRuntime', e, ` (runtime ${id} busy (${await statusOf(deps, id)}))`);
    const hint = kind === 'propagation' ? ` (execution role ${config.roleArn} not usable yet: IAM propagation or missing permissions)` : '';
    throw failure('UpdateAgentRuntime', e, hint);
  }
}

/** The runtime as GetAgentRuntime describes it now; a missing runtime fails as deleted out of band. */
export async function describeRuntime(deps: Deps, id: string): Promise<RuntimeSummary> {
  try {
    return await withRetries(deps, 'GetAgentRuntime', () => deps.api.getAgentRuntime(id));
  } catch (e) {
    if (classifyError(e) === 'not-found') throw goneOutOfBand(id);
    throw failure('GetAgentRuntime', e, ` (runtime ${id})`);
  }
}

/** Apply user-tag changes with TagResource / UntagResource (ownership tags are never touched). */
export async function applyTags(deps: Deps, arn: string, before: Record<string, string>, after: Record<string, string>): Promise<void> {
  const { set, remove } = diffTags(before, after);
  if (remove.length > 0) {
    await withRetries(deps, 'UntagResource', () => deps.api.untagResource(arn, remove), { conflict: true }).catch((e) => {
      throw failure('UntagResource', e);
    });
  }
  if (Object.keys(set).length > 0) {
    await withRetries(deps, 'TagResource', () => deps.api.tagResource(arn, set), { conflict: true }).catch((e) => {
      throw failure('TagResource', e);
    });
  }
}

/** The policy for a runtime deleted behind CloudFormation's back: fail (never recreate silently). */
export function goneOutOfBand(id: string): ProviderError {
  return new ProviderError(`runtime ${id} no longer exists (deleted outside CloudFormation)`);
}

/**
 * DeleteAgentRuntime with retries, after the stack's named endpoints (`clearEndpoints`). ResourceNotFound, or an
 * AccessDenied "not authorized" for a runtime that GetAgentRuntime confirms is missing, count as already deleted.
 * @returns 'gone' when the runtime does not exist, 'deleting' when the deletion was accepted
 */
export async function deleteRuntime(deps: Deps, event: LifecycleEvent, id: string): Promise<'gone' | 'deleting'> {
  await clearEndpoints(deps, event, id);
  try {
    return await withRetries(deps, 'DeleteAgentRuntime', async () => {
      try {
        await deps.api.deleteAgentRuntime(id, token(event, 'delete'));
        return 'deleting';
      } catch (e) {
        // Busy (CREATING/UPDATING): look at the runtime before retrying; it may have settled or gone meanwhile.
        if (classifyError(e) === 'conflict' && (await statusOf(deps, id)) === 'NOT_FOUND') return 'gone';
        throw e;
      }
    }, { conflict: true });
  } catch (e) {
    const kind = classifyError(e);
    if (kind === 'not-found') return 'gone';
    if (kind === 'access-denied' && isNotAuthorizedMessage(e) && (await statusOf(deps, id)) === 'NOT_FOUND') return 'gone';
    if (kind === 'conflict') throw failure('DeleteAgentRuntime', e, ` (runtime ${id} busy (${await statusOf(deps, id)}))`);
    throw failure('DeleteAgentRuntime', e);
  }
}

/** Where a runtime's resource-based policy is attached: the runtime and every endpoint that is not being deleted. */
async function policyTargets(deps: Deps, id: string, runtimeArn: string): Promise<string[]> {
  const endpoints = (await endpointsOf(deps, id)).filter((e) => e.status !== 'DELETING' && e.arn);
  return [runtimeArn, ...endpoints.map((e) => e.arn)];
}

/** PutResourcePolicy on one runtime or endpoint ARN, the copy's `Resource` set to that ARN. */
async function putPolicyOn(deps: Deps, arn: string, doc: PolicyDocument): Promise<void> {
  await withRetries(deps, 'PutResourcePolicy', () => deps.api.putResourcePolicy(arn, policyFor(doc, arn)), { conflict: true }).catch((e) => {
    throw failure('PutResourcePolicy', e, ` (${arn})`);
  });
}

/** DeleteResourcePolicy on one ARN; a missing policy or resource (ResourceNotFound) counts as deleted. */
async function deletePolicyOn(deps: Deps, arn: string): Promise<void> {
  await withRetries(deps, 'DeleteResourcePolicy', () => deps.api.deleteResourcePolicy(arn), { conflict: true }).catch((e) => {
    if (classifyError(e) === 'not-found') return;
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
 * Delete the runtimes of this resource named `name` except `keep`, and wait until they are gone: the runtime of a
 * cancelled create (the physical id is not a runtime id) or the new runtime of a rename whose update failed (seen by
 * the rollback). Foreign runtimes are never touched.
 */
export async function sweep(
  deps: Deps, event: LifecycleEvent, name: string | undefined = readRuntimeName(event.ResourceProperties), keep?: string,
): Promise<void> {
  if (!name) return;
  let owned: RuntimeSummary[];
  try {
    owned = (await findByName(deps, name, { stackId: event.StackId, logicalResourceId: event.LogicalResourceId })).owned;
  } catch (e) {
    throw failure('ListAgentRuntimes', e);
  }
  for (const r of owned.filter((o) => o.agentRuntimeId !== keep)) {
    deps.log('sweeping a runtime of this resource left behind', { runtimeId: r.agentRuntimeId });
    if ((await deleteRuntime(deps, event, r.agentRuntimeId)) === 'deleting') {
      const state = { phase: 'delete', createdHere: false, mutatedAt: deps.clock.now(), settled: false } as const;
      const outcome = await waitFor(deps, r.agentRuntimeId, state, deps.deadline.within(deps.settings.onEventWaitMs));
      if (outcome.kind === 'failed') throw new ProviderError(`runtime ${r.agentRuntimeId} ${outcome.status}: ${outcome.reason ?? 'no reason given'}`);
    }
  }
}
