import { InvokeAgentRuntimeCommand, InvokeAgentRuntimeCommandOutput } from '@aws-sdk/client-bedrock-agentcore';
import { AttemptsError, invokeWithRetry, readAnswer } from '../../cli/invoke';
import { isUtf8Text, JsonRenderer, Renderer, Summary, TextRenderer } from '../../cli/output';
import { decodeEvent } from '../../internal/answer';
import { SseEvent } from '../../internal/sse';

const ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/concierge-AbCdEf1234';
const REQUEST = { runtimeArn: ARN, qualifier: 'DEFAULT', sessionId: 's'.repeat(40), payload: '{"prompt":"hé"}' };

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });

function output(contentType: string | undefined, chunks: (string | Uint8Array)[]): InvokeAgentRuntimeCommandOutput {
  async function* body() {
    for (const c of chunks) yield typeof c === 'string' ? new TextEncoder().encode(c) : c;
  }
  return { contentType, response: body() as any, statusCode: 200, $metadata: {} } as InvokeAgentRuntimeCommandOutput;
}

/** A renderer that records calls. */
class Recorder implements Renderer {
  public readonly calls: [string, unknown][] = [];
  event(e: any) { this.calls.push(['event', e.data]); }
  json(v: unknown) { this.calls.push(['json', v]); }
  bytes(b: Uint8Array, contentType: string) { this.calls.push(['bytes', `${contentType}: ${new TextDecoder().decode(b)}`]); }
  streamError(m: string) { this.calls.push(['error', m]); }
  end(s: Summary) { this.calls.push(['end', s.status]); }
}

describe('invokeWithRetry', () => {
  test('sends the request as InvokeAgentRuntime with JSON content type and SSE/JSON accept', async () => {
    const sent: InvokeAgentRuntimeCommand[] = [];
    const out = output('application/json', ['{}']);
    const client = { send: async (c: InvokeAgentRuntimeCommand) => { sent.push(c); return out; } };
    const result = await invokeWithRetry(client, REQUEST, { maxRetries: 3, sleep: async () => undefined, random: () => 0 });
    expect(result).toEqual({ output: out, attempts: 1 });
    expect(sent[0].input).toEqual({
      agentRuntimeArn: ARN,
      qualifier: 'DEFAULT',
      runtimeSessionId: REQUEST.sessionId,
      contentType: 'application/json',
      accept: 'text/event-stream, application/json',
      payload: new TextEncoder().encode('{"prompt":"hé"}'),
    });
  });

  test('retries throttling with backoff, then succeeds', async () => {
    const errors = [throttled(), throttled()];
    const slept: number[] = [];
    const retries: number[] = [];
    const out = output('application/json', ['{}']);
    const result = await invokeWithRetry({
      send: async () => {
        const err = errors.shift();
        if (err) throw err;
        return out;
      },
    }, REQUEST, { maxRetries: 3, sleep: async (ms) => { slept.push(ms); }, random: () => 0.5, onRetry: (n) => retries.push(n) });
    expect(result.attempts).toBe(3);
    expect(slept).toEqual([188, 375]);
    expect(retries).toEqual([1, 2]);
  });

  test('gives up after maxRetries; other errors are not retried', async () => {
    let calls = 0;
    const always = { send: async (): Promise<never> => { calls++; throw throttled(); } };
    const err = await invokeWithRetry(always, REQUEST, { maxRetries: 2, sleep: async () => undefined, random: () => 0 }).catch((e) => e);
    expect(err).toBeInstanceOf(AttemptsError);
    expect(err.attempts).toBe(3);
    expect(err.lastError.name).toBe('ThrottlingException');
    expect(calls).toBe(3);

    calls = 0;
    const denied = { send: async (): Promise<never> => { calls++; throw Object.assign(new Error('no'), { name: 'AccessDeniedException' }); } };
    const err2 = await invokeWithRetry(denied, REQUEST, { maxRetries: 5, sleep: async () => undefined, random: () => 0 }).catch((e) => e);
    expect(err2.attempts).toBe(1);
    expect(calls).toBe(1);
  });
});

describe('readAnswer', () => {
  test('SSE: events as they complete, UTF-8 split across chunks, error events', async () => {
    const bytes = new TextEncoder().encode('data: {"text":"é"}\n\n');
    const cut = bytes.indexOf(0xc3) + 1; // inside the two-byte é
    const rec = new Recorder();
    const result = await readAnswer(output('text/event-stream; charset=utf-8', [
      bytes.slice(0, cut), bytes.slice(cut), 'data: [DONE]\n\nevent: error\ndata: {"message":"bad"}\n\ndata: tail',
    ]), rec);
    expect(rec.calls).toEqual([['event', '{"text":"é"}'], ['event', '[DONE]'], ['error', 'bad'], ['event', 'tail']]);
    expect(result).toEqual({ contentType: 'text/event-stream; charset=utf-8', events: 4, error: 'bad' });
  });

  test('JSON answers whole; invalid JSON as its bytes; other content types streamed as bytes', async () => {
    const rec = new Recorder();
    expect(await readAnswer(output('application/json', ['{"a":', '1}']), rec)).toEqual({ contentType: 'application/json', events: 0 });
    await readAnswer(output('application/problem+json', ['not json']), rec);
    await readAnswer(output('text/plain', ['one ', 'two']), rec);
    expect(await readAnswer(output(undefined, []), rec)).toEqual({ contentType: 'application/octet-stream', events: 0 });
    expect(rec.calls).toEqual([['json', { a: 1 }], ['bytes', 'application/problem+json: not json'], ['bytes', 'text/plain: one '], ['bytes', 'text/plain: two']]);
  });

  test('binary answers reach the renderer byte for byte', async () => {
    const binary = new Uint8Array(4096).map((_, i) => (i * 151 + 7) % 256);
    const got: Uint8Array[] = [];
    const rec = Object.assign(new Recorder(), { bytes: (b: Uint8Array) => { got.push(b); } });
    await readAnswer(output('application/octet-stream', [binary.slice(0, 1000), binary.slice(1000)]), rec);
    expect(Buffer.concat(got).equals(Buffer.from(binary))).toBe(true);
  });

  test('the next chunk is read only once the output has drained (a slow stdout reader slows the stream, no buffering)', async () => {
    const pulled: number[] = [];
    async function* body() {
      for (let i = 0; i < 3; i++) {
        pulled.push(i);
        yield new TextEncoder().encode(`data: "${i}"\n\n`);
      }
    }
    const out = { contentType: 'text/event-stream', response: body() as any, statusCode: 200, $metadata: {} } as InvokeAgentRuntimeCommandOutput;
    const releases: (() => void)[] = [];
    const rec = new Recorder();
    const reading = readAnswer(out, rec, { drained: () => new Promise<void>((resolve) => releases.push(resolve)) });
    await new Promise((r) => setImmediate(r));
    expect(pulled).toEqual([0]);
    expect(rec.calls).toEqual([['event', '"0"']]);
    releases.shift()!();
    await new Promise((r) => setImmediate(r));
    expect(pulled).toEqual([0, 1]);
    releases.shift()!();
    await new Promise((r) => setImmediate(r));
    releases.shift()!();
    expect(await reading).toMatchObject({ events: 3 });
  });

  test('bodies that are strings, byte arrays or transformToByteArray blobs', async () => {
    const rec = new Recorder();
    const base = { statusCode: 200, $metadata: {} };
    await readAnswer({ ...base, contentType: 'text/plain', response: 'plain' as any }, rec);
    await readAnswer({ ...base, contentType: 'text/plain', response: new TextEncoder().encode('bytes') as any }, rec);
    await readAnswer({ ...base, contentType: 'text/plain', response: { transformToByteArray: async () => new TextEncoder().encode('blob') } as any }, rec);
    expect(rec.calls).toEqual([['bytes', 'text/plain: plain'], ['bytes', 'text/plain: bytes'], ['bytes', 'text/plain: blob']]);
  });
});

describe('renderers', () => {
  const ev = (data: string, event = 'message') => ({ event, data });
  const show = (r: Renderer, e: SseEvent) => r.event(e, decodeEvent(e));
  const SUMMARY: Summary = { type: 'summary', status: 'ok', exitCode: 0, runtimeArn: ARN };

  test('text: deltas concatenated, other data on its own line, [DONE] skipped, final newline', () => {
    let out = '';
    let err = '';
    const r = new TextRenderer((t) => { out += t; }, (t) => { err += t; });
    show(r, ev('{"text":"Hel"}'));
    show(r, ev('"lo"'));
    show(r, ev('{"status":"thinking"}'));
    show(r, ev('{"delta":"more"}'));
    show(r, ev('[DONE]'));
    show(r, ev('{"type":"done"}'));
    r.streamError('boom');
    r.end();
    expect(out).toBe('Hello\n{"status":"thinking"}\nmore\n');
    expect(err).toBe('\nagent error: boom\n');
  });

  test('text: JSON answers pretty-printed; nothing printed → no newline added', () => {
    let out = '';
    const r = new TextRenderer((t) => { out += t; }, () => undefined);
    r.end();
    expect(out).toBe('');
    r.json({ a: [1] });
    r.bytes(new Uint8Array());
    r.end();
    expect(out).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });

  test('text: other answers are copied byte for byte; a newline is added only on a terminal', () => {
    const bytes = new Uint8Array([0xff, 0x00, 0xc3, 0x28, 0x41]);
    for (const terminal of [false, true]) {
      const written: (string | Uint8Array)[] = [];
      const r = new TextRenderer((c) => { written.push(c); }, () => undefined, terminal);
      r.bytes(bytes);
      r.end();
      expect(written[0]).toBe(bytes);
      expect(written.slice(1)).toEqual(terminal ? ['\n'] : []);
    }
  });

  test('json: one object per line, summary last', () => {
    let out = '';
    const r = new JsonRenderer((t) => { out += t; });
    show(r, { event: 'delta', data: '{"text":"a"}', id: '3' });
    show(r, ev('raw'));
    r.json([1]);
    r.bytes(new TextEncoder().encode('chunk é').slice(0, 7), 'text/plain');
    r.bytes(new TextEncoder().encode('chunk é').slice(7), 'text/plain');
    r.bytes(new Uint8Array([0xff, 0x00]), 'application/octet-stream');
    r.bytes(new TextEncoder().encode('{"x":'), 'application/json');
    r.streamError('bad');
    r.end(SUMMARY);
    expect((out as string).split('\n').filter(Boolean).map((l) => JSON.parse(l))).toEqual([
      { type: 'event', event: 'delta', data: '{"text":"a"}', json: { text: 'a' }, text: 'a', id: '3' },
      { type: 'event', event: 'message', data: 'raw' },
      { type: 'response', json: [1] },
      { type: 'chunk', text: 'chunk ' }, // the é split between chunks comes with the next one
      { type: 'chunk', text: 'é' },
      { type: 'chunk', base64: '/wA=' },
      { type: 'chunk', text: '{"x":' },
      { type: 'error', message: 'bad' },
      SUMMARY,
    ]);
  });

  test('isUtf8Text: text types, JSON/XML-like types and a UTF-8 charset are text; anything else is base64 in --json', () => {
    for (const t of ['text/plain', 'text/csv; charset=utf-8', 'application/json', 'application/x-ndjson', 'application/atom+xml', 'application/octet-stream; charset=UTF-8']) {
      expect(isUtf8Text(t)).toBe(true);
    }
    for (const t of ['application/octet-stream', 'image/png', 'text/plain; charset=iso-8859-1', 'audio/mpeg']) expect(isUtf8Text(t)).toBe(false);
  });
});
