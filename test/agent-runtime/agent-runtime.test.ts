import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecrAssets from 'aws-cdk-lib/aws-ecr-assets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  AgentRuntime, AgentRuntimeArtifact, CodeRuntime, ExecutionRole, RuntimeAuthorizer, RuntimeNetwork, ServerProtocol,
} from '../../lib';
import { nagErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';

const ACCOUNT = '123456789012';
const PARTITION = { Ref: 'AWS::Partition' };
const DIGEST = `sha256:${'a'.repeat(64)}`;
const AGENT_DIR = path.join(__dirname, '..', '..', 'bin', 'agent');

function arn(...parts: any[]): any {
  return { 'Fn::Join': ['', parts] };
}

function runtime(stack: Stack, id = 'Agent', props: Partial<ConstructorParameters<typeof AgentRuntime>[2]> = {}): AgentRuntime {
  const repo = stack.node.tryFindChild('Repo') as ecr.IRepository ?? ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
  return new AgentRuntime(stack, id, { artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: DIGEST }), ...props });
}

function runtimeProps(stack: Stack): any {
  const resources = Object.values(Template.fromStack(stack).findResources('Custom::BedrockAgentCoreRuntime')) as any[];
  expect(resources).toHaveLength(1);
  return resources[0].Properties;
}

/** The statements of the policies, and of the roles' inline policies, whose logical id contains `pathPart`. */
function policyStatements(stack: Stack, pathPart: string): any[] {
  const t = Template.fromStack(stack).toJSON();
  return Object.entries(t.Resources)
    .filter(([id]) => id.includes(pathPart))
    .flatMap(([, r]: any) => (r.Type === 'AWS::IAM::Policy' ? [r.Properties.PolicyDocument]
      : r.Type === 'AWS::IAM::Role' ? (r.Properties.Policies ?? []).map((p: any) => p.PolicyDocument) : []))
    .flatMap((d: any) => d.Statement);
}

/** What a role was granted beyond the runtime baseline (logs and workload identity). */
function grantStatements(stack: Stack, pathPart: string): any[] {
  return policyStatements(stack, pathPart).filter((s) => !['RuntimeLogs', 'WorkloadIdentityTokens'].includes(s.Sid));
}

describe('AgentRuntime resource', () => {
  test('renders the full configuration with PascalCase keys the provider expects', () => {
    const stack = testStack();
    runtime(stack, 'Agent', { runtimeName: 'support_agent', description: 'Support', protocol: ServerProtocol.MCP });
    expect(runtimeProps(stack)).toEqual({
      ServiceToken: { 'Fn::GetAtt': [expect.stringMatching(/^cdkagentcoreAgentRuntimeProviderframeworkonEvent/), 'Arn'] },
      ServiceTimeout: '2700',
      AgentRuntimeName: 'support_agent',
      RoleArn: { 'Fn::GetAtt': [expect.stringMatching(/^AgentExecutionRole/), 'Arn'] },
      AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: arn(`${ACCOUNT}.dkr.ecr.us-east-1.`, { Ref: 'AWS::URLSuffix' }, `/agents@${DIGEST}`) } },
      NetworkConfiguration: { NetworkMode: 'PUBLIC' },
      ProtocolConfiguration: 'MCP',
      Description: 'Support',
    });
  });

  test('generates a valid, stable name when none is given', () => {
    const stack = testStack();
    const a = runtime(stack, 'A-very-long-construct-id-with-dashes-that-goes-on-and-on-and-on');
    expect(a.agentRuntimeName).toMatch(/^[a-zA-Z][a-zA-Z0-9_]{0,47}$/);
    const again = runtime(testStack(), 'A-very-long-construct-id-with-dashes-that-goes-on-and-on-and-on');
    expect(again.agentRuntimeName).toBe(a.agentRuntimeName);
    const other = runtime(testStack(), 'Other');
    expect(other.agentRuntimeName).not.toBe(a.agentRuntimeName);
  });

  test('attributes come from the custom resource', () => {
    const stack = testStack();
    const agent = runtime(stack);
    expect(stack.resolve(agent.agentRuntimeId)).toEqual({ Ref: expect.stringMatching(/^Agent/) });
    expect(stack.resolve(agent.agentRuntimeArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Agent/), 'AgentRuntimeArn'] });
    expect(stack.resolve(agent.agentRuntimeVersion)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Agent/), 'AgentRuntimeVersion'] });
    expect(stack.resolve(agent.status)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Agent/), 'Status'] });
  });

  test('depends on the execution role (its policy is inline) and the provider handler role (PassRole, inline)', () => {
    const stack = testStack();
    runtime(stack);
    const resource = Object.values(Template.fromStack(stack).findResources('Custom::BedrockAgentCoreRuntime'))[0] as any;
    expect(resource.DependsOn).toEqual([
      expect.stringMatching(/^AgentExecutionRole[0-9A-F]{8}$/),
      expect.stringMatching(/ProviderHandlerRole[0-9A-F]{8}$/),
    ]);
  });

  test('removalPolicy RETAIN keeps the runtime on delete', () => {
    const stack = testStack();
    runtime(stack, 'Agent', { removalPolicy: RemovalPolicy.RETAIN });
    Template.fromStack(stack).hasResource('Custom::BedrockAgentCoreRuntime', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('environment variables, lifecycle, headers, JWT authorizer and tags', () => {
    const stack = testStack();
    const agent = runtime(stack, 'Agent', {
      environmentVariables: { LOG_LEVEL: 'info' },
      lifecycle: { idleTimeout: Duration.minutes(10), maxLifetime: Duration.hours(2) },
      requestHeaderAllowlist: ['Authorization', 'X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant'],
      authorizer: RuntimeAuthorizer.customJwt({
        discoveryUrl: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc/.well-known/openid-configuration',
        allowedClients: ['client1'],
      }),
      tags: { team: 'support' },
    });
    agent.addEnvironment('MODEL_ID', 'amazon.nova-pro-v1:0');
    expect(runtimeProps(stack)).toMatchObject({
      EnvironmentVariables: { LOG_LEVEL: 'info', MODEL_ID: 'amazon.nova-pro-v1:0' },
      LifecycleConfiguration: { IdleRuntimeSessionTimeout: 600, MaxLifetime: 7200 },
      RequestHeaderConfiguration: { RequestHeaderAllowlist: ['Authorization', 'X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant'] },
      AuthorizerConfiguration: {
        CustomJWTAuthorizer: {
          DiscoveryUrl: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc/.well-known/openid-configuration',
          AllowedClients: ['client1'],
        },
      },
      Tags: { team: 'support' },
    });
  });

  test('VPC network renders subnets and a security group and exposes connections', () => {
    const stack = testStack();
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-1', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0a1b2c3d', 'subnet-0e1f2a3b'],
    });
    const agent = runtime(stack, 'Agent', { network: RuntimeNetwork.vpc(vpc) });
    expect(runtimeProps(stack).NetworkConfiguration).toEqual({
      NetworkMode: 'VPC',
      NetworkModeConfig: { Subnets: ['subnet-0a1b2c3d', 'subnet-0e1f2a3b'], SecurityGroups: [{ 'Fn::GetAtt': [expect.stringMatching(/^AgentSecurityGroup/), 'GroupId'] }] },
    });
    expect(agent.connections.securityGroups).toHaveLength(1);
  });

  test('a public runtime has no connections', () => {
    expect(() => runtime(testStack()).connections).toThrow(/VPC/);
  });
});

describe('AgentRuntime execution role', () => {
  test('the default role is an ExecutionRole narrowed to this runtime', () => {
    const stack = testStack();
    const agent = runtime(stack, 'Agent', { runtimeName: 'billing_agent' });
    expect(agent.role).toBeInstanceOf(ExecutionRole);
    const logs = policyStatements(stack, 'AgentExecutionRole').find((s) => s.Sid === 'RuntimeLogs');
    expect(logs.Resource).toEqual({ 'Fn::Sub': `arn:\${AWS::Partition}:logs:us-east-1:${ACCOUNT}:log-group:/aws/bedrock-agentcore/runtimes/billing_agent-*` });
  });

  test('a shared ExecutionRole is narrowed to the common prefix of the runtimes that use it', () => {
    const stack = testStack();
    const role = new ExecutionRole(stack, 'Shared');
    runtime(stack, 'A', { runtimeName: 'agent_a', executionRole: role });
    runtime(stack, 'B', { runtimeName: 'agent_b', executionRole: role });
    const logs = policyStatements(stack, 'Shared').find((s) => s.Sid === 'RuntimeLogs');
    expect(logs.Resource).toEqual({ 'Fn::Sub': `arn:\${AWS::Partition}:logs:us-east-1:${ACCOUNT}:log-group:/aws/bedrock-agentcore/runtimes/agent_*` });
    expect(nagErrors(stack)).toEqual([]);
  });

  test('a plain IRole gets the artifact grants and the runtime depends on it', () => {
    const stack = testStack();
    const role = new iam.Role(stack, 'Plain', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    runtime(stack, 'Agent', { executionRole: role });
    const pull = policyStatements(stack, 'PlainDefaultPolicy').find((s) => [s.Action].flat().includes('ecr:BatchGetImage'));
    expect(pull.Resource).toEqual(arn('arn:', PARTITION, `:ecr:us-east-1:${ACCOUNT}:repository/agents`));
    const resource = Object.values(Template.fromStack(stack).findResources('Custom::BedrockAgentCoreRuntime'))[0] as any;
    expect(resource.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^Plain[0-9A-F]{8}$/), expect.stringMatching(/^PlainDefaultPolicy/)]));
  });
});

describe('AgentRuntime artifacts', () => {
  test('fromEcrRepository by tag grants pull on that repository only and warns on a mutable tag', () => {
    const stack = testStack();
    const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
    new AgentRuntime(stack, 'Agent', { artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { tag: 'latest' }) });
    const pull = grantStatements(stack, 'AgentExecutionRole');
    expect(pull).toEqual([{ Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: arn('arn:', PARTITION, `:ecr:us-east-1:${ACCOUNT}:repository/agents`) }]);
    Annotations.fromStack(stack).hasWarning('/TestStack/Agent', Match.stringLikeRegexp("mutable tag 'latest'"));
  });

  test('an immutable tag or digest raises no warning', () => {
    const stack = testStack();
    const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
    new AgentRuntime(stack, 'Agent', { artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { tag: 'v1.4.2' }) });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('mutable tag'))).toHaveLength(0);
  });

  test('fromAsset builds for linux/arm64 and grants pull on the assets repository', () => {
    const stack = testStack();
    new AgentRuntime(stack, 'Agent', { artifact: AgentRuntimeArtifact.fromAsset(AGENT_DIR) });
    const app = stack.node.root as App;
    const assembly = app.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'TestStack.assets.json'), 'utf8'));
    const images = Object.values(manifest.dockerImages) as any[];
    expect(images).toHaveLength(1);
    expect(images[0].source.platform).toBe('linux/arm64');
    const pull = grantStatements(stack, 'AgentExecutionRole')[0];
    expect(JSON.stringify(pull.Resource)).toContain(':repository/cdk-hnb659fds-container-assets-');
  });

  test('fromAsset rejects another platform', () => {
    expect(() => AgentRuntimeArtifact.fromAsset(AGENT_DIR, { platform: ecrAssets.Platform.LINUX_AMD64 })).toThrow(/linux\/arm64/);
  });

  test('fromImageUri parses the repository and grants only it', () => {
    const stack = testStack();
    new AgentRuntime(stack, 'Agent', { artifact: AgentRuntimeArtifact.fromImageUri(`210987654321.dkr.ecr.eu-west-1.amazonaws.com/team/agent@${DIGEST}`) });
    expect(runtimeProps(stack).AgentRuntimeArtifact).toEqual({ ContainerConfiguration: { ContainerUri: `210987654321.dkr.ecr.eu-west-1.amazonaws.com/team/agent@${DIGEST}` } });
    expect(grantStatements(stack, 'AgentExecutionRole')[0].Resource).toEqual(arn('arn:', PARTITION, ':ecr:eu-west-1:210987654321:repository/team/agent'));
  });

  test.each([
    ['docker.io/library/agent:v1', /not an ECR image URI/],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/Agent:v1', /not an ECR image URI/],
  ])('fromImageUri rejects %s', (uri, message) => {
    expect(() => AgentRuntimeArtifact.fromImageUri(uri)).toThrow(message);
  });

  test('fromS3Code renders a code configuration and grants GetObject on that object only', () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Code', 'agent-code');
    new AgentRuntime(stack, 'Agent', {
      artifact: AgentRuntimeArtifact.fromS3Code(bucket, 'agent.zip', { runtime: CodeRuntime.PYTHON_3_13, entryPoint: ['opentelemetry-instrument', 'main.py'] }),
    });
    expect(runtimeProps(stack).AgentRuntimeArtifact).toEqual({
      CodeConfiguration: { Code: { S3: { Bucket: 'agent-code', Prefix: 'agent.zip' } }, Runtime: 'PYTHON_3_13', EntryPoint: ['opentelemetry-instrument', 'main.py'] },
    });
    expect(grantStatements(stack, 'AgentExecutionRole')).toEqual([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: arn('arn:', PARTITION, ':s3:::agent-code/agent.zip') },
    ]);
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('ecr:GetAuthorizationToken');
  });

  test('fromCodeAsset uploads the directory and grants the asset object', () => {
    const stack = testStack();
    new AgentRuntime(stack, 'Agent', { artifact: AgentRuntimeArtifact.fromCodeAsset(AGENT_DIR, { runtime: CodeRuntime.NODE_22, entryPoint: ['server.js'] }) });
    const code = runtimeProps(stack).AgentRuntimeArtifact.CodeConfiguration;
    expect(code.Runtime).toBe('NODE_22');
    expect(code.Code.S3.Prefix).toMatch(/^[a-f0-9]{64}\.zip$/);
    expect(grantStatements(stack, 'AgentExecutionRole')[0].Action).toBe('s3:GetObject');
  });

  test.each([
    [{}, /exactly one of tag and digest \(got neither\)/],
    [{ tag: 'v1', digest: DIGEST }, /exactly one of tag and digest \(got both\)/],
    [{ digest: 'sha256:abc' }, /digest 'sha256:abc' must be 'sha256:'/],
    [{ tag: 'bad tag' }, /tag 'bad tag' is not a valid image tag/],
  ])('fromEcrRepository(%j) is rejected', (options, message) => {
    const stack = testStack();
    expect(() => AgentRuntimeArtifact.fromEcrRepository(ecr.Repository.fromRepositoryName(stack, 'R', 'r'), options)).toThrow(message);
  });

  test('code entry points need 1 or 2 entries', () => {
    const bucket = s3.Bucket.fromBucketName(testStack(), 'B', 'agent-code');
    expect(() => AgentRuntimeArtifact.fromS3Code(bucket, 'k', { runtime: CodeRuntime.PYTHON_3_12, entryPoint: [] })).toThrow(/entryPoint \[\] must have 1 or 2 entries/);
  });
});

describe('AgentRuntime validation', () => {
  test.each<[string, any, RegExp]>([
    ['runtimeName', { runtimeName: 'my-agent' }, /runtimeName 'my-agent' must match \[a-zA-Z\]\[a-zA-Z0-9_\]\{0,47\}/],
    ['runtimeName length', { runtimeName: 'a'.repeat(49) }, /runtimeName 'a{49}' must match/],
    ['description', { description: '' }, /description '' must be 1-4096 characters long/],
    ['env count', { environmentVariables: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`K${i}`, 'v'])) }, /environmentVariables has 51 entries; at most 50 are allowed/],
    ['env key', { environmentVariables: { 'BAD-KEY': 'v' } }, /environmentVariables key 'BAD-KEY' must match/],
    ['env value', { environmentVariables: { BIG: 'x'.repeat(5001) } }, /environmentVariables\['BIG'\] is 5001 characters long; at most 5000 are allowed/],
    ['header name', { requestHeaderAllowlist: ['1bad'] }, /requestHeaderAllowlist\[0\] '1bad' must match/],
    ['header count', { requestHeaderAllowlist: Array.from({ length: 21 }, (_, i) => `H${i}`) }, /requestHeaderAllowlist has 21 entries; 1-20 are allowed/],
    ['idle range', { lifecycle: { idleTimeout: Duration.seconds(30) } }, /lifecycle.idleTimeout 30 must be between 60 seconds and 28800 seconds/],
    ['max range', { lifecycle: { maxLifetime: Duration.hours(9) } }, /lifecycle.maxLifetime 32400 must be between 60 seconds and 28800 seconds/],
    ['idle > max', { lifecycle: { idleTimeout: Duration.hours(2), maxLifetime: Duration.hours(1) } }, /lifecycle.idleTimeout \(7200 seconds\) must not exceed lifecycle.maxLifetime \(3600 seconds\)/],
    ['discovery URL', { authorizer: RuntimeAuthorizer.customJwt({ discoveryUrl: 'http://issuer/config' }) }, /authorizer.discoveryUrl 'http:\/\/issuer\/config' must match https:\/\/<issuer>\/.well-known\/openid-configuration/],
    ['tag key under aws:', { tags: { 'aws:owner': 'x' } }, /tags key 'aws:owner' must not start with 'aws:' \(reserved by AWS\)/],
    ['tag count', { tags: Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v'])) }, /tags has 49 entries; at most 48 are allowed \(the provider adds 2 ownership tags; the limit is 50\)/],
    ['tag value', { tags: { team: 'a#b' } }, /tags\['team'\] 'a#b' must match .*: '#' at character 2 is not allowed there/],
    ['tag key', { tags: { 'cdk-agentcore:owner': 'x' } }, /tags key 'cdk-agentcore:owner' must not start with 'cdk-agentcore:' \(reserved for the provider's ownership tags\)/],
  ])('%s', (_name, props, message) => {
    expect(() => runtime(testStack(), 'Agent', props)).toThrow(message);
  });

  test('all problems are reported at once, naming the construct', () => {
    expect(() => runtime(testStack(), 'Agent', { runtimeName: 'bad-name', description: '' }))
      .toThrow(/Invalid AgentRuntime props at 'TestStack\/Agent':\n {2}- runtimeName.*\n {2}- description/);
  });

  test('addEnvironment rejects duplicates and invalid keys', () => {
    const agent = runtime(testStack(), 'Agent', { environmentVariables: { A: '1' } });
    expect(() => agent.addEnvironment('A', '2')).toThrow(/key 'A' is already set/);
    expect(() => agent.addEnvironment('1X', '2')).toThrow(/environmentVariables key '1X' must match/);
  });

  test('tokens are not validated', () => {
    const stack = testStack();
    expect(() => runtime(stack, 'Agent', { description: stack.stackName })).not.toThrow();
  });
});

describe('AgentRuntime provider', () => {
  test('one provider per stack for 50 runtimes', () => {
    const stack = testStack();
    for (let i = 0; i < 50; i++) runtime(stack, `Agent${i}`);
    const t = Template.fromStack(stack);
    t.resourceCountIs('Custom::BedrockAgentCoreRuntime', 50);
    t.resourcePropertiesCountIs('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('^cdk-agentcore AgentRuntime provider') }, 2);
    t.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    t.resourceCountIs('AWS::Lambda::Function', 5);
  });

  test('two stacks get two providers', () => {
    const app = new App();
    const a = new Stack(app, 'A', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const b = new Stack(app, 'B', { env: { account: ACCOUNT, region: 'us-east-1' } });
    runtime(a);
    runtime(b);
    for (const s of [a, b]) Template.fromStack(s).resourceCountIs('AWS::StepFunctions::StateMachine', 1);
  });

  test('handlers run on the newest Node.js runtime aws-cdk-lib offers, on arm64', () => {
    const stack = testStack();
    runtime(stack);
    const newest = lambda.Runtime.ALL.filter((r) => /^nodejs\d+\.x$/.test(r.name)).map((r) => Number(r.name.replace(/\D/g, ''))).sort((x, y) => y - x)[0];
    Template.fromStack(stack).resourcePropertiesCountIs('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^cdk-agentcore AgentRuntime provider'),
      Runtime: `nodejs${newest}.x`,
      Architectures: ['arm64'],
    }, 2);
  });

  test('handler IAM: runtime actions on runtime/* of this account and Region, PassRole on the stack\'s execution roles only', () => {
    const stack = testStack();
    runtime(stack, 'A');
    runtime(stack, 'B');
    const statements = policyStatements(stack, 'ProviderHandlerRole');
    expect(statements).toEqual([
      {
        Sid: 'ManageRuntimes',
        Effect: 'Allow',
        Action: ['bedrock-agentcore:CreateAgentRuntime', 'bedrock-agentcore:GetAgentRuntime', 'bedrock-agentcore:UpdateAgentRuntime',
          'bedrock-agentcore:DeleteAgentRuntime', 'bedrock-agentcore:TagResource',
          'bedrock-agentcore:UntagResource', 'bedrock-agentcore:ListTagsForResource', 'bedrock-agentcore:ListAgentRuntimeEndpoints',
          'bedrock-agentcore:GetAgentRuntimeEndpoint', 'bedrock-agentcore:DeleteAgentRuntimeEndpoint', 'bedrock-agentcore:PutResourcePolicy',
          'bedrock-agentcore:DeleteResourcePolicy'],
        Resource: arn('arn:', PARTITION, `:bedrock-agentcore:us-east-1:${ACCOUNT}:runtime/*`),
      },
      { Sid: 'FindOwnRuntimes', Effect: 'Allow', Action: 'bedrock-agentcore:ListAgentRuntimes', Resource: '*' },
      {
        Sid: 'RuntimeIdentityServiceLinkedRole',
        Effect: 'Allow',
        Action: 'iam:CreateServiceLinkedRole',
        Resource: arn('arn:', PARTITION, `:iam::${ACCOUNT}:role/aws-service-role/runtime-identity.bedrock-agentcore.amazonaws.com/AWSServiceRoleForBedrockAgentCoreRuntimeIdentity`),
        Condition: { StringEquals: { 'iam:AWSServiceName': 'runtime-identity.bedrock-agentcore.amazonaws.com' } },
      },
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/ProviderLogs/), 'Arn'] },
      },
      {
        Sid: 'PassExecutionRoles',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: arn('arn:', PARTITION, `:iam::${ACCOUNT}:role/cdk-agentcore/TestStack/*`),
        Condition: { StringEquals: { 'iam:PassedToService': 'bedrock-agentcore.amazonaws.com' } },
      },
    ]);
  });

  test('timeouts: the ServiceTimeout exceeds the waiter total plus an onEvent run, within CloudFormation limits', () => {
    const stack = testStack();
    runtime(stack);
    const t = Template.fromStack(stack);
    const serviceTimeout = Number(runtimeProps(stack).ServiceTimeout);
    const handlerTimeouts = Object.values(t.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('^cdk-agentcore') } }))
      .map((f: any) => f.Properties.Timeout);
    const definition = JSON.stringify(Object.values(t.findResources('AWS::StepFunctions::StateMachine'))[0]);
    const interval = Number(/IntervalSeconds\\":(\d+)/.exec(definition)![1]);
    const attempts = Number(/MaxAttempts\\":(\d+)/.exec(definition)![1]);
    expect(interval * attempts).toBe(1800);
    expect(Math.max(...handlerTimeouts)).toBeLessThanOrEqual(14 * 60);
    expect(serviceTimeout).toBeGreaterThan(interval * attempts + Math.max(...handlerTimeouts));
    expect(serviceTimeout).toBeLessThanOrEqual(3600);
  });

  test('the waiter logs all events without execution data (which holds the ResponseURL)', () => {
    const stack = testStack();
    runtime(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
  });

  test('AwsSolutions reports no error, and no blanket acknowledgement exists', () => {
    const stack = testStack();
    runtime(stack);
    expect(nagErrors(stack)).toEqual([]);
    const ids = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').flatMap((m) => Object.keys(m.data)));
    expect(ids.filter((id) => /^(annotation::)?AwsSolutions-IAM[45]$/.test(id))).toEqual([]);
  });
});

describe('AgentRuntime grants and metrics', () => {
  test('grantInvoke covers the runtime and its endpoints, HTTP and WebSocket, never ForUser; grantInvokeRuntime(ForUser) are separate', () => {
    const stack = testStack();
    const agent = runtime(stack);
    const runtimeArn = { 'Fn::GetAtt': [expect.stringMatching(/^Agent/), 'AgentRuntimeArn'] };
    const endpoints = arn(runtimeArn, '/*');
    const grants: Array<[string, (caller: iam.IGrantable) => iam.Grant, string | string[]]> = [
      ['Invoke', (c) => agent.grantInvoke(c), ['bedrock-agentcore:InvokeAgentRuntime', 'bedrock-agentcore:InvokeAgentRuntimeWithWebSocketStream']],
      ['Http', (c) => agent.grantInvokeRuntime(c), 'bedrock-agentcore:InvokeAgentRuntime'],
      ['ForUser', (c) => agent.grantInvokeRuntimeForUser(c), 'bedrock-agentcore:InvokeAgentRuntimeForUser'],
    ];
    for (const [name, grant] of grants) {
      expect(grant(new iam.Role(stack, `Caller${name}`, { assumedBy: new iam.AccountRootPrincipal() })).success).toBe(true);
    }
    for (const [name, , actions] of grants) {
      expect(policyStatements(stack, `Caller${name}DefaultPolicy`)).toEqual([{ Effect: 'Allow', Action: actions, Resource: [runtimeArn, endpoints] }]);
    }
    // The endpoint wildcard is acknowledged for exactly this runtime, on the grantee.
    expect(nagErrors(stack)).toEqual([]);
  });

  test('imported runtimes parse the ARN and grant the same way', () => {
    const stack = testStack();
    const arnText = `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:runtime/support_agent-AbCdEf1234`;
    const imported = AgentRuntime.fromAgentRuntimeArn(stack, 'Imported', arnText);
    expect(imported.agentRuntimeId).toBe('support_agent-AbCdEf1234');
    expect(imported.agentRuntimeName).toBe('support_agent');
    const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    imported.grantInvoke(caller);
    expect(policyStatements(stack, 'CallerDefaultPolicy')[0].Resource).toEqual([arnText, `${arnText}/*`]);
  });

  test('fromAgentRuntimeArn rejects a token and a non-runtime ARN', () => {
    const stack = testStack();
    expect(() => AgentRuntime.fromAgentRuntimeArn(stack, 'T', stack.resolve('x') && Stack.of(stack).stackId)).toThrow(/is a token/);
    expect(() => AgentRuntime.fromAgentRuntimeArn(stack, 'M', `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:memory/m-AbCdEf1234`)).toThrow(/is not an AgentCore runtime ARN/);
  });

  test('metrics use the AWS/Bedrock-AgentCore namespace and the runtime ARN', () => {
    const stack = testStack();
    const agent = runtime(stack);
    const metric = agent.metricInvocations();
    expect(metric.namespace).toBe('AWS/Bedrock-AgentCore');
    expect(metric.metricName).toBe('Invocations');
    expect(stack.resolve(metric.dimensions)).toEqual({ Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Agent/), 'AgentRuntimeArn'] } });
  });
});

test('default configuration snapshot', () => {
  const stack = testStack();
  runtime(stack);
  expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
});

test('removalPolicy SNAPSHOT fails (CloudFormation would only warn and delete the runtime)', () => {
  const stack = testStack();
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
  expect(() => new AgentRuntime(stack, 'Agent', {
    artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: `sha256:${'e'.repeat(64)}` }),
    removalPolicy: RemovalPolicy.SNAPSHOT,
  })).toThrow(/removalPolicy 'SNAPSHOT' is not supported by a runtime/);
});

test('addToResourcePolicy: a statement about another resource fails instead of being applied to the runtime', () => {
  const stack = testStack();
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
  const agent = new AgentRuntime(stack, 'Agent', { artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: `sha256:${'e'.repeat(64)}` }) });
  const principal = new iam.AccountPrincipal('210987654321');
  expect(() => agent.addToResourcePolicy(new iam.PolicyStatement({ actions: ['bedrock-agentcore:InvokeAgentRuntime'], principals: [principal], resources: ['arn:aws:s3:::logs'] })))
    .toThrow(/statement names arn:aws:s3:::logs: a runtime's resource-based policy applies to this runtime and its endpoints only/);
  expect(() => agent.addToResourcePolicy(new iam.PolicyStatement({ actions: ['bedrock-agentcore:InvokeAgentRuntime'], principals: [principal], notResources: ['*'] })))
    .toThrow(/statement names NotResource \*/);
  // this runtime, its endpoints, or no resource at all: accepted
  expect(agent.addToResourcePolicy(new iam.PolicyStatement({ actions: ['bedrock-agentcore:InvokeAgentRuntime'], principals: [principal], resources: [agent.agentRuntimeArn] })).statementAdded).toBe(true);
  expect(agent.grantInvoke(principal).success).toBe(true);
});
