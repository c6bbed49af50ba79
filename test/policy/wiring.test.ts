import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { addPolicy, ordersSetup, synthErrors } from './fixtures';
import { AgentRuntime, AgentRuntimeArtifact, Gateway, GatewayPolicyEngineMode, PolicyEngine } from '../../lib';
import { nagErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';

const ENGINE_ARN = { 'Fn::GetAtt': [expect.stringMatching(/^Engine/), 'PolicyEngineArn'] };

function logicalId(stack: Stack, type: string, prefix: string): string {
  const ids = Object.keys(Template.fromStack(stack).findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids).toHaveLength(1);
  return ids[0];
}

function resource(stack: Stack, id: string): any {
  return Template.fromStack(stack).toJSON().Resources[id];
}

describe('gateway with a policy engine', () => {
  test('PolicyEngineConfiguration names the engine, ENFORCE by default', () => {
    const { stack } = ordersSetup();
    const gateway = resource(stack, logicalId(stack, 'AWS::BedrockAgentCore::Gateway', 'Tools'));
    expect(gateway.Properties.PolicyEngineConfiguration).toEqual({ Arn: ENGINE_ARN, Mode: 'ENFORCE' });
  });

  test('the gateway role gets exactly GetPolicyEngine, AuthorizeAction and PartiallyAuthorizeActions, and the gateway waits for it', () => {
    const { stack } = ordersSetup();
    const policyId = logicalId(stack, 'AWS::IAM::Policy', 'ToolsPolicyEngineAccess');
    const policy = resource(stack, policyId);
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      { Sid: 'ReadPolicyEngine', Effect: 'Allow', Action: 'bedrock-agentcore:GetPolicyEngine', Resource: ENGINE_ARN },
      {
        Sid: 'AuthorizeToolCalls',
        Effect: 'Allow',
        Action: ['bedrock-agentcore:AuthorizeAction', 'bedrock-agentcore:PartiallyAuthorizeActions'],
        Resource: [ENGINE_ARN, { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock-agentcore:us-east-1:123456789012:gateway/tools-??????????']] }],
      },
    ]);
    expect(policy.Properties.Roles).toEqual([{ Ref: expect.stringMatching(/^ToolsServiceRole/) }]);
    expect(resource(stack, logicalId(stack, 'AWS::BedrockAgentCore::Gateway', 'Tools')).DependsOn).toContain(policyId);
  });

  test('addPolicyEngine with LOG_ONLY; a second engine, a wrong mode and a mode without engine are errors', () => {
    const stack = testStack();
    const engine = new PolicyEngine(stack, 'Engine');
    const gateway = new Gateway(stack, 'Tools');
    gateway.addPolicyEngine(engine, { mode: GatewayPolicyEngineMode.LOG_ONLY });
    expect(resource(stack, logicalId(stack, 'AWS::BedrockAgentCore::Gateway', 'Tools')).Properties.PolicyEngineConfiguration).toEqual({ Arn: ENGINE_ARN, Mode: 'LOG_ONLY' });
    expect(() => gateway.addPolicyEngine(new PolicyEngine(stack, 'Other'))).toThrow(
      "Invalid policy engine of the Gateway at 'TestStack/Tools':\n  - policyEngine 'TestStack/Other' cannot be added: the gateway already has a policy engine (AgentCore allows one per gateway)");
    expect(() => new Gateway(stack, 'Wrong', { policyEngine: engine, policyEngineMode: 'ACTIVE' as GatewayPolicyEngineMode })).toThrow(
      "Invalid policy engine of the Gateway at 'TestStack/Wrong':\n  - policyEngineMode 'ACTIVE' must be one of LOG_ONLY, ENFORCE (GatewayPolicyEngineMode)");
    expect(() => new Gateway(stack, 'NoEngine', { policyEngineMode: GatewayPolicyEngineMode.ENFORCE })).toThrow(
      "Invalid Gateway at 'TestStack/NoEngine':\n  - policyEngineMode 'ENFORCE' needs a policyEngine");
  });

  test('an aws-cdk-lib CfnPolicyEngine is accepted (IPolicyEngineRef)', () => {
    const stack = testStack();
    const engine = new agentcore.CfnPolicyEngine(stack, 'Engine', { name: 'l1_engine' });
    new Gateway(stack, 'Tools', { policyEngine: engine });
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::Gateway', { PolicyEngineConfiguration: { Arn: { Ref: 'Engine' }, Mode: 'ENFORCE' } });
  });

  test('policies are created after the gateway, its role policies and its targets, whenever the engine is attached', () => {
    const stack = testStack();
    const engine = new PolicyEngine(stack, 'Engine');
    const early = addPolicy(engine, 'early', 'forbid(principal, action, resource) when { context.input has secret };');
    const gateway = new Gateway(stack, 'Tools', { gatewayName: 'tools' });
    gateway.addPolicyEngine(engine);
    const late = addPolicy(engine, 'late', 'forbid(principal, action, resource) when { context.input has password };');
    gateway.addMcpServerTarget('Docs', { endpoint: 'https://docs.example.com/mcp' });
    expect(synthErrors(stack)).toEqual([]);
    const gatewayIds = [
      logicalId(stack, 'AWS::BedrockAgentCore::Gateway', 'Tools'),
      logicalId(stack, 'AWS::BedrockAgentCore::GatewayTarget', 'ToolsDocs'),
      logicalId(stack, 'AWS::IAM::Policy', 'ToolsPolicyEngineAccess'),
    ];
    for (const policy of [early, late]) {
      const id = stack.getLogicalId(policy.node.defaultChild as agentcore.CfnPolicy);
      expect(resource(stack, id).DependsOn).toEqual(expect.arrayContaining(gatewayIds));
    }
  });
});

describe('runtime.addPolicyEngine', () => {
  function runtime(stack: Stack): AgentRuntime {
    const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
    return new AgentRuntime(stack, 'Agent', { runtimeName: 'agent', artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: `sha256:${'e'.repeat(64)}` }) });
  }

  function runtimeResource(stack: Stack): any {
    return Object.values(Template.fromStack(stack).findResources('Custom::BedrockAgentCoreRuntime'))[0];
  }

  function engineStatements(stack: Stack): any[] {
    return Object.entries(Template.fromStack(stack).toJSON().Resources)
      .filter(([id, r]: any) => r.Type === 'AWS::IAM::Role' && id.startsWith('AgentExecutionRole'))
      .flatMap(([, r]: any) => r.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement))
      .filter((s: any) => JSON.stringify(s).includes('PolicyEngine'));
  }

  test('injects AGENTCORE_POLICY_ENGINE_ARN, grants GetPolicyEngine on the engine only, and waits for the engine and its policies', () => {
    const { stack, engine, gateway } = ordersSetup();
    const policy = addPolicy(engine, 'read', `permit(principal is AgentCore::IamEntity, action == AgentCore::Action::"Orders___get_order", resource == AgentCore::Gateway::"${gateway.gatewayArn}");`);
    const agent = runtime(stack);
    agent.addPolicyEngine(engine);
    const r = runtimeResource(stack);
    expect(r.Properties.EnvironmentVariables).toEqual({ AGENTCORE_POLICY_ENGINE_ARN: ENGINE_ARN });
    expect(r.DependsOn).toEqual(expect.arrayContaining([
      stack.getLogicalId(engine.node.defaultChild as agentcore.CfnPolicyEngine),
      stack.getLogicalId(policy.node.defaultChild as agentcore.CfnPolicy),
    ]));
    expect(engineStatements(stack)).toEqual([{ Effect: 'Allow', Action: 'bedrock-agentcore:GetPolicyEngine', Resource: ENGINE_ARN }]);
    expect(nagErrors(stack)).toEqual([]);
  });

  test('the variable name can be chosen; an imported engine is wired the same way', () => {
    const stack = testStack();
    const arn = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/shared-abcdefghij';
    const grant = runtime(stack).addPolicyEngine(PolicyEngine.fromPolicyEngineArn(stack, 'Shared', arn), { environmentVariable: 'GUARDRAILS_ARN' });
    expect(grant.success).toBe(true);
    expect(runtimeResource(stack).Properties.EnvironmentVariables).toEqual({ GUARDRAILS_ARN: arn });
    expect(engineStatements(stack)).toEqual([{ Effect: 'Allow', Action: 'bedrock-agentcore:GetPolicyEngine', Resource: arn }]);
  });

  test('a clash with an existing variable is an error naming the key', () => {
    const stack = testStack();
    const agent = runtime(stack);
    agent.addEnvironment('AGENTCORE_POLICY_ENGINE_ARN', 'x');
    expect(() => agent.addPolicyEngine(new PolicyEngine(stack, 'Engine'))).toThrow(/key 'AGENTCORE_POLICY_ENGINE_ARN' is already set/);
  });

  test('a runtime role that is an imported immutable role gets no grant (a dropped grant)', () => {
    const stack = testStack();
    const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
    const role = iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::123456789012:role/agent', { mutable: false });
    const agent = new AgentRuntime(stack, 'Agent', { runtimeName: 'agent', executionRole: role, artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: `sha256:${'e'.repeat(64)}` }) });
    agent.addPolicyEngine(new PolicyEngine(stack, 'Engine'));
    expect(engineStatements(stack)).toEqual([]);
  });
});
