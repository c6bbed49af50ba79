import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { NATIVE_TYPES } from '../../private/contract';
import { prop, renderResource } from '../private/cfn';

/**
 * AgentCore-MEM2: an `AWS::BedrockAgentCore::Memory` is encrypted with a customer managed KMS
 * key (`EncryptionKeyArn` is set; a token counts as set).
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (node.cfnResourceType !== NATIVE_TYPES.memory) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const key = prop(renderResource(node).properties, 'EncryptionKeyArn');
    return key === undefined || key === null || key === '' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
