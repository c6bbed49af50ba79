import { Template } from 'aws-cdk-lib/assertions';
import { InvokeOptions, parseCommandLine, ParseContext } from '../../cli/args';
import { CliError } from '../../cli/errors';
import { AgentCoreEnvironment } from '../../lib';
import { testRuntime } from '../helpers/agent-runtime';
import { testStack } from '../helpers/stack';

const ARN = 'arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/concierge-AbCdEf1234';
const CTX: ParseContext = { env: {}, userName: 'alice', homeDir: '/home/alice' };

function invoke(args: string[], ctx: ParseContext = CTX): InvokeOptions {
  const command = parseCommandLine(['invoke', ...args], ctx);
  if (command.kind !== 'invoke') throw new Error(`expected invoke, got ${command.kind}`);
  return command.options;
}

function usage(args: string[], ctx: ParseContext = CTX): string {
  try {
    parseCommandLine(args, ctx);
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(2);
    return (err as CliError).message;
  }
  throw new Error(`no usage error for ${args.join(' ')}`);
}

describe('commands', () => {
  test('help, version, no command, unknown command', () => {
    expect(parseCommandLine([], CTX)).toEqual({ kind: 'help', topic: 'main', exitCode: 2, toStderr: true });
    expect(parseCommandLine(['--help'], CTX)).toEqual({ kind: 'help', topic: 'main', exitCode: 0, toStderr: false });
    expect(parseCommandLine(['-h'], CTX)).toMatchObject({ kind: 'help', topic: 'main' });
    expect(parseCommandLine(['help'], CTX)).toMatchObject({ kind: 'help', topic: 'main', exitCode: 0 });
    expect(parseCommandLine(['help', 'invoke'], CTX)).toMatchObject({ kind: 'help', topic: 'invoke', exitCode: 0 });
    expect(parseCommandLine(['invoke', '--help'], CTX)).toMatchObject({ kind: 'help', topic: 'invoke', exitCode: 0 });
    expect(parseCommandLine(['invoke', '-h'], CTX)).toMatchObject({ kind: 'help', topic: 'invoke' });
    expect(parseCommandLine(['--version'], CTX)).toEqual({ kind: 'version' });
    expect(parseCommandLine(['-v'], CTX)).toEqual({ kind: 'version' });
    expect(usage(['invok'])).toContain("Unknown command 'invok'");
    expect(usage(['help', 'nope'])).toContain("No help for 'nope'");
    expect(usage(['--verbose'])).toContain("Unknown option '--verbose'");
  });
});

describe('invoke: defaults', () => {
  test('prompt as argument, DEFAULT qualifier, OS user, ~/.cdk-agentcore/sessions.json, 15 min idle', () => {
    expect(invoke(['hello there', '--runtime-arn', ARN])).toEqual({
      target: { kind: 'arn', arn: ARN },
      payload: { kind: 'prompt', prompt: 'hello there' },
      qualifier: 'DEFAULT',
      actor: 'alice',
      newSession: false,
      idleMinutes: 15,
      maxLifetimeHours: 8,
      sessionsFile: '/home/alice/.cdk-agentcore/sessions.json',
      json: false,
      quiet: false,
      maxRetries: 3,
    });
  });

  test('environment overrides of the sessions file and the actor; flags win over them', () => {
    const ctx = { ...CTX, env: { CDK_AGENTCORE_SESSIONS_FILE: '/tmp/s.json', CDK_AGENTCORE_ACTOR: 'ci-bot' } };
    expect(invoke(['hi', '--runtime-arn', ARN], ctx)).toMatchObject({ sessionsFile: '/tmp/s.json', actor: 'ci-bot' });
    expect(invoke(['hi', '--runtime-arn', ARN, '--sessions-file', 'x.json', '--actor', 'bob'], ctx)).toMatchObject({ sessionsFile: 'x.json', actor: 'bob' });
  });

  test('every option', () => {
    const session = 's'.repeat(40);
    expect(invoke([
      '--runtime-arn', ARN, '-p', 'hi', '--qualifier', 'prod_v2', '--actor', 'bob', '--session', session, '--idle-minutes', '30',
      '--max-lifetime-hours', '2.5', '--sessions-file', 's.json', '--json', '-q', '--region', 'us-west-2', '--profile', 'dev', '--max-retries', '0',
    ])).toEqual({
      target: { kind: 'arn', arn: ARN },
      payload: { kind: 'prompt', prompt: 'hi' },
      qualifier: 'prod_v2',
      actor: 'bob',
      session,
      newSession: false,
      idleMinutes: 30,
      maxLifetimeHours: 2.5,
      sessionsFile: 's.json',
      json: true,
      quiet: true,
      region: 'us-west-2',
      profile: 'dev',
      maxRetries: 0,
    });
  });
});

describe('invoke: runtime', () => {
  test('--ssm-parameter, --environment (default prefix), --ssm-prefix, --stack with and without --output-key', () => {
    expect(invoke(['hi', '--ssm-parameter', '/x/agent_runtime_arn']).target).toEqual({ kind: 'ssm', parameter: '/x/agent_runtime_arn' });
    expect(invoke(['hi', '--environment', 'dev']).target).toEqual({ kind: 'ssm', parameter: '/agentcore/dev/runtime/agent_runtime_arn' });
    expect(invoke(['hi', '--ssm-prefix', '/team/concierge/']).target).toEqual({ kind: 'ssm', parameter: '/team/concierge/agent_runtime_arn' });
    expect(invoke(['hi', '--stack', 'MyStack', '--output-key', 'ConciergeArn']).target).toEqual({ kind: 'stack', stack: 'MyStack', outputKey: 'ConciergeArn' });
    expect(invoke(['hi', '--stack', 'MyStack']).target).toEqual({ kind: 'stack', stack: 'MyStack' });
  });

  test('--environment finds the parameter that addSsmOutputs() writes in that environment', () => {
    const stack = testStack();
    AgentCoreEnvironment.set(stack, 'prod');
    testRuntime(stack, 'Concierge').addSsmOutputs();
    const written = Object.values(Template.fromStack(stack).findResources('AWS::SSM::Parameter')).map((p: any) => p.Properties.Name);
    const target = invoke(['hi', '--environment', 'prod']).target;
    expect(target.kind === 'ssm' && written.includes(target.parameter)).toBe(true);
  });

  test('an endpoint ARN sets the qualifier', () => {
    expect(invoke(['hi', '--runtime-arn', `${ARN}/runtime-endpoint/prod`])).toMatchObject({ target: { kind: 'arn', arn: ARN }, qualifier: 'prod' });
    expect(invoke(['hi', '--runtime-arn', `${ARN}/runtime-endpoint/prod`, '--qualifier', 'prod']).qualifier).toBe('prod');
    expect(usage(['invoke', 'hi', '--runtime-arn', `${ARN}/runtime-endpoint/prod`, '--qualifier', 'DEFAULT'])).toBe('--runtime-arn names endpoint prod but --qualifier says DEFAULT');
    expect(usage(['invoke', 'hi', '--runtime-arn', `${ARN}/runtime-endpoint/bad-name`])).toContain('is not an AgentCore runtime ARN');
  });

  test('exactly one runtime source; companions only with their option; values checked', () => {
    expect(usage(['invoke', 'hi'])).toBe('Missing runtime: give --runtime-arn, --ssm-parameter, --environment, --ssm-prefix or --stack');
    expect(usage(['invoke', 'hi', '--runtime-arn', ARN, '--stack', 'S'])).toBe('Give only one runtime, got --runtime-arn and --stack');
    expect(usage(['invoke', 'hi', '--environment', 'dev', '--ssm-prefix', '/a/'])).toBe('Give only one runtime, got --environment and --ssm-prefix');
    expect(usage(['invoke', 'hi', '--environment', 'dev', '--output-key', 'K'])).toContain('--output-key goes with --stack');
    expect(usage(['invoke', 'hi', '--runtime-arn', 'arn:aws:lambda:us-east-1:123456789012:function:f'])).toContain('is not an AgentCore runtime ARN');
    expect(usage(['invoke', 'hi', '--environment', 'dev/x'])).toContain("--environment 'dev/x'");
    // the names AgentCoreEnvironment accepts, no others: an environment the library cannot publish under is a typo
    expect(usage(['invoke', 'hi', '--environment', 'Prod'])).toContain('the names AgentCoreEnvironment accepts');
    expect(usage(['invoke', 'hi', '--environment', 'prod.eu'])).toContain("--environment 'prod.eu'");
    expect(usage(['invoke', 'hi', '--ssm-prefix', 'agentcore/dev'])).toContain("must be a path with a leading and a trailing '/', 1 to 14 levels");
    expect(usage(['invoke', 'hi', '--stack', ' '])).toContain('--stack must not be empty');
  });
});

describe('invoke: payload', () => {
  test('--prompt, --payload (checked JSON, sent as is), --payload-file, - for stdin', () => {
    expect(invoke(['--runtime-arn', ARN, '--prompt=-5 apples']).payload).toEqual({ kind: 'prompt', prompt: '-5 apples' });
    expect(invoke(['--runtime-arn', ARN, '--', '-5 apples']).payload).toEqual({ kind: 'prompt', prompt: '-5 apples' });
    expect(invoke(['--runtime-arn', ARN, '--payload', ' {"prompt": "hi"} ']).payload).toEqual({ kind: 'inline', text: ' {"prompt": "hi"} ' });
    expect(invoke(['--runtime-arn', ARN, '--payload-file', 'p.json']).payload).toEqual({ kind: 'file', path: 'p.json' });
    expect(invoke(['--runtime-arn', ARN, '--payload-file', '-']).payload).toEqual({ kind: 'stdin' });
  });

  test('exactly one payload; one positional; invalid JSON shows where', () => {
    expect(usage(['invoke', '--runtime-arn', ARN])).toBe('Missing payload: give [prompt], --prompt, --payload or --payload-file');
    expect(usage(['invoke', 'hi', '--runtime-arn', ARN, '--prompt', 'x'])).toBe('Give only one payload, got [prompt] and --prompt');
    expect(usage(['invoke', 'hello', 'world', '--runtime-arn', ARN])).toContain('quote the prompt, e.g. cdk-agentcore invoke "hello world"');
    expect(usage(['invoke', '', '--runtime-arn', ARN])).toContain('The prompt must not be empty');
    expect(usage(['invoke', '--runtime-arn', ARN, '--payload', '{"a": tru}'])).toContain('Invalid JSON in --payload at line 1, column 10 (offset 9)');
    expect(usage(['invoke', '--runtime-arn', ARN, '--prompt'])).toContain('argument missing');
  });
});

describe('invoke: sessions and numbers', () => {
  test('--session length, --session with --new-session, --new-session', () => {
    expect(invoke(['hi', '--runtime-arn', ARN, '--new-session']).newSession).toBe(true);
    expect(usage(['invoke', 'hi', '--runtime-arn', ARN, '--session', 'short'])).toContain('--session must be 33 to 256 characters long');
    expect(usage(['invoke', 'hi', '--runtime-arn', ARN, '--session', 'x'.repeat(257)])).toContain('got 257');
    expect(usage(['invoke', 'hi', '--runtime-arn', ARN, '--session', 'x'.repeat(40), '--new-session'])).toContain('not both');
  });

  test('qualifier and numeric options are validated', () => {
    expect(usage(['invoke', 'hi', '--runtime-arn', ARN, '--qualifier', 'prod-1'])).toContain("--qualifier 'prod-1' is not an endpoint name");
    expect(usage(['invoke', 'hi', '--runtime-arn', ARN, '--qualifier', 'x'.repeat(49)])).toContain('is not an endpoint name');
    expect(usage(['invoke', 'hi', '--runtime-arn', ARN, '--idle-minutes', '0'])).toContain('--idle-minutes must be a number');
    expect(usage(['invoke', 'hi', '--runtime-arn', ARN, '--idle-minutes', 'ten'])).toContain("got 'ten'");
    expect(usage(['invoke', 'hi', '--runtime-arn', ARN, '--idle-minutes', '481'])).toContain('from');
    expect(usage(['invoke', 'hi', '--runtime-arn', ARN, '--max-lifetime-hours', '9'])).toContain('--max-lifetime-hours');
    expect(usage(['invoke', 'hi', '--runtime-arn', ARN, '--max-retries', '1.5'])).toContain('--max-retries must be an integer from 0 to 10');
    expect(usage(['invoke', 'hi', '--runtime-arn', ARN, '--json=yes'])).toContain("'--json' does not take an argument");
    expect(usage(['invoke', 'hi', '--runtime-arn', ARN, '--actor', ''])).toContain('--actor must not be empty');
  });
});
