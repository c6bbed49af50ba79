import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { AgentCoreChecks, AgentRuntime, AgentRuntimeArtifact } from '../../lib';
import { nagErrors } from '../helpers/nag';

/** The example of README.md, 'Built-in tools: browser and code interpreter', verbatim inside the constructor. */
class ReadmeToolsStack extends Stack {
  constructor(app: App) {
    super(app, 'Readme', { env: { account: '123456789012', region: 'us-east-1' } });
    const agent = new AgentRuntime(this, 'Agent', {
      artifact: AgentRuntimeArtifact.fromEcrRepository(ecr.Repository.fromRepositoryName(this, 'Repo', 'agents'), { digest: `sha256:${'a'.repeat(64)}` }),
    });

    agent.addBrowser(); // AWS-managed aws.browser.v1 → AGENTCORE_BROWSER_ID
    agent.addCodeInterpreter(new agentcore.CodeInterpreterCustom(this, 'Sandbox', {
      codeInterpreterCustomName: 'analysis_sandbox', // aws-cdk-lib's custom code interpreter (its own network and role)
    })); // → AGENTCORE_CODE_INTERPRETER_ID
  }
}

test('the README tools example synthesizes clean', () => {
  const stack = new ReadmeToolsStack(new App());
  const env = Object.values(Template.fromStack(stack).findResources('Custom::BedrockAgentCoreRuntime'))[0].Properties.EnvironmentVariables;
  expect(Object.keys(env)).toEqual(['AGENTCORE_BROWSER_ID', 'AGENTCORE_CODE_INTERPRETER_ID']);
  expect(nagErrors(stack)).toEqual([]);
  expect(nagErrors(stack, new AgentCoreChecks())).toEqual([]);
});
