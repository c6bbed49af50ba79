/**
 * HTTP bindings of the emulated operations (restJson1; read from the SDK schemas
 * `@aws-sdk/client-bedrock-agentcore-control` 3.1142.0 and `@aws-sdk/client-bedrock-agentcore` 3.1141.0).
 */

/** One operation's binding. `{label}` segments match one percent-encoded path segment. */
export interface Route {
  readonly method: string;
  readonly template: string;
  readonly operation: string;
  /** Where the idempotency token travels, if the operation has one. */
  readonly token?: 'body' | 'query';
  /** Data-plane operations (`bedrock-agentcore`) carry their payload as raw text instead of JSON. */
  readonly dataPlane?: boolean;
}

/** A decoded request as handlers see it. */
export interface OpRequest {
  /** Decoded path labels. */
  readonly params: Record<string, string>;
  /** Decoded query (repeated keys joined with ','). */
  readonly query: Record<string, string>;
  /** Every value of each query key. */
  readonly queryAll: URLSearchParams;
  /** Parsed JSON body (control plane) or payload text (data plane); undefined when empty. */
  readonly body: any;
  /** Lower-cased request headers. */
  readonly headers: Record<string, string | string[] | undefined>;
}

/** What a handler answers: JSON, or server-sent events written one by one. */
export interface Reply {
  readonly status: number;
  readonly json?: unknown;
  readonly headers?: Record<string, string>;
  /** Raw body chunks written in order, `chunkDelayMs` apart. */
  readonly chunks?: string[];
  /** Answer with what this HTTP request answers (status, content type, body streamed through). */
  readonly forward?: { readonly url: string; readonly headers: Record<string, string>; readonly body: string };
  readonly chunkDelayMs?: number;
}

/**
 * An operation implementation; throws `ServiceError` to answer an exception. Synchronous on purpose: an operation
 * and the recording of its clientToken happen without interleaving other requests.
 */
export type Handler = (req: OpRequest) => Reply;

/** Every routed operation. */
export const ROUTES: readonly Route[] = [
  { method: 'PUT', template: '/runtimes/', operation: 'CreateAgentRuntime', token: 'body' },
  { method: 'POST', template: '/runtimes/', operation: 'ListAgentRuntimes' },
  { method: 'GET', template: '/runtimes/{agentRuntimeId}/', operation: 'GetAgentRuntime' },
  { method: 'PUT', template: '/runtimes/{agentRuntimeId}/', operation: 'UpdateAgentRuntime', token: 'body' },
  { method: 'DELETE', template: '/runtimes/{agentRuntimeId}/', operation: 'DeleteAgentRuntime', token: 'query' },
  { method: 'POST', template: '/runtimes/{agentRuntimeId}/versions/', operation: 'ListAgentRuntimeVersions' },
  { method: 'PUT', template: '/runtimes/{agentRuntimeId}/runtime-endpoints/', operation: 'CreateAgentRuntimeEndpoint', token: 'body' },
  { method: 'POST', template: '/runtimes/{agentRuntimeId}/runtime-endpoints/', operation: 'ListAgentRuntimeEndpoints' },
  { method: 'GET', template: '/runtimes/{agentRuntimeId}/runtime-endpoints/{endpointName}/', operation: 'GetAgentRuntimeEndpoint' },
  { method: 'PUT', template: '/runtimes/{agentRuntimeId}/runtime-endpoints/{endpointName}/', operation: 'UpdateAgentRuntimeEndpoint', token: 'body' },
  { method: 'DELETE', template: '/runtimes/{agentRuntimeId}/runtime-endpoints/{endpointName}/', operation: 'DeleteAgentRuntimeEndpoint', token: 'query' },
  { method: 'POST', template: '/tags/{resourceArn}', operation: 'TagResource' },
  { method: 'DELETE', template: '/tags/{resourceArn}', operation: 'UntagResource' },
  { method: 'GET', template: '/tags/{resourceArn}', operation: 'ListTagsForResource' },
  { method: 'PUT', template: '/resourcepolicy/{resourceArn}', operation: 'PutResourcePolicy' },
  { method: 'GET', template: '/resourcepolicy/{resourceArn}', operation: 'GetResourcePolicy' },
  { method: 'DELETE', template: '/resourcepolicy/{resourceArn}', operation: 'DeleteResourcePolicy' },
  { method: 'POST', template: '/runtimes/{agentRuntimeArn}/invocations', operation: 'InvokeAgentRuntime', dataPlane: true },
];

/** The route and decoded labels for a request, or undefined. */
export function matchRoute(method: string, rawPath: string): { route: Route; params: Record<string, string> } | undefined {
  const segments = rawPath.split('/');
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const parts = route.template.split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = parts.every((part, i) => {
      const label = /^\{(\w+)\}$/.exec(part);
      if (!label) return part === segments[i];
      params[label[1]] = decodeURIComponent(segments[i]);
      return true;
    });
    if (ok) return { route, params };
  }
  return undefined;
}
