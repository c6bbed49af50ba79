import type { IConstruct } from 'constructs';
import { isProductionEnvironment } from '../../private/contract';

/**
 * The context key of `AgentCoreEnvironment` (`cdk-agentcore:environment`), set on an app, a stage or a stack with
 * `AgentCoreEnvironment.set(scope, 'prod')` or `cdk synth -c cdk-agentcore:environment=prod`.
 */
const ENVIRONMENT_CONTEXT_KEY = 'cdk-agentcore:environment';

/** Whether the resource is in a stack that marks itself production (its AgentCore environment is a production one). */
export function inProduction(node: IConstruct): boolean {
  const environment: unknown = node.node.tryGetContext(ENVIRONMENT_CONTEXT_KEY);
  return typeof environment === 'string' && isProductionEnvironment(environment);
}
