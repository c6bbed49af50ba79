/**
 * Conformance (issue 9.4a): every limit, pattern and enum the contract enforces equals the API model's (the vendored
 * subset in test/fixtures/specs), and where the contract is stricter on purpose it says so in `STRICTER_THAN_MODEL`.
 */
import { CONTROL_MODEL, DATA_MODEL } from './model-validator';
import * as contract from '../../lib/private/contract';
import { LIMITS, STRICTER_THAN_MODEL } from '../../lib/private/contract';
import * as grammar from '../../lib/private/contract/grammar';

type Bound = 'min' | 'max';
/** A model constraint: `[shape, bound]` of the control plane, or `['data', shape, bound]` of the data plane. */
type Source = [string, Bound] | ['data', string, Bound];

/** Where each number of `LIMITS` comes from. A string is a source outside the model (the test only checks it is named). */
const LIMIT_SOURCES: Record<keyof typeof LIMITS, Source | Source[] | string> = {
  environmentVariables: ['EnvironmentVariablesMap', 'max'],
  environmentVariableKeyLength: ['EnvironmentVariableKey', 'max'],
  environmentVariableValueLength: ['EnvironmentVariableValue', 'max'],
  descriptionLength: ['Description', 'max'],
  tags: ['TagsMap', 'max'],
  tagKeyLength: ['TagKey', 'max'],
  tagValueLength: ['TagValue', 'max'],
  requestHeaders: ['RequestHeaderAllowlist', 'max'],
  vpcSecurityGroups: ['SecurityGroups', 'max'],
  vpcSubnets: ['Subnets', 'max'],
  lifecycleMinSeconds: [['LifecycleConfigurationIdleRuntimeSessionTimeoutInteger', 'min'], ['LifecycleConfigurationMaxLifetimeInteger', 'min']],
  lifecycleMaxSeconds: [['LifecycleConfigurationIdleRuntimeSessionTimeoutInteger', 'max'], ['LifecycleConfigurationMaxLifetimeInteger', 'max']],
  lifecycleMaxSecondsMicroVm: 'stricter',
  entryPointMin: ['CodeConfigurationEntryPointList', 'min'],
  entryPointMax: ['CodeConfigurationEntryPointList', 'max'],
  entryPointLength: ['entryPoint', 'max'],
  containerUriLength: ['RuntimeContainerUri', 'max'],
  s3KeyLength: ['S3LocationPrefixString', 'max'],
  s3VersionIdMinLength: ['S3LocationVersionIdString', 'min'],
  s3VersionIdMaxLength: ['S3LocationVersionIdString', 'max'],
  scopeLength: ['AllowedScopeType', 'max'],
  advertisedScopeMappings: ['AdvertisedScopeMappingType', 'max'],
  claimNameLength: ['InboundTokenClaimNameType', 'max'],
  claimMatchValueLength: ['MatchValueString', 'max'],
  privateEndpointOverrides: ['PrivateEndpointOverrides', 'max'],
  privateEndpointDomainLength: ['PrivateEndpointOverrideDomain', 'max'],
  privateEndpointSecurityGroups: ['SecurityGroupIds', 'max'],
  routingDomainMinLength: ['RoutingDomain', 'min'],
  routingDomainMaxLength: ['RoutingDomain', 'max'],
  hostingEnvironments: ['HostingEnvironmentListType', 'max'],
  hostingEnvironmentArnMinLength: ['BedrockAgentcoreResourceArn', 'min'],
  hostingEnvironmentArnMaxLength: ['BedrockAgentcoreResourceArn', 'max'],
  workloadIdentities: ['WorkloadIdentityNameListType', 'max'],
  workloadIdentityNameMinLength: ['WorkloadIdentityNameType', 'min'],
  workloadIdentityNameMaxLength: ['WorkloadIdentityNameType', 'max'],
  filesystemConfigurations: ['FilesystemConfigurations', 'max'],
  resourcePolicyChars: ['ResourcePolicyBody', 'max'],
  endpointDescriptionLength: ['AgentEndpointDescription', 'max'],
  endpointsPerRuntime: 'AgentCore quota "endpoints per agent" (bedrock-agentcore-limits), not in the model',
  sessionIdMin: ['data', 'SessionType', 'min'],
  sessionIdMax: ['data', 'SessionType', 'max'],
  clientTokenMin: ['ClientToken', 'min'],
  clientTokenMax: ['ClientToken', 'max'],
};

/** Where each grammar of the contract comes from: the model shape whose pattern it is. */
const PATTERN_SOURCES: Record<string, string | 'stricter'> = {
  RUNTIME_NAME: 'AgentRuntimeName',
  ENDPOINT_NAME: 'EndpointName',
  RUNTIME_ID: 'AgentRuntimeId',
  RUNTIME_VERSION: 'AgentRuntimeVersion',
  ROLE_ARN: 'RoleArn',
  HEADER_NAME: 'HeaderName',
  TAG_TEXT: 'TagKey',
  SECURITY_GROUP_ID: 'SecurityGroupId',
  SUBNET_ID: 'SubnetId',
  CONTAINER_URI: 'RuntimeContainerUri',
  S3_BUCKET: 'S3LocationBucketString',
  SCOPE: 'AllowedScopeType',
  CLAIM_NAME: 'InboundTokenClaimNameType',
  CLAIM_MATCH_VALUE: 'MatchValueString',
  MOUNT_PATH: 'MountPath',
  EFS_ACCESS_POINT_ARN: 'EfsAccessPointArn',
  S3_FILES_ACCESS_POINT_ARN: 'S3FilesAccessPointArn',
  CAPACITY_PROVIDER_ARN: 'CapacityProviderArn',
  CAPACITY_PROVIDER_VOLUME_NAME: 'CapacityProviderVolumeName',
  WORKLOAD_IDENTITY_NAME: 'WorkloadIdentityNameType',
  VPC_ID: 'VpcIdentifier',
  PRIVATE_ENDPOINT_SECURITY_GROUP_ID: 'SecurityGroupIdentifier',
  RESOURCE_CONFIGURATION_ID: 'ResourceConfigurationIdentifier',
  ENV_KEY: 'stricter',
  DISCOVERY_URL: 'stricter',
};

/** Where each enum of the contract comes from. */
const ENUM_SOURCES: Record<string, string> = {
  SERVER_PROTOCOLS: 'ServerProtocol',
  MANAGED_RUNTIMES: 'AgentManagedRuntimeType',
  NETWORK_MODES: 'NetworkMode',
  ENDPOINT_IP_ADDRESS_TYPES: 'EndpointIpAddressType',
};

function modelValue(source: Source): number | undefined {
  const [model, shape, bound] = source[0] === 'data' ? [DATA_MODEL, source[1], source[2] as Bound] : [CONTROL_MODEL, source[0], source[1] as Bound];
  const s = model.shapes[shape];
  if (!s) throw new Error(`the vendored model has no shape ${shape}: add it to ROOT_SHAPES in test/fixtures/specs/extract.ts`);
  return (s as any)[bound];
}

describe('LIMITS equal the API model', () => {
  test('every limit is accounted for', () => {
    expect(Object.keys(LIMIT_SOURCES).sort()).toEqual(Object.keys(LIMITS).sort());
  });

  test.each(Object.entries(LIMIT_SOURCES).filter(([, s]) => typeof s !== 'string'))('%s', (key, source) => {
    const sources = (Array.isArray((source as Source[])[0]) ? source : [source]) as Source[];
    for (const s of sources) expect([key, modelValue(s)]).toEqual([key, LIMITS[key as keyof typeof LIMITS]]);
  });

  test('a limit stricter than the model is declared in STRICTER_THAN_MODEL, and really is stricter', () => {
    const stricter = Object.entries(LIMIT_SOURCES).filter(([, s]) => s === 'stricter').map(([k]) => `LIMITS.${k}`);
    expect(stricter.every((k) => k in STRICTER_THAN_MODEL)).toBe(true);
    expect(LIMITS.lifecycleMaxSecondsMicroVm).toBeLessThan(modelValue(['LifecycleConfigurationMaxLifetimeInteger', 'max'])!);
  });
});

describe('grammars equal the API model\'s patterns', () => {
  const grammars = Object.entries(grammar).filter(([, v]) => v instanceof RegExp) as [string, RegExp][];
  /** The model writes some patterns inside one redundant group: `([1-9][0-9]{0,4})`. */
  const normalized = (source: string) => (/^\((?:[^()]|\([^()]*\))*\)$/.test(source) ? source.slice(1, -1) : source);
  const known = new Set(Object.keys(PATTERN_SOURCES));
  const unchecked = ['IMAGE_DIGEST', 'KMS_KEY_ARN', 'RUNTIME_ARN', 'SSM_PREFIX'];

  test('every pattern of the contract\'s grammar is checked here or named as not from the model', () => {
    expect(grammars.map(([k]) => k).filter((k) => !known.has(k) && !unchecked.includes(k))).toEqual([]);
  });

  test.each(Object.entries(PATTERN_SOURCES).filter(([, s]) => s !== 'stricter'))('%s is the pattern of %s', (key, shape) => {
    const pattern = (contract as any)[key] as RegExp;
    expect(normalized(pattern.source)).toEqual(normalized(new RegExp(CONTROL_MODEL.shapes[shape].pattern!).source));
  });

  test('a stricter pattern is declared, and accepts nothing the model refuses', () => {
    for (const [key] of Object.entries(PATTERN_SOURCES).filter(([, s]) => s === 'stricter')) expect(STRICTER_THAN_MODEL).toHaveProperty(key);
    const discovery = new RegExp(CONTROL_MODEL.shapes.DiscoveryUrl.pattern!);
    for (const url of ['https://idp.example.com/.well-known/openid-configuration', 'https://idp.example.com/tenant/.well-known/openid-configuration']) {
      expect(contract.fullMatch(contract.DISCOVERY_URL, url) && contract.fullMatch(discovery, url)).toBe(true);
    }
    expect(contract.fullMatch(contract.DISCOVERY_URL, 'http://idp.example.com/.well-known/openid-configuration')).toBe(false);
    expect(CONTROL_MODEL.shapes.EnvironmentVariableKey.pattern).toBeUndefined();
  });
});

describe('enums equal the API model\'s', () => {
  test.each(Object.entries(ENUM_SOURCES))('%s is the enum %s', (key, shape) => {
    expect([...(contract as any)[key]].sort()).toEqual([...CONTROL_MODEL.shapes[shape].enum!].sort());
  });
});
