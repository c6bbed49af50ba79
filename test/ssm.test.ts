import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AgentCoreEnvironment, AgentCoreParameters, AgentRuntime, AgentRuntimeArtifact, ExecutionRole, Gateway, Memory } from '../lib';
import { nagErrors } from './helpers/nag';
import { testStack } from './helpers/stack';

const DIGEST = `sha256:${'c'.repeat(64)}`;

function parameters(stack: Stack): Record<string, any> {
  const found = Template.fromStack(stack).findResources('AWS::SSM::Parameter');
  return Object.fromEntries(Object.values(found).map((p: any) => [p.Properties.Name, stack.resolve(p.Properties.Value)]));
}

/** A stack in the test account whose AgentCore environment is `environment`. */
function stackIn(environment: string): Stack {
  const stack = new Stack(new App(), 'TestStack', { env: { account: '123456789012', region: 'us-east-1' } });
  AgentCoreEnvironment.set(stack, environment);
  return stack;
}

function runtime(stack: Stack, id: string, role?: iam.IRole): AgentRuntime {
  const repo = ecr.Repository.fromRepositoryName(stack, `${id}Repo`, 'agents');
  return new AgentRuntime(stack, id, { runtimeName: `${id.toLowerCase()}_agent`, executionRole: role, artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: DIGEST }) });
}

describe('SSM outputs', () => {
  test('ExecutionRole publishes its ARN and name under /agentcore/<environment>/runtime/', () => {
    const stack = stackIn('prod');
    const role = new ExecutionRole(stack, 'Role');
    const created = role.addSsmOutputs();
    expect(created).toHaveLength(2);
    expect(parameters(stack)).toEqual({
      '/agentcore/prod/runtime/execution_role_arn': { 'Fn::GetAtt': [expect.stringMatching(/^Role/), 'Arn'] },
      '/agentcore/prod/runtime/execution_role_name': { Ref: expect.stringMatching(/^Role/) },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::SSM::Parameter', { Type: 'String', Name: '/agentcore/prod/runtime/execution_role_arn' });
  });

  test('AgentRuntime publishes its identifiers, the DEFAULT log group and whether X-Ray is on', () => {
    const stack = stackIn('staging');
    const role = new ExecutionRole(stack, 'Role', { tracing: false });
    runtime(stack, 'Agent', role).addSsmOutputs();
    const id = { Ref: expect.stringMatching(/^Agent/) };
    expect(parameters(stack)).toEqual({
      '/agentcore/staging/runtime/agent_runtime_arn': { 'Fn::GetAtt': [expect.stringMatching(/^Agent/), 'AgentRuntimeArn'] },
      '/agentcore/staging/runtime/agent_runtime_id': id,
      '/agentcore/staging/runtime/agent_runtime_name': 'agent_agent',
      '/agentcore/staging/runtime/log_group_name': { 'Fn::Join': ['', ['/aws/bedrock-agentcore/runtimes/', id, '-DEFAULT']] },
      '/agentcore/staging/runtime/xray_enabled': 'false',
    });
  });

  test('a custom prefix is used as given', () => {
    const stack = testStack();
    runtime(stack, 'Agent').addSsmOutputs({ prefix: '/teams/support/agent/' });
    expect(Object.keys(parameters(stack))).toContain('/teams/support/agent/agent_runtime_id');
  });

  test('two outputs writing one name are rejected, with the fix in the message', () => {
    const stack = testStack();
    runtime(stack, 'A').addSsmOutputs();
    expect(() => runtime(stack, 'B').addSsmOutputs()).toThrow(
      /the SSM parameter '\/agentcore\/dev\/runtime\/agent_runtime_arn' is already written by TestStack\/A; pass a different prefix/);
  });

  test.each([
    ['agentcore/dev/', /prefix 'agentcore\/dev\/' must match a path with a leading and a trailing '\/'/],
    ['/agentcore/dev', /prefix '\/agentcore\/dev' must match/],
    ['/agent core/', /prefix '\/agent core\/' must match/],
    ['/aws/agent/', /must not start with '\/aws' or '\/ssm'/],
    [`/${Array.from({ length: 15 }, (_, i) => `l${i}`).join('/')}/`, /must match a path with .*1 to 14 levels .* \(15 with the parameter's own name\)/],
  ])('prefix %s is rejected, by addSsmOutputs() and by the reader AgentRuntime.fromSsm()', (prefix, message) => {
    const role = new ExecutionRole(testStack(), 'Role');
    expect(() => role.addSsmOutputs({ prefix })).toThrow(message);
    expect(() => AgentRuntime.fromSsm(testStack(), 'Reader', { prefix })).toThrow(message);
  });

  test('AgentRuntime.fromSsm() checks the environment like AgentCoreEnvironment', () => {
    expect(() => AgentRuntime.fromSsm(testStack(), 'Reader', { environment: 'Prod' })).toThrow(/environment 'Prod' must match/);
  });

  test('a reader given both an environment and a whole path fails instead of ignoring the environment', () => {
    expect(() => AgentRuntime.fromSsm(testStack(), 'Reader', { environment: 'prod', prefix: '/team/agents/' })).toThrow(/give environment or prefix, not both/);
    expect(() => new AgentCoreParameters(testStack(), 'Params', { environment: 'prod', root: '/team/' })).toThrow(/give environment or root, not both/);
  });

  test('published parameters pass AwsSolutions', () => {
    const stack = testStack();
    new ExecutionRole(stack, 'Role').addSsmOutputs();
    expect(nagErrors(stack)).toEqual([]);
  });
});

describe('reading SSM outputs from another stack', () => {
  test('AgentRuntime.fromSsm resolves the identifiers at deploy time and grants invoke on them', () => {
    const app = new App();
    const consumer = new Stack(app, 'Consumer', { env: { account: '123456789012', region: 'us-east-1' } });
    AgentCoreEnvironment.set(consumer, 'prod');
    const imported = AgentRuntime.fromSsm(consumer, 'Agent');
    const caller = new iam.Role(consumer, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    imported.grantInvoke(caller);
    const template = Template.fromStack(consumer);
    const params = template.toJSON().Parameters;
    expect(Object.values(params).map((p: any) => p.Default).filter((d) => d.startsWith('/agentcore/'))).toEqual(['/agentcore/prod/runtime/agent_runtime_arn']);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Resource: [{ Ref: Match.stringLikeRegexp('agentruntimearn') }, Match.anyValue()] })] },
    });
  });

  test('AgentCoreParameters names values and grants reading the whole environment', () => {
    const stack = testStack();
    const params = new AgentCoreParameters(stack, 'Params', { environment: 'prod' });
    expect(params.parameterName('memory', 'memory_id')).toBe('/agentcore/prod/memory/memory_id');
    expect(stack.resolve(params.value('gateway', 'gateway_url'))).toEqual({ Ref: expect.stringMatching(/gatewayurl/i) });
    const script = new iam.Role(stack, 'Script', { assumedBy: new iam.AccountRootPrincipal() });
    params.grantRead(script);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
          Resource: [
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:us-east-1:123456789012:parameter/agentcore/prod']] },
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:us-east-1:123456789012:parameter/agentcore/prod/*']] },
          ],
        }],
      },
    });
    expect(nagErrors(stack)).toEqual([]);
  });

  test('AgentCoreParameters reads the environment of its stack unless told another', () => {
    expect(new AgentCoreParameters(stackIn('staging'), 'Own').root).toBe('/agentcore/staging/');
    expect(new AgentCoreParameters(stackIn('staging'), 'Other', { environment: 'prod' }).root).toBe('/agentcore/prod/');
  });

  test('AgentRuntime.fromSsm reads another environment when told', () => {
    const consumer = stackIn('staging');
    // the parameter is declared once an attribute is used
    void AgentRuntime.fromSsm(consumer, 'Agent', { environment: 'prod' }).agentRuntimeArn;
    const defaults = Object.values(Template.fromStack(consumer).toJSON().Parameters).map((p: any) => p.Default);
    expect(defaults).toContain('/agentcore/prod/runtime/agent_runtime_arn');
  });

  test('AgentCoreParameters validates the environment', () => {
    expect(() => new AgentCoreParameters(testStack(), 'P', { environment: 'Prod' })).toThrow(/environment 'Prod' must match/);
  });
});

describe('SSM outputs of memories and gateways', () => {
  test('Memory publishes memory_id and memory_arn under /agentcore/<environment>/memory/', () => {
    const stack = stackIn('prod');
    new Memory(stack, 'Memory').addSsmOutputs();
    expect(parameters(stack)).toEqual({
      '/agentcore/prod/memory/memory_id': { 'Fn::GetAtt': [expect.stringMatching(/^Memory/), 'MemoryId'] },
      '/agentcore/prod/memory/memory_arn': { 'Fn::GetAtt': [expect.stringMatching(/^Memory/), 'MemoryArn'] },
    });
  });

  test('Gateway publishes gateway_id, gateway_arn and gateway_url under /agentcore/dev/gateway/', () => {
    const stack = testStack();
    new Gateway(stack, 'Gateway').addSsmOutputs();
    expect(parameters(stack)).toEqual({
      '/agentcore/dev/gateway/gateway_id': { 'Fn::GetAtt': [expect.stringMatching(/^Gateway/), 'GatewayIdentifier'] },
      '/agentcore/dev/gateway/gateway_arn': { 'Fn::GetAtt': [expect.stringMatching(/^Gateway/), 'GatewayArn'] },
      '/agentcore/dev/gateway/gateway_url': { 'Fn::GetAtt': [expect.stringMatching(/^Gateway/), 'GatewayUrl'] },
    });
  });
});

describe('one environment setting for a stack', () => {
  test('a prod stack tags the default role prod and publishes every component under /agentcore/prod/', () => {
    const stack = stackIn('prod');
    const agent = runtime(stack, 'Agent');
    agent.addSsmOutputs();
    new Memory(stack, 'Memory').addSsmOutputs();
    new Gateway(stack, 'Gateway').addSsmOutputs();
    const names = Object.keys(parameters(stack));
    expect(names.length).toBe(10);
    expect(names.every((n) => n.startsWith('/agentcore/prod/'))).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'bedrock-agentcore.amazonaws.com' } })] }),
      Tags: [{ Key: 'agentcore:environment', Value: 'prod' }],
    });
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('/agentcore/dev/');
  });

  test('the context key works from cdk.json or -c as well', () => {
    const app = new App({ context: { 'cdk-agentcore:environment': 'qa' } });
    const stack = new Stack(app, 'Qa', { env: { account: '123456789012', region: 'us-east-1' } });
    new Memory(stack, 'Memory').addSsmOutputs();
    expect(Object.keys(parameters(stack))).toEqual(['/agentcore/qa/memory/memory_id', '/agentcore/qa/memory/memory_arn']);
  });
});
