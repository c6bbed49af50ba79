/**
 * The lifecycle of one `Custom::BedrockAgentCoreResourcePolicy`: the resource-based policy of one runtime endpoint
 * (or runtime), served by the same provider and handlers as `Custom::BedrockAgentCoreRuntime`.
 *
 * The construct adds one per named endpoint (`addEndpoint()`), depending on that endpoint: the endpoint is a native
 * `AWS::BedrockAgentCore::RuntimeEndpoint` created after the runtime resource, so the runtime's own policy step
 * never sees it on the first deploy.
 *
 * - Create/Update: validate (before any call), then `PutResourcePolicy` with every statement's `Resource` set to
 *   exactly `ResourceArn` (the runtime's rule, `policyFor`). PhysicalResourceId = ResourceArn; a changed ResourceArn is
 *   a replacement (CloudFormation's cleanup Delete removes the old policy). Unchanged ⇒ no call. No waiting.
 * - Delete: `DeleteResourcePolicy` on the physical id; a missing policy or resource is success; a physical id that is
 *   not an AgentCore runtime/endpoint ARN (framework marker, invented id) is success without calls.
 * - isComplete: `{ IsComplete: true }` at once.
 */
import type { Deps, LifecycleEvent } from './context';
import { parseResourcePolicyProperties, readResourcePolicy, samePolicy } from './properties';
import { ProviderError } from './response';
import { confirmedGone, deletePolicyOn, putPolicyOn } from './steps';
import { parseRuntimeArn } from '../../lib/private/contract';

/** The CloudFormation resource type this module serves. */
export const RESOURCE_POLICY_TYPE = 'Custom::BedrockAgentCoreResourcePolicy';

/** onEvent result of a `Custom::BedrockAgentCoreResourcePolicy` (no Data, no waiter state). */
export interface PolicyOnEventResult {
  readonly PhysicalResourceId: string;
}

/** isComplete result: complete at once (onEvent finished everything). */
export interface PolicyIsCompleteResult {
  readonly IsComplete: true;
}

/** Whether the event is for a `Custom::BedrockAgentCoreResourcePolicy`. */
export function isResourcePolicyEvent(event: { ResourceType?: unknown }): boolean {
  return event.ResourceType === RESOURCE_POLICY_TYPE;
}

async function onCreateOrUpdate(deps: Deps, event: LifecycleEvent): Promise<PolicyOnEventResult> {
  // Validation first: an invalid Policy or ResourceArn fails before any call.
  const spec = parseResourcePolicyProperties(event.ResourceProperties);
  const arn = spec.resourceArn;
  if (event.RequestType === 'Update' && event.PhysicalResourceId === arn) {
    const old = readResourcePolicy(event.OldResourceProperties, 'Policy');
    if (old !== undefined && old !== 'invalid' && samePolicy(spec.policy, old)) {
      deps.log('resource policy unchanged', { resourceArn: arn });
      return { PhysicalResourceId: arn };
    }
  } else if (event.RequestType === 'Update') {
    // A new ResourceArn: a replacement. CloudFormation's cleanup Delete removes the policy of the old one.
    deps.log('resource policy moves to a new resource', { resourceArn: arn });
  }
  deps.log('put resource policy', { resourceArn: arn });
  await putPolicyOn(deps, arn, spec.policy);
  return { PhysicalResourceId: arn };
}

async function onDelete(deps: Deps, event: LifecycleEvent): Promise<PolicyOnEventResult> {
  const id = event.PhysicalResourceId ?? '';
  const target = parseRuntimeArn(id);
  if (!target) {
    // Framework CREATE_FAILED marker, RequestId, CloudFormation's invented id of a cancelled create: nothing was put.
    deps.log('no resource policy to delete (physical id is not an AgentCore runtime or endpoint ARN)', {});
    return { PhysicalResourceId: id };
  }
  deps.log('delete resource policy', { resourceArn: id });
  await deletePolicyOn(deps, id, () => confirmedGone(deps, target.runtimeId, target.endpointName));
  return { PhysicalResourceId: id };
}

/** onEvent of a `Custom::BedrockAgentCoreResourcePolicy`: the whole operation; PhysicalResourceId = ResourceArn. */
export async function handlePolicyOnEvent(event: LifecycleEvent, deps: Deps): Promise<PolicyOnEventResult> {
  switch (event.RequestType) {
    case 'Create':
    case 'Update':
      return onCreateOrUpdate(deps, event);
    case 'Delete':
      return onDelete(deps, event);
    default:
      throw new ProviderError(`unknown RequestType ${String((event as { RequestType?: unknown }).RequestType).slice(0, 20)}`);
  }
}

/** isComplete of a `Custom::BedrockAgentCoreResourcePolicy`: onEvent did everything, nothing to wait for. */
export function handlePolicyIsComplete(): PolicyIsCompleteResult {
  return { IsComplete: true };
}
