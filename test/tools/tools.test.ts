import { Stack } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { AgentCoreChecks } from '../../lib';
import { runtimeResource, testRuntime } from '../helpers/agent-runtime';
import { nagErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';
import { roleStatements } from '../helpers/template';

const runtime = (stack: Stack) => testRuntime(stack, 'Agent');

/** The statements of the agent role that mention a browser or a code interpreter. */
function toolStatements(stack: Stack): any[] {
  return roleStatements(stack, 'AgentExecutionRole').filter((s: any) => /Browser|CodeInterpreter/.test(JSON.stringify(s.Action)));
}

const managedArn = (kind: string, id: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock-agentcore:us-east-1:aws:${kind}/${id}`]],
});

const BROWSER_SESSION = [
  'bedrock-agentcore:StartBrowserSession',
  'bedrock-agentcore:GetBrowserSession',
  'bedrock-agentcore:StopBrowserSession',
  'bedrock-agentcore:ConnectBrowserAutomationStream',
];
const INTERPRETER_SESSION = [
  'bedrock-agentcore:StartCodeInterpreterSession',
  'bedrock-agentcore:GetCodeInterpreterSession',
  'bedrock-agentcore:InvokeCodeInterpreter',
  'bedrock-agentcore:StopCodeInterpreterSession',
];

describe('runtime.addBrowser', () => {
  test('the AWS-managed browser: its id in AGENTCORE_BROWSER_ID, session grants on exactly aws.browser.v1', () => {
    const stack = testStack();
    runtime(stack).addBrowser();
    expect(runtimeResource(stack, 'Agent').Properties.EnvironmentVariables).toEqual({ AGENTCORE_BROWSER_ID: 'aws.browser.v1' });
    expect(toolStatements(stack)).toEqual([{ Effect: 'Allow', Action: BROWSER_SESSION, Resource: managedArn('browser', 'aws.browser.v1') }]);
  });

  test("aws-cdk-lib's BrowserCustom: its id, grants on its ARN only, and the runtime created after it", () => {
    const stack = testStack();
    const browser = new agentcore.BrowserCustom(stack, 'Browser', { browserCustomName: 'research_browser' });
    runtime(stack).addBrowser(browser, { environmentVariable: 'BROWSER_ID', liveView: true });
    const resource = runtimeResource(stack, 'Agent');
    expect(resource.Properties.EnvironmentVariables).toEqual({ BROWSER_ID: { 'Fn::GetAtt': ['Browser5046F7C9', 'BrowserId'] } });
    expect(resource.DependsOn).toContain('Browser5046F7C9');
    expect(toolStatements(stack)).toEqual([{
      Effect: 'Allow',
      Action: [...BROWSER_SESSION, 'bedrock-agentcore:ConnectBrowserLiveViewStream', 'bedrock-agentcore:UpdateBrowserStream'],
      Resource: { 'Fn::GetAtt': ['Browser5046F7C9', 'BrowserArn'] },
    }]);
  });

  test('an imported browser is wired by its ARN and id', () => {
    const stack = testStack();
    const browser = agentcore.BrowserCustom.fromBrowserCustomAttributes(stack, 'Browser', {
      browserArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:browser-custom/shared_browser-AbCdEf1234',
      roleArn: 'arn:aws:iam::123456789012:role/browser',
    });
    runtime(stack).addBrowser(browser);
    expect(runtimeResource(stack, 'Agent').Properties.EnvironmentVariables.AGENTCORE_BROWSER_ID).toBe('shared_browser-AbCdEf1234');
    expect(toolStatements(stack)[0].Resource).toBe('arn:aws:bedrock-agentcore:us-east-1:123456789012:browser-custom/shared_browser-AbCdEf1234');
  });

  test('a second browser under the same variable is an error naming the variable', () => {
    const stack = testStack();
    const agent = runtime(stack);
    agent.addBrowser();
    expect(() => agent.addBrowser()).toThrow(/key 'AGENTCORE_BROWSER_ID' is already set/);
  });
});

describe('runtime.addCodeInterpreter', () => {
  test('the AWS-managed code interpreter: its id, session grants on exactly aws.codeinterpreter.v1', () => {
    const stack = testStack();
    runtime(stack).addCodeInterpreter();
    expect(runtimeResource(stack, 'Agent').Properties.EnvironmentVariables).toEqual({ AGENTCORE_CODE_INTERPRETER_ID: 'aws.codeinterpreter.v1' });
    expect(toolStatements(stack)).toEqual([{ Effect: 'Allow', Action: INTERPRETER_SESSION, Resource: managedArn('code-interpreter', 'aws.codeinterpreter.v1') }]);
  });

  test("aws-cdk-lib's CodeInterpreterCustom: its id, grants on its ARN only, and the runtime created after it", () => {
    const stack = testStack();
    const interpreter = new agentcore.CodeInterpreterCustom(stack, 'Interpreter', { codeInterpreterCustomName: 'analysis' });
    runtime(stack).addCodeInterpreter(interpreter, { environmentVariable: 'INTERPRETER_ID' });
    const resource = runtimeResource(stack, 'Agent');
    expect(resource.Properties.EnvironmentVariables).toEqual({ INTERPRETER_ID: { 'Fn::GetAtt': ['Interpreter4F25A8DD', 'CodeInterpreterId'] } });
    expect(resource.DependsOn).toContain('Interpreter4F25A8DD');
    expect(toolStatements(stack)).toEqual([{ Effect: 'Allow', Action: INTERPRETER_SESSION, Resource: { 'Fn::GetAtt': ['Interpreter4F25A8DD', 'CodeInterpreterArn'] } }]);
  });
});

test('an agent with both tools is clean under AwsSolutions and AgentCoreChecks', () => {
  const stack = testStack();
  const agent = runtime(stack);
  agent.addBrowser();
  agent.addCodeInterpreter(new agentcore.CodeInterpreterCustom(stack, 'Interpreter', { codeInterpreterCustomName: 'analysis' }));
  expect(nagErrors(stack)).toEqual([]);
  expect(nagErrors(stack, new AgentCoreChecks())).toEqual([]);
});
