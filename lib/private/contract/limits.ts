/**
 * Service limits, from the control-plane API model (`bedrock-agentcore-control` 2023-06-05) unless a comment says
 * otherwise. Each entry names the model shape it comes from; `test/conformance` checks every number against the
 * vendored model. Where the library is stricter on purpose, `STRICTER_THAN_MODEL` says why (and the test knows it).
 */
export const LIMITS = {
  /** `EnvironmentVariablesMap` max entries. */
  environmentVariables: 50,
  /** `EnvironmentVariableKey` max length. */
  environmentVariableKeyLength: 100,
  /** `EnvironmentVariableValue` max length. */
  environmentVariableValueLength: 5000,
  /** `Description` max length (the CloudFormation schema of the native Runtime says 1200; the API says 4096). */
  descriptionLength: 4096,
  /** `TagsMap` max entries, including the provider's ownership tags. */
  tags: 50,
  /** `TagKey` max length. */
  tagKeyLength: 128,
  /** `TagValue` max length. */
  tagValueLength: 256,
  /** `RequestHeaderAllowlist` max entries. */
  requestHeaders: 20,
  /** `SecurityGroups` of `VpcConfig`. */
  vpcSecurityGroups: 16,
  /** `Subnets` of `VpcConfig`. */
  vpcSubnets: 16,
  /** `LifecycleConfigurationIdleRuntimeSessionTimeoutInteger` and `…MaxLifetimeInteger` min. */
  lifecycleMinSeconds: 60,
  /** `LifecycleConfiguration…Integer` max: 14 days (runtimes on a capacity provider). */
  lifecycleMaxSeconds: 1_209_600,
  /**
   * The lifecycle maximum of a runtime without a capacity provider (microVM), 8 hours: stricter than the model, from
   * the AgentCore developer guide (runtime-lifecycle-settings: "60–28800 on microVMs, 60–1209600 on Instances").
   */
  lifecycleMaxSecondsMicroVm: 28_800,
  /** `CodeConfigurationEntryPointList` min entries. */
  entryPointMin: 1,
  /** `CodeConfigurationEntryPointList` max entries. */
  entryPointMax: 2,
  /** `entryPoint` max length. */
  entryPointLength: 128,
  /** `RuntimeContainerUri` max length. */
  containerUriLength: 1024,
  /** `S3LocationPrefixString` max length (the object key). */
  s3KeyLength: 1024,
  /** `S3LocationVersionIdString` min length. */
  s3VersionIdMinLength: 3,
  /** `S3LocationVersionIdString` max length. */
  s3VersionIdMaxLength: 1024,
  /** `AllowedScopeType` max length (JWT allowed scopes and advertised scope mapping). */
  scopeLength: 255,
  /** `AdvertisedScopeMappingType` max entries. */
  advertisedScopeMappings: 50,
  /** `InboundTokenClaimNameType` max length. */
  claimNameLength: 255,
  /** `MatchValueString` max length. */
  claimMatchValueLength: 255,
  /** `PrivateEndpointOverrides` max entries. */
  privateEndpointOverrides: 5,
  /** `PrivateEndpointOverrideDomain` max length. */
  privateEndpointDomainLength: 253,
  /** `SecurityGroupIds` of `ManagedVpcResource` max entries. */
  privateEndpointSecurityGroups: 5,
  /** `RoutingDomain` min length. */
  routingDomainMinLength: 3,
  /** `RoutingDomain` max length. */
  routingDomainMaxLength: 255,
  /** `HostingEnvironmentListType` max entries. */
  hostingEnvironments: 10,
  /** `BedrockAgentcoreResourceArn` min length (a hosting environment ARN). */
  hostingEnvironmentArnMinLength: 20,
  /** `BedrockAgentcoreResourceArn` max length. */
  hostingEnvironmentArnMaxLength: 1011,
  /** `WorkloadIdentityNameListType` max entries. */
  workloadIdentities: 10,
  /** `WorkloadIdentityNameType` min length. */
  workloadIdentityNameMinLength: 3,
  /** `WorkloadIdentityNameType` max length. */
  workloadIdentityNameMaxLength: 255,
  /** `FilesystemConfigurations` max entries. */
  filesystemConfigurations: 5,
  /** `ResourcePolicyBody` max length (PutResourcePolicy `policy`). */
  resourcePolicyChars: 20_480,
  /** `EndpointName` description: `AgentEndpointDescription` max length. */
  endpointDescriptionLength: 256,
  /** Endpoints per runtime, DEFAULT included (AgentCore quota, not the model). */
  endpointsPerRuntime: 10,
  /** `runtimeSessionId` of InvokeAgentRuntime (data-plane model). */
  sessionIdMin: 33,
  sessionIdMax: 256,
  /** `ClientToken`. */
  clientTokenMin: 33,
  clientTokenMax: 256,
} as const;

/**
 * Rules of the library that are stricter than the API model, and why. Keys are the contract constants
 * (`LIMITS.<key>` or a grammar constant); the conformance tests accept a difference from the model only for these.
 */
export const STRICTER_THAN_MODEL: Readonly<Record<string, string>> = {
  'LIMITS.lifecycleMaxSecondsMicroVm': 'the developer guide limits microVM runtimes (no capacity provider) to 8 hours; the model only knows the 14-day maximum of capacity-provider runtimes',
  'ENV_KEY': 'the model only limits keys to 1-100 characters; a container cannot read other names through the usual APIs (the CloudFormation schema has the same rule)',
  'DISCOVERY_URL': 'the model accepts any `.+/.well-known/openid-configuration`; an OpenID Connect discovery document is only trusted over https',
};

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

/**
 * Health checks (a library feature, not an API shape): the longest a check may take (it must fit an isComplete
 * invocation next to its polling, see `checkProviderTiming`), the sizes of its payload and expected text, and the
 * defaults the provider applies.
 */
export const HEALTH_CHECK = {
  minTimeoutSeconds: 5,
  maxTimeoutSeconds: 90,
  defaultTimeoutSeconds: 60,
  defaultExpectedStatus: 200,
  minStatus: 100,
  maxStatus: 599,
  /** The payload goes to InvokeAgentRuntime; it is echoed in logs only as a length. */
  maxPayloadChars: 4096,
  maxExpectedTextChars: 1024,
} as const;
