import * as path from 'path';
import { Stack, StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AgentRuntime, AgentRuntimeArtifact, BedrockModel, ExecutionRole } from '../lib';

/** Properties of the example stack. */
export interface ExampleAgentStackProps extends StackProps {
  /** The deployment environment (`dev`, `staging`, `prod`). */
  readonly environmentName: string;
  /** The digest of the released support-agent image in the existing repository. */
  readonly supportAgentDigest: string;
}

/** One stack with everything an agent needs, built the way a user of the library would. */
export class ExampleAgentStack extends Stack {
  constructor(scope: Construct, id: string, props: ExampleAgentStackProps) {
    super(scope, id, props);

    // An existing repository that a CI pipeline pushes released agent images to.
    const repository = ecr.Repository.fromRepositoryName(this, 'AgentImages', 'agent-images');

    // One execution role shared by both agents; each runtime narrows its logs and workload identity to its own name.
    const role = new ExecutionRole(this, 'AgentRole', {
      environment: props.environmentName,
      models: [BedrockModel.inferenceProfile('us.anthropic.claude-sonnet-4-20250514-v1:0')],
    });
    role.grantReadParameters();

    // Built from bin/agent for linux/arm64 at deploy time; the asset hash is the image tag.
    const concierge = new AgentRuntime(this, 'Concierge', {
      runtimeName: 'concierge_agent',
      artifact: AgentRuntimeArtifact.fromAsset(path.join(__dirname, 'agent')),
      executionRole: role,
      environmentVariables: { AGENT_ENVIRONMENT: props.environmentName },
      description: 'Front-door agent that answers with server-sent events',
    });

    // A released image, pinned by digest so that a new push never changes what runs.
    new AgentRuntime(this, 'Support', {
      runtimeName: 'support_agent',
      artifact: AgentRuntimeArtifact.fromEcrRepository(repository, { digest: props.supportAgentDigest }),
      executionRole: role,
    });

    // The team's existing web backend invokes the concierge.
    const backend = iam.Role.fromRoleName(this, 'Backend', 'web-backend');
    concierge.grantInvoke(backend);
  }
}
