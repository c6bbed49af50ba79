import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { GatewayPolicyEngineMode } from '../../policy/types';
import { NATIVE_TYPES } from '../../private/contract';
import { propertyEquals } from '../private/cedar';
import { inProduction } from '../private/environment';

/**
 * AgentCore-GW3: in a production environment, an `AWS::BedrockAgentCore::Gateway` enforces its policy engine: the
 * `Mode` of its `PolicyEngineConfiguration` is not `LOG_ONLY` (which lets every tool call through and only logs what
 * the policies would have decided); a gateway without a policy engine is compliant here (see GW2). Outside production,
 * and for a mode hidden by an intrinsic, NOT_APPLICABLE.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (node.cfnResourceType !== NATIVE_TYPES.gateway || !inProduction(node)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const matches = propertyEquals(node, ['PolicyEngineConfiguration', 'Mode'], GatewayPolicyEngineMode.LOG_ONLY);
    if (matches === undefined) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return matches ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
