/**
 * Data plane: InvokeAgentRuntime (`POST /runtimes/{agentRuntimeArn}/invocations?qualifier=…`). Answers with the
 * behaviour set for the runtime (and version), else echoes the payload: one SSE event when the caller accepts
 * `text/event-stream`, else JSON.
 */
import { notFound, ServiceError } from './errors';
import { Handler, OpRequest, Reply } from './routes';
import { DEFAULT_ENDPOINT, RuntimeState, RuntimeStore } from './runtime-store';
import { InvokeBehaviour } from './types';
import { validate } from './validation';

/** Header carrying the session id (request and response). */
export const SESSION_HEADER = 'x-amzn-bedrock-agentcore-runtime-session-id';

/** Invoke behaviours by runtime id or name, optionally per version. */
export class InvokeBehaviours {
  private readonly entries: { idOrName: string; version?: string; behaviour: InvokeBehaviour }[] = [];

  /** Sets (or replaces) the behaviour of a runtime, or of one of its versions. */
  public set(idOrName: string, behaviour: InvokeBehaviour, version?: string): void {
    const i = this.entries.findIndex((e) => e.idOrName === idOrName && e.version === version);
    if (i >= 0) this.entries.splice(i, 1);
    this.entries.push({ idOrName, version, behaviour });
  }

  /** The behaviour for a runtime version: version-specific first, then runtime-wide. */
  public find(rt: RuntimeState, version: string): InvokeBehaviour | undefined {
    const mine = this.entries.filter((e) => e.idOrName === rt.agentRuntimeId || e.idOrName === rt.agentRuntimeName);
    return (mine.find((e) => e.version === version) ?? mine.find((e) => e.version === undefined))?.behaviour;
  }

  /** Forgets every behaviour. */
  public clear(): void {
    this.entries.length = 0;
  }
}

function resolveRuntime(store: RuntimeStore, arnOrId: string): RuntimeState {
  const id = /^arn:aws[^:]*:bedrock-agentcore:[^:]*:[0-9]{12}:runtime\/(.+)$/.exec(arnOrId)?.[1] ?? arnOrId;
  return store.require(id);
}

function header(req: OpRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function answer(behaviour: InvokeBehaviour, headers: Record<string, string>): Reply {
  if (behaviour.errorType !== undefined || (behaviour.status !== undefined && behaviour.status >= 300)) {
    throw new ServiceError(behaviour.errorType ?? '', behaviour.message ?? 'Emulated invocation error', behaviour.status);
  }
  const status = behaviour.status ?? 200;
  if (behaviour.sse !== undefined) {
    return {
      status,
      headers: { ...headers, 'content-type': 'text/event-stream' },
      chunks: behaviour.sse.map((data) => `data: ${data}\n\n`),
      chunkDelayMs: behaviour.chunkDelayMs,
    };
  }
  return { status, headers, json: behaviour.json ?? {} };
}

/** Builds the data-plane handler over a store. */
export function dataPlaneHandlers(store: RuntimeStore, behaviours: InvokeBehaviours): Record<string, Handler> {
  return {
    InvokeAgentRuntime: (req) => {
      const sessionId = header(req, SESSION_HEADER);
      validate({ runtimeSessionId: sessionId, qualifier: req.query.qualifier }, {
        kind: 'structure',
        members: { runtimeSessionId: { kind: 'string', min: 33, max: 256 }, qualifier: { kind: 'string', min: 1, max: 48 } },
        required: ['runtimeSessionId'],
      });
      const rt = resolveRuntime(store, req.params.agentRuntimeArn);
      const qualifier = req.query.qualifier ?? DEFAULT_ENDPOINT;
      const endpoint = rt.endpoints[qualifier];
      if (!endpoint) throw notFound(`Endpoint ${qualifier} of runtime ${rt.agentRuntimeId} not found`);
      const headers: Record<string, string> = { [SESSION_HEADER]: sessionId as string };
      const version = qualifier === DEFAULT_ENDPOINT ? store.defaultVersion(rt) : endpoint.liveVersion;
      const behaviour = behaviours.find(rt, version);
      if (behaviour?.agentUrl !== undefined) {
        const forwarded: Record<string, string> = { [SESSION_HEADER]: sessionId as string };
        for (const name of ['content-type', 'accept']) {
          const value = header(req, name);
          if (value !== undefined) forwarded[name] = value;
        }
        return { status: 200, headers, forward: { url: `${behaviour.agentUrl}/invocations`, headers: forwarded, body: req.body ?? '' } };
      }
      if (behaviour) return answer(behaviour, headers);
      const payload: string = req.body ?? '';
      if ((header(req, 'accept') ?? '').includes('text/event-stream')) {
        return { status: 200, headers: { ...headers, 'content-type': 'text/event-stream' }, chunks: [`data: ${payload}\n\n`] };
      }
      let json: unknown;
      try {
        json = JSON.parse(payload);
      } catch {
        json = { payload };
      }
      return { status: 200, headers, json };
    },
  };
}

