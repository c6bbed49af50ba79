/**
 * Deployment environments (`dev`, `staging`, `prod`, ...): the `agentcore:environment` tag and the default SSM
 * prefix `/agentcore/<environment>/<component>/` under which constructs publish their identifiers (and the invoke
 * CLI's `--environment` looks them up).
 */

/** An environment name: a lowercase letter or digit, then up to 31 lowercase letters, digits or `-`. */
export const ENVIRONMENT_NAME = /[a-z0-9][a-z0-9-]{0,31}/;

/** The environment used when none is set. */
export const DEFAULT_ENVIRONMENT = 'dev';

/** The context key that sets the environment for an app, a stage or a stack. */
export const ENVIRONMENT_CONTEXT_KEY = 'cdk-agentcore:environment';

/** The tag that carries the environment on execution roles. */
export const ENVIRONMENT_TAG = 'agentcore:environment';

/**
 * The rule of `SSM_PREFIX` in words, for errors: the construct's, the CLI's and the path grants' (one wording, so
 * they cannot disagree on the number of levels).
 */
export const SSM_PREFIX_RULE = "a leading and a trailing '/', 1 to 14 levels of letters, digits, '_', '.' or '-' (15 with the parameter's own name)";

/** The SSM path under which an environment's parameters are published, `/agentcore/<environment>/`. */
export function environmentSsmRoot(environment: string): string {
  return `/agentcore/${environment}/`;
}

/** The default prefix of a component's SSM parameters, `/agentcore/<environment>/<component>/`. */
export function defaultSsmPrefix(environment: string, component: string): string {
  return `${environmentSsmRoot(environment)}${component}/`;
}

/** The component under which runtimes publish their identifiers: `/agentcore/<environment>/runtime/`. */
export const RUNTIME_SSM_COMPONENT = 'runtime';

/**
 * The parameter, under a runtime's prefix, that holds its ARN: written by `addSsmOutputs()`, read by
 * `AgentRuntime.fromSsm()` and by the invoke CLI's `--environment`.
 */
export const RUNTIME_ARN_PARAMETER = 'agent_runtime_arn';
