import { Aws, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { namesFor, ruleErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';

function policyDoc(...statements: object[]): object {
  return { Version: '2012-10-17', Statement: statements };
}

function cfnRoleWith(stack: any, id: string, ...statements: object[]): iam.CfnRole {
  return new iam.CfnRole(stack, id, {
    assumeRolePolicyDocument: policyDoc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }),
    policies: [{ policyName: 'inline', policyDocument: policyDoc(...statements) }],
  });
}

function l2Role(stack: any, id: string = 'Role'): iam.Role {
  return new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

describe('AgentCore-IAM1 (model invocation on every model)', () => {
  test('Noncompliance: L2 role grants bedrock:InvokeModel* on foundation-model/* in every Region', () => {
    const stack = testStack();
    l2Role(stack).addToPolicy(new iam.PolicyStatement({
      actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      resources: ['arn:aws:bedrock:*::foundation-model/*'],
    }));
    expect(namesFor(stack, 'IAM1').sort()).toEqual([
      'AgentCore-IAM1[Action::bedrock:InvokeModelWithResponseStream]',
      'AgentCore-IAM1[Action::bedrock:InvokeModel]',
    ]);
  });

  test('Noncompliance: CfnRole inline policy with bedrock:* on "*"', () => {
    const stack = testStack();
    cfnRoleWith(stack, 'Role', { Effect: 'Allow', Action: 'bedrock:*', Resource: '*' });
    expect(namesFor(stack, 'IAM1')).toEqual(['AgentCore-IAM1[Action::bedrock:*]']);
  });

  test('Noncompliance: foundation-model/* in the stack Region, ARN built with Fn::Join tokens', () => {
    const stack = testStack();
    new iam.CfnPolicy(stack, 'Policy', {
      policyName: 'p',
      roles: ['r'],
      policyDocument: policyDoc({
        Effect: 'Allow',
        Action: ['bedrock:Invoke*'],
        Resource: Fn.join('', ['arn:', Aws.PARTITION, ':bedrock:', Aws.REGION, '::foundation-model/*']),
      }),
    });
    expect(namesFor(stack, 'IAM1')).toEqual(['AgentCore-IAM1[Action::bedrock:Invoke*]']);
  });

  test('Noncompliance: managed policy with "*" actions on "*"', () => {
    const stack = testStack();
    new iam.ManagedPolicy(stack, 'Managed', {
      statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })],
    });
    expect(namesFor(stack, 'IAM1')).toEqual(['AgentCore-IAM1[Action::*]']);
  });

  test('Noncompliance: NotAction that does not exclude bedrock', () => {
    const stack = testStack();
    cfnRoleWith(stack, 'Role', { Effect: 'Allow', NotAction: 's3:*', Resource: '*' });
    expect(namesFor(stack, 'IAM1')).toEqual(['AgentCore-IAM1[NotAction]']);
  });

  test('Compliance: L2 policy scoped to one model family and to account inference profiles', () => {
    const stack = testStack();
    const policy = new iam.Policy(stack, 'Policy', {
      statements: [new iam.PolicyStatement({
        actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        resources: [
          `arn:${Aws.PARTITION}:bedrock:*::foundation-model/anthropic.claude-sonnet-4-*`,
          `arn:${Aws.PARTITION}:bedrock:${Aws.REGION}:${Aws.ACCOUNT_ID}:inference-profile/*`,
          `arn:${Aws.PARTITION}:bedrock:${Aws.REGION}::foundation-model/${Fn.ref('ModelId')}`,
        ],
      })],
    });
    policy.attachToRole(l2Role(stack));
    expect(namesFor(stack, 'IAM1')).toEqual([]);
    expect(ruleErrors(stack)).toEqual([]);
  });

  test('Noncompliance: NotResource that does not exclude foundation models', () => {
    const stack = testStack();
    cfnRoleWith(stack, 'Role',
      { Effect: 'Allow', Action: 'bedrock:InvokeModel', NotResource: 'arn:aws:s3:::bucket/*' },
      { Effect: 'Allow', Action: 'bedrock:InvokeModelWithResponseStream', NotResource: ['arn:aws:bedrock:*::foundation-model/*'] });
    expect(namesFor(stack, 'IAM1')).toEqual(['AgentCore-IAM1[Action::bedrock:InvokeModel]']);
  });

  test('Compliance: Deny statements and other bedrock actions on "*" are not flagged', () => {
    const stack = testStack();
    cfnRoleWith(stack, 'Role',
      { Effect: 'Deny', Action: 'bedrock:InvokeModel', Resource: '*' },
      { Effect: 'Allow', Action: 'bedrock:ListFoundationModels', Resource: '*' },
      { Effect: 'Allow', NotAction: ['bedrock:*'], Resource: '*' });
    expect(namesFor(stack, 'IAM1')).toEqual([]);
  });
});

describe('AgentCore-IAM2 (AgentCore action wildcards and unscoped AgentCore actions)', () => {
  test('Noncompliance: L2 role with bedrock-agentcore:* and bedrock-agentcore:Get* on scoped resources', () => {
    const stack = testStack();
    l2Role(stack).addToPolicy(new iam.PolicyStatement({
      actions: ['bedrock-agentcore:*', 'bedrock-agentcore:Get*'],
      resources: ['arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/abc'],
    }));
    expect(namesFor(stack, 'IAM2').sort()).toEqual([
      'AgentCore-IAM2[Action::bedrock-agentcore:*]',
      'AgentCore-IAM2[Action::bedrock-agentcore:Get*]',
    ]);
  });

  test('Noncompliance: CfnRole with a resource-level action on "*" (ListAgentRuntimes alongside is fine)', () => {
    const stack = testStack();
    cfnRoleWith(stack, 'Role', {
      Effect: 'Allow',
      Action: ['bedrock-agentcore:ListAgentRuntimes', 'bedrock-agentcore:GetMemory', 'bedrock-agentcore:InvokeAgentRuntime'],
      Resource: '*',
    });
    expect(namesFor(stack, 'IAM2').sort()).toEqual([
      'AgentCore-IAM2[Action::bedrock-agentcore:GetMemory]',
      'AgentCore-IAM2[Action::bedrock-agentcore:InvokeAgentRuntime]',
    ]);
  });

  test('Noncompliance: every AgentCore resource of the account, built with tokens', () => {
    const stack = testStack();
    new iam.Policy(stack, 'Policy', {
      roles: [l2Role(stack)],
      statements: [new iam.PolicyStatement({
        actions: ['bedrock-agentcore:CreateEvent'],
        resources: [`arn:${Aws.PARTITION}:bedrock-agentcore:${Aws.REGION}:${Aws.ACCOUNT_ID}:*`],
      })],
    });
    expect(namesFor(stack, 'IAM2')).toEqual(['AgentCore-IAM2[Action::bedrock-agentcore:CreateEvent]']);
  });

  test('Noncompliance: service wildcards that reach AgentCore', () => {
    const stack = testStack();
    cfnRoleWith(stack, 'Role',
      { Effect: 'Allow', Action: ['bedrock*:InvokeAgentRuntime', 'Bedrock-AgentCore:get?emory'], Resource: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:memory/m' });
    expect(namesFor(stack, 'IAM2').sort()).toEqual([
      'AgentCore-IAM2[Action::Bedrock-AgentCore:get?emory]',
      'AgentCore-IAM2[Action::bedrock*:InvokeAgentRuntime]',
    ]);
  });

  test('Compliance: actions without resource-level permissions on "*", scoped actions on ARNs', () => {
    const stack = testStack();
    const role = l2Role(stack);
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['bedrock-agentcore:ListAgentRuntimes', 'bedrock-agentcore:ListMemories', 'bedrock-agentcore:ListGateways', 'bedrock-agentcore:CreateAgentRuntime'],
      resources: ['*'],
    }));
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['bedrock-agentcore:InvokeAgentRuntime'],
      resources: [
        `arn:${Aws.PARTITION}:bedrock-agentcore:${Aws.REGION}:${Aws.ACCOUNT_ID}:runtime/${Fn.ref('RuntimeId')}`,
        `arn:${Aws.PARTITION}:bedrock-agentcore:${Aws.REGION}:${Aws.ACCOUNT_ID}:runtime/${Fn.ref('RuntimeId')}/*`,
      ],
    }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['bedrock:InvokeModel*'], resources: ['arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0'] }));
    expect(namesFor(stack, 'IAM2')).toEqual([]);
    expect(ruleErrors(stack)).toEqual([]);
  });

  test('Compliance: CfnRole granting workload access tokens on the documented ARNs', () => {
    const stack = testStack();
    cfnRoleWith(stack, 'Role', {
      Effect: 'Allow',
      Action: ['bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT'],
      Resource: [
        'arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default',
        'arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/agentName-*',
      ],
    });
    expect(namesFor(stack, 'IAM2')).toEqual([]);
  });
});

describe('AgentCore-IAM3 (iam:PassRole unscoped)', () => {
  test('Noncompliance: L2 grantPassRole (role ARN, no iam:PassedToService condition)', () => {
    const stack = testStack();
    const executionRole = new iam.Role(stack, 'Exec', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    executionRole.grantPassRole(l2Role(stack, 'Deployer'));
    expect(namesFor(stack, 'IAM3')).toEqual(['AgentCore-IAM3[Action::iam:PassRole]']);
  });

  test('Noncompliance: CfnRole with iam:PassRole on "*" even with the condition', () => {
    const stack = testStack();
    cfnRoleWith(stack, 'Role', {
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: '*',
      Condition: { StringEquals: { 'iam:PassedToService': 'bedrock-agentcore.amazonaws.com' } },
    });
    expect(namesFor(stack, 'IAM3')).toEqual(['AgentCore-IAM3[Action::iam:PassRole]']);
  });

  test('Noncompliance: iam:* on every role of the account', () => {
    const stack = testStack();
    cfnRoleWith(stack, 'Role', {
      Effect: 'Allow',
      Action: ['iam:*'],
      Resource: Fn.join('', ['arn:aws:iam::', Aws.ACCOUNT_ID, ':role/*']),
      Condition: { StringEquals: { 'iam:PassedToService': 'bedrock-agentcore.amazonaws.com' } },
    });
    expect(namesFor(stack, 'IAM3')).toEqual(['AgentCore-IAM3[Action::iam:*]']);
  });

  test('Noncompliance: a condition hidden by an intrinsic, or an unrelated condition, does not bind iam:PassedToService', () => {
    const stack = testStack();
    cfnRoleWith(stack, 'Role',
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/a', Condition: Fn.conditionIf('C', {}, {}) },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/b', Condition: { StringEquals: { 'iam:AssociatedResourceArn': 'x' } } });
    expect(namesFor(stack, 'IAM3')).toEqual(['AgentCore-IAM3[Action::iam:PassRole]']);
    expect(ruleErrors(stack)).toEqual([]);
  });

  test('Compliance: L2 policy scoped to the execution role with iam:PassedToService', () => {
    const stack = testStack();
    const executionRole = new iam.Role(stack, 'Exec', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    l2Role(stack, 'Deployer').addToPolicy(new iam.PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [executionRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'bedrock-agentcore.amazonaws.com' } },
    }));
    expect(namesFor(stack, 'IAM3')).toEqual([]);
  });

  test('Compliance: CfnRole with a path-scoped role pattern and the condition; other iam actions', () => {
    const stack = testStack();
    cfnRoleWith(stack, 'Role',
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: 'arn:aws:iam::123456789012:role/agentcore/*',
        Condition: { StringLike: { 'iam:PassedToService': 'bedrock-agentcore.amazonaws.com' } },
      },
      { Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' });
    expect(namesFor(stack, 'IAM3')).toEqual([]);
  });
});

describe('attached AWS managed policies (IAM1, IAM2, IAM3)', () => {
  test('Noncompliance: AdministratorAccess and BedrockAgentCoreFullAccess on an L2 role', () => {
    const stack = testStack();
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('BedrockAgentCoreFullAccess'),
      ],
    });
    expect(namesFor(stack, 'IAM1').sort()).toEqual([
      'AgentCore-IAM1[ManagedPolicy::AdministratorAccess]',
      'AgentCore-IAM1[ManagedPolicy::BedrockAgentCoreFullAccess]',
    ]);
    expect(namesFor(stack, 'IAM2').sort()).toEqual([
      'AgentCore-IAM2[ManagedPolicy::AdministratorAccess]',
      'AgentCore-IAM2[ManagedPolicy::BedrockAgentCoreFullAccess]',
    ]);
    expect(namesFor(stack, 'IAM3')).toEqual(['AgentCore-IAM3[ManagedPolicy::AdministratorAccess]']);
  });

  test('Noncompliance: CfnRole with literal managed policy ARNs (path and partition variants)', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: policyDoc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }),
      managedPolicyArns: ['arn:aws-us-gov:iam::aws:policy/AmazonBedrockFullAccess', 'arn:aws:iam::aws:policy/IAMFullAccess'],
    });
    expect(namesFor(stack, 'IAM1')).toEqual(['AgentCore-IAM1[ManagedPolicy::AmazonBedrockFullAccess]']);
    expect(namesFor(stack, 'IAM2')).toEqual([]);
    expect(namesFor(stack, 'IAM3')).toEqual(['AgentCore-IAM3[ManagedPolicy::IAMFullAccess]']);
  });

  test('Compliance: other AWS managed policies and customer managed policies with the same name', () => {
    const stack = testStack();
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'),
        iam.ManagedPolicy.fromManagedPolicyName(stack, 'Custom', 'AdministratorAccess'),
      ],
    });
    expect(namesFor(stack, 'IAM1')).toEqual([]);
    expect(namesFor(stack, 'IAM2')).toEqual([]);
    expect(namesFor(stack, 'IAM3')).toEqual([]);
  });
});

describe('other identity policy resources', () => {
  test('AWS::IAM::RolePolicy and AWS::IAM::User inline policies are walked', () => {
    const stack = testStack();
    new iam.CfnRolePolicy(stack, 'RolePolicy', {
      roleName: 'r',
      policyName: 'p',
      policyDocument: policyDoc({ Effect: 'Allow', Action: 'bedrock-agentcore:*', Resource: '*' }),
    });
    new iam.CfnUser(stack, 'User', { policies: [{ policyName: 'p', policyDocument: policyDoc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) }] });
    expect(namesFor(stack, 'IAM2')).toEqual(['AgentCore-IAM2[Action::bedrock-agentcore:*]']);
    expect(namesFor(stack, 'IAM3')).toEqual(['AgentCore-IAM3[Action::iam:PassRole]']);
  });
});
