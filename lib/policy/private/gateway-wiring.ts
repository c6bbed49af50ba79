import { Stack, Token } from 'aws-cdk-lib';
import type * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { registerGateway } from './registry';
import type { Gateway } from '../../gateway/gateway';
import { GATEWAY_POLICY_ENGINE_MODES } from '../../private/contract';
import { ValidationErrors } from '../../private/validation';
import { POLICY_AUTHORIZE_ACTIONS, POLICY_ENGINE_READ_ACTIONS } from '../perms';
import { GatewayPolicyEngineMode } from '../types';

/** What `Gateway` hands over when it attaches a policy engine. */
export interface GatewayPolicyEngineTarget {
  readonly gateway: Gateway;
  readonly resource: agentcore.CfnGateway;
  readonly role: iam.IRole;
}

/**
 * Attaches a policy engine to a gateway: sets `PolicyEngineConfiguration`, gives the gateway role the three actions
 * AgentCore needs to evaluate the engine (in a policy the gateway waits for: without them, attaching the engine fails
 * and every tool call is denied), and makes the engine's policies wait for the gateway and its targets.
 *
 * `AuthorizeAction` and `PartiallyAuthorizeActions` are granted on the engine and on this gateway. The gateway's ARN
 * does not exist before the gateway, which waits for this policy, so the grant names it by its id pattern:
 * `gateway/<lower-case name>-??????????` (AgentCore ids are the name plus a 10-character suffix).
 *
 * @returns the policy on the gateway role
 */
export function attachPolicyEngine(
  target: GatewayPolicyEngineTarget,
  engine: agentcore.IPolicyEngineRef,
  mode: GatewayPolicyEngineMode | undefined,
): iam.Policy {
  const { gateway, resource, role } = target;
  const errors = new ValidationErrors();
  if (resource.policyEngineConfiguration !== undefined) {
    errors.add('policyEngine', engine.node.path, 'cannot be added: the gateway already has a policy engine (AgentCore allows one per gateway)');
  }
  const chosen = mode ?? GatewayPolicyEngineMode.ENFORCE;
  if (!GATEWAY_POLICY_ENGINE_MODES.includes(chosen)) {
    errors.add('policyEngineMode', chosen, `must be one of ${GATEWAY_POLICY_ENGINE_MODES.join(', ')} (GatewayPolicyEngineMode)`);
  }
  errors.throwIfAny(gateway, 'policy engine of the Gateway');

  const engineArn = engine.policyEngineRef.policyEngineArn;
  resource.policyEngineConfiguration = { arn: engineArn, mode: chosen };

  const policy = new iam.Policy(gateway, 'PolicyEngineAccess', {
    statements: [
      new iam.PolicyStatement({ sid: 'ReadPolicyEngine', actions: POLICY_ENGINE_READ_ACTIONS, resources: [engineArn] }),
      new iam.PolicyStatement({ sid: 'AuthorizeToolCalls', actions: POLICY_AUTHORIZE_ACTIONS, resources: [engineArn, gatewayArnPattern(gateway)] }),
    ],
  });
  role.attachInlinePolicy(policy);
  resource.node.addDependency(policy);
  registerGateway(engine, gateway);
  return policy;
}

/** `arn:…:gateway/<lower-case name>-??????????`, or `gateway/*` when the name is a token. */
function gatewayArnPattern(gateway: Gateway): string {
  const name = Token.isUnresolved(gateway.gatewayName) ? '*' : `${gateway.gatewayName.toLowerCase()}-??????????`;
  return Stack.of(gateway).formatArn({ service: 'bedrock-agentcore', resource: 'gateway', resourceName: name });
}
