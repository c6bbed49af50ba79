/**
 * Integration test: a multi-agent pack, deployed for real. An entry agent and two peers (all three the sample agent
 * from bin/agent, linux/arm64), a memory, a gateway with two tool targets guarded by a Cedar policy engine, the
 * AWS-managed browser and code interpreter on one peer, and an LLM-as-a-judge evaluator with an online evaluation of
 * every agent. Checked with GetAgentRuntime (the entry carries its peers' ARNs), GetEvaluator and
 * GetOnlineEvaluationConfig. Online evaluation needs CloudWatch Transaction Search enabled in the account.
 * See 'Integration tests' in CONTRIBUTING.md for how to run, deploy and re-record it.
 */
import * as path from 'path';
import * as integ from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cxapi from 'aws-cdk-lib/cx-api';
import {
  AgentCoreEnvironment, AgentRuntime, AgentRuntimeArtifact, AgentTeam, BedrockModel, CedarStatement, ExecutionRole, Gateway, LlmJudgeEvaluator,
  Memory, MemoryStrategy, OnlineEvaluation, PolicyEngine,
} from '../lib';
import { prepareAssemblyForIntegRunner } from './helpers/integ-assembly';

// No stack traces in the snapshot's metadata: they hold absolute paths of the machine that recorded it.
const app = new App({ stackTraces: false, context: { [cxapi.DISABLE_CREATION_STACK_TRACES]: true } });
const stack = new Stack(app, 'cdk-agentcore-integ-multi-agent');
AgentCoreEnvironment.set(stack, 'integ');

const memory = new Memory(stack, 'Memory', {
  memoryName: 'cdk_agentcore_integ_team_memory',
  expirationDuration: Duration.days(7),
  memoryStrategies: [MemoryStrategy.summary()],
  removalPolicy: RemovalPolicy.DESTROY, // a test memory holds no user data
});

// One function serves both tools; AgentCore passes the tool name in the client context.
const tools = new lambda.Function(stack, 'OrdersTool', {
  runtime: lambda.Runtime.NODEJS_22_X,
  architecture: lambda.Architecture.ARM_64,
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async (event, context) => ({ tool: context.clientContext?.custom?.bedrockAgentCoreToolName, id: event.id });'),
  logGroup: new logs.LogGroup(stack, 'OrdersToolLogs', { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY }),
});
const idInput = { type: agentcore.SchemaDefinitionType.OBJECT, properties: { id: { type: agentcore.SchemaDefinitionType.STRING } }, required: ['id'] };
const gateway = new Gateway(stack, 'Tools', { gatewayName: 'cdk-agentcore-integ-team-tools' });
gateway.addLambdaTarget('Orders', { lambdaFunction: tools, toolSchema: agentcore.ToolSchema.fromInline([{ name: 'get_order', description: 'Looks up an order', inputSchema: idInput }]) });
gateway.addLambdaTarget('Returns', { lambdaFunction: tools, toolSchema: agentcore.ToolSchema.fromInline([{ name: 'start_return', description: 'Starts a return', inputSchema: idInput }]) });

// IAM callers (the entry agent's role) may look up orders, and start returns only of ids that look like orders.
const guardrails = new PolicyEngine(stack, 'Guardrails', { policyEngineName: 'cdk_agentcore_integ_team_guardrails' });
gateway.addPolicyEngine(guardrails);
guardrails.addPolicy('ReadOrders', {
  statement: CedarStatement.fromString(`permit(principal is AgentCore::IamEntity, action == AgentCore::Action::"Orders___get_order", resource == AgentCore::Gateway::"${gateway.gatewayArn}");`),
});
guardrails.addPolicy('ReturnsOfOrders', {
  statement: CedarStatement.fromString(`permit(principal is AgentCore::IamEntity, action == AgentCore::Action::"Returns___start_return", resource == AgentCore::Gateway::"${gateway.gatewayArn}") when { context.input.id like "ORD-*" };`),
});

const artifact = AgentRuntimeArtifact.fromAsset(path.join(__dirname, '..', 'bin', 'agent'));
const healthCheck = { payload: JSON.stringify({ prompt: 'integ-health-check' }), expectedText: 'integ-health-check', timeout: Duration.seconds(90) };
const agent = (id: string, runtimeName: string) => new AgentRuntime(stack, id, {
  runtimeName,
  artifact,
  executionRole: new ExecutionRole(stack, `${id}Role`, { models: [BedrockModel.inferenceProfile('us.anthropic.claude-3-5-haiku-20241022-v1:0')] }),
  healthCheck,
});
const entry = agent('Entry', 'cdk_agentcore_integ_entry');
const support = agent('Support', 'cdk_agentcore_integ_support');
const research = agent('Research', 'cdk_agentcore_integ_research');
entry.addMemory(memory);
entry.addGateway(gateway);
entry.addPolicyEngine(guardrails);
research.addBrowser();
research.addCodeInterpreter();
new AgentTeam(stack, 'Team', { entry, peers: [{ runtime: support, name: 'support' }, { runtime: research, name: 'research' }] });

const judge = new LlmJudgeEvaluator(stack, 'Judge', {
  evaluatorName: 'cdk_agentcore_integ_judge',
  model: BedrockModel.inferenceProfile('us.anthropic.claude-3-5-haiku-20241022-v1:0'),
  instructions: 'Conversation: {context}. Answer: {assistant_turn}. Does the answer repeat the question?',
  ratingScale: agentcore.EvaluatorRatingScale.categorical([{ label: 'Echo', definition: 'It repeats the question.' }, { label: 'Other', definition: 'It does not.' }]),
});
const evaluation = new OnlineEvaluation(stack, 'Quality', {
  onlineEvaluationConfigName: 'integ_quality',
  runtimes: [entry, support, research],
  builtinEvaluators: [agentcore.BuiltinEvaluator.HELPFULNESS],
  evaluators: [judge],
  samplingPercentage: 100,
});

const integTest = new integ.IntegTest(app, 'MultiAgent', {
  testCases: [stack],
  // No update workflow: the snapshot keeps templates only, and a deploy creates the stack from scratch.
  stackUpdateWorkflow: false,
});

// The service is named as its SDK v3 package ('bedrock-agentcore-control'); integ-tests then derives the IAM action
// 'bedrock-agentcore-control:<Api>', which grants nothing: each call below gets the real action on its resource only.
const getEntry = integTest.assertions.awsApiCall('bedrock-agentcore-control', 'getAgentRuntime', { agentRuntimeId: entry.agentRuntimeId })
  .expect(integ.ExpectedResult.objectLike({
    status: 'READY',
    environmentVariables: { AGENTCORE_PEERS: stack.toJsonString({ support: support.agentRuntimeArn, research: research.agentRuntimeArn }) },
  }));
getEntry.provider.addToRolePolicy({ Effect: 'Allow', Action: ['bedrock-agentcore:GetAgentRuntime'], Resource: [entry.agentRuntimeArn] });

const getJudge = integTest.assertions.awsApiCall('bedrock-agentcore-control', 'getEvaluator', { evaluatorId: judge.evaluatorId })
  .expect(integ.ExpectedResult.objectLike({ evaluatorName: 'cdk_agentcore_integ_judge', status: 'ACTIVE' }));
getJudge.provider.addToRolePolicy({ Effect: 'Allow', Action: ['bedrock-agentcore:GetEvaluator'], Resource: [judge.evaluatorArn] });

for (const config of evaluation.configs) {
  const getConfig = integTest.assertions.awsApiCall('bedrock-agentcore-control', 'getOnlineEvaluationConfig', { onlineEvaluationConfigId: config.onlineEvaluationConfigId })
    .expect(integ.ExpectedResult.objectLike({ onlineEvaluationConfigName: config.onlineEvaluationConfigName, status: 'ACTIVE' }));
  getConfig.provider.addToRolePolicy({ Effect: 'Allow', Action: ['bedrock-agentcore:GetOnlineEvaluationConfig'], Resource: [config.onlineEvaluationConfigArn] });
}

prepareAssemblyForIntegRunner(app.synth().directory);
