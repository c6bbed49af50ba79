/**
 * What goes to stdout: only the answer. {@link TextRenderer} prints streamed deltas as they arrive and copies other
 * answers through byte for byte (for people and pipes); {@link JsonRenderer} prints one JSON object per line (for
 * scripts), ending with a summary line.
 */
import { DecodedEvent, mediaType } from '../internal/answer';
import type { SseEvent } from '../internal/sse';

/** Writes text (UTF-8) or bytes (as they are) to stdout or stderr. */
export type Write = (chunk: string | Uint8Array) => void;

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
  /** A complete (non-streaming) JSON answer. */
  json(value: unknown): void;
  /** Bytes of an answer that is neither SSE nor valid JSON, as they arrived; `contentType` is the answer's. */
  bytes(chunk: Uint8Array, contentType: string): void;
  /** An error event of the stream (printed to stderr in text mode). */
  streamError(message: string): void;
  /** The answer is complete (or failed); `summary` is printed in `--json` mode. */
  end(summary: Summary): void;
}

/**
 * Text mode: deltas are concatenated as they arrive, other events printed one per line, JSON answers pretty-printed,
 * anything else copied through byte for byte (with no newline added unless stdout is a terminal).
 */
export class TextRenderer implements Renderer {
  private atLineStart = true;
  private wrote = false;
  private copied = false;

  /** `terminal`: stdout is a terminal, so a copied answer that does not end with a newline gets one. */
  constructor(private readonly write: Write, private readonly writeErr: Write, private readonly terminal = false) {}

  public event(event: SseEvent, decoded: DecodedEvent): void {
    if (decoded.kind === 'text') this.out(decoded.text);
    else if (decoded.kind === 'other') this.line(event.data);
  }

  public json(value: unknown): void {
    this.line(JSON.stringify(value, null, 2));
  }

  public bytes(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.write(chunk);
    this.wrote = true;
    this.copied = true;
    this.atLineStart = chunk[chunk.length - 1] === 0x0a;
  }

  public streamError(message: string): void {
    this.writeErr(`${this.atLineStart ? '' : '\n'}agent error: ${message}\n`);
  }

  public end(): void {
    if (this.wrote && !this.atLineStart && (!this.copied || this.terminal)) this.out('\n');
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

/** Whether an answer of this content type is UTF-8 text (printed as `text` in `--json` mode, else as `base64`). */
export function isUtf8Text(contentType: string): boolean {
  const mime = mediaType(contentType);
  const charset = /;\s*charset="?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset !== undefined) return charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii';
  return mime.startsWith('text/') || /^application\/(json|xml|javascript|x-ndjson|yaml)$/.test(mime) || /\+(json|xml)$/.test(mime);
}

/**
 * `--json` mode, one object per line: `{"type":"event","event","data"(raw),"json"(when data is JSON),"text"(when it
 * carries answer text),"id"}` per event, `{"type":"response","json"}` for a JSON answer, `{"type":"chunk","text"}` per
 * piece of a UTF-8 text answer and `{"type":"chunk","base64"}` per piece of any other answer, `{"type":"error","message"}`
 * for an error event, and the {@link Summary} last.
 */
export class JsonRenderer implements Renderer {
  private readonly decoder = new TextDecoder('utf-8');

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

  public bytes(chunk: Uint8Array, contentType: string): void {
    if (!isUtf8Text(contentType)) {
      this.emit({ type: 'chunk', base64: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64') });
      return;
    }
    const text = this.decoder.decode(chunk, { stream: true });
    if (text) this.emit({ type: 'chunk', text });
  }

  public streamError(message: string): void {
    this.emit({ type: 'error', message });
  }

  public end(summary: Summary): void {
    const rest = this.decoder.decode();
    if (rest) this.emit({ type: 'chunk', text: rest });
    this.emit(summary);
  }

  private emit(value: object): void {
    this.write(`${JSON.stringify(value)}\n`);
  }
}
