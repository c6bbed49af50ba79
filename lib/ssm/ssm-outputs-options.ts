/** Options for publishing a construct's identifiers as SSM parameters. */
export interface SsmOutputsOptions {
  /**
   * The path prefix, with a leading and a trailing `/` (letters, digits, `_`, `.`, `-`; at most 15 levels including
   * the parameter's own name; not under `/aws` or `/ssm`).
   *
   * @default `/agentcore/<environment>/<component>/`, e.g. `/agentcore/prod/runtime/`, where the environment is
   * `AgentCoreEnvironment.of(construct)`
   */
  readonly prefix?: string;
}
