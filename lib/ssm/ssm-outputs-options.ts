/** Options for publishing a construct's identifiers as SSM parameters. */
export interface SsmOutputsOptions {
  /**
   * The path prefix, with a leading and a trailing `/` (letters, digits, `_`, `.`, `-`; at most 15 levels including
   * the parameter's own name).
   *
   * @default `/agentcore/<environment>/<component>/`, e.g. `/agentcore/dev/runtime/`
   */
  readonly prefix?: string;

  /**
   * The environment in the default prefix.
   *
   * @default - the environment of the construct's `ExecutionRole`, else `dev`
   */
  readonly environment?: string;
}
