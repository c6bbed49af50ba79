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
  AgentCoreEnvironment, AgentRuntime, AgentRuntimeArtifact, BedrockModel, EndpointVersion, ExecutionRole, Gateway, Memory, MemoryAccess,
  MemoryStrategy,
} from '../lib';

/** Properties of the example stack. */
export interface ExampleAgentStackProps extends StackProps {
  /** The deployment environment (`dev`, `staging`, `prod`). */
  readonly environmentName: string;
  /** The digest of the released support-agent image in the existing repository. */
  readonly supportAgentDigest: string;
  /** The concierge version production serves; promote by changing it, roll back with `previousVersion`. */
  readonly productionVersion: string;
}

/** One stack with everything an agent needs, built the way a user of the library would. */
export class ExampleAgentStack extends Stack {
  constructor(scope: Construct, id: string, props: ExampleAgentStackProps) {
    super(scope, id, props);
    const env = props.environmentName;
    // The environment of every AgentCore construct in this stack: role tags and default SSM paths.
    AgentCoreEnvironment.set(this, env);

    // An existing repository that a CI pipeline pushes released agent images to.
    const repository = ecr.Repository.fromRepositoryName(this, 'AgentImages', 'agent-images');

    // One execution role shared by both agents (shop_concierge, shop_support): its logs and workload identity are
    // scoped to their common name prefix, so it stays the same size however many shop_ agents share it.
    const role = new ExecutionRole(this, 'AgentRole', {
      agentNamePrefix: 'shop_',
      models: [BedrockModel.inferenceProfile('us.anthropic.claude-sonnet-4-20250514-v1:0')],
    });
    role.agentGrants.readParameters();
    role.addSsmOutputs();

    // Conversation memory, encrypted with a customer-managed key and retained on stack deletion.
    const memoryKey = new kms.Key(this, 'MemoryKey', { enableKeyRotation: true, description: 'AgentCore memory encryption' });
    const memory = new Memory(this, 'Memory', {
      memoryName: 'concierge_memory',
      kmsKey: memoryKey,
      expirationDuration: Duration.days(30),
      memoryStrategies: [MemoryStrategy.summary(), MemoryStrategy.userPreference()],
    });
    memory.addSsmOutputs();

    // A gateway (IAM-authorized, no Cognito) serving one Lambda tool.
    const ordersFunction = new lambda.Function(this, 'OrdersTool', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async (event) => ({ orderId: event.id, status: "shipped" });'),
      role: new iam.Role(this, 'OrdersToolRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }),
      logGroup: new logs.LogGroup(this, 'OrdersToolLogs', { retention: logs.RetentionDays.ONE_YEAR }),
    });
    const gateway = new Gateway(this, 'Tools', { gatewayName: 'concierge-tools' });
    gateway.addLambdaTarget('Orders', {
      lambdaFunction: ordersFunction,
      toolSchema: agentcore.ToolSchema.fromInline([{
        name: 'get_order_status',
        description: 'Returns the shipping status of an order',
        inputSchema: {
          type: agentcore.SchemaDefinitionType.OBJECT,
          properties: { id: { type: agentcore.SchemaDefinitionType.STRING, description: 'The order id' } },
          required: ['id'],
        },
      }]),
    });
    gateway.addSsmOutputs();

    // Built from bin/agent for linux/arm64 at deploy time; the asset hash is the image tag. Every new version must
    // answer the health check before the deployment succeeds and before the staging endpoint moves to it.
    const concierge = new AgentRuntime(this, 'Concierge', {
      runtimeName: 'shop_concierge',
      artifact: AgentRuntimeArtifact.fromAsset(path.join(__dirname, 'agent')),
      executionRole: role,
      environmentVariables: { AGENT_ENVIRONMENT: env },
      description: 'Front-door agent that answers with server-sent events',
      healthCheck: { payload: JSON.stringify({ prompt: 'health check' }), expectedText: 'You said: health check' },
    });
    concierge.addMemory(memory, { access: MemoryAccess.READ_WRITE });
    concierge.addGateway(gateway);
    concierge.addEndpoint('staging', { version: EndpointVersion.latest(), description: 'Follows every verified deployment' });
    concierge.addEndpoint('production', { version: EndpointVersion.pinned(props.productionVersion), description: 'Promoted by hand' });
    concierge.addSsmOutputs({ prefix: `/agentcore/${env}/runtime/concierge/` });

    // A released image, pinned by digest so that a new push never changes what runs.
    const support = new AgentRuntime(this, 'Support', {
      runtimeName: 'shop_support',
      artifact: AgentRuntimeArtifact.fromEcrRepository(repository, { digest: props.supportAgentDigest }),
      executionRole: role,
    });
    support.addSsmOutputs({ prefix: `/agentcore/${env}/runtime/support/` });

    // The team's existing web backend invokes the concierge; a partner account may invoke the support agent.
    concierge.grantInvoke(iam.Role.fromRoleName(this, 'Backend', 'web-backend'));
    support.grantInvoke(new iam.AccountPrincipal('210987654321'));
  }
}
