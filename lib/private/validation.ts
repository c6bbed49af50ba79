import { Token } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';
import { fullMatch, LIMITS, OWNERSHIP_TAG_COUNT, RESERVED_TAG_PREFIX, TAG_TEXT } from './contract';
import { findPatternBreak } from './pattern-break';

export { fullMatch };

/** How the tags of one kind of AgentCore resource are checked. */
export interface TagRules {
  /**
   * The most tags the resource takes.
   *
   * @default LIMITS.tags (the control plane's `TagsMap`)
   */
  readonly max?: number;
  /**
   * The provider adds its ownership tags to the resource (runtimes): they count toward the limit, and their prefix
   * is reserved.
   */
  readonly ownershipTags?: boolean;
}

/** What a tag key or value may contain, for messages. */
const TAG_TEXT_RULE = `/${TAG_TEXT.source}/ (letters, digits, spaces and _ . : / = + @ -)`;

/**
 * Collects validation problems for one construct so that every problem is reported at once.
 *
 * Values that are unresolved tokens are skipped: they are only known at deploy time and are never guessed.
 */
export class ValidationErrors {
  private readonly errors: string[] = [];

  /**
   * Records a problem with a property: what the value is and the rule it breaks.
   *
   * @param focus the index of the character the problem is about: a long value is shown around it
   */
  public add(prop: string, value: unknown, rule: string, focus?: number): void {
    this.errors.push(`${prop} ${describe(value, focus)} ${rule}`);
  }

  /** Records a problem that is not about one value. */
  public addMessage(message: string): void {
    this.errors.push(message);
  }

  /** Checks a string against a full-string pattern. */
  public pattern(prop: string, value: string | undefined, re: RegExp, ruleText?: string): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (!fullMatch(re, value)) {
      const rule = `must match ${ruleText ?? `/${re.source}/`}`;
      const at = findPatternBreak(re, value);
      if (at === undefined) {
        this.add(prop, value, rule);
      } else if (at.incomplete) {
        this.add(prop, value, `${rule}: it ends too early (after character ${at.index})`, at.index);
      } else {
        this.add(prop, value, `${rule}: ${describe(value[at.index])} at character ${at.index + 1} is not allowed there`, at.index);
      }
    }
  }

  /** Checks the length of a string. */
  public length(prop: string, value: string | undefined, min: number, max: number): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (value.length < min || value.length > max) {
      this.add(prop, value, `must be ${min}-${max} characters long (it is ${value.length})`, value.length > max ? max : undefined);
    }
  }

  /** Checks that a number lies in a range (both ends included). */
  public range(prop: string, value: number | undefined, min: number, max: number, unit = ''): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (!Number.isFinite(value) || value < min || value > max) {
      const u = unit ? ` ${unit}` : '';
      this.add(prop, value, `must be between ${min}${u} and ${max}${u}`);
    }
  }

  /**
   * Checks the tags of an AgentCore resource against the control plane's `TagsMap`: at most `max` entries (fewer when
   * the provider adds ownership tags), keys of 1-128 and values of 0-256 characters of `TAG_TEXT`, no key under
   * `aws:` (reserved by AWS) or under the ownership prefix. Unresolved keys and values are skipped.
   */
  public tags(tags: { [key: string]: string } | undefined, rules: TagRules = {}): void {
    if (tags === undefined || Token.isUnresolved(tags)) return;
    const keys = Object.keys(tags);
    const limit = rules.max ?? LIMITS.tags;
    const max = rules.ownershipTags ? limit - OWNERSHIP_TAG_COUNT : limit;
    if (keys.length > max) {
      const why = rules.ownershipTags ? ` (the provider adds ${OWNERSHIP_TAG_COUNT} ownership tags; the limit is ${limit})` : '';
      this.addMessage(`tags has ${keys.length} entries; at most ${max} are allowed${why}`);
    }
    for (const key of keys) {
      this.length('tags key', key, 1, LIMITS.tagKeyLength);
      this.pattern('tags key', key, TAG_TEXT, TAG_TEXT_RULE);
      if (!Token.isUnresolved(key)) {
        if (key.toLowerCase().startsWith('aws:')) this.add('tags key', key, "must not start with 'aws:' (reserved by AWS)");
        if (rules.ownershipTags && key.startsWith(RESERVED_TAG_PREFIX)) {
          this.add('tags key', key, `must not start with '${RESERVED_TAG_PREFIX}' (reserved for the provider's ownership tags)`);
        }
      }
      this.length(`tags['${key}']`, tags[key], 0, LIMITS.tagValueLength);
      this.pattern(`tags['${key}']`, tags[key], TAG_TEXT, TAG_TEXT_RULE);
    }
  }

  /** Checks that a customer managed key is a key, not an alias, with an ARN matching `arnPattern`. */
  public kmsKey(prop: string, key: kms.IKey | undefined, arnPattern: RegExp): void {
    if (key === undefined) return;
    if ('aliasName' in key) {
      this.add(prop, key.keyArn, 'must be a key, not an alias (AgentCore accepts key ARNs only)');
    } else {
      this.pattern(prop, key.keyArn, arnPattern, 'a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>)');
    }
  }

  /** True when nothing was recorded. */
  public get isEmpty(): boolean {
    return this.errors.length === 0;
  }

  /**
   * Throws one `Error` listing every problem, prefixed with the construct path, if any was recorded.
   */
  public throwIfAny(scope: IConstruct, what: string): void {
    if (this.errors.length === 0) return;
    const lines = this.errors.map((e) => `  - ${e}`).join('\n');
    throw new Error(`Invalid ${what} at '${scope.node.path}':\n${lines}`);
  }
}

/** Values up to this many characters are shown whole in messages. */
const SHOWN_WHOLE = 200;
/** Of a longer value, the start, the end and the characters around the one at fault are shown. */
const SHOWN_HEAD = 64;
const SHOWN_TAIL = 48;
const SHOWN_AROUND = 24;
/** Gaps shorter than this are shown rather than left out. */
const SHOWN_GAP = 24;

/**
 * A value as messages show it: strings quoted, control characters escaped, whole up to `SHOWN_WHOLE` characters.
 * A longer string keeps its start and its end (where ARNs and paths differ) and the characters around `focus`; what
 * is left out shows as `…(<n> characters)…`.
 */
export function describe(value: unknown, focus?: number): string {
  if (typeof value !== 'string') return String(value);
  const quote = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (value.length <= SHOWN_WHOLE) return `'${quote(value)}'`;
  const ranges: Array<[number, number]> = [[0, SHOWN_HEAD], [value.length - SHOWN_TAIL, value.length]];
  if (focus !== undefined) ranges.push([Math.max(0, focus - SHOWN_AROUND), Math.min(value.length, focus + SHOWN_AROUND + 1)]);
  ranges.sort((a, b) => a[0] - b[0]);
  let shown = '';
  let end = 0;
  for (const [from, to] of ranges) {
    if (from - end >= SHOWN_GAP) shown += `…(${from - end} characters)…`;
    else if (from > end) shown += quote(value.slice(end, from));
    if (to > end) shown += quote(value.slice(Math.max(from, end), to));
    end = Math.max(end, to);
  }
  return `'${shown}'`;
}
