import { CliError } from '../../cli/errors';
import { checkJsonPayload, jsonErrorOffset, lineAndColumn, promptPayload } from '../../cli/payload';

function v8Offset(text: string): number | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    return m ? Number(m[1]) : /end of JSON input/.test((err as Error).message) ? text.length : -1;
  }
}

const VALID = ['{}', '[]', '0', '-0.5e+10', '"\\u00e9\\n"', ' {"a": [1, true, false, null, {"b": "c"}]} ', '"é😀"', '1E3'];
const INVALID = [
  '', ' ', '{', '{"a":}', '{"a":1', '{"a":1}}', '{"a" 1}', "{'a':1}", '[1,]', '[1 2]', 'tru', 'nul', '01', '1.', '-', '1e',
  '"abc', '"a\\x"', '"\\u12g4"', '{"a":1,}', '{,}', 'undefined', 'NaN', '"tab\there"', '{"prompt": "hi",}', '[1]x',
];

describe('jsonErrorOffset', () => {
  test.each(VALID)('valid: %s', (text) => {
    expect(jsonErrorOffset(text)).toBeUndefined();
  });

  test.each(INVALID)('invalid: %s (agrees with JSON.parse where it names a position)', (text) => {
    const offset = jsonErrorOffset(text);
    expect(offset).toBeDefined();
    const v8 = v8Offset(text);
    expect(v8).toBeDefined();
    if (v8 !== -1) expect(offset).toBe(v8);
  });
});

describe('checkJsonPayload', () => {
  test('returns the text unchanged (without a BOM)', () => {
    expect(checkJsonPayload(' {"a": 1}\n', 'x')).toBe(' {"a": 1}\n');
    expect(checkJsonPayload('\uFEFF{"a": 1}', 'x')).toBe('{"a": 1}');
  });

  test('names the source, line, column and shows a caret', () => {
    let err: CliError | undefined;
    try {
      checkJsonPayload('{\n  "prompt": "hi"\n  "n": 1\n}', 'payload file p.json');
    } catch (e) {
      err = e as CliError;
    }
    expect(err).toBeInstanceOf(CliError);
    expect(err!.exitCode).toBe(2);
    const [first, excerpt, caret] = err!.message.split('\n');
    expect(first).toMatch(/^Invalid JSON in payload file p\.json at line 3, column 3 \(offset 21\): \S/);
    expect(excerpt).toBe('    "n": 1');
    expect(caret).toBe('    ^');
  });

  test('long lines are cut around the error; empty input', () => {
    const text = `{"a": "${'x'.repeat(200)}" "b": 1}`;
    let message = '';
    try {
      checkJsonPayload(text, '--payload');
    } catch (e) {
      message = (e as Error).message;
    }
    const [, excerpt, caret] = message.split('\n');
    expect(excerpt.length).toBeLessThanOrEqual(82);
    expect(excerpt[caret.length - 1]).toBe('"');
    expect(caret.trim()).toBe('^');
    expect(() => checkJsonPayload('  ', '--payload')).toThrow('Invalid JSON in --payload: it is empty');
  });
});

test('lineAndColumn and promptPayload', () => {
  expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
  expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  expect(promptPayload('say "hi"\n')).toBe('{"prompt":"say \\"hi\\"\\n"}');
});
