import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AgentRuntime } from '../../lib';
import { testStack } from '../helpers/stack';

/**
 * The SSM parameter names a reader stack declares (the `Default` of its `AWS::SSM::Parameter::Value` parameters), but
 * the bootstrap version every synthesized stack checks.
 */
function ssmParameters(stack: Stack): string[] {
  const parameters = Template.fromStack(stack).toJSON().Parameters ?? {};
  return Object.values(parameters)
    .filter((p: any) => String(p.Type).startsWith('AWS::SSM::Parameter::Value') && !p.Default.startsWith('/cdk-bootstrap/'))
    .map((p: any) => p.Default);
}

describe('AgentRuntime.fromSsm', () => {
  test('a reader that only invokes declares one parameter, the ARN (no unused parameter, no W2001)', () => {
    const stack = testStack('Reader');
    const imported = AgentRuntime.fromSsm(stack, 'Agent', { environment: 'prod' });
    imported.grantInvoke(new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(ssmParameters(stack)).toEqual(['/agentcore/prod/runtime/agent_runtime_arn']);
  });

  test('the id and the name come from the ARN, through the same parameter', () => {
    const stack = testStack('Reader');
    const imported = AgentRuntime.fromSsm(stack, 'Agent', { prefix: '/shop/agents/orders/' });
    const arn = stack.resolve(imported.agentRuntimeArn);
    expect(arn).toEqual({ Ref: expect.stringMatching(/agentruntimearn/i) });
    const id = { 'Fn::Select': [1, { 'Fn::Split': ['/', arn] }] };
    expect(stack.resolve(imported.agentRuntimeId)).toEqual(id);
    expect(stack.resolve(imported.agentRuntimeName)).toEqual({ 'Fn::Select': [0, { 'Fn::Split': ['-', id] }] });
    expect(ssmParameters(stack)).toEqual(['/shop/agents/orders/agent_runtime_arn']);
  });

  test('an import nothing reads declares nothing', () => {
    const stack = new Stack(new App(), 'Reader');
    AgentRuntime.fromSsm(stack, 'Agent');
    expect(ssmParameters(stack)).toEqual([]);
  });
});
