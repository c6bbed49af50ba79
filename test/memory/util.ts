import { Template } from 'aws-cdk-lib/assertions';

export const ACCOUNT = '123456789012';
export const PARTITION = { Ref: 'AWS::Partition' };

/** `Fn::Join` of the parts, the way CDK renders ARNs with the partition token. */
export function join(...parts: any[]): any {
  return { 'Fn::Join': ['', parts] };
}

/** The statements of the AWS::IAM::Policy attached to the role with this logical id prefix. */
export function roleStatements(template: Template, rolePrefix: string): any[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p: any) => p.Properties.Roles.some((r: any) => typeof r.Ref === 'string' && r.Ref.startsWith(rolePrefix)))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

/** The one memory resource of a template. */
export function memoryResource(template: Template): any {
  const all = Object.values(template.findResources('AWS::BedrockAgentCore::Memory'));
  expect(all).toHaveLength(1);
  return all[0];
}
