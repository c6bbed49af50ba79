/** Public types of the AgentCore emulator (see `index.ts`). */

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Region used in ARNs. @default 'us-east-1' */
  readonly region?: string;
  /** Account used in ARNs. @default '123456789012' */
  readonly account?: string;
  /**
   * GetAgentRuntime calls that still see a transitional status (CREATING/UPDATING/DELETING) before it settles
   * (READY or gone). 0 = settled on the first Get. The same count applies to the Gets of endpoints.
   * @default 1
   */
  readonly transitionGets?: number;
  /**
   * The emulator's clock (timed status steps, DEFAULT lag, call timestamps); a test may run it faster than real time.
   * @default Date.now
   */
  readonly clock?: () => number;
}

/**
 * One step of a status script: a status reported to one GetAgentRuntime, or `{ status, forMs }` reported to every Get
 * until `forMs` of emulator time have passed since the first one ("CREATING for 90 s").
 */
export type StatusStep = string | { readonly status: string; readonly forMs: number };

/**
 * How long DEFAULT keeps serving the previous version after a new one is READY: until `gets` GetAgentRuntimeEndpoint
 * calls of DEFAULT have seen the old version and `ms` of emulator time have passed (both default 0).
 */
export interface DefaultLag {
  readonly gets?: number;
  readonly ms?: number;
}

/** One request the emulator received. */
export interface CallRecord {
  /** Operation name, e.g. 'CreateAgentRuntime', 'TagResource', 'InvokeAgentRuntime' ('Unknown' when no route matched). */
  operation: string;
  method: string;
  /** Raw request path (percent-encoded as sent). */
  path: string;
  /** Decoded query parameters; repeated keys (UntagResource `tagKeys`) are joined with ','. */
  query: Record<string, string>;
  /** Parsed JSON body, or undefined when there is none (InvokeAgentRuntime: the payload text). */
  body: any;
  /** Idempotency token from the body or the query. */
  clientToken?: string;
  /** HTTP status the emulator answered (0 if the socket was dropped). */
  status: number;
  /** Exception name when it answered an error. */
  errorType?: string;
  /** Date.now() when received. */
  at: number;
}

/** An endpoint of a runtime as seen by tests. */
export interface EndpointRecord {
  name: string;
  /** Version serving traffic. */
  liveVersion: string;
  /** Version being rolled out (while CREATING/UPDATING). */
  targetVersion?: string;
  status: string;
  description?: string;
}

/** A runtime held by the emulator. */
export interface RuntimeRecord {
  agentRuntimeId: string;
  agentRuntimeName: string;
  agentRuntimeArn: string;
  status: string;
  failureReason?: string;
  /** Latest version, '1', '2', ... */
  version: string;
  /** version -> full config sent for that version (wire JSON, minus clientToken/tags). */
  versions: Record<string, any>;
  /** Latest config (wire JSON as received). */
  config: any;
  tags: Record<string, string>;
  /** Endpoints by name, including DEFAULT. */
  endpoints: Record<string, EndpointRecord>;
  resourcePolicy?: string;
  /** Every status it went through, in order. */
  statusHistory: string[];
}

/** A scripted misbehaviour for matching requests. */
export interface Fault {
  /** Operation name as in CallRecord. */
  operation: string;
  /** How many matching requests it applies to; default 1; Infinity = forever. */
  times?: number;
  /** Answer this error instead of executing the request; status defaults from the type. */
  error?: { type: string; message?: string; status?: number };
  /** Execute the request (commit state) and then destroy the socket without answering: a lost response. */
  dropAfterCommit?: boolean;
  /** Delay the answer by this many ms. */
  delayMs?: number;
  /** Only requests for which this returns true count. */
  match?: (call: CallRecord) => boolean;
}

/**
 * How InvokeAgentRuntime answers. `sse`: each item is the data of one `data: <item>\n\n` event (text/event-stream),
 * written `chunkDelayMs` apart; `json`: an application/json body; `status`/`errorType`/`message`: an error answer
 * (status defaults from errorType, errorType may be omitted for a bare HTTP status); `agentUrl`: forward the
 * invocation to a real agent process, the way AgentCore forwards to the container (`POST <agentUrl>/invocations`).
 */
export interface InvokeBehaviour {
  /**
   * Base URL of an agent speaking the AgentCore HTTP protocol (e.g. `http://127.0.0.1:8080`): the payload, content
   * type, accept and session-id headers go to its `POST /invocations`, and its answer streams back as it is written.
   * An agent that does not answer, or answers 4xx/5xx, gives `RuntimeClientError` (424), as the service does.
   */
  agentUrl?: string;
  sse?: string[];
  json?: any;
  status?: number;
  errorType?: string;
  message?: string;
  chunkDelayMs?: number;
}

/** A running emulator. */
export interface Emulator {
  /** 'http://127.0.0.1:<port>' (control plane and data plane). */
  readonly endpoint: string;
  readonly region: string;
  readonly account: string;
  /** Every request received, in order. */
  readonly calls: CallRecord[];
  /** The calls of one operation. */
  callsTo(operation: string): CallRecord[];
  /** Live runtimes (not deleted), as detached snapshots. */
  runtimes(): RuntimeRecord[];
  /** A live runtime by id or name, as a detached snapshot. */
  runtime(idOrName: string): RuntimeRecord | undefined;
  /** Add a fault; faults are matched in the order they were injected. */
  inject(fault: Fault): void;
  /**
   * Script the statuses that the next GetAgentRuntime calls of a runtime will see, in order; the last one sticks.
   * nameOrId may name a runtime that does not exist yet (applies when it is created). failureReason is reported with
   * *_FAILED statuses. The pseudo-status 'DELETED' removes the runtime (that Get and later ones answer 404).
   * A Create/Update/Delete discards a script whose last status has already been reported.
   */
  scriptStatus(nameOrId: string, statuses: StatusStep[], failureReason?: string): void;
  /**
   * DEFAULT lags behind every later READY version of a runtime (by id or name, also one not created yet): it keeps
   * serving the previous version, to GetAgentRuntimeEndpoint and to InvokeAgentRuntime, until the lag is over.
   * `{ gets: Infinity }` never catches up; a new lag also applies to a DEFAULT catching up now (`{}` ends it).
   */
  lagDefault(nameOrId: string, lag: DefaultLag): void;
  /** Make an existing runtime disappear out of band (as if deleted in the console). */
  deleteOutOfBand(idOrName: string): void;
  /** Create a runtime directly (e.g. one this stack does not own), status READY. */
  seedRuntime(config: { agentRuntimeName: string; tags?: Record<string, string>; [k: string]: any }): RuntimeRecord;
  /** Data plane: how InvokeAgentRuntime answers for a runtime (+ optional version). */
  setInvokeBehaviour(idOrName: string, behaviour: InvokeBehaviour, version?: string): void;
  /** Clear state, calls, faults, scripts and invoke behaviours. */
  reset(): void;
  /** Stop the server. */
  close(): Promise<void>;
}
