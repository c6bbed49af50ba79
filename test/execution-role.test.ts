import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AgentCoreEnvironment, BedrockModel, ExecutionRole, ExecutionRoleGrants } from '../lib';
import { nagErrors, nagFindings } from './helpers/nag';
import { testStack } from './helpers/stack';
import { agentCoreTrustPolicy } from './helpers/trust';

const ACCOUNT = '123456789012';
const PARTITION = { Ref: 'AWS::Partition' };

function arn(...parts: any[]): any {
  return { 'Fn::Join': ['', parts] };
}

/** The one role of a template. */
function theRole(template: Template): any {
  const roles = Object.values(template.findResources('AWS::IAM::Role')) as any[];
  expect(roles).toHaveLength(1);
  return roles[0].Properties;
}

/** The statements of the one role's inline policy. */
function inlineStatements(template: Template): any[] {
  const policies = theRole(template).Policies;
  expect(policies).toHaveLength(1);
  return policies[0].PolicyDocument.Statement;
}

/** Every statement a template grants: role inline policies, AWS::IAM::Policy and AWS::IAM::ManagedPolicy. */
function allStatements(template: Template): any[] {
  const inline = (Object.values(template.findResources('AWS::IAM::Role')) as any[])
    .flatMap((r) => (r.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement));
  const separate = (Object.values({ ...template.findResources('AWS::IAM::Policy'), ...template.findResources('AWS::IAM::ManagedPolicy') }) as any[])
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
  return [...inline, ...separate];
}

function statementWithAction(template: Template, action: string): any {
  const found = allStatements(template).filter((s) => [s.Action].flat().includes(action));
  expect(found).toHaveLength(1);
  return found[0];
}

/** The ARNs every execution role repeats are one `Fn::Sub` each (fewer template bytes than `Fn::Join`). */
function sub(rest: string): any {
  return { 'Fn::Sub': `arn:\${AWS::Partition}:${rest}` };
}

function logGroupGlob(glob: string): any {
  return sub(`logs:us-east-1:${ACCOUNT}:log-group:/aws/bedrock-agentcore/runtimes/${glob}`);
}

function warnings(stack: Stack, id: string): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(`\\[ack: ${id}\\]`)).map((w) => String(w.entry.data));
}

describe('ExecutionRole is an iam.Role', () => {
  test('trusts only AgentCore, conditioned on this account and its AgentCore resources', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    expect(role).toBeInstanceOf(iam.Role);
    const trust = agentCoreTrustPolicy('*') as any;
    trust.Statement[0].Condition.ArnLike['aws:SourceArn'] = sub(`bedrock-agentcore:us-east-1:${ACCOUNT}:*`);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: trust,
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
            ArnLike: { 'aws:SourceArn': { 'Fn::Sub': 'arn:${AWS::Partition}:bedrock-agentcore:${AWS::Region}:${AWS::AccountId}:*' } },
          },
        })],
      },
    });
  });

  test('adds other principals only when named', () => {
    const stack = testStack();
    new ExecutionRole(stack, 'Role', { additionalTrustedPrincipals: [new iam.AccountPrincipal('210987654321')] });
    const principals = theRole(Template.fromStack(stack)).AssumeRolePolicyDocument.Statement.map((s: any) => s.Principal);
    expect(principals).toEqual([
      { Service: 'bedrock-agentcore.amazonaws.com' },
      { AWS: arn('arn:', PARTITION, ':iam::210987654321:root') },
    ]);
  });

  test('a generated-name role lives under the stack path /cdk-agentcore/<stack>/; a named role keeps /', () => {
    const stack = testStack();
    new ExecutionRole(stack, 'Role');
    expect(theRole(Template.fromStack(stack)).Path).toBe('/cdk-agentcore/TestStack/');
    const named = testStack();
    new ExecutionRole(named, 'Role', { roleName: 'agent-role' });
    expect(theRole(Template.fromStack(named)).Path).toBeUndefined();
  });

  test('every statement, the grants and addToPolicy included, is in the role\'s inline policy: one resource', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role', { agentName: 'agent' });
    role.agentGrants.invokeLambda(lambda.Function.fromFunctionArn(stack, 'Fn', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:tool`));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::docs/a.txt'] }));
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::Policy', 0);
    expect(inlineStatements(t).map((s) => s.Sid ?? [s.Action].flat()[0])).toEqual([
      'RuntimeLogs', 'WorkloadIdentityTokens', 'lambda:InvokeFunction', 's3:GetObject',
    ]);
  });
});

describe('ExecutionRole baseline permissions', () => {
  test('one agent name scopes logs (groups and streams) and workload identity to exactly that runtime', () => {
    const stack = testStack();
    new ExecutionRole(stack, 'Role', { agentName: 'support_agent' });
    const t = Template.fromStack(stack);
    expect(statementWithAction(t, 'logs:CreateLogGroup')).toEqual({
      Sid: 'RuntimeLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:DescribeLogStreams', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: logGroupGlob('support_agent-*'),
    });
    const directory = `bedrock-agentcore:us-east-1:${ACCOUNT}:workload-identity-directory/default`;
    expect(statementWithAction(t, 'bedrock-agentcore:GetWorkloadAccessToken')).toEqual({
      Sid: 'WorkloadIdentityTokens',
      Effect: 'Allow',
      Action: ['bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT'],
      Resource: [sub(directory), sub(`${directory}/workload-identity/support_agent-*`)],
    });
  });

  test('without an agent name uses the documented runtime log groups, and never log-group:*', () => {
    const stack = testStack();
    new ExecutionRole(stack, 'Role');
    const t = Template.fromStack(stack);
    expect(statementWithAction(t, 'logs:CreateLogGroup').Resource).toEqual(logGroupGlob('*'));
    expect(JSON.stringify(t.toJSON())).not.toContain('log-group:*');
  });

  test('a shared role is scoped by the common prefix of its agents, and its policy does not grow with them', () => {
    const policyWith = (count: number) => {
      const stack = testStack();
      const role = new ExecutionRole(stack, 'Role');
      for (let i = 0; i < count; i++) role.addAgent(`support_agent_${i}`);
      return theRole(Template.fromStack(stack)).Policies;
    };
    const two = policyWith(2);
    expect(JSON.stringify(two)).toContain('/runtimes/support_agent_*');
    expect(policyWith(150)).toEqual(policyWith(12));
  });

  test('agentNamePrefix fixes the scope and rejects a runtime name outside it', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role', { agentNamePrefix: 'support_' });
    role.addAgent('support_triage');
    expect(() => role.addAgent('billing')).toThrow(
      /TestStack\/Role: the runtime name 'billing' does not start with the agent name prefix 'support_' of this ExecutionRole/);
    expect(statementWithAction(Template.fromStack(stack), 'logs:PutLogEvents').Resource).toEqual(logGroupGlob('support_*'));
  });

  test('agents whose names share nothing widen the role to every runtime, with a warning that says what to do', () => {
    const one = testStack();
    new ExecutionRole(one, 'Role', { agentName: 'support' });
    expect(warnings(one, 'cdk-agentcore:execution-role-unscoped')).toEqual([]);
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    role.addAgent('support');
    role.addAgent('billing');
    role.addAgent('orders');
    expect(statementWithAction(Template.fromStack(stack), 'logs:PutLogEvents').Resource).toEqual(logGroupGlob('*'));
    expect(warnings(stack, 'cdk-agentcore:execution-role-unscoped')).toEqual([
      expect.stringMatching(/share no common prefix \(the last one added is 'billing'\).*set agentNamePrefix/),
    ]);
  });

  test('metrics are conditioned on the bedrock-agentcore namespace, in a managed policy every role of the stack shares', () => {
    const stack = testStack();
    new ExecutionRole(stack, 'A');
    new ExecutionRole(stack, 'B');
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
    expect(statementWithAction(t, 'cloudwatch:PutMetricData')).toEqual({
      Sid: 'RuntimeMetrics',
      Effect: 'Allow',
      Action: 'cloudwatch:PutMetricData',
      Resource: '*',
      Condition: { StringEquals: { 'cloudwatch:namespace': 'bedrock-agentcore' } },
    });
    const policyId = Object.keys(t.findResources('AWS::IAM::ManagedPolicy'))[0];
    t.resourcePropertiesCountIs('AWS::IAM::Role', { ManagedPolicyArns: [{ Ref: policyId }] }, 2);
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
    const actions = allStatements(Template.fromStack(stack)).flatMap((s) => [s.Action].flat()).sort();
    expect(actions).toEqual([
      'bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT',
      'cloudwatch:PutMetricData', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents',
      'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments',
    ]);
  });

  test('props map to the role; the environment tag comes from AgentCoreEnvironment', () => {
    const app = new App();
    const stack = new Stack(app, 'Prod', { env: { account: ACCOUNT, region: 'us-east-1' } });
    AgentCoreEnvironment.set(stack, 'prod');
    const boundary = new iam.ManagedPolicy(stack, 'Boundary', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })] });
    new ExecutionRole(stack, 'Role', {
      roleName: 'agent-role',
      description: 'Agent role',
      maxSessionDuration: Duration.hours(4),
      permissionsBoundary: boundary,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'agent-role',
      Description: 'Agent role',
      MaxSessionDuration: 14400,
      PermissionsBoundary: { Ref: Match.stringLikeRegexp('^Boundary') },
      Tags: [{ Key: 'agentcore:environment', Value: 'prod' }],
    });
  });

  test('without a setting the environment is dev', () => {
    const stack = testStack();
    new ExecutionRole(stack, 'Role');
    expect(theRole(Template.fromStack(stack)).Tags).toEqual([{ Key: 'agentcore:environment', Value: 'dev' }]);
  });
});

describe('ExecutionRoleGrants on an ExecutionRole', () => {
  test('invokeModel on a foundation model names the model ARN in the stack Region', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    const grant = role.agentGrants.invokeModel(BedrockModel.foundationModel('anthropic.claude-3-5-haiku-20241022-v1:0'));
    expect(grant.success).toBe(true);
    expect(statementWithAction(Template.fromStack(stack), 'bedrock:InvokeModel')).toEqual({
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: arn('arn:', PARTITION, ':bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0'),
    });
  });

  test('invokeModel on a cross-region inference profile grants the profile and the model it routes to', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    role.agentGrants.invokeModel(BedrockModel.inferenceProfile('us.anthropic.claude-sonnet-4-20250514-v1:0'));
    expect(statementWithAction(Template.fromStack(stack), 'bedrock:InvokeModel').Resource).toEqual([
      arn('arn:', PARTITION, `:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0`),
      arn('arn:', PARTITION, ':bedrock:*::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0'),
    ]);
    expect(nagErrors(stack)).toEqual([]);
  });

  test('global profiles with explicit destination Regions need no wildcard', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    role.agentGrants.invokeModel(BedrockModel.inferenceProfile('global.anthropic.claude-sonnet-4-20250514-v1:0', { destinationRegions: ['us-east-1', 'eu-west-1'] }));
    expect(statementWithAction(Template.fromStack(stack), 'bedrock:InvokeModel').Resource).toEqual([
      arn('arn:', PARTITION, `:bedrock:us-east-1:${ACCOUNT}:inference-profile/global.anthropic.claude-sonnet-4-20250514-v1:0`),
      arn('arn:', PARTITION, ':bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0'),
      arn('arn:', PARTITION, ':bedrock:eu-west-1::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0'),
    ]);
  });

  test('pullImage: pull on the repository only, the token on * in the stack\'s shared managed policy', () => {
    const stack = testStack();
    const a = new ExecutionRole(stack, 'A');
    const b = new ExecutionRole(stack, 'B');
    const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
    a.agentGrants.pullImage(repo);
    b.agentGrants.pullImage(repo);
    const t = Template.fromStack(stack);
    expect(allStatements(t).filter((s) => [s.Action].flat().includes('ecr:BatchGetImage'))).toEqual([0, 1].map(() => ({
      Effect: 'Allow',
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: arn('arn:', PARTITION, `:ecr:us-east-1:${ACCOUNT}:repository/agents`),
    })));
    expect(statementWithAction(t, 'ecr:GetAuthorizationToken')).toEqual({
      Sid: 'EcrAuthorizationToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*',
    });
    t.resourceCountIs('AWS::IAM::ManagedPolicy', 2);
    t.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('readParameters defaults to /agentcore/<environment>/ of AgentCoreEnvironment', () => {
    const app = new App({ context: { [AgentCoreEnvironment.CONTEXT_KEY]: 'staging' } });
    const stack = new Stack(app, 'Staging', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const role = new ExecutionRole(stack, 'Role');
    role.agentGrants.readParameters();
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

  test('invokeLambda names the function ARN only', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    role.agentGrants.invokeLambda(lambda.Function.fromFunctionArn(stack, 'Fn', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:tool`));
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
    expect(nagErrors(stack)).toEqual(['AwsSolutions-IAM5[Resource::*] at TestStack/Role/Resource']);
  });
});

describe('ExecutionRoleGrants on other roles', () => {
  test('an imported role gets the grants in its default policy and the ECR token in a policy of its own', () => {
    const stack = testStack();
    const role = iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/existing`);
    const grants = ExecutionRoleGrants.fromRole(role);
    grants.pullImage(ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents'));
    grants.invokeModel(BedrockModel.foundationModel('amazon.nova-pro-v1:0'));
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::Role', 0);
    t.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    const policies = Object.values(t.findResources('AWS::IAM::Policy')) as any[];
    expect(policies).toHaveLength(2);
    expect(policies.every((p) => JSON.stringify(p.Properties.Roles) === '["existing"]')).toBe(true);
    expect(statementWithAction(t, 'ecr:GetAuthorizationToken').Resource).toBe('*');
    expect(JSON.stringify(t.toJSON())).not.toContain('logs:');
    expect(nagErrors(stack)).toEqual([]);
  });

  test('any iam.Role gets the same helpers', () => {
    const stack = testStack();
    const plain = new iam.Role(stack, 'Plain', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    ExecutionRoleGrants.fromRole(plain).invokeLambda(lambda.Function.fromFunctionArn(stack, 'Fn', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:tool`));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Plain') }],
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:tool` }] },
    });
    // a role of the app is mutable, though its policy is bound only at synthesis: no immutable-role warning
    expect(warnings(stack, 'cdk-agentcore:execution-role-immutable')).toEqual([]);
  });

  test('an immutable role takes nothing: no policy, no token, and a warning saying exactly what to attach', () => {
    const stack = testStack();
    const role = iam.Role.fromRoleArn(stack, 'Frozen', `arn:aws:iam::${ACCOUNT}:role/frozen`, { mutable: false });
    ExecutionRoleGrants.fromRole(role).pullImage(ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents'));
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::Policy', 0);
    t.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    expect(warnings(stack, 'cdk-agentcore:execution-role-immutable')).toEqual([
      `The role arn:aws:iam::${ACCOUNT}:role/frozen is immutable (imported with mutable: false), so this grant was not added to it. `
      + 'Attach a policy to the role yourself that allows ecr:BatchGetImage, ecr:GetDownloadUrlForLayer on '
      + `{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":ecr:us-east-1:${ACCOUNT}:repository/agents"]]}`
      + ', and ecr:GetAuthorizationToken on * (without them AgentCore cannot pull the runtime\'s image). [ack: cdk-agentcore:execution-role-immutable]',
    ]);
  });
});

describe('ExecutionRole validation', () => {
  test.each([
    [{ roleName: 'bad name!' }, /Invalid roleName/],
    [{ agentName: 'my-agent' }, /agentName 'my-agent' must match \[a-zA-Z\]\[a-zA-Z0-9_\]\{0,47\}/],
    [{ agentName: 'a'.repeat(49) }, /agentName 'a{49}' must match/],
    [{ agentNamePrefix: '_x' }, /agentNamePrefix '_x' must match/],
    [{ maxSessionDuration: Duration.minutes(30) }, /maxSessionDuration is set to 1800, but must be >= 3600sec/],
  ])('%j is rejected with a message naming the property and the rule', (props, message) => {
    expect(() => new ExecutionRole(testStack(), 'Role', props)).toThrow(message);
  });

  test('reports every problem at once, with the construct path', () => {
    expect(() => new ExecutionRole(testStack(), 'Role', { agentName: 'a-b', agentNamePrefix: '9' }))
      .toThrow(/Invalid ExecutionRole props at 'TestStack\/Role':\n {2}- agentName.*\n {2}- agentNamePrefix/);
  });

  test('tokens are not validated', () => {
    const stack = testStack();
    expect(() => new ExecutionRole(stack, 'Role', { roleName: stack.stackName })).not.toThrow();
  });

  test('readParameters rejects a path without leading and trailing slash', () => {
    const role = new ExecutionRole(testStack(), 'Role');
    expect(() => role.agentGrants.readParameters('agentcore/dev')).toThrow(/path 'agentcore\/dev' must match an SSM path prefix/);
  });

  test('invokeModel needs a model', () => {
    const role = new ExecutionRole(testStack(), 'Role');
    expect(() => role.agentGrants.invokeModel()).toThrow(/needs at least one model/);
  });
});

describe('AgentCoreEnvironment', () => {
  test('set() on a stack applies to its constructs; of() falls back to dev', () => {
    const app = new App();
    const prod = new Stack(app, 'Prod');
    AgentCoreEnvironment.set(prod, 'prod');
    expect(AgentCoreEnvironment.of(new iam.Role(prod, 'R', { assumedBy: new iam.AccountRootPrincipal() }))).toBe('prod');
    expect(AgentCoreEnvironment.of(new Stack(app, 'Other'))).toBe('dev');
  });

  test('an invalid value is rejected, naming where it came from', () => {
    expect(() => AgentCoreEnvironment.set(new App(), 'Prod')).toThrow(/AgentCoreEnvironment.set\(<app>\): environment 'Prod' must match \[a-z0-9\]\[a-z0-9-\]\{0,31\}/);
    const app = new App({ context: { 'cdk-agentcore:environment': 'Prod' } });
    expect(() => new ExecutionRole(new Stack(app, 'S'), 'Role'))
      .toThrow(/The context value 'cdk-agentcore:environment' seen at 'S\/Role': environment 'Prod' must match/);
  });
});

describe('BedrockModel ids', () => {
  test.each([
    ['anthropic.claude-3-5-haiku-20241022-v1', /has no version suffix; Bedrock model ids with a release date end with one, e.g. 'anthropic.claude-3-5-haiku-20241022-v1:0'/],
    ['us.anthropic.claude-sonnet-4-20250514-v1:0', /is a cross-region inference profile id \('us.' prefix\).*use BedrockModel.inferenceProfile\('us.anthropic.claude-sonnet-4-20250514-v1:0'\)/],
    ['antropic.claude-3-5-haiku-20241022-v1:0', /names the provider 'antropic'; did you mean 'anthropic' \('anthropic.claude-3-5-haiku-20241022-v1:0'\)\?/],
    ['amazom.nova-pro-v1:0', /did you mean 'amazon'/],
  ])('foundationModel(%s) fails at synth with the fix', (id, message) => {
    expect(() => BedrockModel.foundationModel(id)).toThrow(message);
  });

  test('inferenceProfile checks the model id it routes to', () => {
    expect(() => BedrockModel.inferenceProfile('eu.anthropic.claude-3-7-sonnet-20250219-v1')).toThrow(/'eu.anthropic.claude-3-7-sonnet-20250219-v1' has no version suffix/);
  });

  test.each([
    ['acme.model-v1:0', /names the provider 'acme', which is not one cdk-agentcore knows/],
    ['amazon.nova-pro-v1', /has no version suffix; most ids end with one/],
  ])('%s grants what it says, with a warning', (id, message) => {
    const stack = testStack();
    new ExecutionRole(stack, 'Role', { models: [BedrockModel.foundationModel(id)] });
    expect(warnings(stack, 'cdk-agentcore:bedrock-model-id')).toEqual([expect.stringMatching(message)]);
  });

  test.each(['amazon.nova-pro-v1:0', 'anthropic.claude-3-sonnet-20240229-v1:0:28k', 'mistral.mistral-7b-instruct-v0:2', 'meta.llama3-1-70b-instruct-v1:0'])(
    '%s is accepted without a warning', (id) => {
      const stack = testStack();
      new ExecutionRole(stack, 'Role', { models: [BedrockModel.foundationModel(id)] });
      expect(warnings(stack, 'cdk-agentcore:bedrock-model-id')).toEqual([]);
    });
});

describe('ExecutionRole and cdk-nag', () => {
  test('a role with every grant has no AwsSolutions finding and no acknowledgement of Resource::* on the role', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role', { agentName: 'agent' });
    role.agentGrants.invokeModel(BedrockModel.inferenceProfile('eu.anthropic.claude-3-7-sonnet-20250219-v1:0'));
    role.agentGrants.pullImage(ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents'));
    role.agentGrants.readParameters();
    expect(nagFindings(stack)).toEqual([]);
    const onRole = JSON.stringify(role.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules')));
    expect(onRole).not.toMatch(/"AwsSolutions-IAM5"/);
    expect(onRole).not.toContain('AwsSolutions-IAM5[Resource::*]');
  });

  test('a shared role narrowed to a prefix is still acknowledged for exactly that prefix', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Role');
    role.addAgent('team_a');
    role.addAgent('team_b');
    expect(nagFindings(stack)).toEqual([]);
    const acknowledged = JSON.stringify(role.node.metadata);
    expect(acknowledged).toContain('runtimes/team_*');
    expect(acknowledged).not.toContain('runtimes/team_a-*');
  });
});
