import * as fs from 'fs';
import * as path from 'path';
import { Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { PROVIDER_HEALTH_CHECK_ACTIONS, PROVIDER_LIST_ACTIONS, PROVIDER_RUNTIME_ACTIONS, RUNTIME_IDENTITY_SERVICE, RUNTIME_IDENTITY_SERVICE_LINKED_ROLE } from './perms';
import { executionRoleFacts } from '../execution-role/role-registry';
import { AGENTCORE_SERVICE_PRINCIPAL } from '../private/agentcore-principal';
import { validateAwsLimits } from '../private/aws-limits-validation';
import { PROVIDER_TIMING } from '../private/contract';
import { InlinePolicyRole } from '../private/inline-policy-role';
import { newestNodeRuntime } from '../private/lambda-runtime';
import { WildcardAcknowledgements, acknowledgeFinding, acknowledgeWildcardResources } from '../private/nag';
import { NamePattern } from '../private/name-pattern';

/**
 * How long the provider's logs are kept: long enough to investigate a deployment, short because the handlers' and the
 * waiter's logs describe every deployment of every runtime.
 */
const PROVIDER_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

/** The provider bundle, built by `projen bundle` and shipped in the npm package. */
const BUNDLE_DIR = path.join(__dirname, '..', '..', 'assets', 'lambda', 'agent-runtime', 'index');

/**
 * The one provider of `Custom::BedrockAgentCoreRuntime` resources in a stack, however many runtimes it has.
 *
 * Its handlers may call the runtime control-plane actions on `runtime/*` of this account and Region only, and pass
 * only the execution roles of the stack's runtimes, to AgentCore only. Its IAM policy has the same size however many
 * runtimes the stack has (see `allowPassRole` and `allowHealthChecks`).
 */
export class AgentRuntimeProvider extends Construct {
  /** Returns the stack's provider, creating it the first time. */
  public static getOrCreate(scope: Construct): AgentRuntimeProvider {
    const stack = Stack.of(scope);
    const id = 'cdk-agentcore.AgentRuntimeProvider';
    return (stack.node.tryFindChild(id) as AgentRuntimeProvider | undefined) ?? new AgentRuntimeProvider(stack, id);
  }

  /** The ServiceToken of the custom resources. */
  public readonly serviceToken: string;

  /** The ServiceTimeout of the custom resources: longer than the provider's own budget (`PROVIDER_TIMING`). */
  public readonly serviceTimeout = Duration.millis(PROVIDER_TIMING.serviceTimeoutMs);

  /**
   * The role of the onEvent and isComplete handlers; runtimes depend on it (PassRole). Its statements are in its
   * inline policy, whose size does not depend on the number of runtimes (only on the roles it must list by ARN).
   */
  public readonly handlerRole: iam.Role;

  private readonly passRoleResources = new Set<string>();
  private readonly passRolePatterns: string[] = [];
  private passRole?: iam.PolicyStatement;
  private readonly passRoleAcks: WildcardAcknowledgements;
  private readonly healthCheckNames = new NamePattern();
  private healthCheckGlob?: string;
  private readonly healthCheckAcks: WildcardAcknowledgements;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    if (!fs.existsSync(path.join(BUNDLE_DIR, 'index.js'))) {
      throw new Error(`cdk-agentcore: the provider bundle is missing at ${BUNDLE_DIR}. In a clone of cdk-agentcore run 'npx projen bundle'; the npm package ships it prebuilt.`);
    }
    const stack = Stack.of(this);
    validateAwsLimits(stack);

    this.handlerRole = new InlinePolicyRole(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'cdk-agentcore AgentRuntime provider handlers',
    });
    this.passRoleAcks = new WildcardAcknowledgements(this.handlerRole);
    this.healthCheckAcks = new WildcardAcknowledgements(this.handlerRole);
    const runtimes = this.runtimesArn('*');
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ManageRuntimes', actions: PROVIDER_RUNTIME_ACTIONS, resources: [runtimes] }));
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'FindOwnRuntimes', actions: PROVIDER_LIST_ACTIONS, resources: ['*'] }));
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'RuntimeIdentityServiceLinkedRole',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [stack.formatArn({
        service: 'iam',
        region: '',
        resource: 'role',
        resourceName: `aws-service-role/${RUNTIME_IDENTITY_SERVICE}/${RUNTIME_IDENTITY_SERVICE_LINKED_ROLE}`,
      })],
      conditions: { StringEquals: { 'iam:AWSServiceName': RUNTIME_IDENTITY_SERVICE } },
    }));
    acknowledgeWildcardResources(this.handlerRole, [runtimes],
      'Runtime ids are generated by AgentCore (name plus a random suffix), and a runtime replaced under a new name must still be deleted, so the handlers are limited to the runtimes of this account and Region; they only touch runtimes tagged as owned by their own stack and logical id.');
    acknowledgeFinding(this.handlerRole, 'AwsSolutions-IAM5[Resource::*]',
      'bedrock-agentcore:ListAgentRuntimes has no resource-level permissions; the handlers list runtimes only to find one they created whose response was lost.');

    // One log group for the handlers, the provider framework and the waiter. The framework logs whole events
    // (ResourceProperties) at INFO and its isComplete errors carry them too, so its Lambdas log at FATAL only.
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: PROVIDER_LOG_RETENTION });
    logGroup.grantWrite(this.handlerRole);

    const code = lambda.Code.fromAsset(BUNDLE_DIR);
    const runtime = newestNodeRuntime();
    const handler = (name: string, handlerName: string, timeout: Duration) => {
      return new lambda.Function(this, name, {
        code,
        handler: handlerName,
        runtime,
        architecture: lambda.Architecture.ARM_64,
        timeout,
        memorySize: 256,
        role: this.handlerRole,
        logGroup,
        description: `cdk-agentcore AgentRuntime provider (${handlerName})`,
      });
    };
    const onEvent = handler('OnEvent', 'index.onEvent', Duration.millis(PROVIDER_TIMING.onEventTimeoutMs));
    const isComplete = handler('IsComplete', 'index.isComplete', Duration.millis(PROVIDER_TIMING.isCompleteTimeoutMs));

    // Two framework roles, as aws-cdk-lib has them: onEvent's policy names the waiter, whose policy names the
    // isComplete/onTimeout functions, so one role with an inline policy for all three would be a cycle.
    const frameworkRole = (name: string) => {
      const role = new InlinePolicyRole(this, name, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: 'cdk-agentcore AgentRuntime provider framework',
      });
      logGroup.grantWrite(role);
      return role;
    };
    const frameworkOnEventRole = frameworkRole('FrameworkOnEventRole');
    const frameworkCompleteAndTimeoutRole = frameworkRole('FrameworkCompleteRole');
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: onEvent,
      isCompleteHandler: isComplete,
      queryInterval: Duration.millis(PROVIDER_TIMING.queryIntervalMs),
      totalTimeout: Duration.millis(PROVIDER_TIMING.totalTimeoutMs),
      frameworkOnEventRole,
      frameworkCompleteAndTimeoutRole,
      logGroup,
      frameworkLambdaLoggingLevel: lambda.ApplicationLogLevel.FATAL,
      disableWaiterStateMachineLogging: false,
      // ALL events, but never the execution data: it contains the presigned ResponseURL and the resource properties.
      waiterStateMachineLogOptions: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    this.serviceToken = provider.serviceToken;

    const versionsReason = 'The provider framework invokes the handler by ARN; aws-cdk-lib grants the function and its versions (":*").';
    for (const role of [frameworkOnEventRole, frameworkCompleteAndTimeoutRole]) {
      acknowledgeWildcardResources(role, [`${onEvent.functionArn}:*`, `${isComplete.functionArn}:*`], versionsReason);
    }
    const waiter = provider.node.findChild('waiter-state-machine');
    const frameworkFunctions = ['framework-isComplete', 'framework-onTimeout'].map((n) => provider.node.findChild(n) as lambda.Function);
    acknowledgeWildcardResources(waiter, frameworkFunctions.map((f) => `${f.functionArn}:*`), versionsReason);
    acknowledgeFinding(waiter, 'AwsSolutions-IAM5[Resource::*]',
      'Step Functions log delivery (logs:CreateLogDelivery, logs:PutResourcePolicy, ...) has no resource-level permissions.');
    acknowledgeFinding(waiter, 'AwsSolutions-SF2',
      'The waiter only re-invokes isComplete on a timer; its handlers log every decision, and aws-cdk-lib exposes no tracing option for it.');
    for (const fn of [provider.node.findChild('framework-onEvent'), ...frameworkFunctions]) {
      acknowledgeFinding(fn, 'AwsSolutions-L1',
        'aws-cdk-lib picks the runtime of the provider framework Lambdas itself (determineLatestNodeRuntime: the latest Node.js runtime its Region facts list), which can lag the newest runtime cdk-nag knows; they only relay events.');
    }
  }

  /**
   * Lets the handlers invoke a runtime to run its health check: one statement on `runtime/<glob>`, where the glob
   * covers the names of every runtime of the stack that has a health check (see `NamePattern`), so it does not grow
   * with their number.
   */
  public allowHealthChecks(runtimeName: string): void {
    this.healthCheckNames.add(runtimeName, !Token.isUnresolved(runtimeName));
    const glob = this.healthCheckNames.glob;
    if (glob === this.healthCheckGlob) return;
    if (this.healthCheckGlob === undefined) {
      this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'HealthChecks',
        actions: PROVIDER_HEALTH_CHECK_ACTIONS,
        resources: [Lazy.uncachedString({ produce: () => this.runtimesArn(this.healthCheckNames.glob) })],
      }));
    }
    this.healthCheckGlob = glob;
    this.healthCheckAcks.replace([this.runtimesArn(glob)],
      `Health checks invoke the runtimes of this stack that have one, whose ids are their names plus a generated suffix; '${glob}' covers those names (and their endpoints).`);
  }

  /**
   * Lets the handlers pass this execution role to AgentCore (`iam:PassRole` conditioned on `iam:PassedToService`),
   * in one statement for every role: the execution roles whose names CloudFormation generates are covered by their
   * IAM path (`role/cdk-agentcore/<stack name>/*`), other roles are listed by ARN.
   */
  public allowPassRole(role: iam.IRole): void {
    const pattern = executionRoleFacts(role)?.passRolePattern;
    const resource = pattern ?? role.roleArn;
    if (this.passRoleResources.has(resource)) return;
    this.passRoleResources.add(resource);
    if (this.passRole) {
      this.passRole.addResources(resource);
    } else {
      this.passRole = new iam.PolicyStatement({
        sid: 'PassExecutionRoles',
        actions: ['iam:PassRole'],
        resources: [resource],
        conditions: { StringEquals: { 'iam:PassedToService': AGENTCORE_SERVICE_PRINCIPAL } },
      });
      this.handlerRole.addToPrincipalPolicy(this.passRole);
    }
    if (pattern !== undefined) {
      this.passRolePatterns.push(pattern);
      this.passRoleAcks.replace(this.passRolePatterns,
        'The execution roles of a stack whose names CloudFormation generates share the IAM path /cdk-agentcore/<stack name>/; the handlers may pass those roles, and only to bedrock-agentcore.amazonaws.com (iam:PassedToService).');
    }
  }

  private runtimesArn(glob: string): string {
    return Stack.of(this).formatArn({ service: 'bedrock-agentcore', resource: 'runtime', resourceName: glob });
  }
}
