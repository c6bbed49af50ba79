/**
 * AWS managed policies whose documents break an AgentCore IAM rule. The IAM rules cannot read
 * the documents of attached managed policies (only their ARNs are in the template), so they
 * flag these names in a role's, user's or group's `ManagedPolicyArns` as `ManagedPolicy::<Name>`.
 *
 * Source: the policy documents in the AWS Managed Policy Reference
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/), as mirrored by
 * iann0036/iam-dataset `aws/managedpolicies/<Name>.json` (2026):
 * - AdministratorAccess: `"Action": "*"` on `"*"`.
 * - PowerUserAccess: `"NotAction": ["iam:*", "organizations:*", "account:*"]` on `"*"` (no iam:PassRole).
 * - AmazonBedrockFullAccess: `bedrock:*` on `"*"`; its iam:PassRole statements are scoped and conditioned.
 * - BedrockAgentCoreFullAccess: `bedrock-agentcore:*` on `arn:aws:bedrock-agentcore:*:*:*` and
 *   `bedrock:InvokeModel*` on `arn:aws:bedrock:*::foundation-model/*`; its iam:PassRole is scoped and conditioned.
 * - IAMFullAccess: `iam:*` on `"*"`.
 */

/** Managed policies that allow bedrock:InvokeModel* on every foundation model (AgentCore-IAM1). */
export const MANAGED_POLICIES_INVOKING_EVERY_MODEL: ReadonlySet<string> = new Set([
  'AdministratorAccess', 'PowerUserAccess', 'AmazonBedrockFullAccess', 'BedrockAgentCoreFullAccess',
]);

/** Managed policies that allow AgentCore actions through a wildcard (AgentCore-IAM2). */
export const MANAGED_POLICIES_WITH_AGENTCORE_WILDCARDS: ReadonlySet<string> = new Set([
  'AdministratorAccess', 'PowerUserAccess', 'BedrockAgentCoreFullAccess',
]);

/** Managed policies that allow iam:PassRole on every role without iam:PassedToService (AgentCore-IAM3). */
export const MANAGED_POLICIES_PASSING_EVERY_ROLE: ReadonlySet<string> = new Set([
  'AdministratorAccess', 'IAMFullAccess',
]);
