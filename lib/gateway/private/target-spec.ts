import type * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import type * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * What a target is made of, decided by `Gateway` before the target is created (not exported from the package).
 */
export interface TargetSpec {
  readonly gateway: agentcore.IGateway;
  readonly name: string;
  readonly description?: string;
  readonly kind: agentcore.McpTargetType;
  readonly toolNames: string[];
  readonly credentialProvider?: agentcore.ICredentialProviderConfig;
  readonly lambdaFunction?: lambda.IFunction;
  readonly schema?: agentcore.ToolSchema | agentcore.ApiSchema;
  readonly endpoint?: string;
}
