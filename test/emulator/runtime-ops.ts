/**
 * Runtime and endpoint operations of the control plane: validate the request like the service, apply it to the store
 * and shape the wire answer (RFC 3339 timestamps, 202 for mutations, 200 for reads and lists).
 */
import { cannotParse, ServiceError } from './errors';
import { Arns } from './ids';
import { Handler, OpRequest, Reply } from './routes';
import { EndpointState, RuntimeState, RuntimeStore } from './runtime-store';
import {
  CREATE_ENDPOINT, CREATE_RUNTIME, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_LIFETIME, LIST_QUERY, RUNTIME_PATH, UPDATE_ENDPOINT, UPDATE_RUNTIME,
} from './shapes';
import { fieldError, validate } from './validation';

/** Page size of the List operations when maxResults is absent. */
const DEFAULT_PAGE_SIZE = 10;
const MAX_RESULTS = { kind: 'structure', members: { maxResults: { kind: 'integer', min: 1, max: 100 } } } as const;

const ok = (json: unknown, status = 200): Reply => ({ status, json });

/** Semantic runtime-config rules the model cannot express. */
function runtimeRules(body: any) {
  const errors = [];
  const network = body?.networkConfiguration;
  if (network?.networkMode === 'VPC' && (network.networkModeConfig === undefined || network.networkModeConfig === null)) {
    errors.push(fieldError('networkConfiguration.networkModeConfig', 'Member must not be null when networkMode is VPC', null));
  }
  const lc = body?.lifecycleConfiguration;
  if (typeof lc?.idleRuntimeSessionTimeout === 'number' && typeof lc?.maxLifetime === 'number' && lc.idleRuntimeSessionTimeout > lc.maxLifetime) {
    errors.push(fieldError('lifecycleConfiguration.idleRuntimeSessionTimeout',
      `Member must have value less than or equal to maxLifetime (${lc.maxLifetime})`, lc.idleRuntimeSessionTimeout));
  }
  return errors;
}

/** Effective lifecycle values: service defaults, idle capped by a short maxLifetime (documented behaviour). */
function lifecycle(config: any): { idleRuntimeSessionTimeout: number; maxLifetime: number } {
  const maxLifetime = config.lifecycleConfiguration?.maxLifetime ?? DEFAULT_MAX_LIFETIME;
  const idle = config.lifecycleConfiguration?.idleRuntimeSessionTimeout ?? Math.min(DEFAULT_IDLE_TIMEOUT, maxLifetime);
  return { idleRuntimeSessionTimeout: idle, maxLifetime };
}

/** Validates path labels and the `version`/`clientToken` query members. */
function validatePath(req: OpRequest): void {
  validate({ ...req.params, version: req.query.version, clientToken: req.query.clientToken }, RUNTIME_PATH);
}

/** Page of `items` for maxResults/nextToken (opaque base64 offset token). */
function paginate<T>(items: T[], query: Record<string, string>): { page: T[]; nextToken?: string } {
  validate(query, LIST_QUERY);
  let size = DEFAULT_PAGE_SIZE;
  if (query.maxResults !== undefined) {
    if (!/^-?\d+$/.test(query.maxResults)) throw cannotParse(`1 validation error detected: Value '${query.maxResults}' at 'maxResults' cannot be parsed as an integer`);
    size = Number(query.maxResults);
    validate({ maxResults: size }, MAX_RESULTS);
  }
  let offset = 0;
  if (query.nextToken !== undefined) {
    const decoded = Number(/^o(\d+)$/.exec(Buffer.from(query.nextToken, 'base64url').toString())?.[1]);
    if (!Number.isInteger(decoded) || decoded > items.length) throw new ServiceError('ValidationException', `Invalid nextToken: ${query.nextToken}`, 400, 'FieldValidationFailed');
    offset = decoded;
  }
  const end = offset + size;
  return { page: items.slice(offset, end), ...(end < items.length ? { nextToken: Buffer.from(`o${end}`).toString('base64url') } : {}) };
}

/** Builds the runtime and endpoint handlers over a store. */
export function runtimeHandlers(store: RuntimeStore, arns: Arns): Record<string, Handler> {
  const identity = (rt: RuntimeState) => ({ workloadIdentityArn: arns.workloadIdentity(rt.agentRuntimeId) });

  const summary = (rt: RuntimeState, version: string) => ({
    agentRuntimeArn: rt.agentRuntimeArn,
    agentRuntimeId: rt.agentRuntimeId,
    agentRuntimeVersion: version,
    agentRuntimeName: rt.agentRuntimeName,
    ...(rt.versions[version].description !== undefined ? { description: rt.versions[version].description } : {}),
    lastUpdatedAt: version === rt.version ? rt.lastUpdatedAt : rt.versionCreatedAt[version],
    status: store.versionStatus(rt, version),
  });

  const endpointView = (rt: RuntimeState, ep: EndpointState) => ({
    ...(ep.status === 'CREATING' ? {} : { liveVersion: ep.liveVersion }),
    ...(ep.targetVersion !== undefined ? { targetVersion: ep.targetVersion } : {}),
    agentRuntimeEndpointArn: ep.arn,
    agentRuntimeArn: rt.agentRuntimeArn,
    ...(ep.description !== undefined ? { description: ep.description } : {}),
    status: ep.status,
    createdAt: ep.createdAt,
    lastUpdatedAt: ep.lastUpdatedAt,
    name: ep.name,
    id: ep.id,
  });

  const sortedVersions = (rt: RuntimeState) => Object.keys(rt.versions).sort((a, b) => Number(b) - Number(a));

  return {
    CreateAgentRuntime: (req) => {
      validate(req.body ?? {}, CREATE_RUNTIME, runtimeRules);
      const rt = store.create(req.body);
      return ok({
        agentRuntimeArn: rt.agentRuntimeArn,
        agentRuntimeId: rt.agentRuntimeId,
        agentRuntimeVersion: rt.version,
        createdAt: rt.createdAt,
        status: 'CREATING',
        workloadIdentityDetails: identity(rt),
      }, 202);
    },

    GetAgentRuntime: (req) => {
      validatePath(req);
      const rt = store.get(req.params.agentRuntimeId, req.query.version);
      const version = req.query.version ?? rt.version;
      const config = { ...rt.versions[version] };
      delete config.agentRuntimeName;
      return ok({
        ...config,
        agentRuntimeArn: rt.agentRuntimeArn,
        agentRuntimeName: rt.agentRuntimeName,
        agentRuntimeId: rt.agentRuntimeId,
        agentRuntimeVersion: version,
        createdAt: rt.createdAt,
        lastUpdatedAt: version === rt.version ? rt.lastUpdatedAt : rt.versionCreatedAt[version],
        status: store.versionStatus(rt, version),
        ...(version === rt.version && rt.failureReason !== undefined ? { failureReason: rt.failureReason } : {}),
        lifecycleConfiguration: lifecycle(config),
        workloadIdentityDetails: identity(rt),
      });
    },

    UpdateAgentRuntime: (req) => {
      validatePath(req);
      validate(req.body ?? {}, UPDATE_RUNTIME, runtimeRules);
      const rt = store.update(req.params.agentRuntimeId, req.body);
      return ok({
        agentRuntimeArn: rt.agentRuntimeArn,
        agentRuntimeId: rt.agentRuntimeId,
        workloadIdentityDetails: identity(rt),
        agentRuntimeVersion: rt.version,
        createdAt: rt.createdAt,
        lastUpdatedAt: rt.lastUpdatedAt,
        status: 'UPDATING',
      }, 202);
    },

    DeleteAgentRuntime: (req) => {
      validatePath(req);
      const rt = store.delete(req.params.agentRuntimeId, req.query.version);
      return ok({
        status: 'DELETING',
        agentRuntimeId: rt.agentRuntimeId,
        ...(req.query.version !== undefined ? { agentRuntimeVersion: req.query.version } : {}),
      }, 202);
    },

    ListAgentRuntimes: (req) => {
      const { page, nextToken } = paginate(store.all(), req.query);
      return ok({ agentRuntimes: page.map((rt) => summary(rt, rt.version)), ...(nextToken ? { nextToken } : {}) });
    },

    ListAgentRuntimeVersions: (req) => {
      validatePath(req);
      const rt = store.require(req.params.agentRuntimeId);
      const { page, nextToken } = paginate(sortedVersions(rt), req.query);
      return ok({ agentRuntimes: page.map((v) => summary(rt, v)), ...(nextToken ? { nextToken } : {}) });
    },

    CreateAgentRuntimeEndpoint: (req) => {
      validatePath(req);
      validate(req.body ?? {}, CREATE_ENDPOINT);
      const rt = store.require(req.params.agentRuntimeId);
      const ep = store.createEndpoint(rt.agentRuntimeId, req.body);
      return ok({
        targetVersion: ep.targetVersion,
        agentRuntimeEndpointArn: ep.arn,
        agentRuntimeArn: rt.agentRuntimeArn,
        agentRuntimeId: rt.agentRuntimeId,
        endpointName: ep.name,
        status: ep.status,
        createdAt: ep.createdAt,
      }, 202);
    },

    GetAgentRuntimeEndpoint: (req) => {
      validatePath(req);
      const ep = store.getEndpoint(req.params.agentRuntimeId, req.params.endpointName);
      return ok(endpointView(store.require(req.params.agentRuntimeId), ep));
    },

    UpdateAgentRuntimeEndpoint: (req) => {
      validatePath(req);
      validate(req.body ?? {}, UPDATE_ENDPOINT);
      const rt = store.require(req.params.agentRuntimeId);
      const { endpoint: ep, previousLiveVersion } = store.updateEndpoint(rt.agentRuntimeId, req.params.endpointName, req.body ?? {});
      return ok({
        liveVersion: previousLiveVersion,
        targetVersion: ep.targetVersion,
        agentRuntimeEndpointArn: ep.arn,
        agentRuntimeArn: rt.agentRuntimeArn,
        status: ep.status,
        createdAt: ep.createdAt,
        lastUpdatedAt: ep.lastUpdatedAt,
      }, 202);
    },

    DeleteAgentRuntimeEndpoint: (req) => {
      validatePath(req);
      const ep = store.deleteEndpoint(req.params.agentRuntimeId, req.params.endpointName);
      return ok({ status: ep.status, agentRuntimeId: req.params.agentRuntimeId, endpointName: ep.name }, 202);
    },

    ListAgentRuntimeEndpoints: (req) => {
      validatePath(req);
      const rt = store.require(req.params.agentRuntimeId);
      const { page, nextToken } = paginate(Object.values(rt.endpoints), req.query);
      return ok({ runtimeEndpoints: page.map((ep) => endpointView(rt, ep)), ...(nextToken ? { nextToken } : {}) });
    },
  };
}
