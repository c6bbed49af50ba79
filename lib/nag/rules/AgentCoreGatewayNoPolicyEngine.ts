import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { NATIVE_TYPES } from '../../private/contract';
import { isIntrinsic, prop, renderResource } from '../private/cfn';
import { inProduction } from '../private/environment';

/**
 * AgentCore-GW2: in a production environment, an `AWS::BedrockAgentCore::Gateway` has a policy engine
 * (`PolicyEngineConfiguration`), so that Cedar policies decide which caller may call which tool with which
 * arguments. Outside production, and for a configuration hidden by an intrinsic, NOT_APPLICABLE.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (node.cfnResourceType !== NATIVE_TYPES.gateway || !inProduction(node)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const config = prop(renderResource(node).properties, 'PolicyEngineConfiguration');
    if (isIntrinsic(config)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return config === undefined ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
