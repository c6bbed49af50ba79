/**
 * What goes to stdout: only the answer. {@link TextRenderer} prints streamed deltas as they arrive (for people);
 * {@link JsonRenderer} prints one JSON object per line (for scripts), ending with a summary line.
 */
import type { DecodedEvent } from '../internal/answer';
import type { SseEvent } from '../internal/sse';

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
  /** One server-sent event that is not an error, decoded by `internal/answer.ts`. */
  event(event: SseEvent, decoded: DecodedEvent): void;
  /** A complete (non-streaming) JSON answer; `raw` is its text. */
  json(value: unknown, raw: string): void;
  /** A piece of an answer that is neither SSE nor JSON. */
  text(chunk: string): void;
  /** An error event of the stream (printed to stderr in text mode). */
  streamError(message: string): void;
  /** The answer is complete (or failed); `summary` is printed in `--json` mode. */
  end(summary: Summary): void;
}

/** Text mode: deltas are concatenated as they arrive, other events printed one per line, JSON answers pretty-printed. */
export class TextRenderer implements Renderer {
  private atLineStart = true;
  private wrote = false;

  constructor(private readonly write: Write, private readonly writeErr: Write) {}

  public event(event: SseEvent, decoded: DecodedEvent): void {
    if (decoded.kind === 'text') this.out(decoded.text);
    else if (decoded.kind === 'other') this.line(event.data);
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

  public event(event: SseEvent, decoded: DecodedEvent): void {
    this.emit({
      type: 'event',
      event: event.event,
      data: event.data,
      ...(decoded.json ? { json: decoded.json.value } : {}),
      ...(decoded.kind === 'text' ? { text: decoded.text } : {}),
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
