import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { PolicyEnforcementMode } from '../../policy/types';
import { NATIVE_TYPES } from '../../private/contract';
import { propertyEquals } from '../private/cedar';
import { inProduction } from '../private/environment';

/**
 * AgentCore-POL2: in a production environment, an `AWS::BedrockAgentCore::Policy` takes part in decisions: its
 * `EnforcementMode` is not `LOG_ONLY`. Outside production, and for a mode hidden by an intrinsic, NOT_APPLICABLE.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (node.cfnResourceType !== NATIVE_TYPES.policy || !inProduction(node)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const matches = propertyEquals(node, ['EnforcementMode'], PolicyEnforcementMode.LOG_ONLY);
    if (matches === undefined) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return matches ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
