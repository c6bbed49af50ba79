import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AgentRuntime, AgentRuntimeArtifact, ExecutionRole, HealthCheck } from '../lib';
import { nagErrors } from './helpers/nag';
import { testStack } from './helpers/stack';
import { NamePattern, commonPrefix } from '../lib/private/name-pattern';

const ACCOUNT = '123456789012';
const DIGEST = `sha256:${'e'.repeat(64)}`;
const HEALTH: HealthCheck = { payload: '{"prompt":"ping"}', timeout: Duration.seconds(30) };

interface RuntimeOptions {
  readonly role?: iam.IRole;
  readonly healthCheck?: HealthCheck;
}

function runtime(stack: Stack, name: string, options: RuntimeOptions = {}): AgentRuntime {
  const repo = (stack.node.tryFindChild('Repo') as ecr.IRepository | undefined) ?? ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
  return new AgentRuntime(stack, name, {
    runtimeName: name,
    executionRole: options.role,
    healthCheck: options.healthCheck,
    artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: DIGEST }),
  });
}

/** The statements of the provider handler role's inline policy. */
function handlerStatements(stack: Stack): any[] {
  const roles = Template.fromStack(stack).findResources('AWS::IAM::Role', { Properties: { Description: 'cdk-agentcore AgentRuntime provider handlers' } });
  const [role] = Object.values(roles) as any[];
  return role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
}

function statement(stack: Stack, sid: string): any {
  return handlerStatements(stack).find((s) => s.Sid === sid);
}

function resourceCount(stack: Stack): number {
  return Object.keys(Template.fromStack(stack).toJSON().Resources).length;
}

describe('NamePattern', () => {
  test.each<[string[], string]>([
    [[], '*'],
    [['support'], 'support-*'],
    [['support', 'support'], 'support-*'],
    [['support_a', 'support_b'], 'support_*'],
    [['support', 'support_v2'], 'support*'],
    [['support', 'billing'], '*'],
  ])('%j gives %s', (names, glob) => {
    const pattern = new NamePattern();
    for (const name of names) pattern.add(name);
    expect(pattern.glob).toBe(glob);
  });

  test('a name only known at deploy time widens it to *', () => {
    const pattern = new NamePattern();
    pattern.add('support');
    pattern.add('${Token[TOKEN.1]}', false);
    expect(pattern.glob).toBe('*');
  });

  test('a fixed prefix is the glob whatever is added, and a name outside it is refused', () => {
    const pattern = new NamePattern('team_');
    expect(pattern.add('team_a')).toBeUndefined();
    expect(pattern.add('other')).toBe("'other' does not start with the agent name prefix 'team_'");
    expect(pattern.glob).toBe('team_*');
  });

  test('commonPrefix', () => {
    expect(commonPrefix('agent_one', 'agent_two')).toBe('agent_');
    expect(commonPrefix('a', '')).toBe('');
  });
});

describe('CloudFormation resources per runtime', () => {
  test('a runtime with its own role costs 2 (role and runtime); a runtime sharing a role costs 1', () => {
    const own = testStack();
    runtime(own, 'agent_0');
    const ownOne = resourceCount(own);
    const ownMore = testStack();
    for (let i = 0; i < 5; i++) runtime(ownMore, `agent_${i}`);
    expect(resourceCount(ownMore) - ownOne).toBe(4 * 2);

    const shared = testStack();
    const role = new ExecutionRole(shared, 'Shared');
    runtime(shared, 'agent_0', { role });
    const sharedOne = resourceCount(shared);
    const sharedMore = testStack();
    const sharedRole = new ExecutionRole(sharedMore, 'Shared');
    for (let i = 0; i < 5; i++) runtime(sharedMore, `agent_${i}`, { role: sharedRole });
    expect(resourceCount(sharedMore) - sharedOne).toBe(4);
  });

  test('no policy resource per runtime: only the stack\'s shared baseline policies and the waiter\'s', () => {
    const stack = testStack();
    for (let i = 0; i < 4; i++) runtime(stack, `agent_${i}`);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::ManagedPolicy', 2);
    t.resourceCountIs('AWS::IAM::Policy', 1);
  });
});

describe('policies that do not grow with the number of runtimes', () => {
  test('a shared role with a common prefix has the same policy at 3 and 40 runtimes', () => {
    const policyAt = (count: number) => {
      const stack = testStack();
      const role = new ExecutionRole(stack, 'Shared');
      for (let i = 0; i < count; i++) runtime(stack, `support_${i}`, { role });
      const [r] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role', { Properties: { Path: Match.anyValue() } })) as any[];
      return r.Properties.Policies;
    };
    expect(policyAt(40)).toEqual(policyAt(3));
  });

  test('the provider passes every generated-name execution role of the stack with one pattern', () => {
    const handlerAt = (count: number) => {
      const stack = testStack();
      for (let i = 0; i < count; i++) runtime(stack, `agent_${i}`);
      return handlerStatements(stack);
    };
    const few = handlerAt(2);
    expect(few.find((s) => s.Sid === 'PassExecutionRoles')).toEqual({
      Sid: 'PassExecutionRoles',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${ACCOUNT}:role/cdk-agentcore/TestStack/*`]] },
      Condition: { StringEquals: { 'iam:PassedToService': 'bedrock-agentcore.amazonaws.com' } },
    });
    expect(handlerAt(30)).toEqual(few);
  });

  test('the pattern covers exactly the path the execution roles are created under', () => {
    const stack = testStack();
    runtime(stack, 'agent_0');
    const roles = Template.fromStack(stack).findResources('AWS::IAM::Role', { Properties: { Path: Match.anyValue() } });
    expect((Object.values(roles) as any[]).map((r) => r.Properties.Path)).toEqual(['/cdk-agentcore/TestStack/']);
  });

  test('named and imported roles are listed by ARN in the same one statement', () => {
    const stack = testStack();
    runtime(stack, 'agent_0');
    runtime(stack, 'agent_1', { role: new ExecutionRole(stack, 'Named', { roleName: 'named-agent-role' }) });
    const imported = iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/platform/agent-role`);
    runtime(stack, 'agent_2', { role: imported });
    runtime(stack, 'agent_3', { role: imported });
    const passRoles = handlerStatements(stack).filter((s) => [s.Action].flat().includes('iam:PassRole'));
    expect(passRoles).toHaveLength(1);
    expect(passRoles[0].Resource).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${ACCOUNT}:role/cdk-agentcore/TestStack/*`]] },
      { 'Fn::GetAtt': [expect.stringMatching(/^Named/), 'Arn'] },
      `arn:aws:iam::${ACCOUNT}:role/platform/agent-role`,
    ]);
    expect(nagErrors(stack)).toEqual([]);
  });

  test('health checks: InvokeAgentRuntime only on the runtimes that have one, by their common prefix', () => {
    const none = testStack();
    runtime(none, 'support_a');
    expect(statement(none, 'HealthChecks')).toBeUndefined();

    const one = testStack();
    runtime(one, 'support_a', { healthCheck: HEALTH });
    runtime(one, 'billing', {});
    expect(statement(one, 'HealthChecks').Resource).toEqual(
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock-agentcore:us-east-1:${ACCOUNT}:runtime/support_a-*`]] });

    const many = testStack();
    for (let i = 0; i < 12; i++) runtime(many, `support_${i}`, { healthCheck: HEALTH });
    runtime(many, 'billing', {});
    expect(statement(many, 'HealthChecks')).toEqual({
      Sid: 'HealthChecks',
      Effect: 'Allow',
      Action: 'bedrock-agentcore:InvokeAgentRuntime',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock-agentcore:us-east-1:${ACCOUNT}:runtime/support_*`]] },
    });
    expect(nagErrors(many)).toEqual([]);
  });
});

describe('provider logging', () => {
  test('one log group for handlers, framework and waiter, kept a month; the framework logs at FATAL only', () => {
    const stack = testStack();
    runtime(stack, 'agent_0');
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Logs::LogGroup', 1);
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    const logGroup = { Ref: expect.stringMatching(/ProviderLogs/) };
    const framework = Object.values(t.findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('^AWS CDK resource provider framework') },
    })) as any[];
    expect(framework).toHaveLength(3);
    for (const fn of framework) {
      expect(fn.Properties.LoggingConfig).toEqual({ ApplicationLogLevel: 'FATAL', LogFormat: 'JSON', LogGroup: logGroup });
    }
    t.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: {
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ProviderLogs'), 'Arn'] } } }],
        IncludeExecutionData: false,
        Level: 'ALL',
      },
    });
  });
});
