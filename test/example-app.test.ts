import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ExampleAgentStack } from '../bin/example-stack';
import { AgentCoreChecks } from '../lib';
import { nagFindings } from './helpers/nag';

function exampleStack(): ExampleAgentStack {
  return new ExampleAgentStack(new App(), 'AgentCoreExample', {
    env: { account: '123456789012', region: 'us-east-1' },
    environmentName: 'dev',
    supportAgentDigest: `sha256:${'b'.repeat(64)}`,
    productionVersion: '1',
  });
}

describe('example app (bin/)', () => {
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

  test('two runtimes share one execution role and one provider', () => {
    const t = Template.fromStack(exampleStack());
    t.resourceCountIs('Custom::BedrockAgentCoreRuntime', 2);
    t.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    const roleArns = Object.values(t.findResources('Custom::BedrockAgentCoreRuntime')).map((r: any) => JSON.stringify(r.Properties.RoleArn));
    expect(new Set(roleArns).size).toBe(1);
  });

  test('template snapshot', () => {
    expect(Template.fromStack(exampleStack()).toJSON()).toMatchSnapshot();
  });
});
