/**
 * Recipes the README shows whose point is a synth-time outcome that type-checking cannot prove (the snippets
 * themselves are compiled by readme-snippets.test.ts).
 */
import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ExecutionRole } from '../../lib';
import { nagErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';

describe('README, ExecutionRole: a wildcard you add is reported until you acknowledge exactly that finding', () => {
  function roleReadingDocs(acknowledge: boolean): Stack {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'AgentRole', { agentName: 'support_agent' });
    const bucket = new s3.Bucket(stack, 'Docs');
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('docs/*')] }));
    if (acknowledge) {
      const bucketId = Stack.of(stack).getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/docs/*]`,
        reason: 'The agent reads any document under docs/ of its knowledge bucket.',
      });
    }
    return stack;
  }
  const iam5 = (stack: Stack) => nagErrors(stack).filter((e) => e.startsWith('AwsSolutions-IAM5'));

  test('without the acknowledgement AwsSolutions-IAM5 fails the synthesis', () => {
    const finding = /^AwsSolutions-IAM5\[Resource::<Docs[0-9A-F]{8}\.Arn>\/docs\/\*\] at TestStack\/AgentRole\//;
    expect(iam5(roleReadingDocs(false))).toEqual([expect.stringMatching(finding)]);
  });

  test('with it, nothing is left', () => {
    expect(iam5(roleReadingDocs(true))).toEqual([]);
  });
});
