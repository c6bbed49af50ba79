/**
 * The placeholders of LLM-as-a-judge instructions, as the AgentCore developer guide ("Create evaluator") documents
 * them: each level supports a fixed set, replaced with trace data before the prompt reaches the judge model, and an
 * instruction must use at least one. Ground-truth placeholders take reference answers, which only on-demand
 * evaluation supplies: live traffic has none, so online evaluation cannot use such an evaluator.
 */
export const LEVEL_PLACEHOLDERS: Readonly<Record<string, readonly string[]>> = {
  SESSION: ['context', 'available_tools'],
  TRACE: ['context', 'assistant_turn'],
  TOOL_CALL: ['available_tools', 'context', 'tool_turn'],
};

/** Placeholders filled from ground truth (on-demand evaluation only). */
export const GROUND_TRUTH_PLACEHOLDERS: readonly string[] = ['expected_response', 'assertions'];

/** What the instructions of an evaluator at one level use. */
export interface PlaceholderUse {
  /** Placeholders the level supports. */
  readonly supported: string[];
  /** Ground-truth placeholders. */
  readonly groundTruth: string[];
  /** `{word}` tokens that are neither (reported as a warning: the documented set may grow, braces may be literal). */
  readonly unknown: string[];
}

/** Sorts the `{placeholder}` tokens of instructions by what they are at `level` (unknown levels support none). */
export function placeholdersOf(instructions: string, level: string): PlaceholderUse {
  const names = [...new Set([...instructions.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]))];
  const supported = LEVEL_PLACEHOLDERS[level] ?? [];
  return {
    supported: names.filter((n) => supported.includes(n)),
    groundTruth: names.filter((n) => GROUND_TRUTH_PLACEHOLDERS.includes(n)),
    unknown: names.filter((n) => !supported.includes(n) && !GROUND_TRUTH_PLACEHOLDERS.includes(n)),
  };
}
