/**
 * In-memory AgentCore runtimes, their versions and endpoints, and the status machine (API reference §9.2, §9.3):
 * Create → CREATING → READY, Update → UPDATING → READY (new version N+1, DEFAULT follows), Delete → DELETING → gone.
 * Transitions settle after `transitionGets` Get calls, or follow a scripted status sequence.
 */
import { conflict, notFound, quotaExceeded } from './errors';
import { Arns, resourceId, rfc3339 } from './ids';
import { GONE, step, Transition } from './transition';
import { DefaultLag, EndpointRecord, RuntimeRecord, StatusStep } from './types';

/** Name of the implicit endpoint that follows the latest version. */
export const DEFAULT_ENDPOINT = 'DEFAULT';
/** Endpoints per runtime, DEFAULT included (service quota). */
export const MAX_ENDPOINTS = 10;
/** Pseudo-status for scripts: the runtime is gone (Get answers ResourceNotFoundException). */
export const DELETED = 'DELETED';
/** The service's answer to DeleteAgentRuntime while named endpoints exist (agentcore-facts.md §24). */
export const ENDPOINTS_FIRST = 'This agent has endpoints that must be deleted first';

const BUSY = ['CREATING', 'UPDATING'];
const TRANSITIONAL = [...BUSY, 'DELETING'];

/** Scripted statuses for the next Gets of a runtime. */
interface StatusScript {
  readonly steps: StatusStep[];
  next: number;
  /** When the current timed step was first reported (emulator clock). */
  enteredAt?: number;
  readonly failureReason?: string;
}

/** A DEFAULT endpoint that has not caught up with the runtime's READY version yet. */
interface PendingDefault {
  /** GetAgentRuntimeEndpoint(DEFAULT) calls that still see the old version. */
  gets: number;
  /** Emulator-clock time before which it still serves the old version. */
  until: number;
}

/** Internal state of an endpoint (what tests see plus wire-only members). */
export interface EndpointState extends EndpointRecord {
  readonly id: string;
  readonly arn: string;
  readonly createdAt: string;
  lastUpdatedAt: string;
  tags: Record<string, string>;
  resourcePolicy?: string;
  transition?: Transition;
}

/** Internal state of a runtime (what tests see plus wire-only members). */
export interface RuntimeState extends RuntimeRecord {
  endpoints: Record<string, EndpointState>;
  readonly createdAt: string;
  lastUpdatedAt: string;
  /** version -> when it was created. */
  readonly versionCreatedAt: Record<string, string>;
  transition?: Transition;
  script?: StatusScript;
  /** How long DEFAULT lags behind each new READY version (`Emulator.lagDefault`). */
  defaultLag?: DefaultLag;
  /** DEFAULT's catching up with the latest READY version. */
  pendingDefault?: PendingDefault;
}

function runtimeNotFound(id: string): Error {
  return notFound(`Runtime not found: ${id}`);
}

/** The runtimes of one emulated account and region. */
export class RuntimeStore {
  private readonly byId = new Map<string, RuntimeState>();
  private readonly pendingScripts = new Map<string, StatusScript>();
  private readonly pendingLags = new Map<string, DefaultLag>();

  constructor(private readonly arns: Arns, private readonly transitionGets: number, private readonly now: () => number = Date.now) {}

  /** Live runtimes in creation order. */
  public all(): RuntimeState[] {
    return [...this.byId.values()];
  }

  /** A live runtime by id or name. */
  public find(idOrName: string): RuntimeState | undefined {
    return this.byId.get(idOrName) ?? this.all().find((r) => r.agentRuntimeName === idOrName);
  }

  /** A live runtime by id, else ResourceNotFoundException. */
  public require(id: string): RuntimeState {
    const rt = this.byId.get(id);
    if (!rt) throw runtimeNotFound(id);
    return rt;
  }

  /** A runtime or endpoint by ARN (for tags and resource policies). */
  public findByArn(arn: string): RuntimeState | EndpointState | undefined {
    for (const rt of this.byId.values()) {
      if (rt.agentRuntimeArn === arn) return rt;
      const ep = Object.values(rt.endpoints).find((e) => e.arn === arn);
      if (ep) return ep;
    }
    return undefined;
  }

  /** CreateAgentRuntime: version 1 in CREATING, with its DEFAULT endpoint. Name already used ⇒ ConflictException. */
  public create(body: any): RuntimeState {
    const name: string = body.agentRuntimeName;
    if (this.all().some((r) => r.agentRuntimeName === name)) {
      throw conflict(`Runtime name '${name}' already exists or was recently deleted`);
    }
    const rt = this.insert(name, body, body.tags ?? {});
    this.adoptPendingScript(rt);
    this.begin(rt, 'CREATING', 'READY');
    return rt;
  }

  /** A runtime put in place directly, READY (`Emulator.seedRuntime`). */
  public seed(config: { agentRuntimeName: string; tags?: Record<string, string>; [k: string]: any }): RuntimeState {
    if (this.find(config.agentRuntimeName)) throw new Error(`seedRuntime: runtime '${config.agentRuntimeName}' already exists`);
    const body = {
      agentRuntimeArtifact: { containerConfiguration: { containerUri: `${this.arns.account}.dkr.ecr.${this.arns.region}.amazonaws.com/seeded:latest` } },
      roleArn: `arn:aws:iam::${this.arns.account}:role/SeededRuntimeRole`,
      ...config,
    };
    const rt = this.insert(config.agentRuntimeName, body, config.tags ?? {});
    this.adoptPendingScript(rt);
    this.setStatus(rt, 'READY');
    return rt;
  }

  /**
   * GetAgentRuntime: advances the status machine by one Get, then returns the runtime
   * (ResourceNotFoundException when it is or just became gone, or when `version` does not exist).
   */
  public get(id: string, version?: string): RuntimeState {
    const rt = this.require(id);
    this.advance(rt);
    if (version !== undefined && !(version in rt.versions)) throw notFound(`Version ${version} of runtime ${id} not found`);
    return rt;
  }

  /** Status of one version: the runtime status for the latest version, READY for earlier ones. */
  public versionStatus(rt: RuntimeState, version: string): string {
    return version === rt.version ? rt.status : 'READY';
  }

  /** UpdateAgentRuntime: version N+1 with the complete new config, UPDATING. Only from READY or UPDATE_FAILED. */
  public update(id: string, body: any): RuntimeState {
    const rt = this.require(id);
    if (rt.status !== 'READY' && rt.status !== 'UPDATE_FAILED') {
      throw conflict(`Runtime ${id} cannot be updated while it is ${rt.status}`);
    }
    const version = String(Number(rt.version) + 1);
    const now = rfc3339();
    rt.version = version;
    rt.config = stripped(body);
    rt.versions[version] = rt.config;
    rt.versionCreatedAt[version] = now;
    rt.lastUpdatedAt = now;
    rt.endpoints[DEFAULT_ENDPOINT].targetVersion = version;
    this.begin(rt, 'UPDATING', 'READY');
    return rt;
  }

  /**
   * DeleteAgentRuntime. Without `version`: refused while CREATING/UPDATING or while named endpoints exist (one still
   * DELETING included), else DELETING (repeating it while DELETING is accepted). With `version`: removes that version at once, refused for the
   * latest version and for versions an endpoint points to.
   */
  public delete(id: string, version?: string): RuntimeState {
    const rt = this.require(id);
    if (version !== undefined) {
      this.deleteVersion(rt, version);
      return rt;
    }
    if (BUSY.includes(rt.status)) {
      throw conflict(`Runtime ${id} cannot be deleted while it is ${rt.status}`);
    }
    if (Object.keys(rt.endpoints).some((name) => name !== DEFAULT_ENDPOINT)) throw conflict(ENDPOINTS_FIRST);
    if (rt.status !== 'DELETING') this.begin(rt, 'DELETING', GONE);
    return rt;
  }

  /** CreateAgentRuntimeEndpoint on `agentRuntimeVersion` (default: latest), CREATING. */
  public createEndpoint(id: string, body: any): EndpointState {
    const rt = this.require(id);
    if (rt.status === 'DELETING') throw conflict(`Runtime ${id} is being deleted`);
    const name: string = body.name;
    if (rt.endpoints[name]) throw conflict(`An endpoint named '${name}' already exists for runtime ${id}`);
    if (Object.keys(rt.endpoints).length >= MAX_ENDPOINTS) {
      throw quotaExceeded(`Runtime ${id} already has the maximum number of endpoints (${MAX_ENDPOINTS})`);
    }
    const version: string = body.agentRuntimeVersion ?? rt.version;
    this.requireVersion(rt, version);
    const ep = this.newEndpoint(rt, name, version, 'CREATING', body.description, body.tags ?? {});
    ep.transition = { pendingGets: this.transitionGets, settle: 'READY' };
    rt.endpoints[name] = ep;
    return ep;
  }

  /** GetAgentRuntimeEndpoint: advances a named endpoint's transition by one Get. */
  public getEndpoint(id: string, name: string): EndpointState {
    const rt = this.require(id);
    const ep = this.requireEndpoint(rt, name);
    if (name === DEFAULT_ENDPOINT) {
      this.catchUpDefault(rt, true);
      return ep;
    }
    const settle = step(ep.transition);
    if (settle === undefined) return ep;
    ep.transition = undefined;
    if (settle === GONE) {
      delete rt.endpoints[name];
      throw notFound(`Endpoint ${name} of runtime ${id} not found`);
    }
    ep.status = 'READY';
    ep.liveVersion = ep.targetVersion ?? ep.liveVersion;
    ep.lastUpdatedAt = rfc3339();
    return ep;
  }

  /** UpdateAgentRuntimeEndpoint: re-points a named endpoint (UPDATING); DEFAULT cannot be re-pointed. */
  public updateEndpoint(id: string, name: string, body: any): { endpoint: EndpointState; previousLiveVersion: string } {
    const rt = this.require(id);
    const ep = this.requireEndpoint(rt, name);
    if (name === DEFAULT_ENDPOINT) throw conflict('The DEFAULT endpoint always points to the latest version and cannot be updated');
    if (TRANSITIONAL.includes(ep.status)) {
      throw conflict(`Endpoint ${name} cannot be updated while it is ${ep.status}`);
    }
    const version: string = body.agentRuntimeVersion ?? ep.liveVersion;
    this.requireVersion(rt, version);
    const previousLiveVersion = ep.liveVersion;
    ep.targetVersion = version;
    if (body.description !== undefined) ep.description = body.description;
    ep.status = 'UPDATING';
    ep.lastUpdatedAt = rfc3339();
    ep.transition = { pendingGets: this.transitionGets, settle: 'READY' };
    return { endpoint: ep, previousLiveVersion };
  }

  /** DeleteAgentRuntimeEndpoint: DELETING, gone after the transition; DEFAULT cannot be deleted. */
  public deleteEndpoint(id: string, name: string): EndpointState {
    const rt = this.require(id);
    const ep = this.requireEndpoint(rt, name);
    if (name === DEFAULT_ENDPOINT) throw conflict('Default endpoints are removed when you delete the agent');
    if (ep.status !== 'DELETING') {
      ep.status = 'DELETING';
      ep.lastUpdatedAt = rfc3339();
      ep.transition = { pendingGets: this.transitionGets, settle: GONE };
    }
    return ep;
  }

  /** `Emulator.scriptStatus`: applies from the next Get, or from creation for a runtime that does not exist yet. */
  public script(nameOrId: string, steps: StatusStep[], failureReason?: string): void {
    if (steps.length === 0) throw new Error('scriptStatus: statuses must not be empty');
    const script: StatusScript = { steps: [...steps], next: 0, failureReason };
    const rt = this.find(nameOrId);
    if (rt) rt.script = script;
    else this.pendingScripts.set(nameOrId, script);
  }

  /** `Emulator.lagDefault`: applies to every later READY version, also for a runtime that does not exist yet. */
  public lagDefault(nameOrId: string, lag: DefaultLag): void {
    const rt = this.find(nameOrId);
    if (!rt) {
      this.pendingLags.set(nameOrId, lag);
      return;
    }
    rt.defaultLag = lag;
    // A DEFAULT catching up now follows the new lag (`{}` ends it at the next Get).
    if (rt.pendingDefault) rt.pendingDefault = { gets: lag.gets ?? 0, until: this.now() + (lag.ms ?? 0) };
  }

  /** The version DEFAULT serves now (what InvokeAgentRuntime on DEFAULT runs), catching up when its lag is over. */
  public defaultVersion(rt: RuntimeState): string {
    this.catchUpDefault(rt, false);
    return rt.endpoints[DEFAULT_ENDPOINT].liveVersion;
  }

  /** `Emulator.deleteOutOfBand`. */
  public remove(idOrName: string): void {
    const rt = this.find(idOrName);
    if (!rt) throw new Error(`deleteOutOfBand: no runtime '${idOrName}'`);
    this.byId.delete(rt.agentRuntimeId);
  }

  /** Forgets everything. */
  public clear(): void {
    this.byId.clear();
    this.pendingScripts.clear();
    this.pendingLags.clear();
  }

  private insert(name: string, body: any, tags: Record<string, string>): RuntimeState {
    const id = resourceId(name);
    const now = rfc3339();
    const config = stripped(body);
    const rt: RuntimeState = {
      agentRuntimeId: id,
      agentRuntimeName: name,
      agentRuntimeArn: this.arns.runtime(id),
      status: '',
      version: '1',
      versions: { 1: config },
      config,
      tags: { ...tags },
      endpoints: {},
      statusHistory: [],
      createdAt: now,
      lastUpdatedAt: now,
      versionCreatedAt: { 1: now },
    };
    rt.endpoints[DEFAULT_ENDPOINT] = this.newEndpoint(rt, DEFAULT_ENDPOINT, '1', 'CREATING', undefined, {});
    this.byId.set(id, rt);
    return rt;
  }

  private newEndpoint(
    rt: RuntimeState, name: string, version: string, status: string, description: string | undefined, tags: Record<string, string>,
  ): EndpointState {
    const now = rfc3339();
    return {
      name,
      id: resourceId(name),
      arn: this.arns.endpoint(rt.agentRuntimeId, name),
      liveVersion: version,
      targetVersion: version,
      status,
      ...(description !== undefined ? { description } : {}),
      createdAt: now,
      lastUpdatedAt: now,
      tags: { ...tags },
    };
  }

  /** A script or DEFAULT lag registered by name before the runtime existed now applies to it. */
  private adoptPendingScript(rt: RuntimeState): void {
    rt.script = this.pendingScripts.get(rt.agentRuntimeName);
    this.pendingScripts.delete(rt.agentRuntimeName);
    rt.defaultLag = this.pendingLags.get(rt.agentRuntimeName);
    this.pendingLags.delete(rt.agentRuntimeName);
  }

  /** DEFAULT moves to the pending version once its lag (Gets of DEFAULT and time) is over. */
  private catchUpDefault(rt: RuntimeState, isGet: boolean): void {
    const pending = rt.pendingDefault;
    if (!pending) return;
    if (isGet && pending.gets > 0) pending.gets -= 1;
    if (pending.gets > 0 || this.now() < pending.until) return;
    const def = rt.endpoints[DEFAULT_ENDPOINT];
    def.liveVersion = def.targetVersion ?? def.liveVersion;
    rt.pendingDefault = undefined;
  }

  private requireEndpoint(rt: RuntimeState, name: string): EndpointState {
    const ep = rt.endpoints[name];
    if (!ep) throw notFound(`Endpoint ${name} of runtime ${rt.agentRuntimeId} not found`);
    return ep;
  }

  private requireVersion(rt: RuntimeState, version: string): void {
    if (!(version in rt.versions)) throw notFound(`Version ${version} of runtime ${rt.agentRuntimeId} not found`);
  }

  private deleteVersion(rt: RuntimeState, version: string): void {
    this.requireVersion(rt, version);
    if (version === rt.version) throw conflict(`Version ${version} is the latest version of runtime ${rt.agentRuntimeId} and cannot be deleted`);
    const user = Object.values(rt.endpoints).find((e) => e.liveVersion === version || e.targetVersion === version);
    if (user) throw conflict(`Version ${version} is used by endpoint ${user.name}`);
    delete rt.versions[version];
    delete rt.versionCreatedAt[version];
  }

  /** Starts a transition; a script whose last status was already reported is discarded. */
  private begin(rt: RuntimeState, status: string, settle: string): void {
    if (rt.script && rt.script.next >= rt.script.steps.length) rt.script = undefined;
    rt.transition = { pendingGets: this.transitionGets, settle };
    this.setStatus(rt, status);
  }

  /** One Get worth of progress: the next scripted status, else the default transition. */
  private advance(rt: RuntimeState): void {
    const script = rt.script;
    if (script) {
      const status = this.nextScripted(script);
      if (status === DELETED) {
        this.byId.delete(rt.agentRuntimeId);
        throw runtimeNotFound(rt.agentRuntimeId);
      }
      this.setStatus(rt, status, script.failureReason);
      return;
    }
    const settle = step(rt.transition);
    if (settle === undefined) return;
    rt.transition = undefined;
    if (settle === GONE) {
      this.byId.delete(rt.agentRuntimeId);
      throw runtimeNotFound(rt.agentRuntimeId);
    }
    this.setStatus(rt, settle);
  }

  /**
   * The status the script reports to this Get: a plain step is reported once, a timed step (`{ status, forMs }`) to
   * every Get until `forMs` of emulator time have passed since it was first reported; the last step sticks.
   */
  private nextScripted(script: StatusScript): string {
    for (;;) {
      const last = script.next >= script.steps.length - 1;
      const current = script.steps[Math.min(script.next, script.steps.length - 1)];
      if (typeof current === 'string') {
        script.next += 1;
        return current;
      }
      script.enteredAt ??= this.now();
      if (last || this.now() - script.enteredAt < current.forMs) {
        if (last) script.next = script.steps.length;
        return current.status;
      }
      script.next += 1;
      script.enteredAt = undefined;
    }
  }

  /**
   * Sets the runtime status; DEFAULT mirrors it and goes live on the latest version when READY (after the runtime's
   * DEFAULT lag, if one is set).
   */
  private setStatus(rt: RuntimeState, status: string, failureReason?: string): void {
    if (rt.status !== status) {
      rt.statusHistory.push(status);
      rt.lastUpdatedAt = rfc3339();
    }
    rt.status = status;
    if (status.endsWith('_FAILED')) rt.failureReason = failureReason ?? `Emulated ${status}`;
    else delete rt.failureReason;
    const def = rt.endpoints[DEFAULT_ENDPOINT];
    def.status = status;
    def.lastUpdatedAt = rt.lastUpdatedAt;
    if (status !== 'READY') return;
    def.targetVersion = rt.version;
    if (def.liveVersion === rt.version || rt.pendingDefault) return;
    if (rt.defaultLag) {
      rt.pendingDefault = { gets: rt.defaultLag.gets ?? 0, until: this.now() + (rt.defaultLag.ms ?? 0) };
      return;
    }
    def.liveVersion = rt.version;
  }
}

/** A detached copy of what tests may see of a runtime (`Emulator.runtime()` / `runtimes()`). */
export function snapshot(rt: RuntimeState): RuntimeRecord {
  const endpoints: Record<string, EndpointRecord> = {};
  for (const ep of Object.values(rt.endpoints)) {
    endpoints[ep.name] = {
      name: ep.name,
      liveVersion: ep.liveVersion,
      ...(ep.targetVersion !== undefined ? { targetVersion: ep.targetVersion } : {}),
      status: ep.status,
      ...(ep.description !== undefined ? { description: ep.description } : {}),
    };
  }
  return structuredClone({
    agentRuntimeId: rt.agentRuntimeId,
    agentRuntimeName: rt.agentRuntimeName,
    agentRuntimeArn: rt.agentRuntimeArn,
    status: rt.status,
    ...(rt.failureReason !== undefined ? { failureReason: rt.failureReason } : {}),
    version: rt.version,
    versions: rt.versions,
    config: rt.config,
    tags: rt.tags,
    endpoints,
    ...(rt.resourcePolicy !== undefined ? { resourcePolicy: rt.resourcePolicy } : {}),
    statusHistory: rt.statusHistory,
  });
}

/** The config of a version: the request body without clientToken and tags. */
function stripped(body: any): any {
  const config = { ...body };
  delete config.clientToken;
  delete config.tags;
  return config;
}
