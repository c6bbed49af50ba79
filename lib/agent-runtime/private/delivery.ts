import { ArnFormat, Lazy, Names, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as xray from 'aws-cdk-lib/aws-xray';
import { Construct, IConstruct } from 'constructs';
import type { RuntimeLoggingConfig } from '../observability';

/** Longest delivery source / destination name (aws-cdk-lib's Runtime uses the same bound). */
const MAX_DELIVERY_NAME = 60;

/** The service that writes vended logs and traces. */
export const DELIVERY_SERVICE = 'delivery.logs.amazonaws.com';

/** A name for a delivery resource, unique in the app, computed once the tree is complete. */
function deliveryName(resource: () => IConstruct): string {
  return Lazy.string({ produce: () => Names.uniqueResourceName(resource(), { maxLength: MAX_DELIVERY_NAME }) });
}

/** `aws:SourceArn` of a vended delivery: any delivery source of this account and Region. */
export function deliverySourceArns(stack: Stack): string {
  return stack.formatArn({ service: 'logs', resource: 'delivery-source', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}

/** A delivery destination named uniquely in the app. */
export function deliveryDestination(scope: Construct, id: string, type: string, arn: string | undefined): logs.CfnDeliveryDestination {
  const dest: logs.CfnDeliveryDestination = new logs.CfnDeliveryDestination(scope, id, {
    name: deliveryName(() => dest),
    deliveryDestinationType: type,
    destinationResourceArn: arn,
  });
  return dest;
}

/** The stack's CloudWatch Logs resource policy for vended log delivery: one statement, the destination log groups. */
export class LogsDeliveryPolicy extends Construct {
  public static of(scope: IConstruct): LogsDeliveryPolicy {
    const stack = Stack.of(scope);
    const id = 'cdk-agentcore.LogsDeliveryPolicy';
    return stack.node.tryFindChild(id) as LogsDeliveryPolicy ?? new LogsDeliveryPolicy(stack, id);
  }

  public readonly policy: logs.ResourcePolicy;
  private readonly statement: iam.PolicyStatement;
  private readonly streams = new Set<string>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    this.policy = new logs.ResourcePolicy(this, 'Resource');
    this.statement = new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(DELIVERY_SERVICE)],
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account }, ArnLike: { 'aws:SourceArn': deliverySourceArns(stack) } },
    });
    this.policy.document.addStatements(this.statement);
  }

  /** Lets the log delivery service write to the streams of `logGroup` (once per log group). */
  public allow(logGroup: logs.ILogGroup): void {
    const streams = `${logGroup.logGroupArn}:log-stream:*`;
    if (this.streams.has(streams)) return;
    this.streams.add(streams);
    this.statement.addResources(streams);
  }
}

/**
 * The stack's X-Ray resource policy for vended trace delivery: one statement for the traces of every AgentCore runtime
 * of this account and Region, so its size does not grow with the number of runtimes (X-Ray resource policies are
 * limited to 5,120 characters).
 */
function xrayDeliveryPolicy(scope: IConstruct): xray.CfnResourcePolicy {
  const stack = Stack.of(scope);
  const id = 'cdk-agentcore.XRayDeliveryPolicy';
  const existing = stack.node.tryFindChild(id) as xray.CfnResourcePolicy | undefined;
  if (existing) return existing;
  const document = new iam.PolicyDocument({
    statements: [new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(DELIVERY_SERVICE)],
      actions: ['xray:PutTraceSegments'],
      resources: ['*'],
      conditions: {
        'ForAllValues:ArnLike': { 'logs:LogGeneratingResourceArns': [stack.formatArn({ service: 'bedrock-agentcore', resource: 'runtime', resourceName: '*' })] },
        'StringEquals': { 'aws:SourceAccount': stack.account },
        'ArnLike': { 'aws:SourceArn': deliverySourceArns(stack) },
      },
    })],
  });
  const policy: xray.CfnResourcePolicy = new xray.CfnResourcePolicy(stack, id, {
    policyName: Lazy.string({ produce: () => Names.uniqueResourceName(policy, { maxLength: 128 }) }),
    policyDocument: stack.toJsonString(document),
  });
  return policy;
}

/**
 * Vended trace delivery of a runtime to X-Ray (`TRACES` delivery source, X-Ray delivery destination, delivery), as
 * aws-cdk-lib's `Runtime` does with `tracingEnabled`.
 */
export function deliverTraces(scope: Construct, runtimeArn: string): void {
  const source: logs.CfnDeliverySource = new logs.CfnDeliverySource(scope, 'TracesDeliverySource', { name: deliveryName(() => source), logType: 'TRACES', resourceArn: runtimeArn });
  const dest = deliveryDestination(scope, 'TracesDeliveryDest', 'XRAY', undefined);
  dest.node.addDependency(xrayDeliveryPolicy(scope));
  const delivery = new logs.CfnDelivery(scope, 'TracesDelivery', { deliverySourceName: source.ref, deliveryDestinationArn: dest.attrArn });
  delivery.node.addDependency(source, dest);
}

/**
 * Vended log delivery of a runtime: one delivery source per log type, one destination and delivery per config, each
 * delivery after the previous one (CloudWatch Logs rejects concurrent changes to one source's deliveries), as
 * aws-cdk-lib's `Runtime` does with `loggingConfigs`.
 */
export function deliverLogs(scope: Construct, runtimeArn: string, configs: RuntimeLoggingConfig[]): void {
  const byType = new Map<string, RuntimeLoggingConfig[]>();
  for (const c of configs) byType.set(c.logType.value, [...byType.get(c.logType.value) ?? [], c]);
  let previous: logs.CfnDelivery | undefined;
  for (const [logType, group] of byType) {
    const typeId = logType.split('_').map((w) => w.charAt(0) + w.slice(1).toLowerCase()).join('');
    const source: logs.CfnDeliverySource = new logs.CfnDeliverySource(scope, `${typeId}DeliverySource`, { name: deliveryName(() => source), logType, resourceArn: runtimeArn });
    group.forEach((config, i) => {
      const id = group.length === 1 ? typeId : `${typeId}${i}`;
      const dest = config.destination._bind(scope, `${id}Dest`);
      const delivery = new logs.CfnDelivery(scope, `${id}Delivery`, { deliverySourceName: source.ref, deliveryDestinationArn: dest.attrArn });
      delivery.node.addDependency(source, dest);
      if (previous) delivery.node.addDependency(previous);
      previous = delivery;
    });
  }
}
