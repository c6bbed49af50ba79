/**
 * The properties of `Custom::BedrockAgentCoreRuntime`: what the construct writes and the provider reads.
 *
 * Two parts, kept apart:
 *
 * 1. **The runtime's API members**, with the names and nesting of the native `AWS::BedrockAgentCore::Runtime`
 *    CloudFormation schema, so that a user who knows the native resource knows these. A member the CloudFormation
 *    schema lacks but the bundled SDK knows takes the SDK member name with its first letter upper-cased
 *    (`PlatformVersion`, `CapacityProviderConfiguration`, `NetworkConfiguration.NetworkModeConfig.RequireServiceS3Endpoint`).
 *    The provider converts them generically, PascalCase to the SDK member names, walking the bundled SDK's
 *    `CreateAgentRuntimeRequest` / `UpdateAgentRuntimeRequest` schemas, so every member the SDK knows reaches the API
 *    (`addPropertyOverride` on the custom resource reaches them too). A key the SDK does not know fails the operation
 *    before any API call, with a Reason that names it. Where CloudFormation's shape differs from the API's,
 *    `SHAPE_ALIASES` says how (proven complete against both schemas by `test/conformance`).
 * 2. **The library's own settings** under one key, `CdkAgentCore` (`LIBRARY_KEY`): the health check, the
 *    resource-based policy and the names of the stack's endpoints. No AWS member will ever be called that.
 *
 * Scalars: the construct writes numbers and booleans; CloudFormation delivers every scalar as a string, and the
 * provider coerces them by the SDK shape. `ServiceToken` and `ServiceTimeout` belong to the Provider framework.
 */
import { OWNED_ENDPOINTS_PROPERTY } from './runtime-endpoints';

/** The key under which the library's own settings travel. */
export const LIBRARY_KEY = 'CdkAgentCore';

/** The attributes of the runtime's custom resource (the provider's SUCCESS `Data`), always non-empty strings. */
export const RUNTIME_ATTRIBUTES = ['AgentRuntimeId', 'AgentRuntimeArn', 'AgentRuntimeName', 'AgentRuntimeVersion', 'PreviousVersion', 'Status'] as const;

/** One of `RUNTIME_ATTRIBUTES`. */
export type RuntimeAttribute = (typeof RUNTIME_ATTRIBUTES)[number];

/** The keys of `LibraryProperties` (`CdkAgentCore`): any other key there fails the request, naming it. */
export const LIBRARY_PROPERTY_KEYS: readonly (keyof LibraryProperties)[] = ['HealthCheck', 'ResourcePolicy', OWNED_ENDPOINTS_PROPERTY];

/** Keys the CloudFormation custom-resource framework adds; the provider ignores them. */
export const FRAMEWORK_KEYS: readonly string[] = ['ServiceToken', 'ServiceTimeout'];

/** Request members the provider sets itself (from the CloudFormation request); properties cannot set them. */
export const PROVIDER_OWNED_MEMBERS: readonly string[] = ['agentRuntimeId', 'clientToken'];

/**
 * A place where the native CloudFormation shape differs from the API's: at `property` (a path of PascalCase keys),
 * CloudFormation has a scalar where the API has a structure with the one member `apiMember`. The provider accepts
 * both the CloudFormation scalar and the API structure (in PascalCase) there.
 */
export interface ShapeAlias {
  /** Path of the property, e.g. `ProtocolConfiguration`. */
  readonly property: string;
  /** The member of the API structure the scalar becomes. */
  readonly apiMember: string;
}

/** Every place the native CloudFormation shape differs from the API's (`test/conformance` proves the list complete). */
export const SHAPE_ALIASES: readonly ShapeAlias[] = [
  // CloudFormation: `ProtocolConfiguration: 'HTTP'`; API: `protocolConfiguration: { serverProtocol: 'HTTP' }`.
  { property: 'ProtocolConfiguration', apiMember: 'serverProtocol' },
];

/** The library's own settings (`CdkAgentCore`). */
export interface LibraryProperties {
  /** The check every new version must pass before the operation succeeds. */
  readonly HealthCheck?: HealthCheckProperties;
  /**
   * The runtime's resource-based policy as JSON, statements without `Resource`: the provider applies it to the runtime
   * (every statement's `Resource` set to the runtime ARN) before it reports success.
   */
  readonly ResourcePolicy?: string;
  /** The names of the named endpoints the construct added: on Delete the provider deletes only these. */
  readonly EndpointNames?: string[];
}

/** `CdkAgentCore.HealthCheck`. */
export interface HealthCheckProperties {
  /** The InvokeAgentRuntime payload. */
  readonly Payload: string;
  /** @default HEALTH_CHECK.defaultExpectedStatus */
  readonly ExpectedStatus?: number;
  /** Text the (concatenated) answer must contain. */
  readonly ExpectedText?: string;
  /** @default HEALTH_CHECK.defaultTimeoutSeconds */
  readonly TimeoutSeconds?: number;
}

/** `AgentRuntimeArtifact`: exactly one of the two. */
export interface AgentRuntimeArtifactProperty {
  readonly ContainerConfiguration?: { readonly ContainerUri: string };
  readonly CodeConfiguration?: {
    readonly Code: { readonly S3: { readonly Bucket: string; readonly Prefix: string; readonly VersionId?: string } };
    readonly Runtime: string;
    readonly EntryPoint: string[];
  };
}

/** `NetworkConfiguration`. */
export interface NetworkConfigurationProperty {
  readonly NetworkMode: string;
  readonly NetworkModeConfig?: {
    readonly SecurityGroups: string[];
    readonly Subnets: string[];
    /** SDK member, not in the CloudFormation schema. */
    readonly RequireServiceS3Endpoint?: boolean;
  };
}

/** `PrivateEndpoint` (a union). */
export interface PrivateEndpointProperty {
  readonly SelfManagedLatticeResource?: { readonly ResourceConfigurationIdentifier: string };
  readonly ManagedVpcResource?: {
    readonly VpcIdentifier: string;
    readonly SubnetIds: string[];
    readonly EndpointIpAddressType: string;
    readonly SecurityGroupIds?: string[];
    readonly RoutingDomain?: string;
    readonly Tags?: Record<string, string>;
  };
}

/** `CustomClaims[]`. */
export interface CustomClaimProperty {
  readonly InboundTokenClaimName: string;
  readonly InboundTokenClaimValueType: string;
  readonly AuthorizingClaimMatchValue: {
    readonly ClaimMatchOperator: string;
    readonly ClaimMatchValue: { readonly MatchValueString?: string; readonly MatchValueStringList?: string[] };
  };
}

/** `AuthorizerConfiguration`. */
export interface AuthorizerConfigurationProperty {
  readonly CustomJWTAuthorizer: {
    readonly DiscoveryUrl: string;
    readonly AllowedAudience?: string[];
    readonly AllowedClients?: string[];
    readonly AllowedScopes?: string[];
    /** SDK member, not in the CloudFormation schema. */
    readonly AdvertisedScopeMapping?: Record<string, string>;
    readonly CustomClaims?: CustomClaimProperty[];
    readonly PrivateEndpoint?: PrivateEndpointProperty;
    readonly PrivateEndpointOverrides?: { readonly Domain: string; readonly PrivateEndpoint: PrivateEndpointProperty }[];
    readonly AllowedWorkloadConfiguration?: {
      readonly HostingEnvironments?: { readonly Arn: string }[];
      readonly WorkloadIdentities?: string[];
    };
  };
}

/** `FilesystemConfigurations[]` (a union). */
export interface FilesystemConfigurationProperty {
  readonly SessionStorage?: { readonly MountPath: string };
  readonly EfsAccessPoint?: { readonly AccessPointArn: string; readonly MountPath: string };
  readonly S3FilesAccessPoint?: { readonly AccessPointArn: string; readonly MountPath: string };
  /** SDK member, not in the CloudFormation schema. */
  readonly CapacityProviderVolume?: { readonly VolumeName: string; readonly MountPath: string };
}

/** The properties of `Custom::BedrockAgentCoreRuntime` (framework keys aside). */
export interface RuntimeResourceProperties {
  readonly AgentRuntimeName: string;
  readonly RoleArn: string;
  readonly AgentRuntimeArtifact: AgentRuntimeArtifactProperty;
  readonly NetworkConfiguration: NetworkConfigurationProperty;
  /** CloudFormation's scalar form (see `SHAPE_ALIASES`). */
  readonly ProtocolConfiguration?: string;
  readonly Description?: string;
  readonly EnvironmentVariables?: Record<string, string>;
  readonly AuthorizerConfiguration?: AuthorizerConfigurationProperty;
  readonly LifecycleConfiguration?: { readonly IdleRuntimeSessionTimeout?: number; readonly MaxLifetime?: number };
  readonly RequestHeaderConfiguration?: { readonly RequestHeaderAllowlist: string[] };
  readonly FilesystemConfigurations?: FilesystemConfigurationProperty[];
  /** SDK member, not in the CloudFormation schema. */
  readonly CapacityProviderConfiguration?: { readonly CapacityProviderArn: string };
  /** SDK member, not in the CloudFormation schema. */
  readonly PlatformVersion?: string;
  readonly Tags?: Record<string, string>;
  /** The library's own settings. */
  readonly CdkAgentCore?: LibraryProperties;
}
