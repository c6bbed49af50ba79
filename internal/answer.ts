/**
 * The one decoder of agent answers, used by the invoke CLI to print an answer and by the provider's health check to
 * match it: which server-sent events carry answer text (and which text), which mark the end of the answer, which
 * report an error, and the text of a whole (SSE, JSON or plain) body.
 *
 * {@link ANSWER_FORMATS} lists every format with an example; the README's health-check section and `cli/README.md`
 * show it as a table, and a test (`test/internal/answer.test.ts`) keeps both tables equal to the list and the list true
 * to the decoder.
 */
import { SseParser } from './sse';

/** What one event (or one JSON value) means. */
export type Decoded =
  /** A piece of the answer. */
  | { readonly kind: 'text'; readonly text: string }
  /** The end of the answer (`[DONE]`, `{"type":"done"}`): nothing to print. */
  | { readonly kind: 'done' }
  /** The agent reports a failure. */
  | { readonly kind: 'error'; readonly message: string }
  /** Anything else: shown as it is. */
  | { readonly kind: 'other' };

/** An event decoded, with its data parsed as JSON when it is JSON (so callers never parse it twice). */
export type DecodedEvent = Decoded & {
  /** Set when the data is JSON. */
  readonly json?: { readonly value: unknown };
};

/** One answer format the decoder understands, as documented. */
export interface AnswerFormat {
  /** The event as it appears on the wire: its `data:` line, after an `event:` line when it has one. */
  readonly example: string;
  /** The format in words, and where it is typically seen. */
  readonly format: string;
  /** What the decoder makes of the example. */
  readonly decoded: Decoded;
}

/** The end-of-answer marker some agents send as the data of their last event. */
export const DONE_MARKER = '[DONE]';

/** Every format the decoder understands, in the order it tries them. The docs tables are rendered from this list. */
export const ANSWER_FORMATS: readonly AnswerFormat[] = [
  { example: 'data: "Hel"', format: 'a JSON string', decoded: { kind: 'text', text: 'Hel' } },
  { example: 'data: {"text":"Hel"}', format: 'a `text` member', decoded: { kind: 'text', text: 'Hel' } },
  {
    example: 'data: {"type":"delta","text":"Hel"}',
    format: 'typed deltas (the example agent, `bin/agent/server.js`)',
    decoded: { kind: 'text', text: 'Hel' },
  },
  { example: 'data: {"delta":"Hel"}', format: 'a string `delta` member', decoded: { kind: 'text', text: 'Hel' } },
  {
    example: 'data: {"type":"content_block_delta","delta":{"type":"text_delta","text":"Hel"}}',
    format: '`delta.text` (Anthropic Messages streaming)',
    decoded: { kind: 'text', text: 'Hel' },
  },
  {
    example: 'data: {"contentBlockDelta":{"delta":{"text":"Hel"},"contentBlockIndex":0}}',
    format: 'Bedrock ConverseStream `contentBlockDelta`, also wrapped as `{"event":{…}}`',
    decoded: { kind: 'text', text: 'Hel' },
  },
  { example: 'data: {"content":"Hel"}', format: 'a string `content` member', decoded: { kind: 'text', text: 'Hel' } },
  {
    example: 'data: {"content":[{"type":"text","text":"Hel"},{"type":"image"}]}',
    format: 'content blocks (the text of the blocks that have text, joined)',
    decoded: { kind: 'text', text: 'Hel' },
  },
  { example: 'data: [DONE]', format: 'end marker (OpenAI-style streams)', decoded: { kind: 'done' } },
  { example: 'data: {"type":"done"}', format: 'end marker (the example agent)', decoded: { kind: 'done' } },
  {
    example: 'event: error\ndata: {"message":"model timed out"}',
    format: 'an `error` event (its `message` or `error` member, else its data)',
    decoded: { kind: 'error', message: 'model timed out' },
  },
  {
    example: 'data: {"error":"model timed out","error_type":"TimeoutError"}',
    format: 'an `error` member (the AgentCore Python SDK streams a failure so)',
    decoded: { kind: 'error', message: 'TimeoutError: model timed out' },
  },
  { example: 'data: {"usage":{"outputTokens":3}}', format: 'anything else', decoded: { kind: 'other' } },
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function blocksText(blocks: unknown[]): string | undefined {
  const texts = blocks.map((b) => (typeof b === 'string' ? b : isObject(b) && typeof b.text === 'string' ? b.text : undefined));
  const found = texts.filter((t): t is string => t !== undefined);
  return found.length > 0 ? found.join('') : undefined;
}

/**
 * The answer text a JSON value carries, or undefined: a JSON string; a string `text`; a string `delta` or `delta.text`;
 * Bedrock's `contentBlockDelta` (also under `event`); a string `content` or content blocks.
 */
export function jsonText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isObject(value)) return undefined;
  if (typeof value.text === 'string') return value.text;
  if (typeof value.delta === 'string') return value.delta;
  if (isObject(value.delta) && typeof value.delta.text === 'string') return value.delta.text;
  if (isObject(value.contentBlockDelta)) return jsonText(value.contentBlockDelta);
  if (isObject(value.event)) return jsonText(value.event);
  if (typeof value.content === 'string') return value.content;
  if (Array.isArray(value.content)) return blocksText(value.content);
  return undefined;
}

function errorMessage(value: Record<string, unknown>): string | undefined {
  const error = value.error;
  if (error === undefined || error === null || error === false) return undefined;
  const detail = typeof error === 'string' ? error : JSON.stringify(error);
  return typeof value.error_type === 'string' ? `${value.error_type}: ${detail}` : detail;
}

/** Decodes one server-sent event (its `event` name, `message` when absent, and its data). */
export function decodeEvent(event: { readonly event?: string; readonly data: string }): DecodedEvent {
  let json: { value: unknown } | undefined;
  try {
    json = { value: JSON.parse(event.data) };
  } catch {
    json = undefined;
  }
  const withJson = json ? { json } : {};
  const obj = isObject(json?.value) ? json.value : undefined;
  if (event.event === 'error') {
    const message = obj?.message ?? obj?.error;
    return { kind: 'error', message: typeof message === 'string' ? message : event.data, ...withJson };
  }
  if (event.data === DONE_MARKER) return { kind: 'done' };
  if (!json) return { kind: 'other' };
  const text = jsonText(json.value);
  if (text !== undefined) return { kind: 'text', text, ...withJson };
  if (obj) {
    const message = errorMessage(obj);
    if (message !== undefined) return { kind: 'error', message, ...withJson };
    if (obj.type === 'done') return { kind: 'done', ...withJson };
  }
  return { kind: 'other', ...withJson };
}

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** How an answer body is read: as server-sent events, as one JSON value, or as opaque content. */
export function answerKind(contentType: string | undefined): 'sse' | 'json' | 'other' {
  const mime = mediaType(contentType);
  if (mime === 'text/event-stream') return 'sse';
  if (mime === 'application/json' || mime.endsWith('+json')) return 'json';
  return 'other';
}

/** The text of a whole answer, and the first error it reports. */
export interface AnswerText {
  /** The answer text: decoded event texts concatenated (other events' data as they are), or the body. */
  readonly text: string;
  /** The first error event of a stream. */
  readonly error?: string;
}

/**
 * The text of a whole answer body: for server-sent events (by Content-Type, or a body with `data:` lines) the text of
 * each event concatenated, end markers and errors left out and other events' data kept as they are; for a JSON body
 * the text it carries ({@link jsonText}) or the body; any other body as it is.
 */
export function answerText(body: string, contentType?: string): AnswerText {
  const kind = answerKind(contentType);
  if (kind === 'sse' || (kind === 'other' && /^data:/m.test(body))) {
    const parts: string[] = [];
    let error: string | undefined;
    for (const event of SseParser.parse(body)) {
      const decoded = decodeEvent(event);
      if (decoded.kind === 'text') parts.push(decoded.text);
      else if (decoded.kind === 'other') parts.push(event.data);
      else if (decoded.kind === 'error') error ??= decoded.message;
    }
    return { text: parts.join(''), ...(error !== undefined ? { error } : {}) };
  }
  if (kind === 'json') {
    try {
      return { text: jsonText(JSON.parse(body)) ?? body };
    } catch {
      return { text: body };
    }
  }
  return { text: body };
}
