import { ArnFormat, Lazy, Names, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  ECR_TOKEN_ACTIONS, LOG_GROUP_ACTIONS, LOG_STREAM_ACTIONS, METRIC_ACTIONS, METRIC_NAMESPACE,
  WORKLOAD_TOKEN_ACTIONS, WORKLOAD_TOKEN_FOR_USER_ID_ACTIONS, XRAY_ACTIONS,
} from './perms';
import { flattenCfnReference } from '../private/nag';

/** What the baseline policy contains. */
export interface BaselinePolicyProps {
  /** The role the policy is attached to. */
  readonly role: iam.IRole;
  /** Grant runtime logs, CloudWatch metrics and workload-identity tokens (false for imported roles). */
  readonly runtimeBaseline: boolean;
  /** Grant X-Ray. */
  readonly tracing: boolean;
  /** Also grant `GetWorkloadAccessTokenForUserId`. */
  readonly workloadIdentityForUserId: boolean;
}

const WILDCARD_REASON: Record<string, string> = {
  ecr: 'ecr:GetAuthorizationToken has no resource-level permissions; image pulls are scoped to the repository in a separate statement.',
  xray: 'X-Ray PutTraceSegments/PutTelemetryRecords/GetSamplingRules/GetSamplingTargets have no resource-level permissions.',
  metrics: 'cloudwatch:PutMetricData has no resource-level permissions; it is restricted by the cloudwatch:namespace = bedrock-agentcore condition.',
};

/**
 * The permissions every AgentCore runtime needs, in their own `AWS::IAM::Policy` so that the cdk-nag
 * acknowledgements of its unavoidable wildcards never cover statements a user adds to the role.
 *
 * The document is rendered from the current state at synthesis, and the acknowledgements are recomputed on every
 * change, so agents added later (by `AgentRuntime`) narrow the log and identity resources.
 */
export class BaselinePolicy extends Construct {
  private readonly agentNames: string[] = [];
  private ecrToken = false;
  private readonly acknowledgements: Record<string, string> = {};

  constructor(scope: Construct, id: string, private readonly props: BaselinePolicyProps) {
    super(scope, id);
    const policy = new iam.CfnPolicy(this, 'Resource', {
      policyName: Lazy.string({ produce: () => Names.uniqueResourceName(this, { maxLength: 128 }) }),
      roles: [props.role.roleName],
      policyDocument: Lazy.any({ produce: () => this.document() }),
    });
    // Written once, kept current: cdk-nag 3 reads acknowledgements from this metadata key.
    policy.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, this.acknowledgements);
    this.refreshAcknowledgements();
  }

  /** Narrows runtime logs and workload identity to an agent (runtime) name; adds to earlier names. */
  public addAgent(agentName: string): void {
    if (!this.agentNames.includes(agentName)) this.agentNames.push(agentName);
    this.refreshAcknowledgements();
  }

  /** Adds `ecr:GetAuthorizationToken`, needed to pull from any ECR repository. */
  public allowEcrToken(): void {
    this.ecrToken = true;
    this.refreshAcknowledgements();
  }

  private document(): iam.PolicyDocument {
    return new iam.PolicyDocument({ statements: this.statements() });
  }

  private statements(): iam.PolicyStatement[] {
    const stack = Stack.of(this);
    const statements: iam.PolicyStatement[] = [];
    if (this.ecrToken) {
      statements.push(new iam.PolicyStatement({ sid: 'EcrAuthorizationToken', actions: ECR_TOKEN_ACTIONS, resources: ['*'] }));
    }
    if (!this.props.runtimeBaseline) return statements;

    const logGroups = this.logGroupArns();
    statements.push(
      new iam.PolicyStatement({ sid: 'RuntimeLogGroups', actions: LOG_GROUP_ACTIONS, resources: logGroups }),
      new iam.PolicyStatement({ sid: 'RuntimeLogStreams', actions: LOG_STREAM_ACTIONS, resources: logGroups.map((g) => `${g}:log-stream:*`) }),
      new iam.PolicyStatement({
        sid: 'RuntimeMetrics',
        actions: METRIC_ACTIONS,
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': METRIC_NAMESPACE } },
      }),
      new iam.PolicyStatement({
        sid: 'WorkloadIdentityTokens',
        actions: [...WORKLOAD_TOKEN_ACTIONS, ...(this.props.workloadIdentityForUserId ? WORKLOAD_TOKEN_FOR_USER_ID_ACTIONS : [])],
        resources: this.workloadIdentityArns(stack),
      }),
    );
    if (this.props.tracing) {
      statements.push(new iam.PolicyStatement({ sid: 'Tracing', actions: XRAY_ACTIONS, resources: ['*'] }));
    }
    return statements;
  }

  private logGroupArns(): string[] {
    const patterns = this.agentNames.length > 0 ? this.agentNames.map((n) => `${n}-*`) : ['*'];
    return patterns.map((p) => Stack.of(this).formatArn({
      service: 'logs', resource: 'log-group', resourceName: `/aws/bedrock-agentcore/runtimes/${p}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    }));
  }

  private workloadIdentityArns(stack: Stack): string[] {
    const directory = stack.formatArn({ service: 'bedrock-agentcore', resource: 'workload-identity-directory', resourceName: 'default' });
    const identities = this.agentNames.length > 0 ? this.agentNames.map((n) => `${n}-*`) : ['*'];
    return [directory, ...identities.map((i) => `${directory}/workload-identity/${i}`)];
  }

  private refreshAcknowledgements(): void {
    for (const key of Object.keys(this.acknowledgements)) delete this.acknowledgements[key];
    const stack = Stack.of(this);
    const star: string[] = [];
    if (this.ecrToken) star.push(WILDCARD_REASON.ecr);
    if (this.props.runtimeBaseline) {
      star.push(WILDCARD_REASON.metrics);
      if (this.props.tracing) star.push(WILDCARD_REASON.xray);
      const scoped = this.agentNames.length > 0;
      const logReason = scoped
        ? 'AgentCore names each runtime log group /aws/bedrock-agentcore/runtimes/<runtime id>-<endpoint>, where the runtime id is the agent name plus a service-generated suffix; the pattern is scoped to this agent.'
        : 'No agent name is known, so the documented /aws/bedrock-agentcore/runtimes/* log groups are used; pass agentName to narrow them.';
      for (const arn of this.logGroupArns()) {
        this.acknowledge(stack, arn, logReason);
        this.acknowledge(stack, `${arn}:log-stream:*`, `${logReason} Streams are created by the service with generated names.`);
      }
      const identityReason = scoped
        ? 'A runtime\'s workload identity is named after the agent plus a service-generated suffix; the pattern is scoped to this agent.'
        : 'No agent name is known, so every workload identity of the default directory is allowed; pass agentName to narrow it.';
      for (const arn of this.workloadIdentityArns(stack)) this.acknowledge(stack, arn, identityReason);
    }
    if (star.length > 0) {
      this.acknowledgements['AwsSolutions-IAM5[Resource::*]'] = star.join(' ');
    }
  }

  private acknowledge(stack: Stack, arn: string, reason: string): void {
    const flat = flattenCfnReference(stack.resolve(arn));
    if (flat.includes('*')) this.acknowledgements[`AwsSolutions-IAM5[Resource::${flat}]`] = reason;
  }
}
