/**
 * Where a string stops matching a regular expression, so that a validation error can point at the character that
 * breaks the rule instead of leaving users to compare a long ARN with a pattern by eye.
 *
 * The expression is compiled to a small Thompson NFA (no backtracking, linear in the value's length) that knows the
 * subset of JavaScript regular expressions this library's patterns use: literals, escapes, `.`, character classes,
 * groups (capturing, non-capturing, named), alternation, greedy and lazy quantifiers, and `^`/`$` at the ends. For
 * anything else (lookarounds, back-references, word boundaries) it gives no answer rather than a wrong one.
 */

/** Where a value breaks a pattern. */
export interface PatternBreak {
  /** The index of the first character no match can have there; the value's length when the value ends too early. */
  readonly index: number;
  /** True when every character fits but the value is incomplete. */
  readonly incomplete: boolean;
}

/** One NFA state: consumes a character that `test` accepts, or (without `test`) moves on without consuming. */
interface State {
  test?: (ch: string) => boolean;
  next: number[];
}

type Node =
  | { readonly kind: 'char'; readonly source: string }
  | { readonly kind: 'seq'; readonly items: Node[] }
  | { readonly kind: 'alt'; readonly options: Node[] }
  | { readonly kind: 'repeat'; readonly node: Node; readonly min: number; readonly max: number };

/** More states than this (e.g. `{0,10000}`) and the pattern is not diagnosed. */
const MAX_STATES = 20_000;

class Unsupported extends Error {}

/**
 * The first position at which `value` can no longer be extended to a full match of `re`, or undefined when `value`
 * matches, or when `re` uses a construct outside the supported subset.
 */
export function findPatternBreak(re: RegExp, value: string): PatternBreak | undefined {
  let nfa: { states: State[]; start: number };
  try {
    nfa = compile(re);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const { states, start } = nfa;
  let current = closure(states, [start]);
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    const moved: number[] = [];
    for (const s of current) {
      const st = states[s];
      if (st.test?.(ch)) moved.push(...st.next);
    }
    current = closure(states, moved);
    if (current.size === 0) return { index: i, incomplete: false };
  }
  return current.has(ACCEPT) ? undefined : { index: value.length, incomplete: true };
}

const ACCEPT = 0;

function closure(states: State[], from: number[]): Set<number> {
  const seen = new Set<number>();
  const stack = [...from];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    if (!states[s].test) stack.push(...states[s].next);
  }
  // Keep only states that consume a character, and the accepting state.
  return new Set([...seen].filter((s) => s === ACCEPT || states[s].test));
}

function compile(re: RegExp): { states: State[]; start: number } {
  const flags = re.flags.replace(/[gyd]/g, '');
  const ast = new Parser(re.source).parse();
  const states: State[] = [{ next: [] }];
  const tests = new Map<string, (ch: string) => boolean>();
  const add = (state: State): number => {
    if (states.length >= MAX_STATES) throw new Unsupported('too many states');
    states.push(state);
    return states.length - 1;
  };
  const testOf = (source: string): ((ch: string) => boolean) => {
    let test = tests.get(source);
    if (!test) {
      const single = new RegExp(`^(?:${source})$`, flags);
      test = (ch) => single.test(ch);
      tests.set(source, test);
    }
    return test;
  };
  // Built back to front: each node is compiled knowing the state that follows it.
  const build = (node: Node, next: number): number => {
    switch (node.kind) {
      case 'char':
        return add({ test: testOf(node.source), next: [next] });
      case 'seq':
        return node.items.reduceRight((follow, item) => build(item, follow), next);
      case 'alt':
        return add({ next: node.options.map((o) => build(o, next)) });
      case 'repeat': {
        let tail = next;
        if (node.max === Infinity) {
          const loop = add({ next: [] });
          states[loop].next = [build(node.node, loop), next];
          tail = loop;
        } else {
          for (let i = node.min; i < node.max; i++) tail = add({ next: [build(node.node, tail), next] });
        }
        for (let i = 0; i < node.min; i++) tail = build(node.node, tail);
        return tail;
      }
    }
  };
  return { states, start: build(ast, ACCEPT) };
}

/** A recursive-descent parser for the supported subset of regular expression source. */
class Parser {
  private pos = 0;

  constructor(private readonly src: string) {}

  public parse(): Node {
    if (this.src.startsWith('^')) this.pos = 1;
    const node = this.alternation();
    if (this.pos !== this.src.length) throw new Unsupported(`unexpected '${this.src[this.pos]}'`);
    return node;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      if (this.src[this.pos] === '$' && this.pos === this.src.length - 1) {
        this.pos++;
        break;
      }
      items.push(this.quantified(this.atom()));
    }
    return { kind: 'seq', items };
  }

  private atom(): Node {
    const src = this.src;
    const ch = src[this.pos];
    if (ch === '(') {
      const prefix = /^\(\?(?::|<[A-Za-z_$][\w$]*>)/.exec(src.slice(this.pos));
      if (src[this.pos + 1] === '?' && !prefix) throw new Unsupported('lookaround');
      this.pos += prefix ? prefix[0].length : 1;
      const inner = this.alternation();
      if (src[this.pos] !== ')') throw new Unsupported('unclosed group');
      this.pos++;
      return inner;
    }
    if (ch === '[') return { kind: 'char', source: this.charClass() };
    if (ch === '\\') return { kind: 'char', source: this.escape() };
    if ('^$*+?)'.includes(ch)) throw new Unsupported(`'${ch}' here`);
    this.pos++;
    return { kind: 'char', source: ch === '.' ? '.' : escapeLiteral(ch) };
  }

  private charClass(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.src.length && this.src[this.pos] !== ']') {
      this.pos += this.src[this.pos] === '\\' ? 2 : 1;
    }
    if (this.pos >= this.src.length) throw new Unsupported('unclosed class');
    this.pos++;
    return this.src.slice(start, this.pos);
  }

  private escape(): string {
    const rest = this.src.slice(this.pos);
    const m = /^\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|c[A-Za-z]|[dDwWsStrnvf0]|[^A-Za-z0-9])/.exec(rest);
    if (!m) throw new Unsupported(`escape ${rest.slice(0, 2)}`); // \b, \B, back-references, \k<name>, \p{...}
    this.pos += m[0].length;
    return m[0];
  }

  private quantified(node: Node): Node {
    const m = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/.exec(this.src.slice(this.pos));
    if (!m) return node;
    this.pos += m[0].length;
    if (m[1]) {
      return { kind: 'repeat', node, min: m[1] === '+' ? 1 : 0, max: m[1] === '?' ? 1 : Infinity };
    }
    const min = Number(m[2]);
    const max = m[3] === undefined ? min : m[4] === '' ? Infinity : Number(m[4]);
    return { kind: 'repeat', node, min, max };
  }
}

function escapeLiteral(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
