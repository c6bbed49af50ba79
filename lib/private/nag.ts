import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag finding on a construct (and so on everything below it) with a reason.
 *
 * `Validations.acknowledge` refuses ids with more than one `::`, which every IAM5 finding on an ARN
 * containing `<AWS::Partition>` has. Such ids are recorded under the same public metadata key that
 * `Validations.acknowledge` writes and that cdk-nag 3 reads (`Validations.ACKNOWLEDGED_RULES_METADATA_KEY`).
 */
export function acknowledgeFinding(scope: IConstruct, id: string, reason: string): void {
  if (id.split('::').length <= 2) {
    Validations.of(scope).acknowledge({ id, reason });
  } else {
    scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason });
  }
}

/**
 * Acknowledges AwsSolutions-IAM5 for exactly the given wildcard resources of a policy that `scope` owns.
 *
 * Each resource is turned into the finding id cdk-nag reports (`AwsSolutions-IAM5[Resource::<flattened ARN>]`),
 * so an unrelated wildcard added later is still reported.
 */
export function acknowledgeWildcardResources(scope: IConstruct, resources: string[], reason: string): void {
  const stack = Stack.of(scope);
  for (const resource of resources) {
    const flat = flattenCfnReference(stack.resolve(resource));
    if (flat.includes('*')) {
      acknowledgeFinding(scope, `AwsSolutions-IAM5[Resource::${flat}]`, reason);
    }
  }
}

/**
 * Acknowledgements of AwsSolutions-IAM5 for wildcard resources that change while the app is built (a glob that
 * narrows as runtimes are added): one metadata entry on `scope`, written once and replaced in place, so an update
 * costs as much as the resources it names, however often it happens.
 */
export class WildcardAcknowledgements {
  private readonly entries: Record<string, string> = {};

  constructor(private readonly scope: IConstruct) {
    scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, this.entries);
  }

  /** Acknowledges exactly these resources (those that contain `*`), replacing what was acknowledged before. */
  public replace(resources: string[], reason: string): void {
    for (const key of Object.keys(this.entries)) delete this.entries[key];
    const stack = Stack.of(this.scope);
    for (const resource of resources) {
      const flat = flattenCfnReference(stack.resolve(resource));
      if (flat.includes('*')) this.entries[`AwsSolutions-IAM5[Resource::${flat}]`] = reason;
    }
  }
}

/**
 * Flattens a resolved CloudFormation value the way cdk-nag does for finding ids:
 * `Ref` → `<X>`, `Fn::GetAtt` → `<X.Attr>`, `Fn::Join` concatenated, `${X}` → `<X>`.
 */
export function flattenCfnReference(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/}/g, '>');
  const node = value as Record<string, any>;
  if (node['Fn::Join']) {
    const [delimiter, items] = node['Fn::Join'];
    return (items as unknown[]).map(flattenCfnReference).join(delimiter);
  }
  if (node['Fn::Sub']) return flattenCfnReference(node['Fn::Sub']);
  if (node['Fn::GetAtt']) {
    const [resource, attribute] = node['Fn::GetAtt'];
    return `<${flattenCfnReference(resource)}.${flattenCfnReference(attribute)}>`;
  }
  if (node['Fn::ImportValue']) return flattenCfnReference(node['Fn::ImportValue']);
  if (node.Ref) return `<${flattenCfnReference(node.Ref)}>`;
  return JSON.stringify(value);
}
