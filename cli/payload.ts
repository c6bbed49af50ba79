/**
 * The request payload: a prompt becomes `{"prompt": "…"}`; a JSON payload is checked before anything is sent, and a
 * syntax error is reported with its line, column and a caret under the offending character.
 */
import { usageError } from './errors';

/** Where the payload comes from, as parsed from the command line. */
export type PayloadSource =
  | { readonly kind: 'prompt'; readonly prompt: string }
  | { readonly kind: 'inline'; readonly text: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'stdin' };

/** The JSON body sent for `--prompt`. */
export function promptPayload(prompt: string): string {
  return JSON.stringify({ prompt });
}

/**
 * Offset of the first JSON syntax error in `text` (as `JSON.parse` sees it), or undefined when `text` is valid JSON.
 * `JSON.parse` itself names a position only for some errors; this scanner always does.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail();
      const ch = text[i];
      if (ch === '"') {
        i++;
        return;
      }
      if (ch.charCodeAt(0) < 0x20) fail();
      if (ch === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail();
            }
          }
          i += 5;
        } else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i])) {
          i++;
        } else {
          fail();
        }
      } else {
        i++;
      }
    }
  };
  const digits = () => {
    if (!/[0-9]/.test(text[i] ?? '')) fail();
    while (/[0-9]/.test(text[i] ?? '')) i++;
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail();
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail();
      }
    } else if (ch === '"') {
      string();
    } else if (ch === 't' || ch === 'f' || ch === 'n') {
      literal(ch === 't' ? 'true' : ch === 'f' ? 'false' : 'null');
    } else if (ch === '-' || /[0-9]/.test(ch ?? '')) {
      number();
    } else {
      fail();
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return undefined;
  } catch (offset) {
    if (typeof offset === 'number') return Math.min(offset, text.length);
    throw offset;
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/**
 * Checks that `text` is JSON and returns it unchanged (it is sent byte for byte). Throws a usage error naming `label`
 * (e.g. `--payload`, `payload file f.json`), the line and column of the error and the offending line with a caret.
 */
export function checkJsonPayload(text: string, label: string): string {
  const body = text.replace(/^\uFEFF/, '');
  try {
    JSON.parse(body);
    return body;
  } catch (err) {
    const offset = jsonErrorOffset(body) ?? Number(/position (\d+)/.exec((err as Error).message)?.[1] ?? body.length);
    const { line, column } = lineAndColumn(body, offset);
    const lineText = body.split('\n')[line - 1] ?? '';
    // show at most 80 characters of the line around the error
    const start = Math.max(0, column - 1 - 40);
    const excerpt = lineText.slice(start, start + 80).replace(/\r$/, '');
    const caret = ' '.repeat(column - 1 - start) + '^';
    if (body.trim().length === 0) throw usageError(`Invalid JSON in ${label}: it is empty`);
    throw usageError(`Invalid JSON in ${label} at line ${line}, column ${column} (offset ${offset}): ${(err as Error).message}\n`
      + `  ${excerpt}\n  ${caret}`);
  }
}
