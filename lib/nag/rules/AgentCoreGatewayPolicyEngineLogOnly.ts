import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { NATIVE_TYPES } from '../../private/contract';
import { prop, renderResource } from '../private/cfn';
import { inProduction } from '../private/environment';

/**
 * AgentCore-GW3: in a production environment, an `AWS::BedrockAgentCore::Gateway` enforces its policy engine: the
 * `Mode` of its `PolicyEngineConfiguration` is not `LOG_ONLY` (which lets every tool call through and only logs what
 * the policies would have decided). Outside production, without a policy engine, and for a mode hidden by an
 * intrinsic, NOT_APPLICABLE.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (node.cfnResourceType !== NATIVE_TYPES.gateway || !inProduction(node)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const mode = prop(prop(renderResource(node).properties, 'PolicyEngineConfiguration'), 'Mode');
    if (typeof mode !== 'string') {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return mode === 'LOG_ONLY' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
