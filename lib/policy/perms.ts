/**
 * IAM actions of AgentCore Policy used by the constructs, kept as data so that grants and tests name the same lists.
 * Source: "AgentCore Gateway and Policy in AgentCore IAM Permissions" (AgentCore developer guide).
 */

/** Reads a policy engine's configuration. The gateway role needs it on its engine. */
export const POLICY_ENGINE_READ_ACTIONS = ['bedrock-agentcore:GetPolicyEngine'];

/**
 * Evaluates tool calls (`AuthorizeAction`) and filters `tools/list` to the tools a caller may call
 * (`PartiallyAuthorizeActions`). The gateway role needs both on its engine and on the gateway itself.
 */
export const POLICY_AUTHORIZE_ACTIONS = ['bedrock-agentcore:AuthorizeAction', 'bedrock-agentcore:PartiallyAuthorizeActions'];

/** Reads one policy (its Cedar statement, status and enforcement mode). */
export const POLICY_READ_ACTIONS = ['bedrock-agentcore:GetPolicy'];
