/** A CDK string token as it appears inside a string (`${Token[NAME.123]}`). */
const TOKEN = /\$\{Token\[[^\]]+\]\}/g;

/** One token of the original text and what replaced it. */
interface Substitution {
  /** Offsets in the original text. */
  readonly originalStart: number;
  readonly originalEnd: number;
  /** Offsets in the prepared text. */
  readonly start: number;
  readonly end: number;
  readonly token: string;
}

/**
 * A statement with its tokens replaced by literal stand-ins, so that Cedar can parse it, and the way back from an
 * offset in the prepared text to a line and column of the original text.
 */
export class PreparedText {
  /**
   * @param original the statement as the user wrote it (tokens included)
   * @param standIn the literal that replaces a token (e.g. a realistic gateway ARN for the gateway's ARN token)
   */
  public static prepare(original: string, standIn: (token: string) => string): PreparedText {
    const substitutions: Substitution[] = [];
    let text = '';
    let last = 0;
    for (const m of original.matchAll(TOKEN)) {
      const originalStart = m.index!;
      text += original.slice(last, originalStart);
      const value = standIn(m[0]);
      const originalEnd = originalStart + m[0].length;
      substitutions.push({ originalStart, originalEnd, start: text.length, end: text.length + value.length, token: m[0] });
      text += value;
      last = originalStart + m[0].length;
    }
    text += original.slice(last);
    return new PreparedText(original, text, substitutions);
  }

  private constructor(
    /** The original statement. */
    public readonly original: string,
    /** The statement with literal stand-ins for its tokens. */
    public readonly text: string,
    private readonly substitutions: Substitution[],
  ) {}

  /** Whether the original had any token. */
  public get hasTokens(): boolean {
    return this.substitutions.length > 0;
  }

  /** The token whose stand-in covers an offset of the prepared text, if any. */
  public tokenAt(offset: number): string | undefined {
    return this.substitutions.find((s) => offset >= s.start && offset < s.end)?.token;
  }

  /** `line L, column C` (1-based) in the original text of an offset in the prepared text. */
  public position(offset: number): string {
    const o = this.toOriginal(offset);
    const before = this.original.slice(0, o);
    const line = before.split('\n').length;
    const column = o - (before.lastIndexOf('\n') + 1) + 1;
    return `line ${line}, column ${column}`;
  }

  private toOriginal(offset: number): number {
    let shift = 0;
    for (const s of this.substitutions) {
      if (offset < s.start) break;
      if (offset < s.end) return s.originalStart;
      shift = s.originalEnd - s.end;
    }
    return Math.max(0, Math.min(this.original.length, offset + shift));
  }
}
