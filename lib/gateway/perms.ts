/**
 * IAM actions used by the Gateway constructs. Kept as data so that grants and tests name the same lists. The workload
 * token and Lambda invoke actions a gateway shares with agents are in `../execution-role/perms`.
 */

/** The data-plane action that calls a gateway (MCP `tools/list`, `tools/call`, ...). */
export const GATEWAY_INVOKE_ACTIONS = ['bedrock-agentcore:InvokeGateway'];

/** The action a gateway role needs to read a schema object from S3. */
export const S3_READ_OBJECT_ACTIONS = ['s3:GetObject'];

/**
 * KMS actions the gateway service role needs on a customer managed key, always conditioned on
 * `kms:ViaService = bedrock-agentcore.<region>.amazonaws.com` (AgentCore "Encrypt your gateway" guide).
 */
export const GATEWAY_KMS_ACTIONS = ['kms:CreateGrant', 'kms:DescribeKey', 'kms:Decrypt', 'kms:GenerateDataKey'];

/** Reads an API key from the token vault. */
export const API_KEY_ACTIONS = ['bedrock-agentcore:GetResourceApiKey'];

/** Reads an OAuth2 access token from the token vault. */
export const OAUTH_TOKEN_ACTIONS = ['bedrock-agentcore:GetResourceOauth2Token'];

/** Completes a 3-legged OAuth flow (authorization-code grant only). */
export const OAUTH_COMPLETE_AUTH_ACTIONS = ['bedrock-agentcore:CompleteResourceTokenAuth'];

/** Reads the secret that backs a token-vault credential provider. */
export const SECRET_READ_ACTIONS = ['secretsmanager:GetSecretValue'];

