/**
 * Service limits, from the control-plane API model (`bedrock-agentcore-control` 2023-06-05) unless a comment says
 * otherwise. Where the library is stricter on purpose, the comment says why.
 */
export const LIMITS = {
  /** `EnvironmentVariablesMap` max entries. */
  environmentVariables: 50,
  /** `EnvironmentVariableKey` length. */
  environmentVariableKeyLength: 100,
  /** `EnvironmentVariableValue` max length. */
  environmentVariableValueLength: 5000,
  /** `Description` length (the CloudFormation schema of the native Runtime says 1200; the API says 4096). */
  descriptionLength: 4096,
  /** `TagsMap` max entries, including the provider's ownership tags. */
  tags: 50,
  /** `TagKey` length. */
  tagKeyLength: 128,
  /** `TagValue` length. */
  tagValueLength: 256,
  /** `RequestHeaderAllowlist` entries. */
  requestHeaders: 20,
  /** `SecurityGroups` and `Subnets` of `VpcConfig`. */
  vpcSecurityGroups: 16,
  vpcSubnets: 16,
  /** `LifecycleConfiguration` seconds (the API allows up to 14 days; the native CloudFormation schema says 8 hours). */
  lifecycleMinSeconds: 60,
  lifecycleMaxSeconds: 1_209_600,
  /** `CodeConfigurationEntryPointList` entries, each at most 128 characters. */
  entryPointMin: 1,
  entryPointMax: 2,
  entryPointLength: 128,
  /** `ResourcePolicyBody` length (PutResourcePolicy `policy`). */
  resourcePolicyChars: 20_480,
  /** Endpoints per runtime, DEFAULT included (AgentCore quota). */
  endpointsPerRuntime: 10,
  /** `runtimeSessionId` of InvokeAgentRuntime. */
  sessionIdMin: 33,
  sessionIdMax: 256,
  /** `ClientToken`. */
  clientTokenMin: 33,
  clientTokenMax: 256,
} as const;

/**
 * Limits of CloudFormation and IAM that the library checks at synth time, so that they never surface at deploy.
 */
export const AWS_LIMITS = {
  /** Resources per CloudFormation stack. */
  stackResources: 500,
  /** Template body size CloudFormation accepts from S3 (bytes). */
  templateBytes: 1_000_000,
  /** Aggregate size of a role's inline policies (characters, whitespace excluded). */
  rolePolicyChars: 10_240,
  /** Size of one managed policy (characters, whitespace excluded). */
  managedPolicyChars: 6_144,
  /** Managed policies attached to one role (default quota). */
  managedPoliciesPerRole: 10,
  /** Bytes of a custom resource response (the Reason and Data together). */
  customResourceResponseBytes: 4_096,
} as const;

/** Health checks: the longest a check may take (it must fit an isComplete invocation next to its polling). */
export const HEALTH_CHECK = {
  minTimeoutSeconds: 5,
  maxTimeoutSeconds: 90,
  defaultTimeoutSeconds: 60,
  maxPayloadChars: 4096,
  maxExpectedTextChars: 1024,
} as const;
