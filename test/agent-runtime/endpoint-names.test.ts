import { CfnParameter } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { AgentRuntime, AgentRuntimeArtifact } from '../../lib';
import { nagErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';

test('an endpoint name that is a token synthesizes; literal names keep their construct ids', () => {
  const stack = testStack();
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
  const agent = new AgentRuntime(stack, 'Agent', { runtimeName: 'agent', artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: `sha256:${'d'.repeat(64)}` }) });
  const stage = new CfnParameter(stack, 'Stage', { type: 'String' });
  agent.addEndpoint('staging');
  const fromParameter = agent.addEndpoint(stage.valueAsString);
  agent.addEndpoint('prod');

  const endpoints = Template.fromStack(stack).findResources('AWS::BedrockAgentCore::RuntimeEndpoint');
  expect(Object.entries(endpoints).map(([logicalId, r]: [string, any]) => [logicalId.replace(/[0-9A-F]{8}$/, ''), r.Properties.Name])).toEqual([
    ['AgentEndpointstaging', 'staging'],
    ['AgentEndpoint2', { Ref: 'Stage' }],
    ['AgentEndpointprod', 'prod'],
  ]);
  expect(stack.resolve(fromParameter.endpointName)).toEqual({ Ref: 'Stage' });
  expect(nagErrors(stack)).toEqual([]);
});
