/**
 * Grammars of AgentCore names, ids and ARNs (patterns from the control-plane API model, `service-2.json` of
 * `bedrock-agentcore-control` 2023-06-05), and the parsers built on them. Patterns are unanchored, as in the model;
 * `fullMatch` anchors them.
 */

/** Tests a pattern against the whole string, whatever anchors the pattern has. */
export function fullMatch(re: RegExp, value: string): boolean {
  return new RegExp(`^(?:${re.source})$`, re.flags.replace('g', '')).test(value);
}

/** `AgentRuntimeName` (also `EndpointName`, memory and strategy names): a letter, then up to 47 letters, digits or `_`. */
export const RUNTIME_NAME = /[a-zA-Z][a-zA-Z0-9_]{0,47}/;

/** The longest name `RUNTIME_NAME` allows (also memories, policy engines, policies, evaluators). */
export const NAME_MAX_LENGTH = 48;

/** `EndpointName`: the name of a runtime endpoint. */
export const ENDPOINT_NAME = RUNTIME_NAME;

/** The endpoint AgentCore manages for every runtime; it always serves the latest READY version. */
export const DEFAULT_ENDPOINT = 'DEFAULT';

/** `AgentRuntimeId`: `<name>-<10 alphanumerics>` (the model allows a 100-character name part). */
export const RUNTIME_ID = /[a-zA-Z][a-zA-Z0-9_]{0,99}-[a-zA-Z0-9]{10}/;

/** `AgentRuntimeVersion`: `1` to `99999`. */
export const RUNTIME_VERSION = /[1-9][0-9]{0,4}/;

/** `RoleArn` of CreateAgentRuntime. */
export const ROLE_ARN = /arn:aws(-[^:]+)?:iam::([0-9]{12})?:role\/.+/;

/** `HeaderName` of `requestHeaderAllowlist`. */
export const HEADER_NAME = /[A-Za-z][A-Za-z0-9_-]{0,255}/;

/**
 * Environment variable names. Stricter than the model (which only limits keys to 1-100 characters) on purpose, see
 * `STRICTER_THAN_MODEL`.
 */
export const ENV_KEY = /[A-Za-z_][A-Za-z0-9_]{0,99}/;

/** `TagKey` and `TagValue` characters (lengths in `LIMITS`). */
export const TAG_TEXT = /[a-zA-Z0-9\s._:/=+@-]*/;

/** An ECR image digest, `sha256:<64 hex>`. */
export const IMAGE_DIGEST = /sha256:[a-f0-9]{64}/;

/** `SecurityGroupId` of `VpcConfig`. */
export const SECURITY_GROUP_ID = /sg-[0-9a-zA-Z]{8,17}/;

/** `SubnetId` of `VpcConfig` (also `subnetIds` of a managed-VPC private endpoint). */
export const SUBNET_ID = /subnet-[0-9a-zA-Z]{8,17}/;

/**
 * `RuntimeContainerUri`: a private ECR image (`<account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>`) or a public
 * ECR one (`public.ecr.aws/<repository>`), with an optional `:<tag>` and `@<digest>`.
 */
export const CONTAINER_URI = /(([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?|public\.ecr\.aws)\/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::([^:@]{1,300}))?(?:@(.+))?/;

/** `S3LocationBucketString`: the bucket of a code artifact. */
export const S3_BUCKET = /[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/;

/**
 * `DiscoveryUrl` of a custom JWT authorizer. Stricter than the model's `.+/\.well-known/openid-configuration` on
 * purpose (https only, see `STRICTER_THAN_MODEL`).
 */
export const DISCOVERY_URL = /https:\/\/[^\s/]+(\/[^\s]*)?\/\.well-known\/openid-configuration/;

/**
 * A KMS key ARN, never an alias: `KmsKeyArn` of a policy engine and of a gateway. The pattern of the CloudFormation
 * schema of `AWS::BedrockAgentCore::PolicyEngine`; the `::Gateway` schema allows any partition (`arn:[a-z0-9-]{1,20}:`).
 */
export const KMS_KEY_ARN = /arn:aws(|-cn|-us-gov):kms:[a-zA-Z0-9-]*:[0-9]{12}:key\/[a-zA-Z0-9-]{36}/;

/** `AllowedScopeType`: JWT allowed scopes and both sides of an advertised scope mapping. */
export const SCOPE = /[\x21\x23-\x5B\x5D-\x7E]+/;

/** `InboundTokenClaimNameType` (as in the model: `.-:` is a character range). */
export const CLAIM_NAME = /[A-Za-z0-9_.-:]+/;

/** `MatchValueString`: a value a custom claim is matched against. */
export const CLAIM_MATCH_VALUE = /[A-Za-z0-9_.-]+/;

/** `MountPath` of a filesystem configuration. */
export const MOUNT_PATH = /\/mnt\/[a-zA-Z0-9._-]+\/?/;

/** `EfsAccessPointArn`. */
export const EFS_ACCESS_POINT_ARN = /arn:aws[-a-z]*:elasticfilesystem:[0-9a-z-:]+:access-point\/fsap-[0-9a-f]{8,40}/;

/** `S3FilesAccessPointArn`. */
export const S3_FILES_ACCESS_POINT_ARN = /arn:aws[-a-z]*:s3files:[0-9a-z-:]+:file-system\/fs-[0-9a-f]{17,40}\/access-point\/fsap-[0-9a-f]{17,40}/;

/** `CapacityProviderArn`. */
export const CAPACITY_PROVIDER_ARN = /arn:aws(-[^:]+)?:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:capacity-provider\/[a-zA-Z][a-zA-Z0-9_]{0,47}-[a-zA-Z0-9]{10}/;

/** `CapacityProviderVolumeName`. */
export const CAPACITY_PROVIDER_VOLUME_NAME = /[a-zA-Z][a-zA-Z0-9_-]{0,47}/;

/** `WorkloadIdentityNameType`: an allowed workload identity of a JWT authorizer. */
export const WORKLOAD_IDENTITY_NAME = /[A-Za-z0-9_.-]+/;

/** `VpcIdentifier` of a managed-VPC private endpoint. */
export const VPC_ID = /vpc-(([0-9a-z]{8})|([0-9a-z]{17}))/;

/** `SecurityGroupIdentifier` of a managed-VPC private endpoint. */
export const PRIVATE_ENDPOINT_SECURITY_GROUP_ID = /sg-(([0-9a-z]{8})|([0-9a-z]{17}))/;

/** `ResourceConfigurationIdentifier`: a VPC Lattice resource configuration id or ARN (self-managed private endpoint). */
export const RESOURCE_CONFIGURATION_ID = /((rcfg-[0-9a-z]{17})|(arn:[a-z0-9\-]+:vpc-lattice:[a-zA-Z0-9\-]+:\d{12}:resourceconfiguration\/rcfg-[0-9a-z]{17}))/;

/** What a runtime or runtime-endpoint ARN addresses. */
export interface RuntimeArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** `<name>-<10 alphanumerics>`. */
  readonly runtimeId: string;
  /** The name part of the id. */
  readonly runtimeName: string;
  /** Set for a runtime-endpoint ARN (`…/runtime-endpoint/<name>`). */
  readonly endpointName?: string;
}

/**
 * `arn:<partition>:bedrock-agentcore:<region>:<account>:runtime/<id>[/runtime-endpoint/<name>]` (the model's
 * `AgentRuntimeArn` and `AgentRuntimeEndpointArn`, which also bound the name part of the id to 48 characters).
 */
const RUNTIME_ARN = /^arn:(aws(?:-[a-z]+)*):bedrock-agentcore:([a-z0-9-]+):([0-9]{12}):runtime\/(([a-zA-Z][a-zA-Z0-9_]{0,47})-[a-zA-Z0-9]{10})(?:\/runtime-endpoint\/([a-zA-Z][a-zA-Z0-9_]{0,47}))?$/;

/** The parts of a runtime or runtime-endpoint ARN; undefined for anything else. */
export function parseRuntimeArn(arn: string | undefined): RuntimeArnParts | undefined {
  const m = arn === undefined ? null : RUNTIME_ARN.exec(arn);
  if (!m) return undefined;
  const parts = { partition: m[1], region: m[2], account: m[3], runtimeId: m[4], runtimeName: m[5] };
  return m[6] === undefined ? parts : { ...parts, endpointName: m[6] };
}

/** Whether a string is an AgentCore runtime id (not a framework marker, a RequestId or an id CloudFormation invented). */
export function isRuntimeId(id: string | undefined): id is string {
  return id !== undefined && fullMatch(RUNTIME_ID, id);
}

/** The runtime name embedded in a runtime id (`agent_a-AbCdEf1234` → `agent_a`). */
export function runtimeNameOf(id: string): string | undefined {
  return isRuntimeId(id) ? id.slice(0, -11) : undefined;
}

/** The CloudWatch log group of one endpoint of a runtime (AgentCore creates it on the first invocation). */
export function runtimeLogGroupName(runtimeId: string, endpointName: string = DEFAULT_ENDPOINT): string {
  return `${RUNTIME_LOG_GROUP_PREFIX}${runtimeId}-${endpointName}`;
}

/** The prefix of every runtime log group: `/aws/bedrock-agentcore/runtimes/<runtime id>-<endpoint>`. */
export const RUNTIME_LOG_GROUP_PREFIX = '/aws/bedrock-agentcore/runtimes/';

/**
 * The OpenTelemetry service name of one endpoint of a runtime in its traces, `<runtime name>.<endpoint>`: what an
 * online evaluation config filters a runtime's traces by.
 */
export function runtimeServiceName(runtimeName: string, endpointName: string = DEFAULT_ENDPOINT): string {
  return `${runtimeName}.${endpointName}`;
}

/** The log group the agents' OpenTelemetry spans land in (CloudWatch Transaction Search). */
export const SPANS_LOG_GROUP = 'aws/spans';

/** Online evaluation results go to `<prefix><online evaluation config id>`; the id is `<config name>-<10 characters>`. */
export const EVALUATION_RESULTS_LOG_GROUP_PREFIX = '/aws/bedrock-agentcore/evaluations/results/';

/**
 * An SSM parameter path prefix as this library writes and reads them: leading and trailing `/`, letters, digits and
 * `_.-`, at most 15 levels including the parameter name (the SSM hierarchy limit), not under `/aws` or `/ssm`.
 */
export const SSM_PREFIX = /\/([a-zA-Z0-9_.-]+\/){1,14}/;

/** Whether an SSM prefix starts with a reserved root (`/aws`, `/ssm`, any case). */
export function isReservedSsmPrefix(prefix: string): boolean {
  return /^\/(aws|ssm)/i.test(prefix);
}

/**
 * Prefixes of environment variable names the library rejects. The AgentCore documentation names no reserved variables
 * (the service contract, the CreateAgentRuntime reference and the developer guide are silent); `AWS_` is rejected
 * because the runtime environment, like every AWS compute service, owns the SDK's variables (`AWS_REGION`,
 * `AWS_DEFAULT_REGION`, the container-credential variables): a value set here would override them and break the
 * agent's credentials or Region (inferred, not verified on AWS).
 */
export const RESERVED_ENV_PREFIXES: readonly string[] = ['AWS_'];

/** Whether an environment variable name is reserved (see `RESERVED_ENV_PREFIXES`). */
export function isReservedEnvName(name: string): boolean {
  return RESERVED_ENV_PREFIXES.some((p) => name.startsWith(p));
}
