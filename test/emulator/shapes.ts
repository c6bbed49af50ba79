/**
 * Request shapes of the emulated operations, copied from the bedrock-agentcore-control model (API 2023-06-05,
 * botocore 1.43.107 / @aws-sdk/client-bedrock-agentcore-control 3.1142.0). Patterns are full-string matches.
 */
import { ListShape, MapShape, Shape, StringShape, StructureShape } from './validation';

/** Model pattern of AgentRuntimeName / EndpointName. */
export const NAME_PATTERN = '[a-zA-Z][a-zA-Z0-9_]{0,47}';
/** Model pattern of AgentRuntimeId (path label). */
const RUNTIME_ID_PATTERN = '[a-zA-Z][a-zA-Z0-9_]{0,99}-[a-zA-Z0-9]{10}';
/** Model pattern of AgentRuntimeVersion. */
const VERSION_PATTERN = '([1-9][0-9]{0,4})';

/** Documented (not modelled) lifecycle bounds, in seconds. */
const LIFECYCLE_MIN = 60;
/** Documented (not modelled) lifecycle upper bound, in seconds (the model allows 1209600). */
const LIFECYCLE_MAX = 28800;
/** Service default for `idleRuntimeSessionTimeout` when absent. */
export const DEFAULT_IDLE_TIMEOUT = 900;
/** Service default for `maxLifetime` when absent. */
export const DEFAULT_MAX_LIFETIME = 28800;

const str = (s: Omit<StringShape, 'kind'> = {}): StringShape => ({ kind: 'string', ...s });
const list = (member: Shape, min?: number, max?: number): ListShape => ({ kind: 'list', member, min, max });
const struct = (members: Record<string, Shape>, required: string[] = []): StructureShape => ({ kind: 'structure', members, required });

const mountPath = str({ min: 6, max: 200, pattern: '/mnt/[a-zA-Z0-9._-]+/?' });
const scope = str({ min: 1, max: 255, pattern: '[\\x21\\x23-\\x5B\\x5D-\\x7E]+' });

/** TagsMap. */
export const TAGS: MapShape = {
  kind: 'map',
  max: 50,
  key: str({ min: 1, max: 128, pattern: '[a-zA-Z0-9\\s._:/=+@-]*' }),
  value: str({ min: 0, max: 256, pattern: '[a-zA-Z0-9\\s._:/=+@-]*' }),
};

/** ClientToken (runtime, endpoint, gateway, target). */
export const CLIENT_TOKEN = str({ min: 33, max: 256, pattern: '[a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}' });
/** AgentRuntimeVersion. */
const VERSION = str({ min: 1, max: 5, pattern: VERSION_PATTERN });

const ARTIFACT: Shape = {
  kind: 'union',
  members: {
    containerConfiguration: struct({
      containerUri: str({
        min: 1,
        max: 1024,
        pattern: '(([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?|public\\.ecr\\.aws)/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::([^:@]{1,300}))?(?:@(.+))?',
      }),
    }, ['containerUri']),
    codeConfiguration: struct({
      code: {
        kind: 'union',
        members: {
          s3: struct({
            bucket: str({ pattern: '[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]' }),
            prefix: str({ min: 1, max: 1024 }),
            versionId: str({ min: 3, max: 1024 }),
          }, ['bucket', 'prefix']),
        },
      },
      runtime: str({ enum: ['PYTHON_3_10', 'PYTHON_3_11', 'PYTHON_3_12', 'PYTHON_3_13', 'PYTHON_3_14', 'NODE_22'] }),
      entryPoint: list(str({ min: 1, max: 128 }), 1, 2),
    }, ['code', 'runtime', 'entryPoint']),
  },
};

const NETWORK = struct({
  networkMode: str({ enum: ['PUBLIC', 'VPC'] }),
  networkModeConfig: struct({
    securityGroups: list(str({ pattern: 'sg-[0-9a-zA-Z]{8,17}' }), 1, 16),
    subnets: list(str({ pattern: 'subnet-[0-9a-zA-Z]{8,17}' }), 1, 16),
    requireServiceS3Endpoint: { kind: 'boolean' },
  }, ['securityGroups', 'subnets']),
}, ['networkMode']);

/** AuthorizerConfiguration union (runtimes and gateways). */
export const AUTHORIZER: Shape = {
  kind: 'union',
  members: {
    customJWTAuthorizer: struct({
      discoveryUrl: str({ pattern: '.+/\\.well-known/openid-configuration' }),
      allowedAudience: list(str(), 1),
      allowedClients: list(str(), 1),
      allowedScopes: list(scope, 1),
      advertisedScopeMapping: { kind: 'map', key: scope, value: scope, min: 1, max: 50 },
      customClaims: list({ kind: 'document' }, 1),
      privateEndpoint: { kind: 'document' },
      privateEndpointOverrides: list({ kind: 'document' }, 0, 5),
      allowedWorkloadConfiguration: { kind: 'document' },
    }, ['discoveryUrl']),
  },
};

const FILESYSTEM: Shape = {
  kind: 'union',
  members: {
    sessionStorage: struct({ mountPath }, ['mountPath']),
    s3FilesAccessPoint: struct({
      accessPointArn: str({ min: 0, max: 256, pattern: 'arn:aws[-a-z]*:s3files:[0-9a-z-:]+:file-system/fs-[0-9a-f]{17,40}/access-point/fsap-[0-9a-f]{17,40}' }),
      mountPath,
    }, ['accessPointArn', 'mountPath']),
    efsAccessPoint: struct({
      accessPointArn: str({ min: 0, max: 128, pattern: 'arn:aws[-a-z]*:elasticfilesystem:[0-9a-z-:]+:access-point/fsap-[0-9a-f]{8,40}' }),
      mountPath,
    }, ['accessPointArn', 'mountPath']),
    capacityProviderVolume: struct({
      volumeName: str({ min: 1, max: 48, pattern: '[a-zA-Z][a-zA-Z0-9_-]{0,47}' }),
      mountPath,
    }, ['volumeName', 'mountPath']),
  },
};

/** RoleArn (runtimes and gateways). */
export const ROLE_ARN = str({ min: 1, max: 2048, pattern: 'arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+' });

/** Members shared by CreateAgentRuntime and UpdateAgentRuntime bodies. */
const RUNTIME_CONFIG_MEMBERS: Record<string, Shape> = {
  agentRuntimeArtifact: ARTIFACT,
  roleArn: ROLE_ARN,
  networkConfiguration: NETWORK,
  clientToken: CLIENT_TOKEN,
  description: str({ min: 1, max: 4096, sensitive: true }),
  authorizerConfiguration: AUTHORIZER,
  requestHeaderConfiguration: {
    kind: 'union',
    members: { requestHeaderAllowlist: list(str({ min: 1, max: 256, pattern: '[A-Za-z][A-Za-z0-9_-]{0,255}' }), 1, 20) },
  },
  protocolConfiguration: struct({ serverProtocol: str({ enum: ['MCP', 'HTTP', 'A2A', 'AGUI'] }) }, ['serverProtocol']),
  lifecycleConfiguration: struct({
    idleRuntimeSessionTimeout: { kind: 'integer', min: LIFECYCLE_MIN, max: LIFECYCLE_MAX },
    maxLifetime: { kind: 'integer', min: LIFECYCLE_MIN, max: LIFECYCLE_MAX },
  }),
  environmentVariables: { kind: 'map', max: 50, key: str({ min: 1, max: 100 }), value: str({ min: 0, max: 5000 }), sensitive: true },
  filesystemConfigurations: list(FILESYSTEM, 0, 5),
  capacityProviderConfiguration: struct({
    capacityProviderArn: str({ pattern: 'arn:aws(-[^:]+)?:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:capacity-provider/[a-zA-Z][a-zA-Z0-9_]{0,47}-[a-zA-Z0-9]{10}' }),
  }, ['capacityProviderArn']),
  metadataConfiguration: struct({ requireMMDSV2: { kind: 'boolean' } }, ['requireMMDSV2']),
  platformVersion: str({ min: 1, max: 128, pattern: '[^\\s]+' }),
};

/** CreateAgentRuntime body. */
export const CREATE_RUNTIME = struct({
  agentRuntimeName: str({ pattern: NAME_PATTERN }),
  ...RUNTIME_CONFIG_MEMBERS,
  tags: TAGS,
}, ['agentRuntimeName', 'agentRuntimeArtifact', 'roleArn']);

/** UpdateAgentRuntime body. */
export const UPDATE_RUNTIME = struct(RUNTIME_CONFIG_MEMBERS, ['agentRuntimeArtifact', 'roleArn']);

/** CreateAgentRuntimeEndpoint body. */
export const CREATE_ENDPOINT = struct({
  name: str({ pattern: NAME_PATTERN, sensitive: true }),
  agentRuntimeVersion: VERSION,
  description: str({ min: 1, max: 256 }),
  clientToken: CLIENT_TOKEN,
  tags: TAGS,
}, ['name']);

/** UpdateAgentRuntimeEndpoint body. */
export const UPDATE_ENDPOINT = struct({
  agentRuntimeVersion: VERSION,
  description: str({ min: 1, max: 256 }),
  clientToken: CLIENT_TOKEN,
});

/** Query of the List* operations. maxResults arrives as a string and is checked separately. */
export const LIST_QUERY = struct({ nextToken: str({ min: 1, max: 2048, pattern: '\\S*' }) });

/** Path labels and query members of the runtime operations. */
export const RUNTIME_PATH = struct({
  agentRuntimeId: str({ pattern: RUNTIME_ID_PATTERN }),
  endpointName: str({ pattern: NAME_PATTERN, sensitive: true }),
  version: VERSION,
  clientToken: CLIENT_TOKEN,
});

/** TagResource body. */
export const TAG_RESOURCE = struct({ tags: TAGS }, ['tags']);

/** PutResourcePolicy body. */
export const PUT_POLICY = struct({ policy: str({ min: 1, max: 20480 }) }, ['policy']);
