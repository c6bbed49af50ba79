import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { CEDAR_MODEL, NATIVE_TYPES } from '../../private/contract';
import { cedarPoliciesOf } from '../private/cedar';
import { renderResource } from '../private/cfn';

/**
 * AgentCore-POL1: an `AWS::BedrockAgentCore::Policy` does not permit every action to every principal without a
 * condition: a `permit` whose action scope is `action` alone (or a group of every tool, `CallTool` or `Mcp`), whose
 * principal scope names no particular principal (`principal` or `principal is <type>`) and that has no `when` or
 * `unless` clause. Such a policy switches the guardrails of every gateway of the engine off, including for tools added
 * later. A statement hidden by an intrinsic, or one that does not parse, is NOT_APPLICABLE.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (node.cfnResourceType !== NATIVE_TYPES.policy) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const policies = cedarPoliciesOf(renderResource(node).properties);
    if (policies === undefined) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return policies.some(permitsEverything) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

function permitsEverything(policy: any): boolean {
  if (policy.effect !== 'permit' || policy.conditions.length > 0) return false;
  const anyPrincipal = policy.principal.op === 'All' || (policy.principal.op === 'is' && policy.principal.in === undefined);
  const everyTool = (id: string) => id === CEDAR_MODEL.callTool || id === CEDAR_MODEL.mcp;
  const action = policy.action;
  const anyAction = action.op === 'All'
    || (action.op === 'in' && (action.entity ? everyTool(action.entity.id) : action.entities.some((e: any) => everyTool(e.id))));
  return anyPrincipal && anyAction;
}
