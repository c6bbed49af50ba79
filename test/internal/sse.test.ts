import * as fc from 'fast-check';
import { SseEvent, SseParser } from '../../internal/sse';

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

  test('a line that arrives in many pieces is one line (a 1 MB event in 1 KB chunks, BOM and CR split off)', () => {
    const big = 'x'.repeat(1024 * 1024);
    const text = `\uFEFFdata: ${big}\r\n\r\n`;
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 1024) chunks.push(text.slice(i, i + 1024));
    const { perChunk, atEnd } = feed(chunks);
    expect(perChunk.flat()).toEqual([msg(big)]);
    expect(perChunk.at(-1)).toEqual([msg(big)]);
    expect(atEnd).toEqual([]);
  });

  test('SseParser.parse reads a whole stream, including an unterminated last event', () => {
    expect(SseParser.parse('data: a\n\ndata: b')).toEqual([msg('a'), msg('b')]);
    expect(SseParser.parse('')).toEqual([]);
  });

  test('property: any split of any stream gives the events of the whole stream', () => {
    const line = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', ':', ' ', '{', '"', 'é', '\u{1F600}') }).map((v) => `data: ${v}`),
      fc.constantFrom('', ': comment', 'event: delta', 'id: 3', 'retry: 10', 'data', 'foo: bar'),
    );
    const stream = fc.tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'))
      .map(([lines, eol]) => lines.map((l) => l + eol).join(''));
    fc.assert(fc.property(stream, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
      const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
      const chunks = [0, ...points].map((p, i, all) => text.slice(p, all[i + 1] ?? text.length));
      expect(feed(chunks).all).toEqual(SseParser.parse(text));
    }), { seed: 11, numRuns: 300 });
  });
});
