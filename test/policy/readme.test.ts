/**
 * The example of the README section "Cedar policies on gateways", compiled and synthesized (the repository has no
 * README-snippet compiler; keep the two in sync).
 */
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ORDER_TOOLS, synthErrors } from './fixtures';
import { AgentCoreChecks, AgentRuntime, AgentRuntimeArtifact, CedarPolicy, CedarStatement, Gateway, PolicyEngine } from '../../lib';
import { nagErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';

function readmeExample(scope: Stack, ordersFunction: lambda.IFunction, orderTools: agentcore.ToolSchema, agent: AgentRuntime): void {
  // --- README: Cedar policies on gateways ---
  const engine = new PolicyEngine(scope, 'Guardrails', { description: 'Tool-call guardrails of the support agent' });
  const gateway = new Gateway(scope, 'Tools', { policyEngine: engine }); // or gateway.addPolicyEngine(engine, { mode })
  gateway.addLambdaTarget('Orders', { lambdaFunction: ordersFunction, toolSchema: orderTools });

  // The agent's role may read orders through this gateway...
  engine.addPolicy('ReadOrders', {
    statement: CedarStatement.fromString(`permit(
    principal is AgentCore::IamEntity,
    action == AgentCore::Action::"Orders___get_order",
    resource == AgentCore::Gateway::"${gateway.gatewayArn}"
  );`),
  });
  // ...and refunds above 500 are never made, whatever else permits them (a .cedar file holds one policy).
  new CedarPolicy(scope, 'NoLargeRefunds', {
    policyEngine: engine,
    statement: CedarStatement.fromFile(path.join(__dirname, 'fixtures', 'refunds.cedar')),
    description: 'Refunds above 500 need a human',
  });
  agent.addGateway(gateway);
  agent.addPolicyEngine(engine); // AGENTCORE_POLICY_ENGINE_ARN
  // --- end ---
}

test('the README example synthesizes, is checked, and is clean under AwsSolutions and AgentCoreChecks', () => {
  const stack = testStack();
  const fn = lambda.Function.fromFunctionArn(stack, 'Orders', 'arn:aws:lambda:us-east-1:123456789012:function:orders');
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
  const agent = new AgentRuntime(stack, 'Agent', { runtimeName: 'support', artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: `sha256:${'e'.repeat(64)}` }) });
  readmeExample(stack, fn, ORDER_TOOLS, agent);
  expect(synthErrors(stack)).toEqual([]);
  Template.fromStack(stack).resourceCountIs('AWS::BedrockAgentCore::Policy', 2);
  expect(nagErrors(stack)).toEqual([]);
  expect(nagErrors(stack, new AgentCoreChecks())).toEqual([]);
});
