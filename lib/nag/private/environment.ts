import type { IConstruct } from 'constructs';
import { ENVIRONMENT_CONTEXT_KEY, isProductionEnvironment } from '../../private/contract';

/**
 * Whether the resource is in a stack that marks itself production: its AgentCore environment (`AgentCoreEnvironment`,
 * the context key `cdk-agentcore:environment`) is a production one. A rule never throws: a malformed value is not
 * production here, and `AgentCoreEnvironment.of()` reports it where the library reads it.
 */
export function inProduction(node: IConstruct): boolean {
  const environment: unknown = node.node.tryGetContext(ENVIRONMENT_CONTEXT_KEY);
  return typeof environment === 'string' && isProductionEnvironment(environment);
}
