/**
 * Parse, validate and normalize the `Custom::BedrockAgentCoreRuntime` ResourceProperties into the
 * AgentCore control-plane request shape, and the `Custom::BedrockAgentCoreResourcePolicy` ones (`ResourceArn`,
 * `Policy`, validated by the same policy rules as a runtime's `ResourcePolicy`). Pure: no I/O.
 *
 * CloudFormation delivers every scalar as a string ("900", "true"), so numbers are parsed here.
 * Unknown keys are ignored so that events written by other construct versions still parse.
 * Error messages name the property and the rule but never echo property values.
 */
import type { HealthCheckSpec } from './health-check';
import { parseRuntimeArn } from '../../lib/private/contract';

/** Pattern of `agentRuntimeName` (full match). */
export const RUNTIME_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/;
const ROLE_ARN_PATTERN = /^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role\/.+$/;
const NETWORK_MODES = ['PUBLIC', 'VPC'];
/** Tag keys with this prefix are reserved for ownership tags. */
export const RESERVED_TAG_PREFIX = 'cdk-agentcore:';

/** Artifact of a runtime: a container image or a code bundle in S3. */
export type RuntimeArtifact =
  | { containerConfiguration: { containerUri: string } }
  | { codeConfiguration: { code: { s3: { bucket: string; prefix: string; versionId?: string } }; runtime: string; entryPoint: string[] } };

/** The configuration members shared by CreateAgentRuntime and UpdateAgentRuntime (full-configuration PUT). */
export interface RuntimeConfig {
  readonly agentRuntimeArtifact: RuntimeArtifact;
  readonly roleArn: string;
  readonly networkConfiguration: { networkMode: string; networkModeConfig?: { subnets: string[]; securityGroups: string[] } };
  readonly protocolConfiguration?: { serverProtocol: string };
  readonly environmentVariables?: Record<string, string>;
  readonly authorizerConfiguration?: { customJWTAuthorizer: { discoveryUrl: string; allowedAudience?: string[]; allowedClients?: string[] } };
  readonly lifecycleConfiguration?: { idleRuntimeSessionTimeout?: number; maxLifetime?: number };
  readonly requestHeaderConfiguration?: { requestHeaderAllowlist: string[] };
  readonly description?: string;
}

/** Desired state of one runtime, derived from ResourceProperties. */
export interface RuntimeSpec {
  readonly name: string;
  readonly config: RuntimeConfig;
  /** User tags (ownership tags are added by the lifecycle). */
  readonly tags: Record<string, string>;
  /** The check every new version must pass before success. */
  readonly healthCheck?: HealthCheckSpec;
  /** The resource-based policy, statements without resources (applied to the runtime and its endpoints). */
  readonly resourcePolicy?: PolicyDocument;
}

/** A resource-based policy document as the `ResourcePolicy` property carries it (statements without `Resource`). */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: Record<string, unknown>[];
}

/** Largest policy AgentCore accepts (PutResourcePolicy `policy`, characters). */
export const MAX_POLICY_CHARS = 20_480;
/** Longest health check (the isComplete Lambda timeout leaves room for 30 s of polling plus this). */
export const MAX_HEALTH_CHECK_SECONDS = 90;

/** ResourceProperties failed validation; `problems` lists every violated rule. */
export class InvalidPropertiesError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid ResourceProperties: ${problems.join('; ')}`);
    this.name = 'InvalidPropertiesError';
  }
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Reader {
  readonly problems: string[] = [];

  str(o: Obj | undefined, key: string, path: string, required: boolean): string | undefined {
    const v = o?.[key];
    if (v === undefined || v === null || v === '') {
      if (required) this.problems.push(`${path} is required`);
      return undefined;
    }
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      this.problems.push(`${path} must be a string`);
      return undefined;
    }
    return String(v);
  }

  int(o: Obj | undefined, key: string, path: string, min: number, max: number): number | undefined {
    const raw = this.str(o, key, path, false);
    if (raw === undefined) return undefined;
    if (!/^-?[0-9]+$/.test(raw.trim())) {
      this.problems.push(`${path} must be an integer number of seconds`);
      return undefined;
    }
    const n = Number(raw.trim());
    if (n < min || n > max) {
      this.problems.push(`${path} must be between ${min} and ${max}`);
      return undefined;
    }
    return n;
  }

  obj(o: Obj | undefined, key: string, path: string, required: boolean): Obj | undefined {
    const v = o?.[key];
    if (v === undefined || v === null || v === '') {
      if (required) this.problems.push(`${path} is required`);
      return undefined;
    }
    if (!isObj(v)) {
      this.problems.push(`${path} must be an object`);
      return undefined;
    }
    return v;
  }

  strList(o: Obj | undefined, key: string, path: string, required: boolean, min = 0, max = Infinity): string[] | undefined {
    const v = o?.[key];
    if (v === undefined || v === null) {
      if (required) this.problems.push(`${path} is required`);
      return undefined;
    }
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === '')) {
      this.problems.push(`${path} must be a list of non-empty strings`);
      return undefined;
    }
    if (v.length < min || v.length > max) {
      this.problems.push(`${path} must have ${min}..${max === Infinity ? 'n' : max} items`);
      return undefined;
    }
    return [...v] as string[];
  }

  strMap(o: Obj | undefined, key: string, path: string): Record<string, string> | undefined {
    const v = this.obj(o, key, path, false);
    if (!v) return undefined;
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) {
      if (typeof val !== 'string' && typeof val !== 'number' && typeof val !== 'boolean') {
        this.problems.push(`${path} values must be strings`);
        return undefined;
      }
      out[k] = String(val);
    }
    return out;
  }
}

function parseArtifact(r: Reader, props: Obj): RuntimeArtifact | undefined {
  const a = r.obj(props, 'AgentRuntimeArtifact', 'AgentRuntimeArtifact', true);
  if (!a) return undefined;
  const container = r.obj(a, 'ContainerConfiguration', 'AgentRuntimeArtifact.ContainerConfiguration', false);
  const code = r.obj(a, 'CodeConfiguration', 'AgentRuntimeArtifact.CodeConfiguration', false);
  if ((container ? 1 : 0) + (code ? 1 : 0) !== 1) {
    r.problems.push('AgentRuntimeArtifact must have exactly one of ContainerConfiguration or CodeConfiguration');
    return undefined;
  }
  if (container) {
    const containerUri = r.str(container, 'ContainerUri', 'AgentRuntimeArtifact.ContainerConfiguration.ContainerUri', true);
    return containerUri === undefined ? undefined : { containerConfiguration: { containerUri } };
  }
  const p = 'AgentRuntimeArtifact.CodeConfiguration';
  const codeObj = r.obj(code, 'Code', `${p}.Code`, true);
  const s3 = r.obj(codeObj, 'S3', `${p}.Code.S3`, !!codeObj);
  const bucket = r.str(s3, 'Bucket', `${p}.Code.S3.Bucket`, !!s3);
  const prefix = r.str(s3, 'Prefix', `${p}.Code.S3.Prefix`, !!s3);
  const versionId = r.str(s3, 'VersionId', `${p}.Code.S3.VersionId`, false);
  const runtime = r.str(code, 'Runtime', `${p}.Runtime`, true);
  const entryPoint = r.strList(code, 'EntryPoint', `${p}.EntryPoint`, true, 1, 2);
  if (bucket === undefined || prefix === undefined || runtime === undefined || entryPoint === undefined) return undefined;
  return {
    codeConfiguration: {
      code: { s3: versionId === undefined ? { bucket, prefix } : { bucket, prefix, versionId } },
      runtime,
      entryPoint,
    },
  };
}

function parseNetwork(r: Reader, props: Obj): RuntimeConfig['networkConfiguration'] | undefined {
  const n = r.obj(props, 'NetworkConfiguration', 'NetworkConfiguration', true);
  if (!n) return undefined;
  const networkMode = r.str(n, 'NetworkMode', 'NetworkConfiguration.NetworkMode', true);
  if (networkMode === undefined) return undefined;
  if (!NETWORK_MODES.includes(networkMode)) {
    r.problems.push(`NetworkConfiguration.NetworkMode must be one of ${NETWORK_MODES.join(', ')}`);
    return undefined;
  }
  const vpc = r.obj(n, 'NetworkModeConfig', 'NetworkConfiguration.NetworkModeConfig', networkMode === 'VPC');
  if (networkMode === 'PUBLIC') {
    if (vpc) r.problems.push('NetworkConfiguration.NetworkModeConfig is only allowed with NetworkMode VPC');
    return { networkMode };
  }
  const subnets = r.strList(vpc, 'Subnets', 'NetworkConfiguration.NetworkModeConfig.Subnets', !!vpc, 1, 16);
  const securityGroups = r.strList(vpc, 'SecurityGroups', 'NetworkConfiguration.NetworkModeConfig.SecurityGroups', !!vpc, 1, 16);
  if (!subnets || !securityGroups) return undefined;
  return { networkMode, networkModeConfig: { subnets, securityGroups } };
}

function parseAuthorizer(r: Reader, props: Obj): RuntimeConfig['authorizerConfiguration'] {
  const a = r.obj(props, 'AuthorizerConfiguration', 'AuthorizerConfiguration', false);
  if (!a) return undefined;
  const p = 'AuthorizerConfiguration.CustomJWTAuthorizer';
  const jwt = r.obj(a, 'CustomJWTAuthorizer', p, true);
  const discoveryUrl = r.str(jwt, 'DiscoveryUrl', `${p}.DiscoveryUrl`, !!jwt);
  const allowedAudience = r.strList(jwt, 'AllowedAudience', `${p}.AllowedAudience`, false, 1);
  const allowedClients = r.strList(jwt, 'AllowedClients', `${p}.AllowedClients`, false, 1);
  if (discoveryUrl === undefined) return undefined;
  return { customJWTAuthorizer: dropUndefined({ discoveryUrl, allowedAudience, allowedClients }) };
}

function parseLifecycle(r: Reader, props: Obj): RuntimeConfig['lifecycleConfiguration'] {
  const l = r.obj(props, 'LifecycleConfiguration', 'LifecycleConfiguration', false);
  if (!l) return undefined;
  const idleRuntimeSessionTimeout = r.int(l, 'IdleRuntimeSessionTimeout', 'LifecycleConfiguration.IdleRuntimeSessionTimeout', 60, 28800);
  const maxLifetime = r.int(l, 'MaxLifetime', 'LifecycleConfiguration.MaxLifetime', 60, 28800);
  if (idleRuntimeSessionTimeout !== undefined && maxLifetime !== undefined && idleRuntimeSessionTimeout > maxLifetime) {
    r.problems.push('LifecycleConfiguration.IdleRuntimeSessionTimeout must not exceed LifecycleConfiguration.MaxLifetime');
  }
  if (idleRuntimeSessionTimeout === undefined && maxLifetime === undefined) return undefined;
  return dropUndefined({ idleRuntimeSessionTimeout, maxLifetime });
}

function parseTags(r: Reader, props: Obj): Record<string, string> {
  const tags = r.strMap(props, 'Tags', 'Tags') ?? {};
  if (Object.keys(tags).some((k) => k.startsWith(RESERVED_TAG_PREFIX))) {
    r.problems.push(`Tags keys starting with '${RESERVED_TAG_PREFIX}' are reserved`);
  }
  if (Object.keys(tags).length > 48) r.problems.push('Tags must have at most 48 entries');
  return tags;
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function parseHealthCheck(r: Reader, props: Obj): HealthCheckSpec | undefined {
  const h = r.obj(props, 'HealthCheck', 'HealthCheck', false);
  if (!h) return undefined;
  const payload = r.str(h, 'Payload', 'HealthCheck.Payload', true);
  const statusRaw = r.str(h, 'ExpectedStatus', 'HealthCheck.ExpectedStatus', false);
  let expectedStatus = 200;
  if (statusRaw !== undefined) {
    expectedStatus = Number(statusRaw.trim());
    if (!/^[0-9]+$/.test(statusRaw.trim()) || expectedStatus < 100 || expectedStatus > 599) {
      r.problems.push('HealthCheck.ExpectedStatus must be an HTTP status code between 100 and 599');
    }
  }
  const expectedText = r.str(h, 'ExpectedText', 'HealthCheck.ExpectedText', false);
  const timeoutSeconds = r.int(h, 'TimeoutSeconds', 'HealthCheck.TimeoutSeconds', 1, MAX_HEALTH_CHECK_SECONDS) ?? 60;
  if (payload === undefined) return undefined;
  return dropUndefined({ payload, expectedStatus, expectedText, timeoutMs: timeoutSeconds * 1000 });
}

/** The rule a policy property breaks, named after the property (`ResourcePolicy`, `Policy`). */
function policyRule(path: string): string {
  return `${path} must be a JSON policy document with a non-empty Statement list whose statements have Effect Allow or Deny, an Action or NotAction, and a Principal or NotPrincipal`;
}

/**
 * Parse a policy property (a JSON string, or an object): valid JSON of at most MAX_POLICY_CHARS characters, a
 * non-empty Statement list, each statement with Effect Allow/Deny, Action/NotAction and Principal/NotPrincipal.
 * Problems name `path`, never the value. Undefined when absent (or invalid, with the problem recorded).
 */
function parsePolicyDocument(r: Reader, raw: unknown, path: string): PolicyDocument | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let doc: unknown = raw;
  if (typeof raw === 'string') {
    if (raw.length > MAX_POLICY_CHARS) {
      r.problems.push(`${path} must be at most ${MAX_POLICY_CHARS} characters`);
      return undefined;
    }
    try {
      doc = JSON.parse(raw);
    } catch {
      r.problems.push(`${path} must be valid JSON`);
      return undefined;
    }
  }
  if (!isObj(doc)) {
    r.problems.push(policyRule(path));
    return undefined;
  }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : isObj(doc.Statement) ? [doc.Statement] : [];
  const valid = statements.length > 0 && statements.every((st) => isObj(st)
    && (st.Effect === 'Allow' || st.Effect === 'Deny')
    && (st.Action !== undefined || st.NotAction !== undefined)
    && (st.Principal !== undefined || st.NotPrincipal !== undefined));
  if (!valid || (doc.Version !== undefined && typeof doc.Version !== 'string')) {
    r.problems.push(policyRule(path));
    return undefined;
  }
  return dropUndefined({
    Version: doc.Version as string | undefined,
    Id: typeof doc.Id === 'string' ? doc.Id : undefined,
    Statement: statements as Record<string, unknown>[],
  });
}

/**
 * The policy to attach to one resource: every statement's `Resource` set to that resource's ARN (`NotResource`
 * dropped), Version 2012-10-17 unless given.
 */
export function policyFor(doc: PolicyDocument, resourceArn: string): string {
  return JSON.stringify({
    Version: doc.Version ?? '2012-10-17',
    ...(doc.Id !== undefined ? { Id: doc.Id } : {}),
    Statement: doc.Statement.map((st) => {
      const { Resource: _r, NotResource: _n, ...rest } = st;
      return { ...rest, Resource: resourceArn };
    }),
  });
}

/**
 * Read only the resource policy (`ResourcePolicy` of a runtime, `Policy` of a `Custom::BedrockAgentCoreResourcePolicy`)
 * from (possibly old or invalid) ResourceProperties.
 * @returns the document, undefined when absent, 'invalid' when present but not a valid policy
 */
export function readResourcePolicy(raw: unknown, key: 'ResourcePolicy' | 'Policy' = 'ResourcePolicy'): PolicyDocument | undefined | 'invalid' {
  const r = new Reader();
  const doc = parsePolicyDocument(r, isObj(raw) ? raw[key] : undefined, key);
  return r.problems.length > 0 ? 'invalid' : doc;
}

/** Whether two policies are the same document (key order ignored). */
export function samePolicy(a: PolicyDocument | undefined, b: PolicyDocument | undefined): boolean {
  return JSON.stringify(canonical(a ?? null)) === JSON.stringify(canonical(b ?? null));
}

/**
 * Parse and validate ResourceProperties.
 * @throws InvalidPropertiesError listing every violated rule (property path + rule, no values)
 */
export function parseProperties(raw: unknown): RuntimeSpec {
  const r = new Reader();
  const props: Obj = isObj(raw) ? raw : {};
  const name = r.str(props, 'AgentRuntimeName', 'AgentRuntimeName', true);
  if (name !== undefined && !RUNTIME_NAME_PATTERN.test(name)) {
    r.problems.push(`AgentRuntimeName must match the pattern ${RUNTIME_NAME_PATTERN.source} (letters, digits and underscores, starting with a letter, at most 48 characters; got ${name.length} characters)`);
  }
  const roleArn = r.str(props, 'RoleArn', 'RoleArn', true);
  if (roleArn !== undefined && !ROLE_ARN_PATTERN.test(roleArn)) {
    r.problems.push(`RoleArn must match the pattern ${ROLE_ARN_PATTERN.source}`);
  }
  const agentRuntimeArtifact = parseArtifact(r, props);
  const networkConfiguration = parseNetwork(r, props);
  const protocol = r.str(props, 'ProtocolConfiguration', 'ProtocolConfiguration', false);
  const environmentVariables = r.strMap(props, 'EnvironmentVariables', 'EnvironmentVariables');
  if (environmentVariables && Object.keys(environmentVariables).length > 50) {
    r.problems.push('EnvironmentVariables must have at most 50 entries');
  }
  const authorizerConfiguration = parseAuthorizer(r, props);
  const lifecycleConfiguration = parseLifecycle(r, props);
  const rh = r.obj(props, 'RequestHeaderConfiguration', 'RequestHeaderConfiguration', false);
  const allowlist = r.strList(rh, 'RequestHeaderAllowlist', 'RequestHeaderConfiguration.RequestHeaderAllowlist', !!rh, 1, 20);
  const description = r.str(props, 'Description', 'Description', false);
  if (description !== undefined && description.length > 4096) r.problems.push('Description must be at most 4096 characters');
  const tags = parseTags(r, props);
  const healthCheck = parseHealthCheck(r, props);
  const resourcePolicy = parsePolicyDocument(r, props.ResourcePolicy, 'ResourcePolicy');

  if (r.problems.length > 0) throw new InvalidPropertiesError(r.problems);
  const config: RuntimeConfig = dropUndefined({
    agentRuntimeArtifact: agentRuntimeArtifact!,
    roleArn: roleArn!,
    networkConfiguration: networkConfiguration!,
    protocolConfiguration: protocol === undefined ? undefined : { serverProtocol: protocol },
    environmentVariables,
    authorizerConfiguration,
    lifecycleConfiguration,
    requestHeaderConfiguration: allowlist === undefined ? undefined : { requestHeaderAllowlist: allowlist },
    description,
  });
  return dropUndefined({ name: name!, config, tags, healthCheck, resourcePolicy });
}

/** Desired state of one `Custom::BedrockAgentCoreResourcePolicy`. */
export interface ResourcePolicySpec {
  /** The runtime or runtime-endpoint ARN the policy is attached to; also the physical id. */
  readonly resourceArn: string;
  /** The document as given (statements without `Resource`; `policyFor` sets it to `resourceArn`). */
  readonly policy: PolicyDocument;
}

/**
 * Parse and validate the ResourceProperties of a `Custom::BedrockAgentCoreResourcePolicy`: `ResourceArn` (a runtime
 * or runtime-endpoint ARN) and `Policy` (the same rules as a runtime's `ResourcePolicy`).
 * @throws InvalidPropertiesError listing every violated rule (property + rule, no values)
 */
export function parseResourcePolicyProperties(raw: unknown): ResourcePolicySpec {
  const r = new Reader();
  const props: Obj = isObj(raw) ? raw : {};
  const resourceArn = r.str(props, 'ResourceArn', 'ResourceArn', true);
  if (resourceArn !== undefined && !parseRuntimeArn(resourceArn)) {
    r.problems.push('ResourceArn must be the ARN of an AgentCore runtime or runtime endpoint (arn:<partition>:bedrock-agentcore:<region>:<account>:runtime/<id>[/runtime-endpoint/<name>])');
  }
  const policy = parsePolicyDocument(r, props.Policy, 'Policy');
  if (props.Policy === undefined || props.Policy === null || props.Policy === '') r.problems.push('Policy is required');
  if (r.problems.length > 0) throw new InvalidPropertiesError(r.problems);
  return { resourceArn: resourceArn!, policy: policy! };
}

/**
 * Read only the runtime name from (possibly old or invalid) ResourceProperties.
 * @returns the name when it is a valid runtime name, else undefined
 */
export function readRuntimeName(raw: unknown): string | undefined {
  const name = isObj(raw) ? raw.AgentRuntimeName : undefined;
  return typeof name === 'string' && RUNTIME_NAME_PATTERN.test(name) ? name : undefined;
}

/** Lists whose order carries no meaning; they are sorted before comparing configurations. */
const UNORDERED_LISTS = new Set(['subnets', 'securityGroups', 'allowedAudience', 'allowedClients', 'requestHeaderAllowlist']);

function canonical(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => canonical(x));
    return UNORDERED_LISTS.has(key) ? [...items].sort() : items;
  }
  if (isObj(v)) {
    return Object.fromEntries(Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => [k, canonical(v[k], k)]));
  }
  return v;
}

/**
 * Compare two configurations semantically: key order, the order of set-like lists (subnets, security
 * groups, audiences, clients, header allowlist) and an empty environment map are ignored.
 */
export function sameConfig(a: RuntimeConfig, b: RuntimeConfig): boolean {
  const norm = (c: RuntimeConfig) => {
    const { environmentVariables, ...rest } = c;
    const env = environmentVariables && Object.keys(environmentVariables).length > 0 ? environmentVariables : undefined;
    return JSON.stringify(canonical({ ...rest, environmentVariables: env }));
  };
  return norm(a) === norm(b);
}
