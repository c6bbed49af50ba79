import { Stack, StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import { BedrockModel, ExecutionRole } from '../lib';

/** Properties of the example stack. */
export interface ExampleAgentStackProps extends StackProps {
  /** The deployment environment (`dev`, `staging`, `prod`). */
  readonly environmentName: string;
}

/** One stack with everything an agent needs, built the way a user of the library would. */
export class ExampleAgentStack extends Stack {
  constructor(scope: Construct, id: string, props: ExampleAgentStackProps) {
    super(scope, id, props);

    // An existing repository that a CI pipeline pushes agent images to.
    const repository = ecr.Repository.fromRepositoryName(this, 'AgentImages', 'agent-images');

    const role = new ExecutionRole(this, 'AgentRole', {
      environment: props.environmentName,
      agentName: 'support_agent',
      models: [BedrockModel.inferenceProfile('us.anthropic.claude-sonnet-4-20250514-v1:0')],
      repositories: [repository],
    });
    role.grantReadParameters();
  }
}
