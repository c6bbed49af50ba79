/**
 * The `Custom::BedrockAgentCoreRuntime` ResourceProperties (the contract in `lib/private/contract/runtime-properties.ts`)
 * turned into the desired state of a runtime. Pure: no I/O.
 *
 * The construct validates; this module only coerces. The runtime's API members are converted generically by the
 * bundled SDK's request schemas (`request-shape.ts`): PascalCase keys to SDK member names, CloudFormation's stringified
 * numbers and booleans to their types. A key the SDK does not know is an error naming it, reported before any API
 * call. The library's own settings (`CdkAgentCore`) are read here. Error messages name the property and the rule but
 * never echo property values.
 */
import { CreateAgentRuntimeRequest$, UpdateAgentRuntimeRequest$ } from '@aws-sdk/client-bedrock-agentcore-control';
import type { CreateAgentRuntimeCommandInput, UpdateAgentRuntimeCommandInput } from '@aws-sdk/client-bedrock-agentcore-control';
// eslint-disable-next-line import/no-extraneous-dependencies
import { NormalizedSchema } from '@smithy/core/schema';
import type { HealthCheckSpec } from './health-check';
import { membersByKey, toRequest } from './request-shape';
import {
  FRAMEWORK_KEYS, fullMatch, HEALTH_CHECK, LIBRARY_KEY, LIBRARY_PROPERTY_KEYS, OWNED_ENDPOINTS_PROPERTY, PROVIDER_OWNED_MEMBERS, RUNTIME_NAME,
  RUNTIME_RESOURCE_TYPE, SHAPE_ALIASES,
} from '../../lib/private/contract';

/**
 * The configuration members of a runtime (every member of CreateAgentRuntime and UpdateAgentRuntime but the name, the
 * tags and the members the provider sets itself), as the SDK names them. UpdateAgentRuntime takes all of them: it is
 * a full-configuration PUT.
 */
export type RuntimeConfig = Omit<UpdateAgentRuntimeCommandInput, 'agentRuntimeId' | 'clientToken'>
& Omit<CreateAgentRuntimeCommandInput, 'agentRuntimeName' | 'tags' | 'clientToken'>;

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

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const CREATE = NormalizedSchema.of(CreateAgentRuntimeRequest$);
const UPDATE = NormalizedSchema.of(UpdateAgentRuntimeRequest$);
const CREATE_MEMBERS = membersByKey(CREATE);
const UPDATE_MEMBERS = membersByKey(UPDATE);
const ALIASES = new Map(SHAPE_ALIASES.map((a) => [a.property, a.apiMember]));
const NAME_KEY = 'AgentRuntimeName';
const TAGS_KEY = 'Tags';

/** Every top-level key of the runtime's API members the bundled SDK knows (Create ∪ Update, minus provider-owned). */
export function runtimeKeys(): string[] {
  const keys = new Set([...CREATE_MEMBERS.keys(), ...UPDATE_MEMBERS.keys()]);
  for (const [key, m] of [...CREATE_MEMBERS, ...UPDATE_MEMBERS]) if (PROVIDER_OWNED_MEMBERS.includes(m.member)) keys.delete(key);
  return [...keys];
}

/** Reads a string-like scalar; records a problem when it is something else. */
function scalar(problems: string[], o: Obj, key: string, path: string, required: boolean): string | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === '') {
    if (required) problems.push(`${path} is required`);
    return undefined;
  }
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    problems.push(`${path} must be a string`);
    return undefined;
  }
  return String(v);
}

function integer(problems: string[], o: Obj, key: string, path: string): number | undefined {
  const raw = scalar(problems, o, key, path, false);
  if (raw === undefined) return undefined;
  if (!/^\s*-?[0-9]+\s*$/.test(raw)) {
    problems.push(`${path} must be an integer`);
    return undefined;
  }
  return Number(raw);
}

function parseHealthCheck(problems: string[], raw: unknown, path: string): HealthCheckSpec | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObj(raw)) {
    problems.push(`${path} must be an object`);
    return undefined;
  }
  const known = ['Payload', 'ExpectedStatus', 'ExpectedText', 'TimeoutSeconds'];
  for (const key of Object.keys(raw)) if (!known.includes(key)) problems.push(`${path}.${key} is not a health-check setting (${known.join(', ')})`);
  const payload = scalar(problems, raw, 'Payload', `${path}.Payload`, true);
  const expectedStatus = integer(problems, raw, 'ExpectedStatus', `${path}.ExpectedStatus`) ?? HEALTH_CHECK.defaultExpectedStatus;
  const expectedText = scalar(problems, raw, 'ExpectedText', `${path}.ExpectedText`, false);
  const timeoutSeconds = integer(problems, raw, 'TimeoutSeconds', `${path}.TimeoutSeconds`) ?? HEALTH_CHECK.defaultTimeoutSeconds;
  if (payload === undefined) return undefined;
  return dropUndefined({ payload, expectedStatus, expectedText, timeoutMs: timeoutSeconds * 1000 });
}

/**
 * Parse a policy property (a JSON string, or an object) into a document with a non-empty Statement list (the provider
 * sets each statement's `Resource`); the service judges the statements. Problems name `path`, never the value.
 */
function parsePolicyDocument(problems: string[], raw: unknown, path: string): PolicyDocument | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let doc: unknown = raw;
  if (typeof raw === 'string') {
    try {
      doc = JSON.parse(raw);
    } catch {
      problems.push(`${path} must be valid JSON`);
      return undefined;
    }
  }
  const statements = isObj(doc) ? (Array.isArray(doc.Statement) ? doc.Statement : isObj(doc.Statement) ? [doc.Statement] : []) : [];
  if (!isObj(doc) || statements.length === 0 || !statements.every(isObj) || (doc.Version !== undefined && typeof doc.Version !== 'string')) {
    problems.push(`${path} must be a JSON policy document with a non-empty Statement list of statement objects`);
    return undefined;
  }
  return dropUndefined({
    Version: doc.Version as string | undefined,
    Id: typeof doc.Id === 'string' ? doc.Id : undefined,
    Statement: statements as Record<string, unknown>[],
  });
}

/** The library's own settings (`CdkAgentCore`). */
function parseLibrary(problems: string[], raw: unknown): Pick<RuntimeSpec, 'healthCheck' | 'resourcePolicy'> {
  if (raw === undefined || raw === null) return {};
  if (!isObj(raw)) {
    problems.push(`${LIBRARY_KEY} must be an object`);
    return {};
  }
  const known: readonly string[] = LIBRARY_PROPERTY_KEYS;
  for (const key of Object.keys(raw)) if (!known.includes(key)) problems.push(`${LIBRARY_KEY}.${key} is not a setting of this library (${known.join(', ')})`);
  const endpoints = raw[OWNED_ENDPOINTS_PROPERTY];
  if (endpoints !== undefined && endpoints !== null && (!Array.isArray(endpoints) || !endpoints.every((n) => typeof n === 'string'))) {
    problems.push(`${LIBRARY_KEY}.${OWNED_ENDPOINTS_PROPERTY} must be a list of endpoint names`);
  }
  return dropUndefined({
    healthCheck: parseHealthCheck(problems, raw.HealthCheck, `${LIBRARY_KEY}.HealthCheck`),
    resourcePolicy: parsePolicyDocument(problems, raw.ResourcePolicy, `${LIBRARY_KEY}.ResourcePolicy`),
  });
}

/**
 * Parse ResourceProperties into the desired state: the name, the configuration in the SDK's shape, the tags and the
 * library's settings.
 * @throws InvalidPropertiesError listing every problem (property path + rule, no values)
 */
export function parseProperties(raw: unknown): RuntimeSpec {
  const problems: string[] = [];
  const props: Obj = isObj(raw) ? raw : {};
  const name = scalar(problems, props, NAME_KEY, NAME_KEY, true);
  const tagsRaw = props[TAGS_KEY] === undefined || props[TAGS_KEY] === null
    ? {}
    : toRequest(props[TAGS_KEY], CREATE.getMemberSchema('tags'), TAGS_KEY, problems);
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    const handledApart = key === NAME_KEY || key === TAGS_KEY || key === LIBRARY_KEY || FRAMEWORK_KEYS.includes(key);
    if (handledApart || value === undefined || value === null) continue;
    const m = UPDATE_MEMBERS.get(key) ?? CREATE_MEMBERS.get(key);
    if (!m || PROVIDER_OWNED_MEMBERS.includes(m.member)) {
      problems.push(`${key} is not a property of ${RUNTIME_RESOURCE_TYPE}: the bundled AWS SDK knows no such runtime member`
        + ` (it knows ${runtimeKeys().join(', ')}; the library's own settings go under ${LIBRARY_KEY})`);
      continue;
    }
    config[m.member] = toRequest(value, m.schema, key, problems, { aliases: ALIASES });
  }
  const library = parseLibrary(problems, props[LIBRARY_KEY]);
  if (problems.length > 0) throw new InvalidPropertiesError(problems);
  return dropUndefined({ name: name!, config: config as RuntimeConfig, tags: tagsRaw as Record<string, string>, ...library });
}

/** The members of `config` that one operation's request shape lacks, as property keys. */
function unsupported(config: RuntimeConfig, members: Map<string, { member: string }>): string[] {
  const known = new Set([...members.values()].map((m) => m.member));
  return Object.keys(config).filter((m) => !known.has(m)).map((m) => m.charAt(0).toUpperCase() + m.slice(1));
}

/**
 * The CreateAgentRuntime request of a spec (without the client token).
 * @throws InvalidPropertiesError naming members the bundled SDK's CreateAgentRuntime does not accept
 */
export function createRequest(spec: RuntimeSpec, tags: Record<string, string>): Omit<CreateAgentRuntimeCommandInput, 'clientToken'> {
  const missing = unsupported(spec.config, CREATE_MEMBERS);
  if (missing.length > 0) {
    throw new InvalidPropertiesError(missing.map((k) => `${k} cannot be set when the runtime is created: the bundled AWS SDK's CreateAgentRuntime has no such member (only UpdateAgentRuntime does); create the runtime without it, then add it`));
  }
  return { agentRuntimeName: spec.name, ...spec.config, tags } as Omit<CreateAgentRuntimeCommandInput, 'clientToken'>;
}

/**
 * The UpdateAgentRuntime request of a configuration (without id and client token): the full desired state.
 * @throws InvalidPropertiesError naming members the bundled SDK's UpdateAgentRuntime does not accept
 */
export function updateRequest(config: RuntimeConfig): Omit<UpdateAgentRuntimeCommandInput, 'agentRuntimeId' | 'clientToken'> {
  const missing = unsupported(config, UPDATE_MEMBERS);
  if (missing.length > 0) {
    throw new InvalidPropertiesError(missing.map((k) => `${k} cannot be changed: the bundled AWS SDK's UpdateAgentRuntime has no such member`));
  }
  return config;
}

/** The configuration members of a GetAgentRuntime answer (every member the Update request shape has). */
export function configOf(response: Record<string, unknown>): Partial<RuntimeConfig> {
  const out: Record<string, unknown> = {};
  for (const { member } of UPDATE_MEMBERS.values()) {
    if (!PROVIDER_OWNED_MEMBERS.includes(member) && response[member] !== undefined) out[member] = response[member];
  }
  return out as Partial<RuntimeConfig>;
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
 * Read only the resource policy from (possibly old or invalid) ResourceProperties: `CdkAgentCore.ResourcePolicy`, or
 * the top-level `ResourcePolicy` that construct versions before the `CdkAgentCore` key wrote (so that a policy they set
 * is still compared with, and removed when it goes).
 * @returns the document, undefined when absent, 'invalid' when present but not a policy document
 */
export function readResourcePolicy(raw: unknown): PolicyDocument | undefined | 'invalid' {
  const props = isObj(raw) ? raw : {};
  const library = isObj(props[LIBRARY_KEY]) ? props[LIBRARY_KEY] as Obj : {};
  const problems: string[] = [];
  const doc = parsePolicyDocument(problems, library.ResourcePolicy ?? props.ResourcePolicy, 'ResourcePolicy');
  return problems.length > 0 ? 'invalid' : doc;
}

/**
 * Read only the names of the stack's endpoints from (possibly old or invalid) ResourceProperties: `CdkAgentCore.EndpointNames`,
 * or the top-level `EndpointNames` an earlier construct version wrote.
 */
export function readOwnedEndpoints(raw: unknown): Set<string> {
  const props = isObj(raw) ? raw : {};
  const library = isObj(props[LIBRARY_KEY]) ? props[LIBRARY_KEY] as Obj : {};
  const names = library[OWNED_ENDPOINTS_PROPERTY] ?? props[OWNED_ENDPOINTS_PROPERTY];
  return new Set(Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : []);
}

/** Read only the tags from (possibly old or invalid) ResourceProperties; entries that are not strings are skipped. */
export function readTags(raw: unknown): Record<string, string> {
  const tags = isObj(raw) && isObj(raw[TAGS_KEY]) ? raw[TAGS_KEY] as Obj : {};
  return Object.fromEntries(Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Whether two policies are the same document (key order ignored). */
export function samePolicy(a: PolicyDocument | undefined, b: PolicyDocument | undefined): boolean {
  return JSON.stringify(canonical(a ?? null)) === JSON.stringify(canonical(b ?? null));
}

/**
 * Read only the runtime name from (possibly old or invalid) ResourceProperties.
 * @returns the name when it is a valid runtime name, else undefined
 */
export function readRuntimeName(raw: unknown): string | undefined {
  const name = isObj(raw) ? raw[NAME_KEY] : undefined;
  return typeof name === 'string' && fullMatch(RUNTIME_NAME, name) ? name : undefined;
}

/**
 * Lists whose order carries no meaning (the native CloudFormation schema marks them `insertionOrder: false`); they
 * are sorted before configurations are compared.
 */
const UNORDERED_LISTS = new Set([
  'subnets', 'securityGroups', 'allowedAudience', 'allowedClients', 'allowedScopes', 'requestHeaderAllowlist',
  'subnetIds', 'securityGroupIds', 'workloadIdentities', 'matchValueStringList',
]);

/** A canonical form: keys sorted, undefined and empty maps/lists dropped, unordered lists sorted. */
function canonical(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => canonical(x));
    return UNORDERED_LISTS.has(key) ? [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : items;
  }
  if (isObj(v)) {
    const entries = Object.keys(v).sort().map((k) => [k, canonical(v[k], k)] as const)
      .filter(([, x]) => x !== undefined && !(Array.isArray(x) && x.length === 0) && !(isObj(x) && Object.keys(x).length === 0));
    return Object.fromEntries(entries);
  }
  return v;
}

/**
 * Compare two configurations semantically: key order, the order of set-like lists (subnets, security groups,
 * audiences, clients, scopes, header allowlist, …) and empty maps and lists are ignored.
 */
export function sameConfig(a: Partial<RuntimeConfig>, b: Partial<RuntimeConfig>): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
