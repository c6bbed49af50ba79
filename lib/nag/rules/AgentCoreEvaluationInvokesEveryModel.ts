import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { MODEL_INVOKE_ACTIONS } from '../../execution-role/perms';
import { MANAGED_POLICIES_INVOKING_EVERY_MODEL } from '../private/aws-managed-policies';
import { evaluationRoleRule } from '../private/evaluation';
import { actionFindings, grantingActionLabels, ResourceKind, statementCoversEveryResource } from '../private/policy';

/** Every foundation model (AWS-owned ARNs, empty account) and every inference profile of an account. */
const EVERY_MODEL: ResourceKind[] = [
  { service: 'bedrock', account: '', resourceProbe: 'foundation-model/agentcore-nag.probe-model-v1:0' },
  { service: 'bedrock', resourceProbe: 'inference-profile/us.agentcore-nag.probe-model-v1:0' },
];

/**
 * AgentCore-EVAL2: the execution role of an `AWS::BedrockAgentCore::OnlineEvaluationConfig` does not invoke every
 * model: `bedrock:InvokeModel` or `bedrock:InvokeModelWithResponseStream` (directly or through `bedrock:Invoke*`,
 * `bedrock:*`, `*` or `NotAction`) on `*`, every foundation model (`foundation-model/*`) or every inference profile
 * (`inference-profile/*`). aws-cdk-lib's `OnlineEvaluationConfig` creates such a role by default. Built-in evaluators
 * need no model permission; a custom LLM judge needs its own model only.
 *
 * The role's inline policies and the policies attached to it in the same stack are checked; a role defined elsewhere
 * is NOT_APPLICABLE. Findings are `Action::<action as written>`, `NotAction` or `ManagedPolicy::<Name>`.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance | string[] => evaluationRoleRule(node, (statement) => {
    const labels = grantingActionLabels(statement, MODEL_INVOKE_ACTIONS);
    return labels.length > 0 && EVERY_MODEL.some((kind) => statementCoversEveryResource(statement, kind)) ? actionFindings(labels) : [];
  }, MANAGED_POLICIES_INVOKING_EVERY_MODEL),
  'name',
  { value: parse(__filename).name },
);
