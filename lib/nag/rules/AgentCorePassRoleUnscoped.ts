import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { MANAGED_POLICIES_PASSING_EVERY_ROLE } from '../private/aws-managed-policies';
import {
  actionFindings, conditionBindsKey, grantingActionLabels, identityPolicyRule, ResourceKind, statementCoversEveryResource,
} from '../private/policy';

/** Every role of an account (`*`, `arn:aws:iam::123456789012:role/*`, ...). */
const EVERY_ROLE: ResourceKind = {
  service: 'iam',
  resourceProbe: 'role/agentcore-nag-probe-role',
};

/**
 * AgentCore-IAM3: no identity policy allows `iam:PassRole` (directly or through `iam:*`, `*`,
 * `iam:Pass*` or `NotAction`) on every role (`*`, `arn:…:iam::<account>:role/*`) or without an
 * `iam:PassedToService` condition.
 *
 * Findings are `Action::<action as written>` (or `NotAction`); attached AWS managed policies
 * that do the same (`AdministratorAccess`, `IAMFullAccess`) are reported as `ManagedPolicy::<Name>`.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance | string[] => identityPolicyRule(node, (statement) => {
    const labels = grantingActionLabels(statement, ['iam:PassRole']);
    const unscoped = statementCoversEveryResource(statement, EVERY_ROLE) || !conditionBindsKey(statement, 'iam:PassedToService');
    return labels.length > 0 && unscoped ? actionFindings(labels) : [];
  }, MANAGED_POLICIES_PASSING_EVERY_ROLE),
  'name',
  { value: parse(__filename).name },
);
