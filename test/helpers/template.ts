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

/** The statements of the `AWS::IAM::Policy` resources attached to the role whose logical id starts with `rolePrefix`. */
export function roleStatements(from: Stack | Template, rolePrefix: string): any[] {
  return Object.values(templateOf(from).findResources('AWS::IAM::Policy'))
    .filter((p: any) => p.Properties.Roles.some((r: any) => typeof r.Ref === 'string' && r.Ref.startsWith(rolePrefix)))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

function templateOf(from: Stack | Template): Template {
  return from instanceof Template ? from : Template.fromStack(from);
}
