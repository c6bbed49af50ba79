import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { PolicyValidationMode } from '../../policy/types';
import { NATIVE_TYPES } from '../../private/contract';
import { propertyEquals } from '../private/cedar';

/**
 * AgentCore-POL3: an `AWS::BedrockAgentCore::Policy` keeps AgentCore's policy analyzer in charge: its
 * `ValidationMode` is not `IGNORE_ALL_FINDINGS` (with it, a policy the analyzer finds overly permissive or never
 * applicable is created anyway). A mode hidden by an intrinsic is NOT_APPLICABLE.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (node.cfnResourceType !== NATIVE_TYPES.policy) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const matches = propertyEquals(node, ['ValidationMode'], PolicyValidationMode.IGNORE_ALL_FINDINGS);
    if (matches === undefined) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return matches ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
