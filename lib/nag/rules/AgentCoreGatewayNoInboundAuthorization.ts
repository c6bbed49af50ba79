import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { NATIVE_TYPES } from '../../private/contract';
import { prop, renderResource } from '../private/cfn';

/**
 * AgentCore-GW1: an `AWS::BedrockAgentCore::Gateway` authorizes inbound calls
 * (`AuthorizerType` is `AWS_IAM` or `CUSTOM_JWT`, not `NONE`).
 *
 * An `AuthorizerType` hidden by an intrinsic is NOT_APPLICABLE.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (node.cfnResourceType !== NATIVE_TYPES.gateway) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const type = prop(renderResource(node).properties, 'AuthorizerType');
    if (typeof type !== 'string') {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return type.toUpperCase() === 'NONE' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
