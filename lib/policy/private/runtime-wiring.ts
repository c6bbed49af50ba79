import type * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { POLICY_ENGINE_READ_ACTIONS } from '../perms';
import type { PolicyEngineWiringOptions } from '../types';

/** The parts of a runtime that the wiring uses. */
export interface WiredRuntime {
  readonly grantPrincipal: iam.IPrincipal;
  addEnvironment(key: string, value: string): unknown;
}

/** The environment variable that carries the engine's ARN unless the caller names another. */
export const POLICY_ENGINE_ENVIRONMENT_VARIABLE = 'AGENTCORE_POLICY_ENGINE_ARN';

/**
 * Wires a policy engine into a runtime: the engine's ARN in an environment variable, `GetPolicyEngine` on exactly
 * that engine for the runtime's role (the gateway, not the agent, evaluates the policies), and the runtime created
 * after the engine and every policy of it defined in this app, so that the guardrails are in force from the first
 * invocation.
 *
 * @param dependent the runtime's resource, which waits for the engine
 */
export function wirePolicyEngine(
  runtime: WiredRuntime,
  dependent: IConstruct,
  engine: agentcore.IPolicyEngineRef,
  options: PolicyEngineWiringOptions,
): iam.Grant {
  const arn = engine.policyEngineRef.policyEngineArn;
  runtime.addEnvironment(options.environmentVariable ?? POLICY_ENGINE_ENVIRONMENT_VARIABLE, arn);
  dependent.node.addDependency(engine);
  return iam.Grant.addToPrincipal({ grantee: runtime, actions: POLICY_ENGINE_READ_ACTIONS, resourceArns: [arn] });
}
