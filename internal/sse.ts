/**
 * An incremental parser of `text/event-stream` (server-sent events, WHATWG HTML § 9.2): feed it text as it arrives,
 * in chunks split anywhere, and it returns each event as soon as its terminating blank line has been read.
 *
 * Linear in the size of the stream: each character is scanned once (an unfinished line is kept as the pieces that
 * arrived and joined once, when its end arrives), so one 40 MB event costs what 40 MB of small events cost. Memory is
 * the current event and its unfinished line, nothing more (see `bench/sse.bench.ts`).
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

const LINE_END = /[\r\n]/g;
const CR = 13;
const LF = 10;

/**
 * Incremental SSE parser. Lines end with CRLF, LF or CR (also when the CR and the LF arrive in different chunks);
 * lines starting with `:` are comments; `field: value` loses one space after the colon; several `data:` lines form one
 * event joined with `\n`; a blank line dispatches the event (none when it had no `data`); a leading BOM is ignored.
 */
export class SseParser {
  /** Parses a whole stream at once (all its events, including an unterminated last one). */
  public static parse(text: string): SseEvent[] {
    const parser = new SseParser();
    return [...parser.push(text), ...parser.end()];
  }

  /** The pieces of the line whose end has not arrived yet. */
  private pending: string[] = [];
  private skipLf = false;
  private started = false;
  private data: string[] = [];
  private eventType = '';
  private lastId: string | undefined;
  private retry: number | undefined;

  /** Feeds decoded text; returns the events completed by it. */
  public push(chunk: string): SseEvent[] {
    const events: SseEvent[] = [];
    if (chunk.length === 0) return events;
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.skipLf) {
      // the LF of a CRLF whose CR ended the previous chunk
      this.skipLf = false;
      if (chunk.charCodeAt(i) === LF) i++;
    }
    const re = new RegExp(LINE_END);
    while (i < chunk.length) {
      re.lastIndex = i;
      const m = re.exec(chunk);
      if (!m) {
        this.pending.push(chunk.slice(i));
        break;
      }
      const end = m.index;
      const tail = chunk.slice(i, end);
      const line = this.pending.length === 0 ? tail : this.pending.join('') + tail;
      this.pending = [];
      if (chunk.charCodeAt(end) === CR) {
        if (end + 1 < chunk.length) {
          i = chunk.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
        } else {
          i = end + 1;
          this.skipLf = true;
        }
      } else {
        i = end + 1;
      }
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  /**
   * Ends the stream. Strictly an unterminated last event is discarded; this parser dispatches it (servers often omit
   * the final blank line) and returns it.
   */
  public end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.pending.length > 0) {
      const event = this.line(this.pending.join(''));
      this.pending = [];
      if (event) events.push(event);
    }
    const last = this.dispatch();
    if (last) events.push(last);
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.charCodeAt(0) === 0x3a /* ':' */) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 0x20) value = value.slice(1);
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
      data: data.length === 1 ? data[0] : data.join('\n'),
      ...(this.lastId !== undefined ? { id: this.lastId } : {}),
      ...(retry !== undefined ? { retry } : {}),
    };
  }
}
