import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AgentRuntime, AgentRuntimeArtifact, ExecutionRole } from '../lib';
import { testStack } from './helpers/stack';
import { checkTemplateLimits, policyChars, policyUsage } from '../lib/private/aws-limits';
import { AWS_LIMITS } from '../lib/private/contract';

const DIGEST = `sha256:${'d'.repeat(64)}`;

function runtimes(stack: Stack, count: number, role?: iam.IRole): void {
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
  for (let i = 0; i < count; i++) {
    new AgentRuntime(stack, `Agent${i}`, { runtimeName: `agent_${i}`, executionRole: role, artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: DIGEST }) });
  }
}

function synth(stack: Stack): void {
  (stack.node.root as App).synth();
}

function roleWithPolicy(document: unknown, managed = 0): Record<string, unknown> {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      Policies: [{ PolicyName: 'p', PolicyDocument: document }],
      ManagedPolicyArns: Array.from({ length: managed }, (_, i) => `arn:aws:iam::aws:policy/P${i}`),
    },
  };
}

function statements(count: number, resource: (i: number) => unknown): unknown {
  return { Version: '2012-10-17', Statement: Array.from({ length: count }, (_, i) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: resource(i) })) };
}

describe('policyChars counts a policy the way IAM does', () => {
  test('characters of the JSON without white space', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my bucket/*' }] };
    expect(policyChars(doc)).toBe(JSON.stringify(doc).length - 1);
  });

  test('unresolved values count as their longest deployed form', () => {
    const joined = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::b']] };
    const subbed = { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b' };
    // 'arn:' + 10 characters (aws-us-gov) + ':s3:::b', quoted.
    expect(policyChars(joined)).toBe(2 + 4 + 10 + 7);
    expect(policyChars(subbed)).toBe(policyChars(joined));
    expect(policyChars({ 'Fn::GetAtt': ['Fn', 'Arn'] })).toBe(2 + 128);
  });
});

describe('checkTemplateLimits', () => {
  test('a template within every limit passes', () => {
    expect(checkTemplateLimits({ Resources: { R: roleWithPolicy(statements(3, (i) => `arn:aws:s3:::b/${i}`)) } }, 1000)).toEqual([]);
  });

  test('more than 500 resources: which limit, by how much, and what to do', () => {
    const resources = Object.fromEntries(Array.from({ length: 503 }, (_, i) => [`R${i}`, { Type: 'AWS::SSM::Parameter' }]));
    expect(checkTemplateLimits({ Resources: resources }, 1000).map((v) => v.message)).toEqual([
      expect.stringMatching(/^The stack has 503 CloudFormation resources; CloudFormation allows 500 \(3 too many\)\. Split the runtimes over several stacks.*share one ExecutionRole/),
    ]);
  });

  test('a template over 1 MB', () => {
    expect(checkTemplateLimits({ Resources: {} }, 1_000_010)).toEqual([expect.objectContaining({
      limit: 'template bytes',
      actual: 1_000_010,
      max: AWS_LIMITS.templateBytes,
      message: expect.stringMatching(/^The template is 1000010 bytes; CloudFormation accepts 1000000 \(10 too many\)/),
    })]);
  });

  test('a role whose inline policies together pass 10,240 characters, counting separate policies attached to it', () => {
    const half = statements(60, (i) => `arn:aws:s3:::bucket-with-a-long-name/${i}`);
    expect(policyChars(half)).toBeGreaterThan(AWS_LIMITS.rolePolicyChars / 2);
    const resources = {
      Role: roleWithPolicy(half),
      Extra: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: half, Roles: [{ Ref: 'Role' }] } },
    };
    const [violation] = checkTemplateLimits({ Resources: resources }, 1000);
    expect(violation.limit).toBe('inline policies of role Role');
    expect(violation.message).toMatch(/^The inline policies of the role Role have about \d+ characters; IAM allows 10240 per role \(\d+ too many\)\. Grant fewer, broader resources/);
    expect(checkTemplateLimits({ Resources: { Role: roleWithPolicy(half) } }, 1000)).toEqual([]);
  });

  test('a managed policy over 6,144 characters, and a role with more than 10 managed policies', () => {
    const big = statements(80, (i) => `arn:aws:s3:::bucket-with-a-long-name/${i}`);
    expect(policyChars(big)).toBeGreaterThan(AWS_LIMITS.managedPolicyChars);
    const resources = {
      Role: roleWithPolicy(statements(1, () => '*'), 10),
      Big: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: big, Roles: [{ Ref: 'Role' }] } },
    };
    expect(checkTemplateLimits({ Resources: resources }, 1000).map((v) => v.limit)).toEqual(['managed policy Big', 'managed policies of role Role']);
  });

  test('policyUsage measures each role and managed policy', () => {
    const usage = policyUsage({ Role: roleWithPolicy(statements(1, () => 'arn:aws:s3:::b'), 2), Other: { Type: 'AWS::SNS::Topic' } });
    expect(usage.inlineChars.get('Role')).toBe(policyChars(statements(1, () => 'arn:aws:s3:::b')));
    expect(usage.managedPolicies.get('Role')).toBe(2);
    expect(usage.inlineChars.has('Other')).toBe(false);
  });
});

describe('synth fails, never the deploy, when a stack would break an AWS limit', () => {
  test('too many runtimes, each with its own role', () => {
    const stack = testStack();
    runtimes(stack, 250);
    expect(() => synth(stack)).toThrow(
      /Validation failed with the following errors:\n {2}\[TestStack\] The stack has 5\d\d CloudFormation resources; CloudFormation allows 500 \(\d+ too many\)\. Split the runtimes over several stacks/);
  });

  test('the same runtimes sharing one role fit', () => {
    const stack = testStack();
    runtimes(stack, 250, new ExecutionRole(stack, 'Shared', { agentNamePrefix: 'agent_' }));
    expect(() => synth(stack)).not.toThrow();
  });

  test('a role policy over IAM\'s limit names the role', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    for (let i = 0; i < 120; i++) {
      role.agentGrants.invokeLambda(lambda.Function.fromFunctionArn(stack, `Tool${i}`, `arn:aws:lambda:us-east-1:123456789012:function:tool-number-${i}`));
    }
    expect(() => synth(stack)).toThrow(/\[TestStack\] The inline policies of the role Role[0-9A-F]{8} have about \d+ characters; IAM allows 10240 per role/);
  });

  test('a template over 1 MB', () => {
    const stack = testStack();
    new ExecutionRole(stack, 'Role');
    new CfnResource(stack, 'Big', { type: 'AWS::SSM::Parameter', properties: { Type: 'String', Value: 'x'.repeat(1_000_000) } });
    expect(() => synth(stack)).toThrow(/\[TestStack\] The template is \d+ bytes; CloudFormation accepts 1000000/);
  });
});
