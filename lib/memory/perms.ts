/*
 * IAM action lists of AgentCore Memory. Data-plane actions are authorized on the memory ARN
 * (`arn:<partition>:bedrock-agentcore:<region>:<account>:memory/<memoryId>`).
 */

/** Writes short-term memory: one conversation event. There is no direct write to long-term memory. */
export const MEMORY_WRITE_ACTIONS = ['bedrock-agentcore:CreateEvent'];

/** Reads short-term memory: events, and the actors and sessions that have events. */
export const MEMORY_READ_SHORT_TERM_ACTIONS = [
  'bedrock-agentcore:GetEvent',
  'bedrock-agentcore:ListEvents',
  'bedrock-agentcore:ListActors',
  'bedrock-agentcore:ListSessions',
];

/** Reads long-term memory: the records the strategies extracted. */
export const MEMORY_READ_LONG_TERM_ACTIONS = [
  'bedrock-agentcore:GetMemoryRecord',
  'bedrock-agentcore:RetrieveMemoryRecords',
  'bedrock-agentcore:ListMemoryRecords',
];

/**
 * Reads the memory's configuration. Clients call it to discover the strategy ids that long-term namespaces contain
 * (`{memoryStrategyId}`); without it, long-term recall silently returns nothing while `CreateEvent` keeps working.
 */
export const MEMORY_DISCOVER_ACTIONS = ['bedrock-agentcore:GetMemory'];

/** Deletes events (short-term) and memory records (long-term). */
export const MEMORY_DELETE_ACTIONS = ['bedrock-agentcore:DeleteEvent', 'bedrock-agentcore:DeleteMemoryRecord'];

/**
 * Control plane of one existing memory. `CreateMemory` and `ListMemories` are not included: they are not about an
 * existing memory's ARN.
 */
export const MEMORY_ADMIN_ACTIONS = ['bedrock-agentcore:GetMemory', 'bedrock-agentcore:UpdateMemory', 'bedrock-agentcore:DeleteMemory'];

/** KMS actions a reader of an encrypted memory uses through AgentCore (`kms:ViaService`). */
export const KEY_READ_ACTIONS = ['kms:Decrypt'];

/** KMS actions a writer of an encrypted memory uses through AgentCore (`kms:ViaService`). */
export const KEY_WRITE_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];

/**
 * KMS actions the principal that creates or updates an encrypted memory needs through AgentCore, as listed by
 * "Encrypt your Amazon Bedrock AgentCore Memory" (storage-encryption.html), with `kms:ReEncrypt*` spelled out.
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:CreateGrant',
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
];

/** KMS actions the memory execution role gets on the memory's key (the same set, on the exact key). */
export const KEY_EXECUTION_ROLE_ACTIONS = KEY_ADMIN_ACTIONS;

/** SNS actions a self-managed strategy's execution role needs on its trigger topic. */
export const SNS_PUBLISH_ACTIONS = ['sns:GetTopicAttributes', 'sns:Publish'];

/** S3 action a self-managed strategy's execution role needs on the payload objects. */
export const S3_PAYLOAD_OBJECT_ACTIONS = ['s3:PutObject'];

/** S3 action a self-managed strategy's execution role needs on the payload bucket. */
export const S3_PAYLOAD_BUCKET_ACTIONS = ['s3:GetBucketLocation'];

/** KMS actions to publish to an encrypted SNS topic or put an object into an SSE-KMS bucket. */
export const KEY_PRODUCER_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];

/** The CloudWatch namespace AgentCore publishes memory metrics to. */
export const METRIC_NAMESPACE = 'AWS/Bedrock-AgentCore';
