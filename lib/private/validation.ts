import { Token } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';
import { TAG_TEXT } from './contract';

/**
 * Collects validation problems for one construct so that every problem is reported at once.
 *
 * Values that are unresolved tokens are skipped: they are only known at deploy time and are never guessed.
 */
export class ValidationErrors {
  private readonly errors: string[] = [];

  /** Records a problem with a property: what the value is and the rule it breaks. */
  public add(prop: string, value: unknown, rule: string): void {
    this.errors.push(`${prop} ${describe(value)} ${rule}`);
  }

  /** Records a problem that is not about one value. */
  public addMessage(message: string): void {
    this.errors.push(message);
  }

  /** Checks a string against a full-string pattern. */
  public pattern(prop: string, value: string | undefined, re: RegExp, ruleText?: string): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (!fullMatch(re, value)) {
      this.add(prop, value, `must match ${ruleText ?? `/${re.source}/`}`);
    }
  }

  /** Checks the length of a string. */
  public length(prop: string, value: string | undefined, min: number, max: number): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (value.length < min || value.length > max) {
      this.add(prop, value, `must be ${min}-${max} characters long (it is ${value.length})`);
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
   * Checks the tags of an AgentCore resource: at most `max`, keys 1-128 and values 0-256 characters of
   * `[a-zA-Z0-9\s._:/=+@-]`, keys not starting with `aws:`.
   */
  public tags(tags: { [key: string]: string } | undefined, max: number): void {
    const entries = Object.entries(tags ?? {});
    if (entries.length > max) this.add('tags', `${entries.length} tags`, `must have at most ${max} tags`);
    for (const [k, v] of entries) {
      this.length('tags key', k, 1, 128);
      this.pattern('tags key', k, TAG_TEXT, '/[a-zA-Z0-9\\s._:/=+@-]*/');
      if (!Token.isUnresolved(k) && k.toLowerCase().startsWith('aws:')) this.add('tags key', k, "must not start with 'aws:' (reserved by AWS)");
      this.length(`tags['${k}']`, v, 0, 256);
      this.pattern(`tags['${k}']`, v, TAG_TEXT, '/[a-zA-Z0-9\\s._:/=+@-]*/');
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

/** Tests a pattern against the whole string, whatever anchors the pattern has. */
export function fullMatch(re: RegExp, value: string): boolean {
  const anchored = new RegExp(`^(?:${re.source})$`, re.flags.replace('g', ''));
  return anchored.test(value);
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    return `'${shown}'`;
  }
  return String(value);
}
