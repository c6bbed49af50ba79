/**
 * Ownership tags and runtime identifiers. Every runtime this provider creates carries the stack id and
 * logical id of its CloudFormation resource, so a runtime left behind by an earlier attempt of the same
 * resource can be recognised (and a foreign one never touched).
 */

/** Tag holding the CloudFormation StackId. */
export const STACK_ID_TAG = 'cdk-agentcore:stack-id';
/** Tag holding the CloudFormation LogicalResourceId. */
export const LOGICAL_ID_TAG = 'cdk-agentcore:logical-id';

/** The CloudFormation resource a runtime belongs to. */
export interface Owner {
  readonly stackId: string;
  readonly logicalResourceId: string;
}

/** Pattern of an `agentRuntimeId`: `<name>-<10 alphanumerics>`. */
const RUNTIME_ID_PATTERN = /^([a-zA-Z][a-zA-Z0-9_]{0,99})-[a-zA-Z0-9]{10}$/;
/**
 * Pattern of a runtime ARN `arn:<partition>:bedrock-agentcore:<region>:<account>:runtime/<id>` or of one of its
 * endpoints, `…/runtime-endpoint/<name>` (endpoint names follow the model's name pattern).
 */
const RUNTIME_ARN_PATTERN = /^arn:aws(?:-[a-z]+)*:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:runtime\/([a-zA-Z][a-zA-Z0-9_]{0,99}-[a-zA-Z0-9]{10})(?:\/runtime-endpoint\/([a-zA-Z][a-zA-Z0-9_]{0,47}))?$/;

/** What a runtime or runtime-endpoint ARN addresses. */
export interface RuntimeArnParts {
  readonly runtimeId: string;
  /** Set for a runtime-endpoint ARN. */
  readonly endpointName?: string;
}

/** Ownership tags for a runtime created for `owner`. */
export function ownershipTags(owner: Owner): Record<string, string> {
  return { [STACK_ID_TAG]: owner.stackId, [LOGICAL_ID_TAG]: owner.logicalResourceId };
}

/** Whether the tags mark the runtime as created for `owner`. */
export function isOwnedBy(tags: Record<string, string> | undefined, owner: Owner): boolean {
  return tags?.[STACK_ID_TAG] === owner.stackId && tags?.[LOGICAL_ID_TAG] === owner.logicalResourceId;
}

/** Whether a physical resource id is an AgentCore runtime id (and not a framework marker, RequestId or CFN-invented id). */
export function isRuntimeId(id: string | undefined): id is string {
  return id !== undefined && RUNTIME_ID_PATTERN.test(id);
}

/** The runtime (and endpoint) an AgentCore runtime or runtime-endpoint ARN addresses; undefined for anything else. */
export function parseRuntimeArn(arn: string | undefined): RuntimeArnParts | undefined {
  const m = arn === undefined ? null : RUNTIME_ARN_PATTERN.exec(arn);
  if (!m) return undefined;
  return m[2] === undefined ? { runtimeId: m[1] } : { runtimeId: m[1], endpointName: m[2] };
}

/** The runtime name embedded in a runtime id (`agent_a-AbCdEf1234` → `agent_a`). */
export function runtimeNameOf(id: string): string | undefined {
  return RUNTIME_ID_PATTERN.exec(id)?.[1];
}

/** Tag changes needed to go from `before` to `after` (user tags only). */
export function diffTags(before: Record<string, string>, after: Record<string, string>): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) set[k] = v;
  const remove = Object.keys(before).filter((k) => !(k in after));
  return { set, remove };
}
