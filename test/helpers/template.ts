import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** `Fn::Join` of the parts, the way CDK renders an ARN that holds a token such as the partition. */
export function join(...parts: any[]): any {
  return { 'Fn::Join': ['', parts] };
}

/** The one resource of a type in a stack or template (the test fails if there is none, or several). */
export function onlyResource(from: Stack | Template, type: string): any {
  const all = Object.values(templateOf(from).findResources(type));
  expect(all).toHaveLength(1);
  return all[0];
}

/**
 * The statements granted to the role whose logical id starts with `rolePrefix`: its inline policies (where an
 * `ExecutionRole` keeps every statement) and the `AWS::IAM::Policy` resources attached to it.
 */
export function roleStatements(from: Stack | Template, rolePrefix: string): any[] {
  const template = templateOf(from);
  const inline = Object.entries(template.findResources('AWS::IAM::Role'))
    .filter(([id]) => id.startsWith(rolePrefix))
    .flatMap(([, r]: [string, any]) => (r.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement));
  const attached = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p: any) => p.Properties.Roles.some((r: any) => typeof r.Ref === 'string' && r.Ref.startsWith(rolePrefix)))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
  return [...inline, ...attached];
}

function templateOf(from: Stack | Template): Template {
  return from instanceof Template ? from : Template.fromStack(from);
}
