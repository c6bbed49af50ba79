import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { MODEL_INVOKE_ACTIONS } from '../../execution-role/perms';
import { MANAGED_POLICIES_INVOKING_EVERY_MODEL } from '../private/aws-managed-policies';
import {
  actionFindings, grantingActionLabels, identityPolicyRule, ResourceKind, statementCoversEveryResource,
} from '../private/policy';

/** Every foundation model: AWS-owned ARNs with an empty account segment. */
const EVERY_FOUNDATION_MODEL: ResourceKind = {
  service: 'bedrock',
  account: '',
  resourceProbe: 'foundation-model/agentcore-nag.probe-model-v1:0',
};

/**
 * AgentCore-IAM1: no identity policy allows `bedrock:InvokeModel` or
 * `bedrock:InvokeModelWithResponseStream` (directly or through `bedrock:Invoke*`, `bedrock:*`,
 * `*` or `NotAction`) on `*` or on every foundation model (`arn:…:bedrock:*::foundation-model/*`,
 * `arn:…:bedrock:us-east-1::foundation-model/*`, ...).
 *
 * Checks the inline policies of roles, users and groups and `AWS::IAM::Policy` /
 * `AWS::IAM::ManagedPolicy` documents. Findings are `Action::<action as written>` (or
 * `NotAction`), so one grant can be acknowledged on its own. Unresolved pieces of an ARN are
 * treated as specific values: `arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/*`
 * is flagged, `…::foundation-model/${ModelId}` is not. Attached AWS managed policies that do the
 * same (`AdministratorAccess`, `PowerUserAccess`, `AmazonBedrockFullAccess`,
 * `BedrockAgentCoreFullAccess`) are reported as `ManagedPolicy::<Name>`.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance | string[] => identityPolicyRule(node, (statement) => {
    const labels = grantingActionLabels(statement, MODEL_INVOKE_ACTIONS);
    return labels.length > 0 && statementCoversEveryResource(statement, EVERY_FOUNDATION_MODEL) ? actionFindings(labels) : [];
  }, MANAGED_POLICIES_INVOKING_EVERY_MODEL),
  'name',
  { value: parse(__filename).name },
);
