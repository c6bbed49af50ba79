import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BedrockModel, ExecutionRole } from '../lib';
import { nagErrors, nagFindings } from './helpers/nag';
import { testStack } from './helpers/stack';
import { agentCoreTrustPolicy } from './helpers/trust';

const ACCOUNT = '123456789012';
const PARTITION = { Ref: 'AWS::Partition' };

/** All statements of all AWS::IAM::Policy resources in a template. */
function statements(template: Template): any[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

function statementWithAction(template: Template, action: string): any {
  const found = statements(template).filter((s) => [s.Action].flat().includes(action));
  expect(found).toHaveLength(1);
  return found[0];
}

function arn(...parts: any[]): any {
  return { 'Fn::Join': ['', parts] };
}

describe('ExecutionRole trust policy', () => {
  test('trusts only AgentCore, conditioned on this account and its AgentCore resources', () => {
    const stack = testStack();
    new ExecutionRole(stack, 'Role');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: agentCoreTrustPolicy('*'),
      MaxSessionDuration: 3600,
    });
  });

  test('uses tokens in an environment-agnostic stack', () => {
    const stack = new Stack(new App(), 'Agnostic');
    new ExecutionRole(stack, 'Role');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Condition: {
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            ArnLike: { 'aws:SourceArn': arn('arn:', PARTITION, ':bedrock-agentcore:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*') },
          },
        })],
      },
    });
  });

  test('adds other principals only when named', () => {
    const stack = testStack();
    new ExecutionRole(stack, 'Role', { additionalTrustedPrincipals: [new iam.AccountPrincipal('210987654321')] });
    const trust = Template.fromStack(stack).findResources('AWS::IAM::Role');
    const principals = (Object.values(trust)[0] as any).Properties.AssumeRolePolicyDocument.Statement.map((s: any) => s.Principal);
    expect(principals).toEqual([
      { Service: 'bedrock-agentcore.amazonaws.com' },
      { AWS: arn('arn:', PARTITION, ':iam::210987654321:root') },
    ]);
  });
});

describe('ExecutionRole baseline permissions', () => {
  test('scopes logs and workload identity to the agent name', () => {
    const stack = testStack();
    new ExecutionRole(stack, 'Role', { agentName: 'support_agent' });
    const t = Template.fromStack(stack);
    const group = arn('arn:', PARTITION, `:logs:us-east-1:${ACCOUNT}:log-group:/aws/bedrock-agentcore/runtimes/support_agent-*`);
    expect(statementWithAction(t, 'logs:CreateLogGroup')).toEqual({
      Sid: 'RuntimeLogGroups', Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:DescribeLogStreams'], Resource: group,
    });
    expect(statementWithAction(t, 'logs:PutLogEvents')).toEqual({
      Sid: 'RuntimeLogStreams',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: arn('arn:', PARTITION, `:logs:us-east-1:${ACCOUNT}:log-group:/aws/bedrock-agentcore/runtimes/support_agent-*:log-stream:*`),
    });
    const directory = `:bedrock-agentcore:us-east-1:${ACCOUNT}:workload-identity-directory/default`;
    expect(statementWithAction(t, 'bedrock-agentcore:GetWorkloadAccessToken')).toEqual({
      Sid: 'WorkloadIdentityTokens',
      Effect: 'Allow',
      Action: ['bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT'],
      Resource: [arn('arn:', PARTITION, directory), arn('arn:', PARTITION, `${directory}/workload-identity/support_agent-*`)],
    });
  });

  test('without an agent name uses the documented runtime log groups, and never log-group:*', () => {
    const stack = testStack();
    new ExecutionRole(stack, 'Role');
    const t = Template.fromStack(stack);
    expect(statementWithAction(t, 'logs:CreateLogGroup').Resource).toEqual(
      arn('arn:', PARTITION, `:logs:us-east-1:${ACCOUNT}:log-group:/aws/bedrock-agentcore/runtimes/*`));
    expect(JSON.stringify(t.toJSON())).not.toContain('log-group:*');
  });

  test('addAgent narrows a shared role to each agent', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    role.addAgent('agent_a');
    role.addAgent('agent_b');
    const resources = statementWithAction(Template.fromStack(stack), 'logs:CreateLogGroup').Resource;
    expect(resources).toEqual([
      arn('arn:', PARTITION, `:logs:us-east-1:${ACCOUNT}:log-group:/aws/bedrock-agentcore/runtimes/agent_a-*`),
      arn('arn:', PARTITION, `:logs:us-east-1:${ACCOUNT}:log-group:/aws/bedrock-agentcore/runtimes/agent_b-*`),
    ]);
  });

  test('metrics are conditioned on the bedrock-agentcore namespace', () => {
    const stack = testStack();
    new ExecutionRole(stack, 'Role');
    expect(statementWithAction(Template.fromStack(stack), 'cloudwatch:PutMetricData')).toEqual({
      Sid: 'RuntimeMetrics',
      Effect: 'Allow',
      Action: 'cloudwatch:PutMetricData',
      Resource: '*',
      Condition: { StringEquals: { 'cloudwatch:namespace': 'bedrock-agentcore' } },
    });
  });

  test('X-Ray only when tracing is on (the default)', () => {
    const on = testStack();
    new ExecutionRole(on, 'Role');
    expect(statementWithAction(Template.fromStack(on), 'xray:PutTraceSegments')).toEqual({
      Sid: 'Tracing',
      Effect: 'Allow',
      Resource: '*',
      Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
    });
    const off = testStack();
    new ExecutionRole(off, 'Role', { tracing: false });
    expect(JSON.stringify(Template.fromStack(off).toJSON())).not.toContain('xray:');
  });

  test('GetWorkloadAccessTokenForUserId only when asked for', () => {
    const plain = testStack();
    new ExecutionRole(plain, 'Role');
    expect(JSON.stringify(Template.fromStack(plain).toJSON())).not.toContain('ForUserId');
    const asked = testStack();
    new ExecutionRole(asked, 'Role', { workloadIdentityForUserId: true });
    expect(statementWithAction(Template.fromStack(asked), 'bedrock-agentcore:GetWorkloadAccessTokenForUserId').Action)
      .toContain('bedrock-agentcore:GetWorkloadAccessTokenForJWT');
  });

  test('grants nothing else by default', () => {
    const stack = testStack();
    new ExecutionRole(stack, 'Role');
    const actions = statements(Template.fromStack(stack)).flatMap((s) => [s.Action].flat()).sort();
    expect(actions).toEqual([
      'bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT',
      'cloudwatch:PutMetricData', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents',
      'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments',
    ]);
  });

  test('props map to the role', () => {
    const stack = testStack();
    const boundary = new iam.ManagedPolicy(stack, 'Boundary', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })] });
    new ExecutionRole(stack, 'Role', {
      roleName: 'agent-role',
      description: 'Agent role',
      maxSessionDuration: Duration.hours(4),
      permissionsBoundary: boundary,
      environment: 'prod',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'agent-role',
      Description: 'Agent role',
      MaxSessionDuration: 14400,
      PermissionsBoundary: { Ref: Match.stringLikeRegexp('^Boundary') },
      Tags: [{ Key: 'agentcore:environment', Value: 'prod' }],
    });
  });
});

describe('ExecutionRole grants', () => {
  test('grantInvokeModel on a foundation model names the model ARN in the stack Region', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    const grant = role.grantInvokeModel(BedrockModel.foundationModel('anthropic.claude-3-5-haiku-20241022-v1:0'));
    expect(grant.success).toBe(true);
    expect(statementWithAction(Template.fromStack(stack), 'bedrock:InvokeModel')).toEqual({
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: arn('arn:', PARTITION, ':bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0'),
    });
  });

  test('grantInvokeModel on a cross-region inference profile grants the profile and the model it routes to', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    role.grantInvokeModel(BedrockModel.inferenceProfile('us.anthropic.claude-sonnet-4-20250514-v1:0'));
    expect(statementWithAction(Template.fromStack(stack), 'bedrock:InvokeModel').Resource).toEqual([
      arn('arn:', PARTITION, `:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0`),
      arn('arn:', PARTITION, ':bedrock:*::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0'),
    ]);
    expect(nagErrors(stack)).toEqual([]);
  });

  test('global profiles with explicit destination Regions need no wildcard', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    role.grantInvokeModel(BedrockModel.inferenceProfile('global.anthropic.claude-sonnet-4-20250514-v1:0', { destinationRegions: ['us-east-1', 'eu-west-1'] }));
    expect(statementWithAction(Template.fromStack(stack), 'bedrock:InvokeModel').Resource).toEqual([
      arn('arn:', PARTITION, `:bedrock:us-east-1:${ACCOUNT}:inference-profile/global.anthropic.claude-sonnet-4-20250514-v1:0`),
      arn('arn:', PARTITION, ':bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0'),
      arn('arn:', PARTITION, ':bedrock:eu-west-1::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0'),
    ]);
  });

  test('grantPullImage: pull on the repository only, the token on * in the baseline policy', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
    role.grantPullImage(repo);
    const t = Template.fromStack(stack);
    expect(statementWithAction(t, 'ecr:BatchGetImage')).toEqual({
      Effect: 'Allow',
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: arn('arn:', PARTITION, `:ecr:us-east-1:${ACCOUNT}:repository/agents`),
    });
    expect(statementWithAction(t, 'ecr:GetAuthorizationToken')).toEqual({
      Sid: 'EcrAuthorizationToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*',
    });
  });

  test('grantReadParameters defaults to /agentcore/<environment>/', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role', { environment: 'staging' });
    role.grantReadParameters();
    expect(statementWithAction(Template.fromStack(stack), 'ssm:GetParametersByPath')).toEqual({
      Effect: 'Allow',
      Action: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
      Resource: [
        arn('arn:', PARTITION, `:ssm:us-east-1:${ACCOUNT}:parameter/agentcore/staging`),
        arn('arn:', PARTITION, `:ssm:us-east-1:${ACCOUNT}:parameter/agentcore/staging/*`),
      ],
    });
    expect(nagErrors(stack)).toEqual([]);
  });

  test('grantInvokeLambda names the function ARN only', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    role.grantInvokeLambda(lambda.Function.fromFunctionArn(stack, 'Fn', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:tool`));
    expect(statementWithAction(Template.fromStack(stack), 'lambda:InvokeFunction')).toEqual({
      Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:tool`,
    });
  });

  test('grants given as props', () => {
    const stack = testStack();
    const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
    new ExecutionRole(stack, 'Role', {
      models: [BedrockModel.foundationModel('amazon.nova-pro-v1:0')], repositories: [repo], parameterPaths: ['/shared/'],
    });
    const t = Template.fromStack(stack);
    expect(statementWithAction(t, 'bedrock:InvokeModel').Resource).toEqual(arn('arn:', PARTITION, ':bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0'));
    expect(statementWithAction(t, 'ecr:BatchGetImage').Resource).toEqual(arn('arn:', PARTITION, `:ecr:us-east-1:${ACCOUNT}:repository/agents`));
    expect(statementWithAction(t, 'ssm:GetParameter').Resource[1]).toEqual(arn('arn:', PARTITION, `:ssm:us-east-1:${ACCOUNT}:parameter/shared/*`));
  });

  test('addToPolicy adds anything else, and cdk-nag still reports a wildcard the user adds', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    expect(nagErrors(stack)).toEqual([expect.stringMatching(/^AwsSolutions-IAM5\[Resource::\*\] at TestStack\/Role\/Resource\/DefaultPolicy\/Resource$/)]);
  });
});

describe('ExecutionRole.fromRoleArn', () => {
  test('grants attach a policy to the imported role', () => {
    const stack = testStack();
    const role = ExecutionRole.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/existing`);
    expect(role.roleName).toBe('existing');
    role.grantPullImage(ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents'));
    role.grantInvokeModel(BedrockModel.foundationModel('amazon.nova-pro-v1:0'));
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::Role', 0);
    const policies = Object.values(t.findResources('AWS::IAM::Policy')) as any[];
    expect(policies.every((p) => JSON.stringify(p.Properties.Roles) === '["existing"]')).toBe(true);
    expect(statementWithAction(t, 'ecr:GetAuthorizationToken').Resource).toBe('*');
    expect(JSON.stringify(t.toJSON())).not.toContain('logs:');
    expect(nagErrors(stack)).toEqual([]);
  });

  test('fromRole wraps any IRole and grants to it', () => {
    const stack = testStack();
    const plain = new iam.Role(stack, 'Plain', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    const wrapped = ExecutionRole.fromRole(stack, 'Wrapped', plain);
    wrapped.grantInvokeLambda(lambda.Function.fromFunctionArn(stack, 'Fn', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:tool`));
    expect(wrapped.roleArn).toBe(plain.roleArn);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Plain') }],
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:tool` }] },
    });
  });

  test('an ExecutionRole passes through fromRole unchanged', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    expect(ExecutionRole.fromRole(stack, 'Same', role)).toBe(role);
  });
});

describe('ExecutionRole validation', () => {
  test.each([
    [{ roleName: 'bad name!' }, /roleName 'bad name!' must match/],
    [{ environment: 'Prod' }, /environment 'Prod' must match \[a-z0-9\]/],
    [{ agentName: 'my-agent' }, /agentName 'my-agent' must match \[a-zA-Z\]\[a-zA-Z0-9_\]\{0,47\}/],
    [{ agentName: 'a'.repeat(49) }, /agentName 'a{49}' must match/],
    [{ maxSessionDuration: Duration.minutes(30) }, /maxSessionDuration 1800 must be between 3600 seconds and 43200 seconds/],
  ])('%j is rejected with a message naming the property and the rule', (props, message) => {
    expect(() => new ExecutionRole(testStack(), 'Role', props)).toThrow(message);
  });

  test('reports every problem at once, with the construct path', () => {
    expect(() => new ExecutionRole(testStack(), 'Role', { roleName: 'x y', environment: 'UPPER' }))
      .toThrow(/Invalid ExecutionRole props at 'TestStack\/Role':\n {2}- roleName.*\n {2}- environment/);
  });

  test('tokens are not validated', () => {
    const stack = testStack();
    expect(() => new ExecutionRole(stack, 'Role', { roleName: stack.stackName })).not.toThrow();
  });

  test('grantReadParameters rejects a path without leading and trailing slash', () => {
    const role = new ExecutionRole(testStack(), 'Role');
    expect(() => role.grantReadParameters('agentcore/dev')).toThrow(/path 'agentcore\/dev' must match an SSM path prefix/);
  });

  test('grantInvokeModel needs a model', () => {
    const role = new ExecutionRole(testStack(), 'Role');
    expect(() => role.grantInvokeModel()).toThrow(/needs at least one model/);
  });
});

describe('ExecutionRole and cdk-nag', () => {
  test('a role with every grant has no AwsSolutions error and no blanket acknowledgement', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role', { agentName: 'agent' });
    role.grantInvokeModel(BedrockModel.inferenceProfile('eu.anthropic.claude-3-7-sonnet-20250219-v1:0'));
    role.grantPullImage(ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents'));
    role.grantReadParameters();
    expect(nagFindings(stack)).toEqual([]);
    const acknowledged = JSON.stringify(stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules')));
    expect(acknowledged).not.toMatch(/"AwsSolutions-IAM5"/);
  });
});
