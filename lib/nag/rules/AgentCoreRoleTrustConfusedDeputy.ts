import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { BINDING_OPERATORS, conditionBindsKey } from '../private/policy';
import { agentCoreTrustStatements, trustStatements } from '../private/trust';

/**
 * AgentCore-ROLE1: an IAM role that `bedrock-agentcore.amazonaws.com` may assume binds both
 * `aws:SourceAccount` and `aws:SourceArn` in every trust statement naming that principal
 * (with `StringEquals`, `StringLike`, `ArnEquals` or `ArnLike`), which prevents the
 * cross-service confused-deputy problem.
 *
 * NOT_APPLICABLE for resources that are not roles and for roles AgentCore cannot assume.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    const statements = trustStatements(node);
    if (statements === undefined) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const agentCore = agentCoreTrustStatements(statements);
    if (agentCore.length === 0) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const guarded = agentCore.every((s) =>
      conditionBindsKey(s, 'aws:SourceAccount', BINDING_OPERATORS) && conditionBindsKey(s, 'aws:SourceArn', BINDING_OPERATORS));
    return guarded ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
