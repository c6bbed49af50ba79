/** Actions that let an agent call a Bedrock model (Converse and ConverseStream are authorized by these too). */
export const MODEL_INVOKE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

/** ECR actions that pull the layers of an image from one repository. */
export const ECR_PULL_ACTIONS = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];

/** The ECR action that has no resource-level permissions. */
export const ECR_TOKEN_ACTIONS = ['ecr:GetAuthorizationToken'];

/** Log-group actions of the official AgentCore Runtime execution-role policy. */
export const LOG_GROUP_ACTIONS = ['logs:CreateLogGroup', 'logs:DescribeLogStreams'];

/** Log-stream actions of the official AgentCore Runtime execution-role policy. */
export const LOG_STREAM_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/** X-Ray actions; X-Ray has no resource-level permissions for them. */
export const XRAY_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'];

/** CloudWatch metric publishing, always conditioned on the `bedrock-agentcore` namespace. */
export const METRIC_ACTIONS = ['cloudwatch:PutMetricData'];

/** The CloudWatch namespace AgentCore runtimes publish to. */
export const METRIC_NAMESPACE = 'bedrock-agentcore';

/** Workload-identity token actions an agent needs, and a gateway for outbound API key and OAuth calls. */
export const WORKLOAD_TOKEN_ACTIONS = ['bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT'];

/**
 * The user-id token action, granted only on request (the AgentCore docs advise against it in production); a gateway
 * needs it only for OAuth authorization-code (3-legged) targets.
 */
export const WORKLOAD_TOKEN_FOR_USER_ID_ACTIONS = ['bedrock-agentcore:GetWorkloadAccessTokenForUserId'];

/** The Lambda action an agent uses to call a tool function, and a gateway role to call a Lambda target. */
export const LAMBDA_INVOKE_ACTIONS = ['lambda:InvokeFunction'];

