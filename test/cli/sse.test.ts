import { deltaText, SseEvent, SseParser } from '../../cli/sse';

/** Feeds `chunks` one by one; returns the events after each push, and those of end(). */
function feed(chunks: string[]): { perChunk: SseEvent[][]; atEnd: SseEvent[]; all: SseEvent[] } {
  const parser = new SseParser();
  const perChunk = chunks.map((c) => parser.push(c));
  const atEnd = parser.end();
  return { perChunk, atEnd, all: [...perChunk.flat(), ...atEnd] };
}

const msg = (data: string, extra: Partial<SseEvent> = {}): SseEvent => ({ event: 'message', data, ...extra });

describe('SseParser', () => {
  test('one event per blank-line-terminated block, dispatched as soon as it is complete', () => {
    const { perChunk, atEnd } = feed(['data: a\n\ndata: b\n', '\n', 'data: c\n\n']);
    expect(perChunk).toEqual([[msg('a')], [msg('b')], [msg('c')]]);
    expect(atEnd).toEqual([]);
  });

  test('events split across chunks anywhere, even inside the field name', () => {
    const text = 'data: {"text":"Hel"}\n\ndata: {"text":"lo"}\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      const { all } = feed([text.slice(0, cut), text.slice(cut)]);
      expect(all).toEqual([msg('{"text":"Hel"}'), msg('{"text":"lo"}')]);
    }
    // one character at a time
    expect(feed([...text]).all).toEqual([msg('{"text":"Hel"}'), msg('{"text":"lo"}')]);
  });

  test('no event before its terminating blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('data: partial')).toEqual([]);
    expect(parser.push('\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([msg('partial')]);
  });

  test('multi-line data is joined with \\n; one leading space is removed', () => {
    expect(feed(['data: line 1\ndata:line 2\ndata:  indented\ndata\n\n']).all).toEqual([msg('line 1\nline 2\n indented\n')]);
  });

  test('comments are ignored, also between data lines; a comment-only block dispatches nothing', () => {
    expect(feed([': keep-alive\n\n', 'data: a\n: ping\ndata: b\n\n', ':\n\n']).all).toEqual([msg('a\nb')]);
  });

  test('CRLF and CR line endings, including a CRLF split between chunks', () => {
    expect(feed(['data: a\r\n\r\ndata: b\r\r']).all).toEqual([msg('a'), msg('b')]);
    const split = feed(['data: a\r', '\n\r', '\ndata: b\r\n\r\n']);
    expect(split.perChunk).toEqual([[], [msg('a')], [msg('b')]]);
    // the LF of a CRLF split between chunks is not a second (blank) line: both data lines form one event
    expect(feed(['data: a\r', '\ndata: b\r\n\r\n']).all).toEqual([msg('a\nb')]);
    // a CR that ends a chunk is a line end by itself when no LF follows
    expect(feed(['data: x\r', 'data: y\r\r']).all).toEqual([msg('x\ny')]);
  });

  test('event, id and retry fields; unknown fields ignored; id persists', () => {
    const { all } = feed(['event: delta\nid: 7\nretry: 1500\nfoo: bar\ndata: one\n\ndata: two\n\nevent: done\nretry: soon\ndata: x\n\n']);
    expect(all).toEqual([
      { event: 'delta', data: 'one', id: '7', retry: 1500 },
      { event: 'message', data: 'two', id: '7' },
      { event: 'done', data: 'x', id: '7' },
    ]);
  });

  test('a leading BOM is skipped; an unterminated last event is dispatched at end()', () => {
    const { perChunk, atEnd } = feed(['\uFEFFdata: a\n\ndata: tail']);
    expect(perChunk).toEqual([[msg('a')]]);
    expect(atEnd).toEqual([msg('tail')]);
    expect(feed(['data: tail\n']).atEnd).toEqual([msg('tail')]);
  });

  test('data containing colons and JSON is kept intact', () => {
    expect(feed(['data: {"url":"http://x:1/a"}\n\n']).all).toEqual([msg('{"url":"http://x:1/a"}')]);
  });
});

describe('deltaText', () => {
  test.each([
    ['{"text":"Hel"}', 'Hel'],
    ['{"delta":"lo"}', 'lo'],
    ['{"delta":{"text":"x"}}', 'x'],
    ['"a JSON string"', 'a JSON string'],
    ['{"contentBlockDelta":{"delta":{"text":"cb"}}}', 'cb'],
    ['{"event":{"contentBlockDelta":{"delta":{"text":"ev"}}}}', 'ev'],
    ['{"text":""}', ''],
  ])('%s → %s', (data, text) => {
    expect(deltaText(data)).toBe(text);
  });

  test.each(['plain text', '[DONE]', '{"other":1}', '{"text":1}', '[1,2]', '42', 'null', '{"event":{"messageStart":{}}}'])('%s carries no delta', (data) => {
    expect(deltaText(data)).toBeUndefined();
  });
});
