import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { NATIVE_TYPES } from '../../private/contract';
import { renderResource } from '../private/cfn';

/**
 * AgentCore-MEM1: an `AWS::BedrockAgentCore::Memory` is retained when it is removed from the
 * stack or replaced: `DeletionPolicy` is `Retain` (or `RetainExceptOnCreate`) and
 * `UpdateReplacePolicy` is `Retain`. Without them CloudFormation deletes the memory and the
 * user data in it.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (node.cfnResourceType !== NATIVE_TYPES.memory) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const { deletionPolicy, updateReplacePolicy } = renderResource(node);
    const retainedOnDelete = deletionPolicy === 'Retain' || deletionPolicy === 'RetainExceptOnCreate';
    const retainedOnReplace = updateReplacePolicy === 'Retain';
    return retainedOnDelete && retainedOnReplace ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
