import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { FakeAws, startFakeAws } from './fake-aws';
import { CliError } from '../../cli/errors';
import { awsLookups, Lookups, resolveRuntime, RuntimeTarget } from '../../cli/resolve-runtime';

const ARN = 'arn:aws:bedrock-agentcore:eu-central-1:123456789012:runtime/concierge-AbCdEf1234';
const OTHER = 'arn:aws:bedrock-agentcore:eu-central-1:123456789012:runtime/critic-ZyXwVu9876';
const GOV = 'arn:aws-us-gov:bedrock-agentcore:us-gov-west-1:123456789012:runtime/a_b-0123456789';

function lookups(parameters: Record<string, string>, stacks: Record<string, Record<string, string>>): Lookups {
  return {
    parameter: async (name) => parameters[name],
    stackOutputs: async (stack) => stacks[stack] && Object.entries(stacks[stack]).map(([key, value]) => ({ key, value })),
  };
}

async function failure(target: RuntimeTarget, l: Lookups): Promise<CliError> {
  const err = await resolveRuntime(target, l).then(() => undefined, (e) => e);
  expect(err).toBeInstanceOf(CliError);
  return err;
}

describe('resolveRuntime', () => {
  const l = lookups(
    { '/agentcore/dev/runtime/agent_runtime_arn': `${ARN}\n`, '/bad': 'not-an-arn', '/endpoint': `${ARN}/runtime-endpoint/prod`, '/gov': GOV },
    { S: { ConciergeArn: ARN, Bucket: 'b' }, Two: { A: ARN, B: OTHER }, None: { Bucket: 'b' }, Empty: {}, Endpoint: { E: `${ARN}/runtime-endpoint/prod` } },
  );

  test('by ARN, SSM parameter (trimmed) and stack output; the region comes from the ARN', async () => {
    expect(await resolveRuntime({ kind: 'arn', arn: ARN }, l)).toEqual({ arn: ARN, region: 'eu-central-1', source: '--runtime-arn' });
    expect(await resolveRuntime({ kind: 'ssm', parameter: '/agentcore/dev/runtime/agent_runtime_arn' }, l))
      .toEqual({ arn: ARN, region: 'eu-central-1', source: 'SSM parameter /agentcore/dev/runtime/agent_runtime_arn' });
    expect(await resolveRuntime({ kind: 'stack', stack: 'S', outputKey: 'ConciergeArn' }, l)).toEqual({ arn: ARN, region: 'eu-central-1', source: 'output ConciergeArn of stack S' });
    expect(await resolveRuntime({ kind: 'stack', stack: 'S' }, l)).toEqual({ arn: ARN, region: 'eu-central-1', source: 'output ConciergeArn of stack S' });
    expect(await resolveRuntime({ kind: 'ssm', parameter: '/gov' }, l)).toMatchObject({ arn: GOV, region: 'us-gov-west-1' });
  });

  test('the runtime ARN grammar is the contract\'s: an endpoint ARN or a malformed id is not a runtime ARN', async () => {
    expect(await failure({ kind: 'ssm', parameter: '/endpoint' }, l)).toMatchObject({ exitCode: 1, message: expect.stringContaining('It is an endpoint ARN: store the runtime ARN there') });
    expect(await failure({ kind: 'stack', stack: 'Endpoint' }, l)).toMatchObject({ exitCode: 3, message: expect.stringContaining('no output holding an AgentCore runtime ARN') });
    for (const bad of ['concierge-AbCdEf1234', ARN.replace('123456789012', '1234'), ARN.replace('runtime/', 'memory/'), ARN.replace('-AbCdEf1234', '-1')]) {
      expect(await failure({ kind: 'arn', arn: bad }, l)).toMatchObject({ exitCode: 1 });
    }
  });

  test('not found → 3; a value that is not a runtime ARN → 1; ambiguous outputs → 2', async () => {
    expect(await failure({ kind: 'ssm', parameter: '/nope' }, l)).toMatchObject({ exitCode: 3, message: expect.stringContaining('SSM parameter /nope not found') });
    expect(await failure({ kind: 'ssm', parameter: '/bad' }, l)).toMatchObject({ exitCode: 1, message: expect.stringContaining("SSM parameter /bad holds 'not-an-arn', which is not an AgentCore runtime ARN") });
    expect(await failure({ kind: 'stack', stack: 'Nope' }, l)).toMatchObject({ exitCode: 3, message: 'Stack Nope not found. Check the stack name and --region.' });
    expect(await failure({ kind: 'stack', stack: 'S', outputKey: 'X' }, l)).toMatchObject({ exitCode: 3, message: 'Stack S has no output X. Its outputs: ConciergeArn, Bucket.' });
    expect(await failure({ kind: 'stack', stack: 'S', outputKey: 'Bucket' }, l)).toMatchObject({ exitCode: 1, message: expect.stringContaining("output Bucket of stack S holds 'b'") });
    expect(await failure({ kind: 'stack', stack: 'None' }, l)).toMatchObject({ exitCode: 3, message: expect.stringContaining('no output holding an AgentCore runtime ARN (its outputs: Bucket)') });
    expect(await failure({ kind: 'stack', stack: 'Empty' }, l)).toMatchObject({ exitCode: 3, message: expect.stringContaining('(its outputs: none)') });
    expect(await failure({ kind: 'stack', stack: 'Two' }, l)).toMatchObject({ exitCode: 2, message: expect.stringContaining('several runtime ARN outputs (A, B); choose one with --output-key') });
  });
});

describe('the SSM and CloudFormation fakes speak the real protocols (parsed by the SDK)', () => {
  let fake: FakeAws;
  const config = () => ({ region: 'us-east-1', endpoint: fake.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
  beforeAll(async () => {
    fake = await startFakeAws({
      parameters: { '/agentcore/dev/runtime/agent_runtime_arn': ARN },
      stacks: { MyStack: { outputs: { ConciergeArn: ARN, Note: 'a <b> & "c"' } } },
    });
  });
  afterAll(() => fake.close());

  test('SSM GetParameter: result and ParameterNotFound', async () => {
    const ssm = new SSMClient(config());
    const out = await ssm.send(new GetParameterCommand({ Name: '/agentcore/dev/runtime/agent_runtime_arn' }));
    expect(out.Parameter).toEqual({
      Name: '/agentcore/dev/runtime/agent_runtime_arn',
      Type: 'String',
      Value: ARN,
      Version: 3,
      LastModifiedDate: new Date(1763700000123),
      ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/agentcore/dev/runtime/agent_runtime_arn',
      DataType: 'text',
    });
    const err = await ssm.send(new GetParameterCommand({ Name: '/missing' })).catch((e) => e);
    expect(err.name).toBe('ParameterNotFound');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(fake.calls.slice(-2).map((c) => [c.operation, c.input])).toEqual([
      ['GetParameter', { Name: '/agentcore/dev/runtime/agent_runtime_arn' }],
      ['GetParameter', { Name: '/missing' }],
    ]);
  });

  test('CloudFormation DescribeStacks: stack with outputs (XML-escaped) and ValidationError', async () => {
    const cfn = new CloudFormationClient(config());
    const out = await cfn.send(new DescribeStacksCommand({ StackName: 'MyStack' }));
    expect(out.Stacks).toHaveLength(1);
    expect(out.Stacks![0]).toMatchObject({
      StackName: 'MyStack',
      StackStatus: 'CREATE_COMPLETE',
      CreationTime: new Date('2026-11-20T08:15:30.123Z'),
      DisableRollback: false,
      Outputs: [
        { OutputKey: 'ConciergeArn', OutputValue: ARN, Description: 'ConciergeArn of MyStack' },
        { OutputKey: 'Note', OutputValue: 'a <b> & "c"', Description: 'Note of MyStack' },
      ],
    });
    const err = await cfn.send(new DescribeStacksCommand({ StackName: 'Nope' })).catch((e) => e);
    expect(err.name).toBe('ValidationError');
    expect(err.message).toBe('Stack with id Nope does not exist');
    expect(fake.calls.at(-1)).toEqual({ service: 'cloudformation', operation: 'DescribeStacks', input: { Action: 'DescribeStacks', Version: '2010-05-15', StackName: 'Nope' }, status: 400 });
  });

  test('awsLookups maps not-found answers to undefined and rethrows the rest', async () => {
    const names = ['AWS_ENDPOINT_URL_SSM', 'AWS_ENDPOINT_URL_CLOUDFORMATION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];
    const previous = Object.fromEntries(names.map((n) => [n, process.env[n]]));
    process.env.AWS_ENDPOINT_URL_SSM = fake.endpoint;
    process.env.AWS_ENDPOINT_URL_CLOUDFORMATION = fake.endpoint;
    process.env.AWS_ACCESS_KEY_ID = 'a';
    process.env.AWS_SECRET_ACCESS_KEY = 'b';
    try {
      const aws = awsLookups({ region: 'us-east-1' });
      expect(await aws.parameter('/agentcore/dev/runtime/agent_runtime_arn')).toBe(ARN);
      expect(await aws.parameter('/missing')).toBeUndefined();
      expect(await aws.stackOutputs('MyStack')).toEqual([{ key: 'ConciergeArn', value: ARN }, { key: 'Note', value: 'a <b> & "c"' }]);
      expect(await aws.stackOutputs('Nope')).toBeUndefined();
      // other errors are rethrown (and reach the error mapping)
      fake.errors.push({ code: 'AccessDeniedException', status: 400, message: 'not authorized to perform ssm:GetParameter' });
      expect(await aws.parameter('/agentcore/dev/runtime/agent_runtime_arn').catch((e) => e)).toMatchObject({ name: 'AccessDeniedException' });
      fake.errors.push({ code: 'AccessDenied', status: 403, message: 'not authorized to perform cloudformation:DescribeStacks' });
      expect(await aws.stackOutputs('MyStack').catch((e) => e)).toMatchObject({ name: 'AccessDenied', message: 'not authorized to perform cloudformation:DescribeStacks' });
      fake.errors.push({ code: 'ValidationError', status: 400, message: '1 validation error detected' });
      expect(await aws.stackOutputs('MyStack').catch((e) => e)).toMatchObject({ name: 'ValidationError' });
    } finally {
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
