import * as path from 'path';
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  AgentCoreEnvironment, AgentRuntime, AgentRuntimeArtifact, AgentTeam, BedrockModel, CedarStatement, EndpointVersion, ExecutionRole, Gateway,
  LlmJudgeEvaluator, Memory, MemoryAccess, MemoryStrategy, OnlineEvaluation, PolicyEngine, ServerProtocol,
} from '../lib';

/** Properties of the example stack. */
export interface ExampleAgentStackProps extends StackProps {
  /** The deployment environment (`dev`, `staging`, `prod`). */
  readonly environmentName: string;
  /** The digest of the released support-agent image (HTTP) in the existing repository. */
  readonly supportAgentDigest: string;
  /** The digest of the released research-agent image (A2A) in the existing repository. */
  readonly researchAgentDigest: string;
  /** The concierge version production serves; promote by changing it, roll back with `previousVersion`. */
  readonly productionVersion: string;
}

/** The model the agents reason with, and the (cheaper) model that judges their answers. */
const AGENT_MODEL = BedrockModel.inferenceProfile('us.anthropic.claude-sonnet-4-20250514-v1:0');
const JUDGE_MODEL = BedrockModel.inferenceProfile('us.anthropic.claude-3-5-haiku-20241022-v1:0');

/**
 * A small multi-agent pack, built the way a user of the library would: a concierge (the entry agent users call) with
 * conversation memory and a tool gateway guarded by Cedar policies, two peers it delegates to (a support agent over HTTP and a research agent
 * over A2A with a browser and a code interpreter), and an online evaluation that scores all three with built-in
 * evaluators and an LLM judge.
 */
export class ExampleAgentStack extends Stack {
  constructor(scope: Construct, id: string, props: ExampleAgentStackProps) {
    super(scope, id, props);
    const env = props.environmentName;
    // The environment of every AgentCore construct in this stack: role tags and default SSM paths.
    AgentCoreEnvironment.set(this, env);

    // An existing repository that a CI pipeline pushes released agent images to.
    const repository = ecr.Repository.fromRepositoryName(this, 'AgentImages', 'agent-images');

    // Conversation memory, encrypted with a customer-managed key and retained on stack deletion.
    const memoryKey = new kms.Key(this, 'MemoryKey', { enableKeyRotation: true, description: 'AgentCore memory encryption' });
    const memory = new Memory(this, 'Memory', {
      memoryName: 'concierge_memory',
      kmsKey: memoryKey,
      expirationDuration: Duration.days(30),
      memoryStrategies: [MemoryStrategy.summary(), MemoryStrategy.userPreference()],
    });
    memory.addSsmOutputs();

    // A gateway (IAM-authorized, no Cognito) with two tools served by one Lambda function, one target each.
    const ordersFunction = new lambda.Function(this, 'OrdersTool', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline([
        'exports.handler = async (event, context) => {',
        '  const tool = context.clientContext?.custom?.bedrockAgentCoreToolName ?? "";',
        '  return tool.endsWith("start_return") ? { orderId: event.id, returnLabel: "RL-" + event.id } : { orderId: event.id, status: "shipped" };',
        '};',
      ].join('\n')),
      role: new iam.Role(this, 'OrdersToolRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }),
      logGroup: new logs.LogGroup(this, 'OrdersToolLogs', { retention: logs.RetentionDays.ONE_YEAR }),
    });
    const orderId = { type: agentcore.SchemaDefinitionType.STRING, description: 'The order id' };
    // Each tool takes one order id.
    const orderTool = (name: string, description: string) => agentcore.ToolSchema.fromInline([{
      name, description, inputSchema: { type: agentcore.SchemaDefinitionType.OBJECT, properties: { id: orderId }, required: ['id'] },
    }]);
    const gateway = new Gateway(this, 'Tools', { gatewayName: 'concierge-tools' });
    gateway.addLambdaTarget('Orders', {
      lambdaFunction: ordersFunction,
      toolSchema: orderTool('get_order_status', 'Returns the shipping status of an order'),
    });
    gateway.addLambdaTarget('Returns', {
      lambdaFunction: ordersFunction,
      toolSchema: orderTool('start_return', 'Starts the return of an order and returns the label id'),
    });
    gateway.addSsmOutputs();

    // Cedar guardrails on the tools, checked at synth against the gateway's tool schemas: IAM callers (the concierge's
    // role) may look up any order, and start returns only for ids that look like order numbers.
    const guardrails = new PolicyEngine(this, 'Guardrails', { policyEngineName: 'concierge_guardrails', description: 'Tool-call guardrails of the concierge' });
    gateway.addPolicyEngine(guardrails);
    guardrails.addPolicy('LookUpOrders', {
      statement: CedarStatement.fromString(`permit(
        principal is AgentCore::IamEntity,
        action == AgentCore::Action::"Orders___get_order_status",
        resource == AgentCore::Gateway::"${gateway.gatewayArn}"
      );`),
    });
    guardrails.addPolicy('ReturnsOfOrders', {
      statement: CedarStatement.fromString(`permit(
        principal is AgentCore::IamEntity,
        action == AgentCore::Action::"Returns___start_return",
        resource == AgentCore::Gateway::"${gateway.gatewayArn}"
      ) when { context.input.id like "ORD-*" };`),
    });
    guardrails.addSsmOutputs();

    // The concierge: built from bin/agent for linux/arm64 at deploy time (the asset hash is the image tag). Every new
    // version must answer the health check before the deployment succeeds and before the staging endpoint moves to it.
    const concierge = new AgentRuntime(this, 'Concierge', {
      runtimeName: 'shop_concierge',
      artifact: AgentRuntimeArtifact.fromAsset(path.join(__dirname, 'agent')),
      executionRole: agentRole(this, 'ConciergeRole'),
      environmentVariables: { AGENT_ENVIRONMENT: env },
      description: 'Front-door agent that answers with server-sent events and delegates to its peers',
      healthCheck: { payload: JSON.stringify({ prompt: 'health check' }), expectedText: 'You said: health check' },
    });
    concierge.addMemory(memory, { access: MemoryAccess.READ_WRITE });
    concierge.addGateway(gateway);
    concierge.addPolicyEngine(guardrails);
    concierge.addEndpoint('staging', { version: EndpointVersion.latest(), description: 'Follows every verified deployment' });
    concierge.addEndpoint('production', { version: EndpointVersion.pinned(props.productionVersion), description: 'Promoted by hand' });
    concierge.addSsmOutputs({ prefix: `/agentcore/${env}/runtime/concierge/` });

    // Released peer images, pinned by digest so that a new push never changes what runs.
    const support = new AgentRuntime(this, 'Support', {
      runtimeName: 'shop_support',
      artifact: AgentRuntimeArtifact.fromEcrRepository(repository, { digest: props.supportAgentDigest }),
      executionRole: agentRole(this, 'SupportRole'),
    });
    support.addSsmOutputs({ prefix: `/agentcore/${env}/runtime/support/` });
    const research = new AgentRuntime(this, 'Research', {
      runtimeName: 'shop_research',
      protocol: ServerProtocol.A2A,
      artifact: AgentRuntimeArtifact.fromEcrRepository(repository, { digest: props.researchAgentDigest }),
      executionRole: agentRole(this, 'ResearchRole'),
    });
    research.addBrowser();
    research.addCodeInterpreter();
    research.addSsmOutputs({ prefix: `/agentcore/${env}/runtime/research/` });

    // The concierge gets AGENTCORE_PEERS = {"support": <ARN>, "research": <ARN>} and may invoke exactly those two.
    const team = new AgentTeam(this, 'Team', {
      entry: concierge,
      peers: [{ runtime: support, name: 'support' }, { runtime: research, name: 'research' }],
    });
    team.addSsmOutputs();

    // Quality in production: built-in evaluators and one LLM judge over 10% of every agent's traces.
    const resolution = new LlmJudgeEvaluator(this, 'ResolutionJudge', {
      evaluatorName: 'concierge_resolution',
      model: JUDGE_MODEL,
      instructions: 'You review a customer-service conversation. Context: {context}. Answer: {assistant_turn}. '
        + 'Did the answer resolve the customer\'s request, or hand it to the right team?',
      ratingScale: agentcore.EvaluatorRatingScale.categorical([
        { label: 'Resolved', definition: 'The request is answered or routed to the team that can act on it.' },
        { label: 'Unresolved', definition: 'The customer still has to ask again.' },
      ]),
    });
    resolution.addSsmOutputs();
    const quality = new OnlineEvaluation(this, 'Quality', {
      onlineEvaluationConfigName: 'pack_quality',
      runtimes: [concierge, support, research],
      builtinEvaluators: [agentcore.BuiltinEvaluator.HELPFULNESS, agentcore.BuiltinEvaluator.GOAL_SUCCESS_RATE],
      evaluators: [resolution],
      samplingPercentage: 10,
    });
    quality.addSsmOutputs();

    // The team's existing web backend invokes the concierge; a partner account may invoke the support agent.
    concierge.grantInvoke(iam.Role.fromRoleName(this, 'Backend', 'web-backend'));
    support.grantInvoke(new iam.AccountPrincipal('210987654321'));
  }
}

/** One execution role per agent: a peer's grants (and the entry's invoke rights on its peers) stay with that agent. */
function agentRole(scope: Construct, id: string): ExecutionRole {
  const role = new ExecutionRole(scope, id, { models: [AGENT_MODEL] });
  role.agentGrants.readParameters();
  return role;
}
