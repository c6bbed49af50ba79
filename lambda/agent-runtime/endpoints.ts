/**
 * The endpoints of a runtime on its way out. AgentCore refuses to delete a runtime that still has named endpoints, and
 * an endpoint may serve clients this stack knows nothing about, so the provider deletes only the endpoints its stack
 * created (their names travel in the `CdkAgentCore.EndpointNames` property) and fails, naming the others, when they block the
 * deletion. DEFAULT goes with the runtime.
 */
import type { EndpointSummary } from './api';
import { sleep } from './clock';
import { token } from './context';
import type { Deps, LifecycleEvent } from './context';
import { readOwnedEndpoints } from './properties';
import { ProviderError } from './response';
import { failure, withRetries } from './retry';
import { backoffDelay } from '../../internal/backoff';
import { classifyError, isNotAuthorizedMessage } from '../../internal/errors';
import { DEFAULT_ENDPOINT } from '../../lib/private/contract';

/** Whether an endpoint call failed because the endpoint (or its runtime) does not exist. */
export function endpointGone(e: unknown): boolean {
  const kind = classifyError(e);
  return kind === 'not-found' || (kind === 'access-denied' && isNotAuthorizedMessage(e));
}

/** Every endpoint of a runtime, DEFAULT included; empty when the runtime does not exist. */
export async function endpointsOf(deps: Deps, id: string): Promise<EndpointSummary[]> {
  try {
    return await withRetries(deps, 'ListAgentRuntimeEndpoints', () => deps.api.listAgentRuntimeEndpoints(id));
  } catch (e) {
    if (endpointGone(e)) return [];
    throw failure('ListAgentRuntimeEndpoints', e, ` (runtime ${id})`);
  }
}

/** Whether an endpoint still exists (GetAgentRuntimeEndpoint does not answer not-found). */
async function stillExists(deps: Deps, id: string, name: string): Promise<boolean> {
  try {
    await withRetries(deps, 'GetAgentRuntimeEndpoint', () => deps.api.getAgentRuntimeEndpoint(id, name));
    return true;
  } catch (e) {
    if (endpointGone(e)) return false;
    throw failure('GetAgentRuntimeEndpoint', e, ` (endpoint ${name} of runtime ${id})`);
  }
}

/**
 * Make a runtime deletable: fail (before any deletion) when named endpoints the stack did not create would block it,
 * delete the stack's own, and wait until every named endpoint is gone (one already DELETING is only waited for).
 */
export async function clearEndpoints(deps: Deps, event: LifecycleEvent, id: string): Promise<void> {
  const named = (await endpointsOf(deps, id)).filter((e) => e.name !== DEFAULT_ENDPOINT);
  if (named.length === 0) return;
  const owned = readOwnedEndpoints(event.ResourceProperties);
  const foreign: string[] = [];
  for (const ep of named.filter((e) => e.status !== 'DELETING' && !owned.has(e.name))) {
    if (await stillExists(deps, id, ep.name)) foreign.push(ep.name);
  }
  if (foreign.length > 0) {
    throw new ProviderError(`runtime ${id} cannot be deleted: it has endpoints this stack did not create (${foreign.join(', ')}), `
      + 'and AgentCore deletes a runtime only once its named endpoints are gone. Delete them or move their clients elsewhere '
      + `(aws bedrock-agentcore-control delete-agent-runtime-endpoint --agent-runtime-id ${id} --endpoint-name <name>), then retry`);
  }
  const mine = named.filter((e) => e.status !== 'DELETING' && owned.has(e.name));
  deps.log('deleting the stack\'s endpoints first', { runtimeId: id, count: mine.length });
  for (const ep of mine) {
    try {
      await withRetries(deps, 'DeleteAgentRuntimeEndpoint',
        () => deps.api.deleteAgentRuntimeEndpoint(id, ep.name, token(event, `delete-endpoint:${ep.name}`)), { conflict: true });
    } catch (e) {
      if (!endpointGone(e)) throw failure('DeleteAgentRuntimeEndpoint', e, ` (endpoint ${ep.name} of runtime ${id})`);
    }
  }
  await waitGone(deps, id, named.filter((e) => e.status === 'DELETING' || owned.has(e.name)).map((e) => e.name));
}

/**
 * Poll the endpoints until each answers not-found, within the retry budget (DeleteAgentRuntime retries its
 * ConflictException while the last ones go). A DELETE_FAILED endpoint fails the request naming it.
 */
async function waitGone(deps: Deps, id: string, names: string[]): Promise<void> {
  const deadline = deps.deadline.within(deps.settings.retryBudgetMs);
  let pending = names;
  for (let i = 0; pending.length > 0; i++) {
    const still: string[] = [];
    for (const name of pending) {
      try {
        const ep = await deps.api.getAgentRuntimeEndpoint(id, name);
        if (ep.status === 'DELETE_FAILED') throw new ProviderError(`endpoint ${name} of runtime ${id} DELETE_FAILED; delete it, then retry`);
        still.push(name);
      } catch (e) {
        if (e instanceof ProviderError) throw e;
        if (endpointGone(e)) continue;
        if (classifyError(e) !== 'transient') throw failure('GetAgentRuntimeEndpoint', e, ` (endpoint ${name} of runtime ${id})`);
        still.push(name);
      }
    }
    pending = still;
    if (pending.length === 0) return;
    const delay = backoffDelay(i, { initialMs: deps.settings.pollInitialMs, maxMs: deps.settings.pollMaxMs });
    if (delay >= deadline.remaining()) {
      deps.log('endpoints still deleting', { runtimeId: id, pending: pending.join(',') });
      return;
    }
    await sleep(deps.clock, delay);
  }
}
