import type * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import type { IConstruct } from 'constructs';
import type { Gateway } from '../../gateway/gateway';

/** The gateways of this app that use a policy engine, and the policies of this app in it. */
interface EngineUse {
  readonly gateways: Gateway[];
  readonly policies: IConstruct[];
}

const uses = new WeakMap<agentcore.IPolicyEngineRef, EngineUse>();

function useOf(engine: agentcore.IPolicyEngineRef): EngineUse {
  let use = uses.get(engine);
  if (!use) {
    use = { gateways: [], policies: [] };
    uses.set(engine, use);
  }
  return use;
}

/**
 * Records that a gateway uses an engine. Every policy of the engine is created after the gateway and its targets:
 * AgentCore validates a policy against the Cedar schema it generates from the tools of the gateway the policy names.
 */
export function registerGateway(engine: agentcore.IPolicyEngineRef, gateway: Gateway): void {
  const use = useOf(engine);
  use.gateways.push(gateway);
  for (const policy of use.policies) policy.node.addDependency(gateway);
}

/** Records a policy of an engine; it is created after every gateway that uses the engine. */
export function registerPolicy(engine: agentcore.IPolicyEngineRef, policy: IConstruct): void {
  const use = useOf(engine);
  use.policies.push(policy);
  for (const gateway of use.gateways) policy.node.addDependency(gateway);
}

/** The gateways of this app that use the engine, in the order they were attached. */
export function gatewaysOf(engine: agentcore.IPolicyEngineRef): Gateway[] {
  return [...(uses.get(engine)?.gateways ?? [])];
}

/** The policies of this app in the engine. */
export function policiesOf(engine: agentcore.IPolicyEngineRef): IConstruct[] {
  return [...(uses.get(engine)?.policies ?? [])];
}
