/** The data-plane action to invoke a runtime over HTTP (aws-cdk-lib's `grantInvokeRuntime`). */
export const RUNTIME_INVOKE_HTTP_ACTIONS = ['bedrock-agentcore:InvokeAgentRuntime'];

/** Data-plane actions a caller needs to invoke a runtime (HTTP and WebSocket). */
export const RUNTIME_INVOKE_ACTIONS = [...RUNTIME_INVOKE_HTTP_ACTIONS, 'bedrock-agentcore:InvokeAgentRuntimeWithWebSocketStream'];

/** The action needed to invoke on behalf of a user (`X-Amzn-Bedrock-AgentCore-Runtime-User-Id`). */
export const RUNTIME_INVOKE_FOR_USER_ACTIONS = ['bedrock-agentcore:InvokeAgentRuntimeForUser'];

/** Control-plane actions the provider Lambda calls on runtimes of its account and Region. */
export const PROVIDER_RUNTIME_ACTIONS = [
  'bedrock-agentcore:CreateAgentRuntime',
  'bedrock-agentcore:GetAgentRuntime',
  'bedrock-agentcore:UpdateAgentRuntime',
  'bedrock-agentcore:DeleteAgentRuntime',
  'bedrock-agentcore:TagResource',
  'bedrock-agentcore:UntagResource',
  'bedrock-agentcore:ListTagsForResource',
  // The stack's own named endpoints are deleted before the runtime (others, listed, fail the delete naming them).
  'bedrock-agentcore:ListAgentRuntimeEndpoints',
  'bedrock-agentcore:GetAgentRuntimeEndpoint',
  'bedrock-agentcore:DeleteAgentRuntimeEndpoint',
  // Resource-based policies (CloudFormation cannot set them).
  'bedrock-agentcore:PutResourcePolicy',
  'bedrock-agentcore:DeleteResourcePolicy',
];

/** The data-plane action of health checks, granted only when a runtime of the stack has one. */
export const PROVIDER_HEALTH_CHECK_ACTIONS = RUNTIME_INVOKE_HTTP_ACTIONS;

/** Control-plane actions without resource-level permissions that the provider calls. */
export const PROVIDER_LIST_ACTIONS = ['bedrock-agentcore:ListAgentRuntimes'];

/** The service-linked role AgentCore creates on the first runtime of an account (since October 2025). */
export const RUNTIME_IDENTITY_SERVICE = 'runtime-identity.bedrock-agentcore.amazonaws.com';
export const RUNTIME_IDENTITY_SERVICE_LINKED_ROLE = 'AWSServiceRoleForBedrockAgentCoreRuntimeIdentity';
