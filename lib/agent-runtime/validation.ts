import { Token } from 'aws-cdk-lib';
import type { RuntimeJwtAuthorizerOptions } from './authorizer';
import type { RuntimeLifecycle } from './types';
import {
  CAPACITY_PROVIDER_ARN, CAPACITY_PROVIDER_VOLUME_NAME, CLAIM_MATCH_VALUE, CLAIM_NAME, CONTAINER_URI, DISCOVERY_URL, EFS_ACCESS_POINT_ARN,
  ENV_KEY, HEADER_NAME, isReservedEnvName, LIMITS, MOUNT_PATH, PRIVATE_ENDPOINT_SECURITY_GROUP_ID, RESERVED_ENV_PREFIXES,
  RESOURCE_CONFIGURATION_ID, RUNTIME_NAME, S3_BUCKET, S3_FILES_ACCESS_POINT_ARN, SCOPE, SECURITY_GROUP_ID, SUBNET_ID, VPC_ID,
  WORKLOAD_IDENTITY_NAME,
} from '../private/contract';
import type {
  AuthorizerConfigurationProperty, FilesystemConfigurationProperty, PrivateEndpointProperty, RuntimeResourceProperties,
} from '../private/contract';
import { ValidationErrors } from '../private/validation';

/** Everything about a runtime's props that can be checked before anything is rendered. */
export interface RuntimeInputs {
  readonly runtimeName?: string;
  readonly description?: string;
  readonly environmentVariables: Record<string, string>;
  readonly requestHeaderAllowlist?: string[];
  readonly lifecycle?: RuntimeLifecycle;
  /** Whether the runtime runs on a capacity provider (which allows longer sessions). */
  readonly onCapacityProvider: boolean;
  readonly jwt?: RuntimeJwtAuthorizerOptions;
  readonly tags?: Record<string, string>;
  readonly platformVersion?: string;
  readonly capacityProviderArn?: string;
}

/** Checks every constraint of the CreateAgentRuntime API on the props that is known at synth time. */
export function validateRuntimeInputs(inputs: RuntimeInputs, errors: ValidationErrors): void {
  errors.pattern('runtimeName', inputs.runtimeName, RUNTIME_NAME, `${RUNTIME_NAME.source} (a letter, then up to 47 letters, digits or underscores)`);
  errors.length('description', inputs.description, 1, LIMITS.descriptionLength);
  validateEnvironment(inputs.environmentVariables, errors);
  validateHeaders(inputs.requestHeaderAllowlist, errors);
  validateLifecycle(inputs.lifecycle, inputs.onCapacityProvider, errors);
  validateJwt(inputs.jwt, errors);
  errors.tags(inputs.tags, { ownershipTags: true });
  // platformVersion is newer than the vendored API model (the bundled SDK knows it, with no constraint): only the
  // shape of a version name is checked.
  errors.pattern('platformVersion', inputs.platformVersion, /[^\s]{1,128}/, '1-128 characters without spaces, e.g. V2');
  errors.pattern('capacityProviderArn', inputs.capacityProviderArn, CAPACITY_PROVIDER_ARN,
    'arn:<partition>:bedrock-agentcore:<region>:<account>:capacity-provider/<name>-<10 characters>');
}

/** Checks the number of entries of a list (tokens for the whole list are skipped). */
export function validateCount(prop: string, list: readonly unknown[] | undefined, min: number, max: number, errors: ValidationErrors): void {
  if (list === undefined || Token.isUnresolved(list)) return;
  if (list.length < min || list.length > max) {
    errors.addMessage(`${prop} has ${list.length} entries; ${min === max ? min : `${min}-${max}`} are allowed`);
  }
}

/**
 * Environment variables: at most 50; keys `[A-Za-z_][A-Za-z0-9_]{0,99}` and not reserved (`AWS_*`); values at most
 * 5000 characters.
 */
export function validateEnvironment(env: Record<string, string>, errors: ValidationErrors): void {
  const keys = Object.keys(env);
  if (keys.length > LIMITS.environmentVariables) {
    errors.addMessage(`environmentVariables has ${keys.length} entries; at most ${LIMITS.environmentVariables} are allowed`);
  }
  for (const key of keys) {
    if (!Token.isUnresolved(key)) {
      errors.pattern('environmentVariables key', key, ENV_KEY, `[A-Za-z_][A-Za-z0-9_]{0,${LIMITS.environmentVariableKeyLength - 1}}`);
      if (isReservedEnvName(key)) errors.add('environmentVariables key', key, `is reserved (names starting with ${RESERVED_ENV_PREFIXES.join(', ')} belong to the runtime environment)`);
    }
    const value = env[key];
    if (!Token.isUnresolved(value) && value.length > LIMITS.environmentVariableValueLength) {
      errors.addMessage(`environmentVariables['${key}'] is ${value.length} characters long; at most ${LIMITS.environmentVariableValueLength} are allowed`);
    }
  }
}

function validateHeaders(headers: string[] | undefined, errors: ValidationErrors): void {
  if (headers === undefined) return;
  validateCount('requestHeaderAllowlist', headers, 1, LIMITS.requestHeaders, errors);
  headers.forEach((h, i) => errors.pattern(`requestHeaderAllowlist[${i}]`, h, HEADER_NAME, '[A-Za-z][A-Za-z0-9_-]{0,255}'));
  const lower = headers.filter((h) => !Token.isUnresolved(h)).map((h) => h.toLowerCase());
  const duplicates = lower.filter((h, i) => lower.indexOf(h) !== i);
  if (duplicates.length > 0) errors.add('requestHeaderAllowlist', duplicates.join(', '), 'must not repeat a header (names are case-insensitive)');
}

function validateLifecycle(lifecycle: RuntimeLifecycle | undefined, onCapacityProvider: boolean, errors: ValidationErrors): void {
  if (!lifecycle) return;
  const max = onCapacityProvider ? LIMITS.lifecycleMaxSeconds : LIMITS.lifecycleMaxSecondsMicroVm;
  const seconds = (prop: string, d: RuntimeLifecycle['idleTimeout']): number | undefined => {
    if (!d || d.isUnresolved()) return undefined;
    const s = d.toSeconds({ integral: false });
    if (!Number.isInteger(s)) errors.addMessage(`${prop} (${s} seconds) must be a whole number of seconds`);
    errors.range(prop, s, LIMITS.lifecycleMinSeconds, max, 'seconds');
    if (!onCapacityProvider && s > max && s <= LIMITS.lifecycleMaxSeconds) {
      errors.addMessage(`${prop}: sessions longer than ${max / 3600} hours need a capacity provider (capacityProviderArn)`);
    }
    return s;
  };
  const idle = seconds('lifecycle.idleTimeout', lifecycle.idleTimeout);
  const maxLifetime = seconds('lifecycle.maxLifetime', lifecycle.maxLifetime);
  if (idle !== undefined && maxLifetime !== undefined && idle > maxLifetime) {
    errors.addMessage(`lifecycle.idleTimeout (${idle} seconds) must not exceed lifecycle.maxLifetime (${maxLifetime} seconds)`);
  }
}

function validateEach(
  errors: ValidationErrors, prop: string, list: readonly string[] | undefined, min: number, max: number, re: RegExp, rule: string,
): void {
  if (list === undefined || Token.isUnresolved(list)) return;
  list.forEach((v, i) => {
    errors.length(`${prop}[${i}]`, v, min, max);
    errors.pattern(`${prop}[${i}]`, v, re, rule);
  });
}

function validateJwt(jwt: RuntimeJwtAuthorizerOptions | undefined, errors: ValidationErrors): void {
  if (!jwt) return;
  errors.pattern('authorizer.discoveryUrl', jwt.discoveryUrl, DISCOVERY_URL, 'https://<issuer>/.well-known/openid-configuration');
  for (const [prop, list] of [['allowedAudience', jwt.allowedAudience], ['allowedClients', jwt.allowedClients], ['allowedScopes', jwt.allowedScopes],
    ['customClaims', jwt.customClaims]] as const) {
    if (list !== undefined && list.length === 0) errors.addMessage(`authorizer.${prop} must not be empty when given (omit it to skip the check)`);
  }
  validateEach(errors, 'authorizer.allowedScopes', jwt.allowedScopes, 1, LIMITS.scopeLength, SCOPE, 'printable characters without " or \\');
  const mapping = jwt.advertisedScopeMapping;
  if (mapping !== undefined && !Token.isUnresolved(mapping)) {
    validateCount('authorizer.advertisedScopeMapping', Object.keys(mapping), 1, LIMITS.advertisedScopeMappings, errors);
    validateEach(errors, 'authorizer.advertisedScopeMapping keys', Object.keys(mapping), 1, LIMITS.scopeLength, SCOPE, 'printable characters without " or \\');
    validateEach(errors, 'authorizer.advertisedScopeMapping values', Object.values(mapping), 1, LIMITS.scopeLength, SCOPE, 'printable characters without " or \\');
  }
  validateCount('authorizer.privateEndpointOverrides', jwt.privateEndpointOverrides, 0, LIMITS.privateEndpointOverrides, errors);
  jwt.privateEndpointOverrides?.forEach((o, i) => errors.length(`authorizer.privateEndpointOverrides[${i}].domain`, o.domain, 1, LIMITS.privateEndpointDomainLength));
  const workloads = jwt.allowedWorkloads;
  if (workloads) {
    validateCount('authorizer.allowedWorkloads.hostingEnvironmentArns', workloads.hostingEnvironmentArns, 1, LIMITS.hostingEnvironments, errors);
    workloads.hostingEnvironmentArns?.forEach((arn, i) => errors.length(`authorizer.allowedWorkloads.hostingEnvironmentArns[${i}]`, arn,
      LIMITS.hostingEnvironmentArnMinLength, LIMITS.hostingEnvironmentArnMaxLength));
    validateCount('authorizer.allowedWorkloads.workloadIdentities', workloads.workloadIdentities, 1, LIMITS.workloadIdentities, errors);
    validateEach(errors, 'authorizer.allowedWorkloads.workloadIdentities', workloads.workloadIdentities, LIMITS.workloadIdentityNameMinLength,
      LIMITS.workloadIdentityNameMaxLength, WORKLOAD_IDENTITY_NAME, '[A-Za-z0-9_.-]+');
  }
}

/** A private endpoint as rendered, under the prop path that set it. */
function validatePrivateEndpoint(prop: string, endpoint: PrivateEndpointProperty | undefined, errors: ValidationErrors): void {
  errors.pattern(`${prop} (resource configuration)`, endpoint?.SelfManagedLatticeResource?.ResourceConfigurationIdentifier,
    RESOURCE_CONFIGURATION_ID, 'rcfg-<17 characters> or a VPC Lattice resource configuration ARN');
  const vpc = endpoint?.ManagedVpcResource;
  if (!vpc) return;
  errors.pattern(`${prop} VPC id`, vpc.VpcIdentifier, VPC_ID, 'vpc-<8 or 17 characters>');
  validateCount(`${prop} subnets`, vpc.SubnetIds, 1, Infinity, errors);
  validateEach(errors, `${prop} subnets`, vpc.SubnetIds, 1, Infinity, SUBNET_ID, 'subnet-<8-17 characters>');
  validateCount(`${prop}.securityGroups`, vpc.SecurityGroupIds, 0, LIMITS.privateEndpointSecurityGroups, errors);
  validateEach(errors, `${prop}.securityGroups`, vpc.SecurityGroupIds, 1, Infinity, PRIVATE_ENDPOINT_SECURITY_GROUP_ID, 'sg-<8 or 17 characters>');
  errors.length(`${prop}.routingDomain`, vpc.RoutingDomain, LIMITS.routingDomainMinLength, LIMITS.routingDomainMaxLength);
}

/** Checks the rendered JWT authorizer: private endpoints and custom claims (aws-cdk-lib's claims are opaque until rendered). */
export function validateRenderedAuthorizer(authorizer: AuthorizerConfigurationProperty | undefined, errors: ValidationErrors): void {
  const jwt = authorizer?.CustomJWTAuthorizer;
  validatePrivateEndpoint('authorizer.privateEndpoint', jwt?.PrivateEndpoint, errors);
  jwt?.PrivateEndpointOverrides?.forEach((o, i) => validatePrivateEndpoint(`authorizer.privateEndpointOverrides[${i}].privateEndpoint`, o.PrivateEndpoint, errors));
  jwt?.CustomClaims?.forEach((c, i) => {
    errors.length(`authorizer.customClaims[${i}] name`, c.InboundTokenClaimName, 1, LIMITS.claimNameLength);
    errors.pattern(`authorizer.customClaims[${i}] name`, c.InboundTokenClaimName, CLAIM_NAME, '[A-Za-z0-9_.-:]+');
    const value = c.AuthorizingClaimMatchValue.ClaimMatchValue;
    const values = value.MatchValueStringList ?? (value.MatchValueString !== undefined ? [value.MatchValueString] : []);
    validateEach(errors, `authorizer.customClaims[${i}] values`, values, 1, LIMITS.claimMatchValueLength, CLAIM_MATCH_VALUE, '[A-Za-z0-9_.-]+');
  });
}

/**
 * Checks what only the rendered properties show (the artifact, the network, private endpoints, filesystems, the
 * capacity provider), naming each problem by the prop that set it.
 */
export function validateRendered(p: RuntimeResourceProperties, errors: ValidationErrors): void {
  const container = p.AgentRuntimeArtifact.ContainerConfiguration;
  if (container) {
    errors.length('artifact (image URI)', container.ContainerUri, 1, LIMITS.containerUriLength);
    errors.pattern('artifact (image URI)', container.ContainerUri, CONTAINER_URI,
      '<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:<tag>][@<digest>] or public.ecr.aws/<repository>[:<tag>]');
  }
  const s3 = p.AgentRuntimeArtifact.CodeConfiguration?.Code.S3;
  if (s3) {
    errors.pattern('artifact (bucket name)', s3.Bucket, S3_BUCKET, '3-63 lower-case letters, digits, dots or hyphens, starting and ending with a letter or digit');
    errors.length('artifact (object key)', s3.Prefix, 1, LIMITS.s3KeyLength);
    errors.length('artifact (objectVersion)', s3.VersionId, LIMITS.s3VersionIdMinLength, LIMITS.s3VersionIdMaxLength);
  }
  const vpc = p.NetworkConfiguration.NetworkModeConfig;
  if (vpc) {
    validateCount('network security groups', vpc.SecurityGroups, 1, LIMITS.vpcSecurityGroups, errors);
    validateCount('network subnets', vpc.Subnets, 1, LIMITS.vpcSubnets, errors);
    validateEach(errors, 'network subnets', vpc.Subnets, 1, Infinity, SUBNET_ID, 'subnet-<8-17 characters>');
    validateEach(errors, 'network security groups', vpc.SecurityGroups, 1, Infinity, SECURITY_GROUP_ID, 'sg-<8-17 characters>');
  }
  const filesystems = p.FilesystemConfigurations;
  validateCount('filesystems', filesystems, 0, LIMITS.filesystemConfigurations, errors);
  const mountOf = (fs: FilesystemConfigurationProperty) =>
    (fs.SessionStorage ?? fs.EfsAccessPoint ?? fs.S3FilesAccessPoint ?? fs.CapacityProviderVolume)?.MountPath;
  filesystems?.forEach((fs, i) => {
    const mount = { MountPath: mountOf(fs) };
    errors.pattern(`filesystems[${i}].mountPath`, mount?.MountPath, MOUNT_PATH, '/mnt/<name> (letters, digits, ., _ or -)');
    errors.length(`filesystems[${i}].mountPath`, mount?.MountPath, 6, 200);
    errors.pattern(`filesystems[${i}] (EFS access point)`, fs.EfsAccessPoint?.AccessPointArn, EFS_ACCESS_POINT_ARN, 'an EFS access point ARN');
    errors.pattern(`filesystems[${i}] (S3 Files access point)`, fs.S3FilesAccessPoint?.AccessPointArn, S3_FILES_ACCESS_POINT_ARN, 'an S3 Files access point ARN');
    errors.pattern(`filesystems[${i}] (volume name)`, fs.CapacityProviderVolume?.VolumeName, CAPACITY_PROVIDER_VOLUME_NAME, '[a-zA-Z][a-zA-Z0-9_-]{0,47}');
    if (fs.CapacityProviderVolume && !p.CapacityProviderConfiguration) {
      errors.addMessage(`filesystems[${i}]: a capacity provider volume needs capacityProviderArn (it names one of the provider's volumes)`);
    }
  });
  const mounts = (filesystems ?? []).map(mountOf)
    .filter((m): m is string => m !== undefined && !Token.isUnresolved(m)).map((m) => m.replace(/\/$/, ''));
  const repeated = mounts.filter((m, i) => mounts.indexOf(m) !== i);
  if (repeated.length > 0) errors.add('filesystems', repeated.join(', '), 'must not mount two filesystems at the same path');
}
