import { readFileSync } from 'fs';
import * as path from 'path';
import { ANSWER_FORMATS, answerKind, answerText, Decoded, decodeEvent, jsonText } from '../../internal/answer';
import { SseParser } from '../../internal/sse';

const ROOT = path.join(__dirname, '..', '..');

/** Decodes the one event of an example as it appears on the wire. */
function decodeExample(example: string): Decoded {
  const events = SseParser.parse(`${example}\n\n`);
  expect(events).toHaveLength(1);
  const { json: _json, ...decoded } = decodeEvent(events[0]);
  return decoded;
}

describe('ANSWER_FORMATS', () => {
  test.each(ANSWER_FORMATS.map((f) => [f.example, f]))('%s decodes as documented', (_example, format) => {
    expect(decodeExample(format.example)).toEqual(format.decoded);
  });

  test('covers every kind', () => {
    expect(new Set(ANSWER_FORMATS.map((f) => f.decoded.kind))).toEqual(new Set(['text', 'done', 'error', 'other']));
  });
});

/** The Markdown table of ANSWER_FORMATS, as README.md and cli/README.md show it. */
function formatsTable(): string {
  const code = (line: string) => `\`${line.replace(/\|/g, '\\|')}\``;
  const readAs = (d: Decoded): string => {
    switch (d.kind) {
      case 'text': return `answer text ${code(d.text)}`;
      case 'done': return 'end of the answer (nothing to print)';
      case 'error': return `error ${code(d.message)}`;
      case 'other': return 'not answer text: kept as it is';
    }
  };
  const rows = ANSWER_FORMATS.map((f) => `| ${f.example.split('\n').map(code).join('<br>')} | ${f.format} | ${readAs(f.decoded)} |`);
  return ['| Event | Format | Read as |', '| --- | --- | --- |', ...rows].join('\n');
}

describe('the docs list the formats of the decoder', () => {
  const BEGIN = '<!-- answer-formats:begin (generated from ANSWER_FORMATS in internal/answer.ts; test/internal/answer.test.ts) -->';
  const END = '<!-- answer-formats:end -->';
  test.each(['README.md', 'cli/README.md'])('%s', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END, start);
    const expected = `${BEGIN}\n${formatsTable()}\n${END}`;
    if (start < 0 || end < 0) throw new Error(`${file} has no answer-formats table; add:\n${expected}`);
    const actual = text.slice(start, end + END.length);
    if (actual !== expected) throw new Error(`${file}: the answer-formats table differs from ANSWER_FORMATS; replace it with:\n${expected}`);
  });
});

describe('decodeEvent', () => {
  const ev = (data: string, event = 'message') => decodeEvent({ event, data });

  test.each([
    ['"a JSON string"', 'a JSON string'],
    ['{"text":""}', ''],
    ['{"type":"delta","text":"You "}', 'You '],
    ['{"delta":{"text":"x"}}', 'x'],
    ['{"event":{"contentBlockDelta":{"delta":{"text":"ev"}}}}', 'ev'],
    ['{"content":["a",{"text":"b"},{"type":"image"}]}', 'ab'],
    // text wins over an error member (an agent that reports a recovered error next to its answer)
    ['{"error":"ignored","text":"delta wins"}', 'delta wins'],
  ])('%s carries the text %p', (data, text) => {
    expect(ev(data)).toMatchObject({ kind: 'text', text });
  });

  test.each(['plain text', '{"other":1}', '{"text":1}', '[1,2]', '42', 'null', '{"event":{"messageStart":{}}}', '{"content":[{"type":"image"}]}',
    '{"error":null,"x":1}', '{"error":false}', '{"type":"delta"}'])('%s is other', (data) => {
    expect(ev(data).kind).toBe('other');
  });

  test('errors: an error event (message, error or the raw data) or an error member', () => {
    expect(ev('{"message":"m"}', 'error')).toMatchObject({ kind: 'error', message: 'm' });
    expect(ev('{"error":"e"}', 'error')).toMatchObject({ kind: 'error', message: 'e' });
    expect(ev('plain', 'error')).toEqual({ kind: 'error', message: 'plain' });
    expect(ev('{"text":"even with text"}', 'error')).toMatchObject({ kind: 'error', message: '{"text":"even with text"}' });
    expect(ev('{"error":"x","error_type":"ValueError"}')).toMatchObject({ kind: 'error', message: 'ValueError: x' });
    expect(ev('{"error":{"code":1}}')).toMatchObject({ kind: 'error', message: '{"code":1}' });
  });

  test('end markers; the parsed JSON comes along so nobody parses twice', () => {
    expect(ev('[DONE]')).toEqual({ kind: 'done' });
    expect(ev('{"type":"done"}')).toEqual({ kind: 'done', json: { value: { type: 'done' } } });
    expect(ev('{"text":"a"}').json).toEqual({ value: { text: 'a' } });
    expect(ev('null').json).toEqual({ value: null });
    expect(ev('not json').json).toBeUndefined();
  });
});

describe('jsonText', () => {
  test('strings and the text members; undefined for anything else', () => {
    expect(jsonText('s')).toBe('s');
    expect(jsonText({ content: 'c' })).toBe('c');
    expect(jsonText({ answer: 'forty-two' })).toBeUndefined();
    expect(jsonText([{ text: 'a' }])).toBeUndefined();
    expect(jsonText(null)).toBeUndefined();
  });
});

describe('answerText (a whole body)', () => {
  test("the example agent's stream (bin/agent/server.js) reads as its sentence", () => {
    const body = ['You ', 'said: ', 'health ', 'check'].map((text) => `data: ${JSON.stringify({ type: 'delta', text })}\n\n`).join('')
      + 'data: {"type":"done"}\n\n';
    expect(answerText(body, 'text/event-stream')).toEqual({ text: 'You said: health check' });
  });

  test('SSE: texts joined, other events kept raw, markers dropped, the first error reported', () => {
    expect(answerText('data: "po"\r\n\r\ndata: {"delta":"ng"}\n\ndata: plain\n\ndata: [DONE]\n\n', 'text/event-stream; charset=utf-8'))
      .toEqual({ text: 'pongplain' });
    expect(answerText('data: "a"\n\nevent: error\ndata: first\n\ndata: {"error":"second"}\n\n', 'text/event-stream'))
      .toEqual({ text: 'a', error: 'first' });
    // data: lines are read as SSE whatever the content type says
    expect(answerText('data: "x"\n\n', 'text/plain')).toEqual({ text: 'x' });
  });

  test('JSON bodies: the text they carry, else the body; anything else as it is', () => {
    expect(answerText('{"content":[{"text":"pong"}]}', 'application/json')).toEqual({ text: 'pong' });
    expect(answerText('"pong"', 'application/vnd.agent+json')).toEqual({ text: 'pong' });
    expect(answerText('{"answer":"pong"}', 'application/json')).toEqual({ text: '{"answer":"pong"}' });
    expect(answerText('not json', 'application/json')).toEqual({ text: 'not json' });
    expect(answerText('{"text":"t"}', 'text/plain')).toEqual({ text: '{"text":"t"}' });
    expect(answerText('pong')).toEqual({ text: 'pong' });
  });

  test('answerKind by media type', () => {
    expect(answerKind('Text/Event-Stream; charset=utf-8')).toBe('sse');
    expect(answerKind('application/problem+json')).toBe('json');
    expect(answerKind('application/octet-stream')).toBe('other');
    expect(answerKind(undefined)).toBe('other');
  });
});
