import { App, Stack } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CedarPolicy, CedarStatement, Gateway, GatewayProps, PolicyEngine } from '../../lib';
import { testStack } from '../helpers/stack';

/** The tools of the `Orders` Lambda target: `get_order(id: string, amount?: integer)` and `refund(id: string, amount: number)`. */
export const ORDER_TOOLS = agentcore.ToolSchema.fromInline([
  {
    name: 'get_order',
    description: 'Looks up an order',
    inputSchema: {
      type: agentcore.SchemaDefinitionType.OBJECT,
      properties: { id: { type: agentcore.SchemaDefinitionType.STRING }, amount: { type: agentcore.SchemaDefinitionType.INTEGER } },
      required: ['id'],
    },
  },
  {
    name: 'refund',
    description: 'Refunds an order',
    inputSchema: {
      type: agentcore.SchemaDefinitionType.OBJECT,
      properties: { id: { type: agentcore.SchemaDefinitionType.STRING }, amount: { type: agentcore.SchemaDefinitionType.NUMBER } },
      required: ['id', 'amount'],
    },
  },
]);

/** A stack with a policy engine and an IAM gateway `tools` that uses it, with the `Orders` Lambda target. */
export function ordersSetup(gatewayProps: GatewayProps = {}): { stack: Stack; engine: PolicyEngine; gateway: Gateway } {
  const stack = testStack();
  const engine = new PolicyEngine(stack, 'Engine', { policyEngineName: 'guardrails' });
  const gateway = new Gateway(stack, 'Tools', { gatewayName: 'tools', ...gatewayProps, policyEngine: engine });
  const fn = lambda.Function.fromFunctionArn(stack, 'OrdersFn', 'arn:aws:lambda:us-east-1:123456789012:function:orders');
  gateway.addLambdaTarget('Orders', { lambdaFunction: fn, toolSchema: ORDER_TOOLS });
  return { stack, engine, gateway };
}

/** Adds a policy with the given Cedar text to the engine. */
export function addPolicy(engine: PolicyEngine, id: string, text: string, options: { validateAgainstGateways?: boolean } = {}): CedarPolicy {
  return engine.addPolicy(id, { policyName: id, statement: CedarStatement.fromString(text), ...options });
}

/** The synthesis errors of a stack (the messages of its failed validations), or [] when it synthesizes. */
export function synthErrors(stack: Stack): string[] {
  try {
    (stack.node.root as App).synth({ force: true });
    return [];
  } catch (e) {
    return (e as Error).message.split('\n').slice(1).map((l) => l.trim()).filter(Boolean);
  }
}

/** The synthesis errors of `ordersSetup()` with the given policies (name → Cedar text, given the gateway's ARN). */
export function policyErrors(policies: (gatewayArn: string) => { [name: string]: string }, gatewayProps: GatewayProps = {}): string[] {
  const { stack, engine, gateway } = ordersSetup(gatewayProps);
  for (const [name, text] of Object.entries(policies(gateway.gatewayArn))) addPolicy(engine, name, text);
  return synthErrors(stack);
}
