/** CloudFormation type of the runtime custom resource (served by the provider Lambda in `lambda/agent-runtime/`). */
export const RUNTIME_RESOURCE_TYPE = 'Custom::BedrockAgentCoreRuntime';

/** The native CloudFormation types of AgentCore resources this library synthesizes or checks. */
export const NATIVE_TYPES = {
  runtime: 'AWS::BedrockAgentCore::Runtime',
  runtimeEndpoint: 'AWS::BedrockAgentCore::RuntimeEndpoint',
  memory: 'AWS::BedrockAgentCore::Memory',
  gateway: 'AWS::BedrockAgentCore::Gateway',
  gatewayTarget: 'AWS::BedrockAgentCore::GatewayTarget',
  resourcePolicy: 'AWS::BedrockAgentCore::ResourcePolicy',
  policyEngine: 'AWS::BedrockAgentCore::PolicyEngine',
  policy: 'AWS::BedrockAgentCore::Policy',
  evaluator: 'AWS::BedrockAgentCore::Evaluator',
  onlineEvaluationConfig: 'AWS::BedrockAgentCore::OnlineEvaluationConfig',
} as const;

/** Every CloudFormation type that deploys an AgentCore runtime: the native resource and this library's. */
export const RUNTIME_TYPES: readonly string[] = [NATIVE_TYPES.runtime, RUNTIME_RESOURCE_TYPE];
