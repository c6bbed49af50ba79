/**
 * The data-plane call both the provider's health check and the invoke CLI make: `InvokeAgentRuntime` with a JSON
 * payload, asking for server-sent events or JSON, and the reading of its answer body, chunk by chunk or whole.
 */
import type { Readable } from 'stream';
import { InvokeAgentRuntimeCommand, InvokeAgentRuntimeCommandOutput } from '@aws-sdk/client-bedrock-agentcore';

/** One invocation. */
export interface InvokeRequest {
  readonly runtimeArn: string;
  /** The endpoint name. */
  readonly qualifier: string;
  /** `runtimeSessionId` (33 to 256 characters). */
  readonly sessionId: string;
  /** The JSON body. */
  readonly payload: string;
}

/** The part of `BedrockAgentCoreClient` used here. */
export interface InvokeClient {
  send(command: InvokeAgentRuntimeCommand, options?: { abortSignal?: AbortSignal }): Promise<InvokeAgentRuntimeCommandOutput>;
}

/** What the request accepts: a stream of server-sent events, or one JSON value. */
export const ACCEPT = 'text/event-stream, application/json';

/**
 * Sends `InvokeAgentRuntime` (JSON payload, {@link ACCEPT}); resolves once the answer's headers are in, with its body
 * unread (read it with {@link bodyChunks} or {@link readBody}). `signal` aborts the request.
 */
export function invokeAgentRuntime(client: InvokeClient, request: InvokeRequest, signal?: AbortSignal): Promise<InvokeAgentRuntimeCommandOutput> {
  return client.send(new InvokeAgentRuntimeCommand({
    agentRuntimeArn: request.runtimeArn,
    qualifier: request.qualifier,
    runtimeSessionId: request.sessionId,
    contentType: 'application/json',
    accept: ACCEPT,
    payload: new TextEncoder().encode(request.payload),
  }), signal ? { abortSignal: signal } : undefined);
}

/** The error a read rejects with when its signal aborts: the signal's reason when it is an Error. */
function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error && signal.reason.name !== 'AbortError' ? signal.reason : new Error('the answer was not read to its end: aborted');
}

/**
 * The bytes of an answer body as they arrive, whatever form the SDK gives it (a Node.js stream, any async iterable, a
 * string, a byte array, a blob with `transformToByteArray`). When `signal` aborts, the stream is destroyed and the
 * iteration rejects.
 */
export async function* bodyChunks(body: unknown, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  if (signal?.aborted) throw abortError(signal);
  if (body === undefined || body === null) return;
  if (typeof body === 'string') {
    yield new TextEncoder().encode(body);
    return;
  }
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const readable = body as Partial<Readable> & AsyncIterable<Uint8Array | string>;
    const onAbort = () => readable.destroy?.(abortError(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const chunk of readable) {
        if (signal?.aborted) throw abortError(signal);
        yield typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (signal?.aborted) throw abortError(signal);
    return;
  }
  const transform = (body as { transformToByteArray?: () => Promise<Uint8Array> }).transformToByteArray;
  if (typeof transform === 'function') yield await transform.call(body);
}

/** A body read whole (its first `maxBytes`). */
export interface ReadBody {
  readonly bytes: Buffer;
  /** The body was longer than `maxBytes` (it was still read to its end). */
  readonly truncated: boolean;
}

/** Reads a body to its end, keeping at most `maxBytes`; rejects when `signal` aborts. */
export async function readBody(body: unknown, maxBytes: number, signal?: AbortSignal): Promise<ReadBody> {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let total = 0;
  for await (const chunk of bodyChunks(body, signal)) {
    total += chunk.length;
    if (keptBytes < maxBytes) {
      const part = Buffer.from(chunk.buffer, chunk.byteOffset, Math.min(chunk.length, maxBytes - keptBytes));
      kept.push(part);
      keptBytes += part.length;
    }
  }
  return { bytes: Buffer.concat(kept), truncated: total > maxBytes };
}
