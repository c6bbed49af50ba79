/**
 * Integration test: an AgentRuntime built from the sample agent (bin/agent, linux/arm64), deployed for real and
 * checked with GetAgentRuntime. See 'Integration tests' in CONTRIBUTING.md for how to run, deploy and re-record it.
 */
import * as path from 'path';
import * as integ from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AgentRuntime, AgentRuntimeArtifact } from '../lib';
import { prepareAssemblyForIntegRunner } from './helpers/integ-assembly';

// No stack traces in the snapshot's metadata: they hold absolute paths of the machine that recorded it.
const app = new App({ stackTraces: false, context: { [cxapi.DISABLE_CREATION_STACK_TRACES]: true } });
const stack = new Stack(app, 'cdk-agentcore-integ-agent-runtime');

// The sample agent answers GET /ping and POST /invocations (server-sent events) on port 8080.
const runtime = new AgentRuntime(stack, 'Agent', {
  runtimeName: 'cdk_agentcore_integ_agent',
  artifact: AgentRuntimeArtifact.fromAsset(path.join(__dirname, '..', 'bin', 'agent')),
  environmentVariables: { AGENT_ENVIRONMENT: 'integ' },
  description: 'cdk-agentcore integration test: the sample agent from bin/agent',
  // READY alone does not start a container: after READY the provider invokes the agent, and the deployment fails
  // unless it answers 200 with the prompt echoed ("You said: integ-health-check", streamed).
  healthCheck: {
    payload: JSON.stringify({ prompt: 'integ-health-check' }),
    expectedText: 'integ-health-check',
    timeout: Duration.seconds(90),
  },
});

const integTest = new integ.IntegTest(app, 'AgentRuntime', {
  testCases: [stack],
  // No update workflow: the snapshot keeps templates only (no ~600 KB provider bundle, no Docker context), and a
  // deploy with --update-on-failed creates the stack from scratch.
  stackUpdateWorkflow: false,
});

// The custom resource only completes when the runtime is READY and answered; the assertion checks it from the outside.
// The service is named as its SDK v3 package ('bedrock-agentcore-control'): the assertion handler maps
// 'BedrockAgentCoreControl' to '@aws-sdk/client-bedrockagentcorecontrol', which does not exist.
const getRuntime = integTest.assertions.awsApiCall('bedrock-agentcore-control', 'getAgentRuntime', {
  agentRuntimeId: runtime.agentRuntimeId,
});
getRuntime.expect(integ.ExpectedResult.objectLike({
  agentRuntimeId: runtime.agentRuntimeId,
  agentRuntimeName: 'cdk_agentcore_integ_agent',
  status: 'READY',
}));
// integ-tests derives the IAM action 'bedrock-agentcore-control:GetAgentRuntime' (the SDK package name, not the
// IAM prefix): that statement grants nothing. This one grants the real action on this runtime only.
getRuntime.provider.addToRolePolicy({
  Effect: 'Allow',
  Action: ['bedrock-agentcore:GetAgentRuntime'],
  Resource: [runtime.agentRuntimeArn],
});

prepareAssemblyForIntegRunner(app.synth().directory);
