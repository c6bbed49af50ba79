/**
 * The data-plane call: `InvokeAgentRuntime` with retries after throttling (jittered exponential backoff), and reading
 * its answer incrementally into a {@link Renderer} (SSE events as they arrive, JSON answers whole, anything else as
 * text chunks).
 */
import { InvokeAgentRuntimeCommand, InvokeAgentRuntimeCommandOutput } from '@aws-sdk/client-bedrock-agentcore';
import { isThrottling } from './errors';
import { Renderer } from './output';
import { answerKind, decodeEvent } from '../internal/answer';
import { SseEvent, SseParser } from '../internal/sse';

/** The part of `BedrockAgentCoreClient` used here. */
export interface DataPlane {
  send(command: InvokeAgentRuntimeCommand): Promise<InvokeAgentRuntimeCommandOutput>;
}

/** One invocation. */
export interface InvokeRequest {
  readonly runtimeArn: string;
  readonly qualifier: string;
  readonly sessionId: string;
  /** The JSON body. */
  readonly payload: string;
}

/** Retry settings and effects (injected so tests need not sleep). */
export interface RetryOptions {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** First backoff in ms. @default 250 */
  readonly baseDelayMs?: number;
  /** Largest backoff in ms. @default 4000 */
  readonly maxDelayMs?: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  /** Called before each retry. */
  readonly onRetry?: (retry: number, delayMs: number, err: unknown) => void;
}

/** The answer headers and how many attempts it took. */
export interface Invoked {
  readonly output: InvokeAgentRuntimeCommandOutput;
  readonly attempts: number;
}

/**
 * Backoff before retry `retry` (1-based): exponential from `baseMs`, capped at `capMs`, with "equal jitter" (half
 * fixed, half random) so that concurrent clients spread out but never retry at once.
 */
export function backoffDelay(retry: number, random: number, baseMs = 250, capMs = 4000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random * (ceiling / 2));
}

/** An error that also says how many attempts were made. */
export class AttemptsError extends Error {
  constructor(public readonly lastError: unknown, public readonly attempts: number) {
    super((lastError as Error)?.message ?? String(lastError));
    this.name = 'AttemptsError';
  }
}

/**
 * Sends `InvokeAgentRuntime`, retrying throttling errors up to `maxRetries` times. Nothing has been read from an
 * answer when a retry happens (throttled requests are not executed), so retrying never repeats output. Rejects with an
 * {@link AttemptsError} around the last error.
 */
export async function invokeWithRetry(client: DataPlane, request: InvokeRequest, retry: RetryOptions): Promise<Invoked> {
  const body = new TextEncoder().encode(request.payload);
  for (let attempt = 1; ; attempt++) {
    try {
      const output = await client.send(new InvokeAgentRuntimeCommand({
        agentRuntimeArn: request.runtimeArn,
        qualifier: request.qualifier,
        runtimeSessionId: request.sessionId,
        contentType: 'application/json',
        accept: 'text/event-stream, application/json',
        payload: body,
      }));
      return { output, attempts: attempt };
    } catch (err) {
      if (!isThrottling(err) || attempt > retry.maxRetries) throw new AttemptsError(err, attempt);
      const delay = backoffDelay(attempt, retry.random(), retry.baseDelayMs, retry.maxDelayMs);
      retry.onRetry?.(attempt, delay, err);
      await retry.sleep(delay);
    }
  }
}

/** What was read. */
export interface AnswerResult {
  readonly contentType: string;
  /** SSE events read (0 for other answers). */
  readonly events: number;
  /** The first error event of the stream, if any. */
  readonly error?: string;
}

async function* chunks(body: unknown): AsyncGenerator<Uint8Array> {
  if (body === undefined || body === null) return;
  if (typeof body === 'string') {
    yield new TextEncoder().encode(body);
    return;
  }
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  if (typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
      yield typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    }
    return;
  }
  const transform = (body as { transformToByteArray?: () => Promise<Uint8Array> }).transformToByteArray;
  if (typeof transform === 'function') yield await transform.call(body);
}

/**
 * Reads the answer body chunk by chunk and hands it to `renderer` as it arrives: SSE events as soon as each is complete
 * (UTF-8 split across chunks is handled), a JSON answer once whole, other content as decoded text chunks.
 */
export async function readAnswer(output: InvokeAgentRuntimeCommandOutput, renderer: Renderer): Promise<AnswerResult> {
  const contentType = output.contentType ?? 'application/octet-stream';
  const kind = answerKind(contentType);
  const decoder = new TextDecoder('utf-8');
  if (kind === 'sse') {
    const parser = new SseParser();
    let events = 0;
    let error: string | undefined;
    const handle = (list: SseEvent[]) => {
      for (const event of list) {
        events++;
        const decoded = decodeEvent(event);
        if (decoded.kind === 'error') {
          error ??= decoded.message;
          renderer.streamError(decoded.message);
        } else {
          renderer.event(event, decoded);
        }
      }
    };
    for await (const chunk of chunks(output.response)) handle(parser.push(decoder.decode(chunk, { stream: true })));
    handle(parser.push(decoder.decode()));
    handle(parser.end());
    return { contentType, events, ...(error !== undefined ? { error } : {}) };
  }
  if (kind === 'json') {
    let raw = '';
    for await (const chunk of chunks(output.response)) raw += decoder.decode(chunk, { stream: true });
    raw += decoder.decode();
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      renderer.text(raw);
      return { contentType, events: 0 };
    }
    renderer.json(value, raw);
    return { contentType, events: 0 };
  }
  for await (const chunk of chunks(output.response)) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) renderer.text(text);
  }
  const rest = decoder.decode();
  if (rest) renderer.text(rest);
  return { contentType, events: 0 };
}
