import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS, AGENTCORE_SERVICE_PREFIX, KNOWN_ACTIONS } from '../private/agentcore-actions';
import { MANAGED_POLICIES_WITH_AGENTCORE_WILDCARDS } from '../private/aws-managed-policies';
import { hasOpaque } from '../private/cfn';
import {
  actionMatches, identityPolicyRule, isWildcardOnly, ResourceKind, Statement, statementCoversEveryResource, statementOnAllResources,
} from '../private/policy';

/** Every AgentCore resource of an account (`arn:…:bedrock-agentcore:<region>:<account>:*`). */
const EVERY_AGENTCORE_RESOURCE: ResourceKind = {
  service: AGENTCORE_SERVICE_PREFIX,
  resourceProbe: 'agentcore-nag-probe/agentcore-nag-probe',
};

/**
 * True if a wildcard action pattern reaches AgentCore actions: its service part matches
 * `bedrock-agentcore` and its action part is a wildcard or a known AgentCore action.
 */
function isAgentCoreWildcard(pattern: string): boolean {
  if (!/[*?]/.test(pattern) || hasOpaque(pattern)) {
    return false;
  }
  const colon = pattern.indexOf(':');
  if (colon < 0) {
    return isWildcardOnly(pattern);
  }
  const service = pattern.slice(0, colon);
  const action = pattern.slice(colon + 1);
  if (!actionMatches(service, AGENTCORE_SERVICE_PREFIX)) {
    return false;
  }
  return /[*?]/.test(action) || KNOWN_ACTIONS.has(action.toLowerCase());
}

/** True if `pattern` is one literal AgentCore action (no wildcard, no token). */
function literalAgentCoreAction(pattern: string): string | undefined {
  if (/[*?]/.test(pattern) || hasOpaque(pattern)) {
    return undefined;
  }
  const [service, action] = pattern.split(':');
  return service.toLowerCase() === AGENTCORE_SERVICE_PREFIX && action ? action : undefined;
}

function findingsOf(statement: Statement): string[] {
  if (!statement.allow) {
    return [];
  }
  const everyResource = statementOnAllResources(statement) || statementCoversEveryResource(statement, EVERY_AGENTCORE_RESOURCE);
  if (statement.notActions !== undefined) {
    // Allow + NotAction grants every AgentCore action unless the exclusions cover them all.
    const probe = `${AGENTCORE_SERVICE_PREFIX}:AgentCoreNagProbe`;
    return statement.notActions.some((p) => actionMatches(p, probe)) ? [] : ['NotAction'];
  }
  const findings: string[] = [];
  for (const pattern of statement.actions ?? []) {
    if (isAgentCoreWildcard(pattern)) {
      findings.push(`Action::${pattern}`);
      continue;
    }
    const action = literalAgentCoreAction(pattern);
    if (action !== undefined && everyResource && !ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.has(action.toLowerCase())) {
      findings.push(`Action::${pattern}`);
    }
  }
  return findings;
}

/**
 * AgentCore-IAM2: no identity policy allows AgentCore actions through a wildcard
 * (`bedrock-agentcore:*`, `bedrock-agentcore:Get*`, `*`, `NotAction`), nor an AgentCore action
 * that supports resource-level permissions on `Resource: "*"` (or on every AgentCore resource,
 * `arn:…:bedrock-agentcore:<region>:<account>:*`).
 *
 * Actions without resource-level permissions (`ListAgentRuntimes`, `CreateMemory`, ... see
 * `private/agentcore-actions.ts`) are compliant on `*`. Findings are `Action::<action as
 * written>` (or `NotAction`); attached AWS managed policies with AgentCore wildcards
 * (`AdministratorAccess`, `PowerUserAccess`, `BedrockAgentCoreFullAccess`) are reported as
 * `ManagedPolicy::<Name>`.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance | string[] => identityPolicyRule(node, findingsOf, MANAGED_POLICIES_WITH_AGENTCORE_WILDCARDS),
  'name',
  { value: parse(__filename).name },
);
