import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AgentCoreChecks } from '../lib';
import { runtimeResource } from './helpers/agent-runtime';
import { exampleStack } from './helpers/example-agent';
import { nagFindings } from './helpers/nag';
import { roleStatements } from './helpers/template';

describe('example app (bin/): a multi-agent pack', () => {
  test('AwsSolutions reports nothing', () => {
    expect(nagFindings(exampleStack())).toEqual([]);
  });

  test('AgentCoreChecks reports nothing', () => {
    const findings = nagFindings(exampleStack(), new AgentCoreChecks());
    expect(findings).toEqual([]);
  });

  test('synthesizes without warnings (the memory records nothing, so there is nothing to replace)', () => {
    expect(Annotations.fromStack(exampleStack()).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('an entry agent and two peers, each with its own execution role, deployed by one provider', () => {
    const t = Template.fromStack(exampleStack());
    t.resourceCountIs('Custom::BedrockAgentCoreRuntime', 3);
    t.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    const roleArns = Object.values(t.findResources('Custom::BedrockAgentCoreRuntime')).map((r: any) => JSON.stringify(r.Properties.RoleArn));
    expect(new Set(roleArns).size).toBe(3);
  });

  test('the concierge knows its peers, may invoke exactly them, and is created after them', () => {
    const stack = exampleStack();
    const concierge = runtimeResource(stack, 'Concierge');
    const peers = concierge.Properties.EnvironmentVariables.AGENTCORE_PEERS['Fn::Join'][1];
    expect(peers.filter((p: unknown) => typeof p === 'string')).toEqual(['{"support":"', '","research":"', '"}']);
    expect(concierge.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^Support[0-9A-F]{8}$/), expect.stringMatching(/^Research[0-9A-F]{8}$/)]));
    const invokes = roleStatements(stack, 'ConciergeRole').filter((s) => JSON.stringify(s.Action).includes('InvokeAgentRuntime'));
    expect(invokes.map((s) => s.Resource[0]['Fn::GetAtt'][0])).toEqual([expect.stringMatching(/^Support/), expect.stringMatching(/^Research/)]);
    expect(roleStatements(stack, 'SupportRole').filter((s) => JSON.stringify(s.Action).includes('InvokeAgentRuntime'))).toEqual([]);
  });

  test('the gateway asks a Cedar policy engine before every tool call', () => {
    const t = Template.fromStack(exampleStack());
    t.resourceCountIs('AWS::BedrockAgentCore::Policy', 2);
    t.hasResourceProperties('AWS::BedrockAgentCore::Gateway', { PolicyEngineConfiguration: Match.objectLike({ Mode: 'ENFORCE' }) });
  });

  test('one online evaluation config per agent; the role may invoke only the judge model', () => {
    const stack = exampleStack();
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::BedrockAgentCore::OnlineEvaluationConfig', 3);
    const models = roleStatements(stack, 'QualityExecutionRole').filter((s) => JSON.stringify(s.Action).includes('bedrock:InvokeModel'));
    expect(JSON.stringify(models)).toContain('inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0');
    expect(JSON.stringify(models)).not.toContain('sonnet');
  });

  test('template snapshot', () => {
    expect(Template.fromStack(exampleStack()).toJSON()).toMatchSnapshot();
  });
});
