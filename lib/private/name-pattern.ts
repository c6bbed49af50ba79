/**
 * One IAM resource glob that covers a growing set of AgentCore runtime names without growing with it.
 *
 * AgentCore derives the ids of a runtime's resources from its name plus a generated suffix (runtime id
 * `<name>-<10 characters>`, log groups `/aws/bedrock-agentcore/runtimes/<runtime id>-<endpoint>`, workload
 * identities `<name>-<suffix>`). Runtime names cannot contain `-`, so:
 * - one name gives `<name>-*`, which matches exactly that runtime's resources;
 * - several names give `<longest common prefix>*`, which matches theirs and those of any other runtime whose name
 *   starts with the same prefix;
 * - a fixed prefix gives `<prefix>*`, and every name must start with it;
 * - no name, a name only known at deploy time (a token), or names that share no prefix give `*`.
 *
 * Adding a name costs O(length of the name), however many names came before.
 */
export class NamePattern {
  private count = 0;
  private common = '';
  private distinct = false;
  private unknown = false;

  /** @param fixedPrefix a prefix every name must start with; the glob is then always `<fixedPrefix>*` */
  constructor(public readonly fixedPrefix?: string) {}

  /**
   * Adds a name (pass `known: false` for a token). Returns an error message when the name does not start with the
   * fixed prefix; nothing is added then.
   */
  public add(name: string, known = true): string | undefined {
    if (known && this.fixedPrefix !== undefined && !name.startsWith(this.fixedPrefix)) {
      return `'${name}' does not start with the agent name prefix '${this.fixedPrefix}'`;
    }
    if (!known) {
      this.unknown = true;
    } else if (this.count === 0) {
      this.common = name;
    } else if (this.distinct || name !== this.common) {
      this.distinct = true;
      this.common = commonPrefix(this.common, name);
    }
    this.count++;
    return undefined;
  }

  /** The glob to append to a resource prefix, e.g. `support-*`, `support*` or `*`. */
  public get glob(): string {
    if (this.fixedPrefix !== undefined) return `${this.fixedPrefix}*`;
    if (this.count === 0 || this.unknown) return '*';
    return this.distinct ? `${this.common}*` : `${this.common}-*`;
  }

  /** Whether the glob covers every name (`*`). */
  public get unbounded(): boolean {
    return this.glob === '*';
  }
}

/** The longest common prefix of two strings. */
export function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}
