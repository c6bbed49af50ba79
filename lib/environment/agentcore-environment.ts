import { Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { DEFAULT_ENVIRONMENT, ENVIRONMENT_CONTEXT_KEY, ENVIRONMENT_NAME, fullMatch } from '../private/contract';

/**
 * The deployment environment (`dev`, `staging`, `prod`, ...) of the AgentCore constructs in an app, a stage or a
 * stack: the one place it is set.
 *
 * It is the `agentcore:environment` tag of every `ExecutionRole` and the default SSM prefix
 * (`/agentcore/<environment>/<component>/`) of `addSsmOutputs()`, `AgentRuntime.fromSsm()`,
 * `AgentCoreParameters` and `ExecutionRole.agentGrants.readParameters()`. It is read from the context key
 * `cdk-agentcore:environment` (set it with `AgentCoreEnvironment.set()`, in `cdk.json`, or with
 * `cdk synth -c cdk-agentcore:environment=prod`); where it is not set, it is `dev`.
 *
 * @example
 * const app = new App();
 * const prod = new Stack(app, 'Prod');
 * AgentCoreEnvironment.set(prod, 'prod'); // before adding constructs to the stack
 */
export class AgentCoreEnvironment {
  /** The context key the environment is read from. */
  public static readonly CONTEXT_KEY = ENVIRONMENT_CONTEXT_KEY;

  /** The environment where none is set. */
  public static readonly DEFAULT = DEFAULT_ENVIRONMENT;

  /**
   * Sets the environment of every AgentCore construct under `scope` (an App, a Stage or a Stack). Call it before
   * adding children to `scope`: the construct library refuses context set afterwards.
   *
   * @param environment `[a-z0-9][a-z0-9-]{0,31}`, e.g. `prod`
   */
  public static set(scope: IConstruct, environment: string): void {
    checkEnvironment(environment, `AgentCoreEnvironment.set(${scope.node.path || '<app>'})`);
    scope.node.setContext(ENVIRONMENT_CONTEXT_KEY, environment);
  }

  /** The environment that applies at `scope`: the nearest `cdk-agentcore:environment` context value, else `dev`. */
  public static of(scope: IConstruct): string {
    const value: unknown = scope.node.tryGetContext(ENVIRONMENT_CONTEXT_KEY);
    if (value === undefined) return DEFAULT_ENVIRONMENT;
    if (typeof value !== 'string') {
      throw new Error(`The context value '${ENVIRONMENT_CONTEXT_KEY}' must be a string such as 'prod' (got ${JSON.stringify(value)}).`);
    }
    checkEnvironment(value, `The context value '${ENVIRONMENT_CONTEXT_KEY}' seen at '${scope.node.path}'`);
    return value;
  }

  private constructor() {}
}

function checkEnvironment(environment: string, where: string): void {
  if (Token.isUnresolved(environment)) {
    throw new Error(`${where}: the environment must be a literal such as 'prod' (got a token): it names SSM paths and tags at synth.`);
  }
  if (!fullMatch(ENVIRONMENT_NAME, environment)) {
    throw new Error(`${where}: environment '${environment}' must match ${ENVIRONMENT_NAME.source} (e.g. dev, staging, prod).`);
  }
}
