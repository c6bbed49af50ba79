/**
 * What goes to stdout: only the answer. {@link TextRenderer} prints streamed deltas as they arrive (for people);
 * {@link JsonRenderer} prints one JSON object per line (for scripts), ending with a summary line.
 */
import { deltaText, SseEvent } from './sse';

/** Writes text to stdout. */
export type Write = (text: string) => void;

/** The final `--json` line (also the basis of the stderr diagnostics). */
export interface Summary {
  readonly type: 'summary';
  /** 'ok' when the answer was read completely without an error event, else 'error'. */
  readonly status: 'ok' | 'error';
  readonly exitCode: number;
  readonly runtimeArn?: string;
  readonly qualifier?: string;
  /** How the runtime ARN was found. */
  readonly source?: string;
  readonly sessionId?: string;
  /** Why this session id: new, reused, rotated, given, forced-new. */
  readonly session?: string;
  readonly actor?: string;
  readonly httpStatus?: number;
  readonly contentType?: string;
  /** SSE events received. */
  readonly events?: number;
  /** InvokeAgentRuntime attempts (more than 1 after throttling). */
  readonly attempts?: number;
  readonly error?: string;
}

/** Receives the answer as it is read. */
export interface Renderer {
  /** One server-sent event. */
  event(event: SseEvent): void;
  /** A complete (non-streaming) JSON answer; `raw` is its text. */
  json(value: unknown, raw: string): void;
  /** A piece of an answer that is neither SSE nor JSON. */
  text(chunk: string): void;
  /** An error event of the stream (printed to stderr in text mode). */
  streamError(message: string): void;
  /** The answer is complete (or failed); `summary` is printed in `--json` mode. */
  end(summary: Summary): void;
}

/** The `[DONE]` end marker some agents send; not printed in text mode. */
export const DONE_MARKER = '[DONE]';

/**
 * The error message carried by an event: `event: error`, or JSON data with an `error` member (as the AgentCore Python
 * SDK streams a failure). Undefined for ordinary events.
 */
export function eventError(event: SseEvent): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(event.data);
  } catch {
    value = undefined;
  }
  const obj = typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  if (event.event === 'error') {
    const message = obj?.message ?? obj?.error;
    return typeof message === 'string' ? message : event.data;
  }
  if (obj && obj.error !== undefined && obj.error !== null && obj.error !== false && deltaText(event.data) === undefined) {
    const detail = typeof obj.error === 'string' ? obj.error : JSON.stringify(obj.error);
    return typeof obj.error_type === 'string' ? `${obj.error_type}: ${detail}` : detail;
  }
  return undefined;
}

/** Text mode: deltas are concatenated as they arrive, other events printed one per line, JSON answers pretty-printed. */
export class TextRenderer implements Renderer {
  private atLineStart = true;
  private wrote = false;

  constructor(private readonly write: Write, private readonly writeErr: Write) {}

  public event(event: SseEvent): void {
    if (event.data === DONE_MARKER) return;
    const delta = deltaText(event.data);
    if (delta !== undefined) this.out(delta);
    else this.line(event.data);
  }

  public json(value: unknown): void {
    this.line(JSON.stringify(value, null, 2));
  }

  public text(chunk: string): void {
    this.out(chunk);
  }

  public streamError(message: string): void {
    this.writeErr(`${this.atLineStart ? '' : '\n'}agent error: ${message}\n`);
  }

  public end(): void {
    if (this.wrote && !this.atLineStart) this.out('\n');
  }

  private line(text: string): void {
    this.out(`${this.atLineStart ? '' : '\n'}${text}\n`);
  }

  private out(text: string): void {
    if (text.length === 0) return;
    this.write(text);
    this.wrote = true;
    this.atLineStart = text.endsWith('\n');
  }
}

/**
 * `--json` mode, one object per line: `{"type":"event","event","data"(raw),"json"(when data is JSON),"text"(when it
 * carries a delta),"id"}` per event, `{"type":"response","json"}` for a JSON answer, `{"type":"chunk","text"}` for
 * other answers, `{"type":"error","message"}` for an error event, and the {@link Summary} last.
 */
export class JsonRenderer implements Renderer {
  constructor(private readonly write: Write) {}

  public event(event: SseEvent): void {
    let json: unknown;
    let isJson = false;
    try {
      json = JSON.parse(event.data);
      isJson = true;
    } catch {
      isJson = false;
    }
    const text = deltaText(event.data);
    this.emit({
      type: 'event',
      event: event.event,
      data: event.data,
      ...(isJson ? { json } : {}),
      ...(text !== undefined ? { text } : {}),
      ...(event.id !== undefined ? { id: event.id } : {}),
    });
  }

  public json(value: unknown): void {
    this.emit({ type: 'response', json: value });
  }

  public text(chunk: string): void {
    this.emit({ type: 'chunk', text: chunk });
  }

  public streamError(message: string): void {
    this.emit({ type: 'error', message });
  }

  public end(summary: Summary): void {
    this.emit(summary);
  }

  private emit(value: object): void {
    this.write(`${JSON.stringify(value)}\n`);
  }
}
