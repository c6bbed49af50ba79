import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AgentRuntime, AgentRuntimeArtifact, AgentRuntimeEndpoint, EndpointVersion } from '../../lib';
import { nagErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';

const DIGEST = `sha256:${'d'.repeat(64)}`;

function runtime(stack: Stack, props: Partial<ConstructorParameters<typeof AgentRuntime>[2]> = {}): AgentRuntime {
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
  return new AgentRuntime(stack, 'Agent', { runtimeName: 'agent', artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: DIGEST }), ...props });
}

function runtimeProps(stack: Stack): any {
  return (Object.values(Template.fromStack(stack).findResources('Custom::BedrockAgentCoreRuntime'))[0] as any).Properties;
}

/**
 * Renders an `Fn::Join` of literals, `Ref`s and `Fn::GetAtt`s as text (`${Name}`, `${Name.Attr}`), for parsing JSON built
 * from tokens.
 */
function renderJoin(value: any): string {
  if (typeof value === 'string') return value;
  const [delimiter, parts] = value['Fn::Join'];
  const render = (p: any) => (typeof p === 'string' ? p : p.Ref ? `\${${p.Ref}}` : `\${${p['Fn::GetAtt'].join('.')}}`);
  return parts.map(render).join(delimiter);
}

const VERSION_ATTR = { 'Fn::GetAtt': [expect.stringMatching(/^Agent/), 'AgentRuntimeVersion'] };

describe('endpoints', () => {
  test('latest() follows the version of the current deployment; pinned() stays put', () => {
    const stack = testStack();
    const agent = runtime(stack);
    agent.addEndpoint('staging', { version: EndpointVersion.latest(), description: 'Moves with every deploy' });
    agent.addEndpoint('prod', { version: EndpointVersion.pinned('3') });
    const endpoints = Object.values(Template.fromStack(stack).findResources('AWS::BedrockAgentCore::RuntimeEndpoint')).map((r: any) => r.Properties);
    expect(endpoints).toEqual([
      { AgentRuntimeId: { Ref: expect.stringMatching(/^Agent/) }, Name: 'staging', AgentRuntimeVersion: VERSION_ATTR, Description: 'Moves with every deploy' },
      { AgentRuntimeId: { Ref: expect.stringMatching(/^Agent/) }, Name: 'prod', AgentRuntimeVersion: '3' },
    ]);
  });

  test('the default version is latest()', () => {
    const stack = testStack();
    runtime(stack).addEndpoint('staging');
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::RuntimeEndpoint', {
      AgentRuntimeVersion: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Agent'), 'AgentRuntimeVersion'] },
    });
  });

  test('an endpoint grant names the runtime and that endpoint only', () => {
    const stack = testStack();
    const prod = runtime(stack).addEndpoint('prod', { version: EndpointVersion.pinned('1') });
    const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    prod.grantInvoke(caller);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['bedrock-agentcore:InvokeAgentRuntime', 'bedrock-agentcore:InvokeAgentRuntimeWithWebSocketStream'],
          Resource: [
            { 'Fn::GetAtt': [Match.stringLikeRegexp('^Agent'), 'AgentRuntimeArn'] },
            { 'Fn::GetAtt': [Match.stringLikeRegexp('^AgentEndpointprod'), 'AgentRuntimeEndpointArn'] },
          ],
        }],
      },
    });
    expect(nagErrors(stack)).toEqual([]);
  });

  test.each<[string, () => void, RegExp]>([
    ['DEFAULT is reserved', () => runtime(testStack()).addEndpoint('DEFAULT'), /endpointName 'DEFAULT' is reserved/],
    ['default in any case', () => runtime(testStack()).addEndpoint('Default'), /is reserved/],
    ['name pattern', () => runtime(testStack()).addEndpoint('prod-1'), /endpointName 'prod-1' must match/],
    ['duplicate', () => { const a = runtime(testStack()); a.addEndpoint('x'); a.addEndpoint('x'); }, /an endpoint named 'x' already exists/],
    ['at most 9 named', () => { const a = runtime(testStack()); for (let i = 0; i < 10; i++) a.addEndpoint(`e${i}`); }, /at most 10 endpoints including DEFAULT, so at most 9 named/],
    ['pinned version shape', () => EndpointVersion.pinned('v3'), /version 'v3' must be a runtime version number/],
  ])('%s', (_name, action, message) => {
    expect(action).toThrow(message);
  });

  test('imported endpoints grant the same way', () => {
    const stack = testStack();
    const runtimeArn = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/agent-AbCdEf1234';
    const endpoint = AgentRuntimeEndpoint.fromAgentRuntimeEndpointAttributes(stack, 'Prod', {
      agentRuntimeArn: runtimeArn, endpointName: 'prod', agentRuntimeEndpointArn: `${runtimeArn}/runtime-endpoint/prod`,
    });
    const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    endpoint.grantInvoke(caller);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Resource: [runtimeArn, `${runtimeArn}/runtime-endpoint/prod`] })] },
    });
  });
});

describe('verified promotion', () => {
  test('the health check is sent to the provider, and the provider may invoke runtimes', () => {
    const stack = testStack();
    runtime(stack, { healthCheck: { payload: JSON.stringify({ prompt: 'ping' }), expectedText: 'pong', timeout: Duration.seconds(45) } });
    expect(runtimeProps(stack).CdkAgentCore.HealthCheck).toEqual({ Payload: '{"prompt":"ping"}', ExpectedStatus: 200, ExpectedText: 'pong', TimeoutSeconds: 45 });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      Policies: [{ PolicyName: 'Policy', PolicyDocument: { Statement: Match.arrayWith([{ Sid: 'HealthChecks', Effect: 'Allow', Action: 'bedrock-agentcore:InvokeAgentRuntime', Resource: Match.anyValue() }]) } }],
    });
  });

  test('without a health check the provider cannot invoke runtimes', () => {
    const stack = testStack();
    runtime(stack);
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('"bedrock-agentcore:InvokeAgentRuntime"');
  });

  test.each<[string, any, RegExp]>([
    ['timeout', { payload: '{}', timeout: Duration.minutes(2) }, /healthCheck.timeout 120 must be between 5 seconds and 90 seconds/],
    ['status', { payload: '{}', expectedStatus: 42 }, /healthCheck.expectedStatus 42 must be between 100 and 599/],
    ['payload', { payload: '' }, /healthCheck.payload '' must be 1-4096 characters long/],
  ])('invalid %s is rejected', (_name, healthCheck, message) => {
    expect(() => runtime(testStack(), { healthCheck })).toThrow(message);
  });

  test('previousVersion comes from the provider', () => {
    const stack = testStack();
    expect(stack.resolve(runtime(stack).previousVersion)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Agent/), 'PreviousVersion'] });
  });
});

describe('resource-based policy', () => {
  test('grantInvoke to another account adds a resource-policy statement the provider applies to the runtime', () => {
    const stack = testStack();
    const agent = runtime(stack);
    const grant = agent.grantInvoke(new iam.AccountPrincipal('210987654321'));
    expect(grant.success).toBe(true);
    const policy = JSON.parse(renderJoin(runtimeProps(stack).CdkAgentCore.ResourcePolicy));
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Action: ['bedrock-agentcore:InvokeAgentRuntime', 'bedrock-agentcore:InvokeAgentRuntimeWithWebSocketStream'],
        Principal: { AWS: expect.stringMatching(/210987654321:root/) },
      }],
    });
  });

  test.each([
    ['grant, then endpoints', (agent: AgentRuntime) => { agent.grantInvoke(new iam.AccountPrincipal('210987654321')); agent.addEndpoint('staging'); agent.addEndpoint('prod'); }],
    ['endpoints, then grant', (agent: AgentRuntime) => { agent.addEndpoint('staging'); agent.addEndpoint('prod'); agent.grantInvoke(new iam.AccountPrincipal('210987654321')); }],
  ])('every named endpoint gets a copy of the policy once it exists (%s)', (_order, configure) => {
    const stack = testStack();
    const agent = runtime(stack);
    configure(agent);
    const copies = Template.fromStack(stack).findResources('AWS::BedrockAgentCore::ResourcePolicy');
    expect(Object.values(copies).map((r: any) => [r.Properties.ResourceArn, r.DependsOn])).toEqual(['staging', 'prod'].map((name) => [
      { 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^AgentEndpoint${name}`)), 'AgentRuntimeEndpointArn'] },
      [expect.stringMatching(new RegExp(`^AgentEndpoint${name}`))],
    ]));
    const runtimePolicy = JSON.parse(renderJoin(runtimeProps(stack).CdkAgentCore.ResourcePolicy));
    for (const copy of Object.values(copies) as any[]) {
      // The runtime's statements, each with Resource set to the endpoint (the provider does the same for the runtime).
      const endpointArn = `\${${copy.Properties.ResourceArn['Fn::GetAtt'].join('.')}}`;
      expect(JSON.parse(renderJoin(copy.Properties.Policy))).toEqual({
        ...runtimePolicy,
        Statement: runtimePolicy.Statement.map((st: object) => ({ ...st, Resource: endpointArn })),
      });
    }
  });

  test('without a resource policy, endpoints get no policy resource', () => {
    const stack = testStack();
    runtime(stack).addEndpoint('staging');
    Template.fromStack(stack).resourceCountIs('AWS::BedrockAgentCore::ResourcePolicy', 0);
  });

  test('same-account grants do not touch the resource policy', () => {
    const stack = testStack();
    const agent = runtime(stack);
    agent.grantInvoke(new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(runtimeProps(stack).CdkAgentCore).toBeUndefined();
  });

  test('addToResourcePolicy drops resources (the policy always applies to this runtime) and requires a principal', () => {
    const stack = testStack();
    const agent = runtime(stack);
    agent.addToResourcePolicy(new iam.PolicyStatement({ actions: ['bedrock-agentcore:InvokeAgentRuntime'], resources: ['*'], principals: [new iam.ArnPrincipal('arn:aws:iam::210987654321:role/caller')] }));
    expect(JSON.parse(runtimeProps(stack).CdkAgentCore.ResourcePolicy).Statement).toEqual([{
      Effect: 'Allow', Action: 'bedrock-agentcore:InvokeAgentRuntime', Principal: { AWS: 'arn:aws:iam::210987654321:role/caller' },
    }]);

    const bad = testStack();
    runtime(bad).addToResourcePolicy(new iam.PolicyStatement({ actions: ['bedrock-agentcore:InvokeAgentRuntime'] }));
    expect(() => (bad.node.root as App).synth()).toThrow(/at least one IAM principal/);
  });
});
