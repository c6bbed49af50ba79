/**
 * The data-plane call: `InvokeAgentRuntime` (`internal/data-plane.ts`) with retries after throttling (the shared
 * jittered backoff), and reading its answer incrementally into a {@link Renderer}: SSE events as they arrive (decoded by
 * `internal/answer.ts`), JSON answers whole, anything else as the bytes that arrived.
 */
import type { InvokeAgentRuntimeCommandOutput } from '@aws-sdk/client-bedrock-agentcore';
import { Renderer } from './output';
import { answerKind, decodeEvent } from '../internal/answer';
import { backoffDelay, BackoffOptions } from '../internal/backoff';
import { bodyChunks, invokeAgentRuntime, InvokeClient, InvokeRequest } from '../internal/data-plane';
import { isThrottling } from '../internal/errors';
import { SseEvent, SseParser } from '../internal/sse';

/** Backoff between attempts after throttling: 125–250 ms, then 250–500 ms, … at most 2–4 s. */
export const THROTTLE_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 4000 };

/** Retry settings and effects (injected so tests need not sleep). */
export interface RetryOptions {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  /** Called before each retry. */
  readonly onRetry?: (retry: number, delayMs: number, err: unknown) => void;
  /** Aborts the request (Ctrl-C). */
  readonly signal?: AbortSignal;
}

/** The answer headers and how many attempts it took. */
export interface Invoked {
  readonly output: InvokeAgentRuntimeCommandOutput;
  readonly attempts: number;
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
export async function invokeWithRetry(client: InvokeClient, request: InvokeRequest, retry: RetryOptions): Promise<Invoked> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { output: await invokeAgentRuntime(client, request, retry.signal), attempts: attempt };
    } catch (err) {
      if (!isThrottling(err) || attempt > retry.maxRetries || retry.signal?.aborted) throw new AttemptsError(err, attempt);
      const delay = backoffDelay(attempt - 1, THROTTLE_BACKOFF, retry.random);
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

/** How {@link readAnswer} is paced and stopped. */
export interface ReadOptions {
  /** Ctrl-C: stops the reading. */
  readonly signal?: AbortSignal;
  /**
   * Resolves once the output has room again (stdout to a slow pipe): the next chunk is read only then, so a slow
   * reader of stdout slows the stream down instead of the CLI buffering the answer in memory.
   */
  readonly drained?: () => Promise<void>;
}

/**
 * Reads the answer body chunk by chunk and hands it to `renderer` as it arrives: SSE events as soon as each is complete
 * (UTF-8 split across chunks is handled), a JSON answer once whole, any other content as the bytes that arrived.
 */
export async function readAnswer(output: InvokeAgentRuntimeCommandOutput, renderer: Renderer, options: ReadOptions = {}): Promise<AnswerResult> {
  const { signal } = options;
  const drained = options.drained ?? (() => Promise.resolve());
  const contentType = output.contentType ?? 'application/octet-stream';
  const kind = answerKind(contentType);
  if (kind === 'sse') {
    const decoder = new TextDecoder('utf-8');
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
    for await (const chunk of bodyChunks(output.response, signal)) {
      handle(parser.push(decoder.decode(chunk, { stream: true })));
      await drained();
    }
    handle(parser.push(decoder.decode()));
    handle(parser.end());
    return { contentType, events, ...(error !== undefined ? { error } : {}) };
  }
  if (kind === 'json') {
    const parts: Uint8Array[] = [];
    for await (const chunk of bodyChunks(output.response, signal)) parts.push(chunk);
    const raw = Buffer.concat(parts);
    let value: unknown;
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch {
      renderer.bytes(raw, contentType);
      return { contentType, events: 0 };
    }
    renderer.json(value);
    return { contentType, events: 0 };
  }
  for await (const chunk of bodyChunks(output.response, signal)) {
    if (chunk.length > 0) renderer.bytes(chunk, contentType);
    await drained();
  }
  return { contentType, events: 0 };
}
