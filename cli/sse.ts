/**
 * An incremental parser of `text/event-stream` (server-sent events, WHATWG HTML § 9.2): feed it text as it arrives,
 * in chunks split anywhere, and it returns each event as soon as its terminating blank line has been read.
 */

/** One dispatched event. */
export interface SseEvent {
  /** The `event:` field, `message` when absent. */
  readonly event: string;
  /** The `data:` lines joined with `\n`. */
  readonly data: string;
  /** The last `id:` field seen so far, if any. */
  readonly id?: string;
  /** The `retry:` field of this event, if any (milliseconds). */
  readonly retry?: number;
}

/**
 * Incremental SSE parser. Lines end with CRLF, LF or CR (also when the CR and the LF arrive in different chunks);
 * lines starting with `:` are comments; `field: value` loses one space after the colon; several `data:` lines form one
 * event joined with `\n`; a blank line dispatches the event (none when it had no `data`); a leading BOM is ignored.
 */
export class SseParser {
  private buffer = '';
  private skipLf = false;
  private started = false;
  private data: string[] = [];
  private eventType = '';
  private lastId: string | undefined;
  private retry: number | undefined;

  /** Feeds decoded text; returns the events completed by it. */
  public push(chunk: string): SseEvent[] {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.skipLf && text.startsWith('\n')) text = text.slice(1);
    if (text.length > 0) this.skipLf = false;
    this.buffer += text;
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const cr = this.buffer.indexOf('\r', start);
      const lf = this.buffer.indexOf('\n', start);
      if (cr < 0 && lf < 0) break;
      const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
      const line = this.buffer.slice(start, end);
      if (this.buffer[end] === '\r') {
        if (end + 1 < this.buffer.length) {
          start = this.buffer[end + 1] === '\n' ? end + 2 : end + 1;
        } else {
          // a CR at the end of what we have: a following LF (in the next chunk) belongs to it
          start = end + 1;
          this.skipLf = true;
        }
      } else {
        start = end + 1;
      }
      const event = this.line(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /**
   * Ends the stream. Strictly an unterminated last event is discarded; this parser dispatches it (servers often omit
   * the final blank line) and returns it.
   */
  public end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.buffer.length > 0) {
      const event = this.line(this.buffer);
      this.buffer = '';
      if (event) events.push(event);
    }
    const last = this.dispatch();
    if (last) events.push(last);
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break; // unknown fields are ignored
    }
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const data = this.data;
    const eventType = this.eventType;
    const retry = this.retry;
    this.data = [];
    this.eventType = '';
    this.retry = undefined;
    if (data.length === 0) return undefined;
    return {
      event: eventType || 'message',
      data: data.join('\n'),
      ...(this.lastId !== undefined ? { id: this.lastId } : {}),
      ...(retry !== undefined ? { retry } : {}),
    };
  }
}

/**
 * The text of a streamed delta, when the event's data is JSON that carries one: a JSON string; an object with a string
 * `text` or `delta`, or `delta.text`; or a Bedrock Converse stream event (`contentBlockDelta.delta.text`, also nested
 * under `event`). Undefined otherwise (the caller prints the raw data).
 */
export function deltaText(data: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof value === 'string') return value;
  return textOf(value);
}

function textOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.text === 'string') return v.text;
  if (typeof v.delta === 'string') return v.delta;
  if (typeof v.delta === 'object' && v.delta !== null && typeof (v.delta as Record<string, unknown>).text === 'string') {
    return (v.delta as Record<string, string>).text;
  }
  if (v.contentBlockDelta !== undefined) return textOf(v.contentBlockDelta);
  if (v.event !== undefined) return textOf(v.event);
  return undefined;
}
