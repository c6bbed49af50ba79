import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { evaluationRoleRule } from '../private/evaluation';
import { actionFindings, grantingActionLabels, ResourceKind, statementCoversEveryResource } from '../private/policy';

/** Actions that read log events and support resource-level permissions (so `*` is a choice, not a necessity). */
const LOG_READ_ACTIONS = ['logs:StartQuery', 'logs:FilterLogEvents', 'logs:GetLogEvents', 'logs:StartLiveTail', 'logs:Unmask'];

/** Every log group of an account (`*`, `arn:…:logs:<region>:<account>:*`, `…:log-group:*`). */
const EVERY_LOG_GROUP: ResourceKind = { service: 'logs', resourceProbe: 'log-group:agentcore-nag-probe:*' };

/** AWS managed policies that read every log group. */
const MANAGED_POLICIES_READING_EVERY_LOG_GROUP: ReadonlySet<string> = new Set([
  'AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess', 'CloudWatchLogsReadOnlyAccess', 'CloudWatchLogsFullAccess',
]);

/**
 * AgentCore-EVAL1: the execution role of an `AWS::BedrockAgentCore::OnlineEvaluationConfig` does not read every log
 * group of the account (`logs:StartQuery`, `FilterLogEvents`, `GetLogEvents`, `StartLiveTail` or `Unmask`, directly
 * or through `logs:*`, `*` or `NotAction`, on `*` or `log-group:*`), as the console's example policy does.
 *
 * The role's inline policies and the `AWS::IAM::Policy`/`ManagedPolicy` resources attached to it in the same stack
 * are checked; a role defined elsewhere is NOT_APPLICABLE. Findings are `Action::<action as written>`, `NotAction`
 * or `ManagedPolicy::<Name>` (`AdministratorAccess`, `PowerUserAccess`, `ReadOnlyAccess`,
 * `CloudWatchLogsReadOnlyAccess`, `CloudWatchLogsFullAccess`).
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance | string[] => evaluationRoleRule(node, (statement) => {
    const labels = grantingActionLabels(statement, LOG_READ_ACTIONS);
    return labels.length > 0 && statementCoversEveryResource(statement, EVERY_LOG_GROUP) ? actionFindings(labels) : [];
  }, MANAGED_POLICIES_READING_EVERY_LOG_GROUP),
  'name',
  { value: parse(__filename).name },
);
