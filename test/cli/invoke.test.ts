import { InvokeAgentRuntimeCommand, InvokeAgentRuntimeCommandOutput } from '@aws-sdk/client-bedrock-agentcore';
import { AttemptsError, backoffDelay, invokeWithRetry, readAnswer } from '../../cli/invoke';
import { JsonRenderer, Renderer, Summary, TextRenderer } from '../../cli/output';
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
  text(t: string) { this.calls.push(['text', t]); }
  streamError(m: string) { this.calls.push(['error', m]); }
  end(s: Summary) { this.calls.push(['end', s.status]); }
}

describe('backoffDelay', () => {
  test('exponential with equal jitter, capped', () => {
    expect(backoffDelay(1, 0)).toBe(125);
    expect(backoffDelay(1, 0.999999)).toBe(250);
    expect(backoffDelay(2, 0)).toBe(250);
    expect(backoffDelay(3, 0.5)).toBe(750);
    expect(backoffDelay(10, 1)).toBe(4000);
    expect(backoffDelay(10, 0)).toBe(2000);
    expect(backoffDelay(2, 0, 100, 150)).toBe(75);
  });
});

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

  test('JSON answers whole; invalid JSON as text; other content types streamed as text', async () => {
    const rec = new Recorder();
    expect(await readAnswer(output('application/json', ['{"a":', '1}']), rec)).toEqual({ contentType: 'application/json', events: 0 });
    await readAnswer(output('application/problem+json', ['not json']), rec);
    await readAnswer(output('text/plain', ['one ', 'two']), rec);
    await readAnswer(output(undefined, []), rec);
    expect(rec.calls).toEqual([['json', { a: 1 }], ['text', 'not json'], ['text', 'one '], ['text', 'two']]);
  });

  test('bodies that are strings, byte arrays or transformToByteArray blobs', async () => {
    const rec = new Recorder();
    const base = { statusCode: 200, $metadata: {} };
    await readAnswer({ ...base, contentType: 'text/plain', response: 'plain' as any }, rec);
    await readAnswer({ ...base, contentType: 'text/plain', response: new TextEncoder().encode('bytes') as any }, rec);
    await readAnswer({ ...base, contentType: 'text/plain', response: { transformToByteArray: async () => new TextEncoder().encode('blob') } as any }, rec);
    expect(rec.calls).toEqual([['text', 'plain'], ['text', 'bytes'], ['text', 'blob']]);
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
    r.text('');
    r.end();
    expect(out).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });

  test('json: one object per line, summary last', () => {
    let out = '';
    const r = new JsonRenderer((t) => { out += t; });
    show(r, { event: 'delta', data: '{"text":"a"}', id: '3' });
    show(r, ev('raw'));
    r.json([1]);
    r.text('chunk');
    r.streamError('bad');
    r.end(SUMMARY);
    expect(out.split('\n').filter(Boolean).map((l) => JSON.parse(l))).toEqual([
      { type: 'event', event: 'delta', data: '{"text":"a"}', json: { text: 'a' }, text: 'a', id: '3' },
      { type: 'event', event: 'message', data: 'raw' },
      { type: 'response', json: [1] },
      { type: 'chunk', text: 'chunk' },
      { type: 'error', message: 'bad' },
      SUMMARY,
    ]);
  });
});
