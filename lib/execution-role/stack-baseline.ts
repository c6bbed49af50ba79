import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { ECR_TOKEN_ACTIONS, METRIC_ACTIONS, METRIC_NAMESPACE, XRAY_ACTIONS } from './perms';
import { acknowledgeFinding } from '../private/nag';

const REASONS = {
  ecr: 'ecr:GetAuthorizationToken has no resource-level permissions; image pulls are granted on the runtime\'s repository in the role\'s own policy.',
  metrics: 'cloudwatch:PutMetricData has no resource-level permissions; it is restricted by the condition cloudwatch:namespace = bedrock-agentcore.',
  xray: 'X-Ray PutTraceSegments/PutTelemetryRecords/GetSamplingRules/GetSamplingTargets have no resource-level permissions.',
};

/**
 * The statements of AgentCore execution roles that can only name `*` (X-Ray, `cloudwatch:PutMetricData` in the
 * `bedrock-agentcore` namespace, `ecr:GetAuthorizationToken`), in managed policies created once per stack and
 * attached to every execution role of the stack that needs them.
 *
 * They cost a fixed number of resources and bytes however many roles there are, and their cdk-nag
 * acknowledgements (`AwsSolutions-IAM5[Resource::*]`) sit on these policies alone, so a `*` a user adds to a role is
 * still reported.
 */
export class StackBaseline extends Construct {
  /** The stack's baseline, created on first use. */
  public static of(scope: IConstruct): StackBaseline {
    const stack = Stack.of(scope);
    const id = 'cdk-agentcore.ExecutionRoleBaseline';
    return (stack.node.tryFindChild(id) as StackBaseline | undefined) ?? new StackBaseline(stack, id);
  }

  private readonly policies = new Map<string, iam.ManagedPolicy>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** CloudWatch metrics in the `bedrock-agentcore` namespace, plus X-Ray when `tracing`. */
  public telemetry(tracing: boolean): iam.IManagedPolicy {
    const metrics = new iam.PolicyStatement({
      sid: 'RuntimeMetrics',
      actions: METRIC_ACTIONS,
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': METRIC_NAMESPACE } },
    });
    if (!tracing) return this.policy('Metrics', 'metrics in the bedrock-agentcore namespace', [metrics], [REASONS.metrics]);
    return this.policy('MetricsAndTracing', 'metrics in the bedrock-agentcore namespace and X-Ray traces', [
      metrics,
      new iam.PolicyStatement({ sid: 'Tracing', actions: XRAY_ACTIONS, resources: ['*'] }),
    ], [REASONS.metrics, REASONS.xray]);
  }

  /** `ecr:GetAuthorizationToken`, needed to pull from any ECR repository. */
  public ecrToken(): iam.IManagedPolicy {
    return this.policy('EcrAuthorizationToken', 'the ECR authorization token',
      [new iam.PolicyStatement({ sid: 'EcrAuthorizationToken', actions: ECR_TOKEN_ACTIONS, resources: ['*'] })], [REASONS.ecr]);
  }

  private policy(id: string, what: string, statements: iam.PolicyStatement[], reasons: string[]): iam.IManagedPolicy {
    let policy = this.policies.get(id);
    if (!policy) {
      policy = new iam.ManagedPolicy(this, id, {
        description: `cdk-agentcore: ${what} for the AgentCore execution roles of this stack (actions without resource-level permissions)`,
        statements,
      });
      acknowledgeFinding(policy, 'AwsSolutions-IAM5[Resource::*]', reasons.join(' '));
      this.policies.set(id, policy);
    }
    return policy;
  }
}
