import type * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import type {
  AgentRuntimeArtifactProperty, AuthorizerConfigurationProperty, CustomClaimProperty, NetworkConfigurationProperty,
} from '../../private/contract';
import type { ArtifactConfig } from '../artifact';
import type { RuntimeJwtAuthorizerOptions } from '../authorizer';
import type { RuntimeLifecycle, RuntimeNetworkConfig } from '../types';

/**
 * aws-cdk-lib's custom claims in their CloudFormation form. aws-cdk-lib renders a `RuntimeCustomClaim` (its only
 * accessor, `_render()`) in the camelCase of its L1; CloudFormation's keys are the same with the first letter upper-cased.
 */
function renderClaims(claims: agentcore.RuntimeCustomClaim[]): CustomClaimProperty[] {
  const pascal = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(pascal);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.charAt(0).toUpperCase() + k.slice(1), pascal(x)]));
  };
  return claims.map((c) => pascal(c._render()) as CustomClaimProperty);
}

/** The `AuthorizerConfiguration` property of a JWT authorizer. */
export function renderJwtAuthorizer(jwt: RuntimeJwtAuthorizerOptions): AuthorizerConfigurationProperty {
  const workloads = jwt.allowedWorkloads;
  return {
    CustomJWTAuthorizer: {
      DiscoveryUrl: jwt.discoveryUrl,
      AllowedAudience: jwt.allowedAudience,
      AllowedClients: jwt.allowedClients,
      AllowedScopes: jwt.allowedScopes,
      AdvertisedScopeMapping: jwt.advertisedScopeMapping,
      CustomClaims: jwt.customClaims ? renderClaims(jwt.customClaims) : undefined,
      PrivateEndpoint: jwt.privateEndpoint?._render(),
      PrivateEndpointOverrides: jwt.privateEndpointOverrides?.map((o) => ({ Domain: o.domain, PrivateEndpoint: o.privateEndpoint._render() })),
      AllowedWorkloadConfiguration: workloads ? {
        HostingEnvironments: workloads.hostingEnvironmentArns?.map((arn) => ({ Arn: arn })),
        WorkloadIdentities: workloads.workloadIdentities,
      } : undefined,
    },
  };
}

/** The `AgentRuntimeArtifact` property. */
export function renderArtifact(artifact: ArtifactConfig): AgentRuntimeArtifactProperty {
  if (artifact.containerUri !== undefined) return { ContainerConfiguration: { ContainerUri: artifact.containerUri } };
  const code = artifact.code!;
  return {
    CodeConfiguration: {
      Code: { S3: { Bucket: code.bucket, Prefix: code.key, VersionId: code.objectVersion } },
      Runtime: code.runtime,
      EntryPoint: code.entryPoint,
    },
  };
}

/** The `NetworkConfiguration` property. */
export function renderNetwork(network: RuntimeNetworkConfig): NetworkConfigurationProperty {
  return {
    NetworkMode: network.networkMode,
    NetworkModeConfig: network.subnetIds ? {
      Subnets: network.subnetIds,
      SecurityGroups: network.securityGroups!.map((sg) => sg.securityGroupId),
      RequireServiceS3Endpoint: network.requireServiceS3Endpoint,
    } : undefined,
  };
}

/** The `LifecycleConfiguration` property (seconds), or undefined when neither limit is set. */
export function renderLifecycle(lifecycle: RuntimeLifecycle | undefined): { IdleRuntimeSessionTimeout?: number; MaxLifetime?: number } | undefined {
  if (!lifecycle || (!lifecycle.idleTimeout && !lifecycle.maxLifetime)) return undefined;
  return {
    ...(lifecycle.idleTimeout ? { IdleRuntimeSessionTimeout: lifecycle.idleTimeout.toSeconds({ integral: false }) } : {}),
    ...(lifecycle.maxLifetime ? { MaxLifetime: lifecycle.maxLifetime.toSeconds({ integral: false }) } : {}),
  };
}
