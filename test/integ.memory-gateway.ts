/**
 * Integration test: a Memory and a Gateway with a Lambda tool target, deployed for real and checked with GetMemory,
 * GetGateway and GetGatewayTarget. See 'Integration tests' in CONTRIBUTING.md for how to run, deploy and re-record it.
 */
import * as integ from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Gateway, Memory, MemoryStrategy } from '../lib';
import { prepareAssemblyForIntegRunner } from './helpers/integ-assembly';

// No stack traces in the snapshot's metadata: they hold absolute paths of the machine that recorded it.
const app = new App({ stackTraces: false, context: { [cxapi.DISABLE_CREATION_STACK_TRACES]: true } });
const stack = new Stack(app, 'cdk-agentcore-integ-memory-gateway');

const memory = new Memory(stack, 'Memory', {
  memoryName: 'cdk_agentcore_integ_memory',
  description: 'cdk-agentcore integration test memory',
  expirationDuration: Duration.days(7),
  memoryStrategies: [MemoryStrategy.semantic()],
  // A test memory holds no user data: delete it with the stack.
  removalPolicy: RemovalPolicy.DESTROY,
});

// The tool: AgentCore passes the tool arguments as the event and the tool name in the client context.
const tool = new lambda.Function(stack, 'WeatherTool', {
  runtime: lambda.Runtime.NODEJS_22_X,
  architecture: lambda.Architecture.ARM_64,
  handler: 'index.handler',
  code: lambda.Code.fromInline([
    'exports.handler = async (event, context) => {',
    '  const tool = context.clientContext?.custom?.bedrockAgentCoreToolName ?? "unknown";',
    '  return { tool, city: event.city, forecast: "sunny", temperatureCelsius: 21 };',
    '};',
  ].join('\n')),
  logGroup: new logs.LogGroup(stack, 'WeatherToolLogs', { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY }),
});

const gateway = new Gateway(stack, 'Gateway', {
  gatewayName: 'cdk-agentcore-integ-gateway',
  description: 'cdk-agentcore integration test gateway (IAM inbound authorization)',
});
const target = gateway.addLambdaTarget('Weather', {
  gatewayTargetName: 'weather',
  description: 'Weather forecast tool',
  lambdaFunction: tool,
  toolSchema: agentcore.ToolSchema.fromInline([{
    name: 'get_forecast',
    description: 'The weather forecast of a city',
    inputSchema: {
      type: agentcore.SchemaDefinitionType.OBJECT,
      properties: { city: { type: agentcore.SchemaDefinitionType.STRING, description: 'The city name' } },
      required: ['city'],
    },
  }]),
});

const integTest = new integ.IntegTest(app, 'MemoryGateway', {
  testCases: [stack],
  // No update workflow: the snapshot keeps templates only, and a deploy creates the stack from scratch.
  stackUpdateWorkflow: false,
});

// The service is named as its SDK v3 package ('bedrock-agentcore-control'): the assertion handler maps
// 'BedrockAgentCoreControl' to '@aws-sdk/client-bedrockagentcorecontrol', which does not exist. integ-tests then
// derives the IAM action 'bedrock-agentcore-control:<Api>', which grants nothing: each call below gets the real
// 'bedrock-agentcore:<Api>' action on its own resource only.

// A memory can report CREATING for a while after CloudFormation is done: poll until ACTIVE.
// AwsApiCall (not the IApiCall interface) exposes the provider of the waiter that makes the calls.
const getMemory = integTest.assertions.awsApiCall('bedrock-agentcore-control', 'getMemory', { memoryId: memory.memoryId }) as integ.AwsApiCall;
getMemory
  .expect(integ.ExpectedResult.objectLike({ memory: { id: memory.memoryId, status: 'ACTIVE' } }))
  .waitForAssertions({ totalTimeout: Duration.minutes(10), interval: Duration.seconds(20) });
getMemory.waiterProvider!.addToRolePolicy({
  Effect: 'Allow',
  Action: ['bedrock-agentcore:GetMemory'],
  Resource: [memory.memoryArn],
});

const getGateway = integTest.assertions.awsApiCall('bedrock-agentcore-control', 'getGateway', { gatewayIdentifier: gateway.gatewayId })
  .expect(integ.ExpectedResult.objectLike({ gatewayId: gateway.gatewayId, authorizerType: 'AWS_IAM', status: 'READY' }));
getGateway.provider.addToRolePolicy({
  Effect: 'Allow',
  Action: ['bedrock-agentcore:GetGateway'],
  Resource: [gateway.gatewayArn],
});

const getTarget = integTest.assertions.awsApiCall('bedrock-agentcore-control', 'getGatewayTarget', {
  gatewayIdentifier: gateway.gatewayId,
  targetId: target.targetId,
}).expect(integ.ExpectedResult.objectLike({ name: 'weather', status: 'READY' }));
getTarget.provider.addToRolePolicy({
  Effect: 'Allow',
  Action: ['bedrock-agentcore:GetGatewayTarget'],
  Resource: [gateway.gatewayArn],
});

prepareAssemblyForIntegRunner(app.synth().directory);
