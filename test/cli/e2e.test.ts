/**
 * End to end: the bundled CLI (`node assets/cli/index/index.js invoke …`) against the AgentCore emulator (data plane)
 * and the SSM/CloudFormation fakes, over HTTP with the real SDK clients inside the bundle.
 */
import { chmodSync, readFileSync, statSync, writeFileSync } from 'fs';
import { userInfo } from 'os';
import * as path from 'path';
import { CreateAgentRuntimeEndpointCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { Emulator, startEmulator } from '../emulator';
import { FakeAws, startFakeAws } from './fake-aws';
import { assertBundleFresh, cliEnv, CliRun, jsonLines, runCli, Scratch } from './run-cli';
import { controlClient } from '../emulator/fixtures';

let emu: Emulator;
let fake: FakeAws;
let scratch: Scratch;
let arn: string;

beforeAll(async () => {
  assertBundleFresh();
  [emu, fake] = await Promise.all([startEmulator({ transitionGets: 0 }), startFakeAws()]);
});
afterAll(async () => {
  await Promise.all([emu.close(), fake.close()]);
});
beforeEach(() => {
  emu.reset();
  fake.calls.length = 0;
  arn = emu.seedRuntime({ agentRuntimeName: 'concierge' }).agentRuntimeArn;
  scratch = new Scratch();
});
afterEach(() => scratch.dispose());

function env(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return cliEnv(scratch, {
    AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: emu.endpoint,
    AWS_ENDPOINT_URL_SSM: fake.endpoint,
    AWS_ENDPOINT_URL_CLOUDFORMATION: fake.endpoint,
    ...extra,
  });
}

function invoke(args: string[], options: Parameters<typeof runCli>[2] = {}): Promise<CliRun> {
  return runCli(['invoke', ...args], env(), options);
}

function sessions(): any {
  return JSON.parse(readFileSync(scratch.sessionsFile, 'utf8'));
}

/** The default actor: the OS user name. */
const USER = userInfo().username;

const sessionIdOf = (run: CliRun) => /session (\S+) \(/.exec(run.stderr)?.[1];

describe('streaming', () => {
  test('prints each delta as it arrives: the first is on stdout before the emulator sends the last chunk', async () => {
    const delay = 400;
    emu.setInvokeBehaviour('concierge', {
      sse: ['{"text":"Hel"}', '{"delta":"lo, "}', '"wor"', '{"event":{"contentBlockDelta":{"delta":{"text":"ld"}}}}', '[DONE]'],
      chunkDelayMs: delay,
    });
    let firstDeltaAt: number | undefined;
    let stdoutAtFirstDelta = '';
    let seen = '';
    const run = await invoke(['--runtime-arn', arn, '--prompt', 'Say hello'], {
      onStdout: (text, at) => {
        seen += text;
        if (firstDeltaAt === undefined && seen.includes('Hel')) {
          firstDeltaAt = at;
          stdoutAtFirstDelta = seen;
        }
      },
    });
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Hello, world\n');
    const call = emu.callsTo('InvokeAgentRuntime')[0];
    expect(call.body).toBe('{"prompt":"Say hello"}');
    expect(call.query).toEqual({ qualifier: 'DEFAULT' });
    // the emulator writes chunk i at call.at + i * delay: the last one (i = 4) no earlier than call.at + 1600 ms
    const lastChunkAt = call.at + 4 * delay;
    expect(firstDeltaAt).toBeDefined();
    expect(firstDeltaAt!).toBeLessThan(lastChunkAt - delay);
    expect(stdoutAtFirstDelta).toBe('Hel');
    expect(run.endedAt).toBeGreaterThanOrEqual(lastChunkAt);
  });

  test('--json prints one object per event and a summary line', async () => {
    emu.setInvokeBehaviour('concierge', { sse: ['{"text":"Hi"}', 'plain text', '{"other":1}'] });
    const run = await invoke(['--runtime-arn', arn, '--payload', '{"prompt":"hi","n":2}', '--json', '--actor', 'ci']);
    expect(run.code).toBe(0);
    const lines = jsonLines(run);
    expect(lines.slice(0, 3)).toEqual([
      { type: 'event', event: 'message', data: '{"text":"Hi"}', json: { text: 'Hi' }, text: 'Hi' },
      { type: 'event', event: 'message', data: 'plain text' },
      { type: 'event', event: 'message', data: '{"other":1}', json: { other: 1 } },
    ]);
    expect(lines[3]).toEqual({
      type: 'summary',
      status: 'ok',
      exitCode: 0,
      runtimeArn: arn,
      source: '--runtime-arn',
      qualifier: 'DEFAULT',
      sessionId: expect.stringMatching(/^cdk-agentcore-[0-9a-f-]{36}$/),
      session: 'new',
      actor: 'ci',
      attempts: 1,
      httpStatus: 200,
      contentType: 'text/event-stream',
      events: 3,
    });
    expect(lines).toHaveLength(4);
    expect(emu.callsTo('InvokeAgentRuntime')[0].body).toBe('{"prompt":"hi","n":2}');
  });

  test('a JSON (non-streaming) answer is printed as JSON', async () => {
    emu.setInvokeBehaviour('concierge', { json: { answer: 'forty-two', sources: ['a'] } });
    const run = await invoke(['--runtime-arn', arn, 'What is the answer?']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ answer: 'forty-two', sources: ['a'] });
    const json = await invoke(['--runtime-arn', arn, 'again', '--json']);
    expect(jsonLines(json)[0]).toEqual({ type: 'response', json: { answer: 'forty-two', sources: ['a'] } });
    expect(jsonLines(json)[1]).toMatchObject({ type: 'summary', status: 'ok', contentType: 'application/json', events: 0 });
  });

  test('an error event in the stream goes to stderr and exits 1', async () => {
    emu.setInvokeBehaviour('concierge', { sse: ['{"text":"Par"}', '{"error":"model timed out","error_type":"TimeoutError"}'] });
    const run = await invoke(['--runtime-arn', arn, 'hi']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('Par\n');
    expect(run.stderr).toContain('agent error: TimeoutError: model timed out');
  });
});

describe('sessions', () => {
  test('created when absent, reused within the idle window, rotated after it; file is 0600', async () => {
    const first = await invoke(['--runtime-arn', arn, 'one']);
    expect(first.code).toBe(0);
    const id = sessionIdOf(first)!;
    expect(first.stderr).toContain(`session ${id} (new, actor ${USER}, endpoint DEFAULT)`);
    expect(id.length).toBeGreaterThanOrEqual(33);
    expect((statSync(scratch.sessionsFile).mode % 0o1000).toString(8)).toBe('600');
    const key = `${arn}#DEFAULT#${USER}`;
    expect(sessions().sessions[key].sessionId).toBe(id);

    const second = await invoke(['--runtime-arn', arn, 'two']);
    expect(second.stderr).toContain(`session ${id} (reused`);

    // 20 minutes later (default idle window 15)
    const store = sessions();
    const old = new Date(Date.now() - 20 * 60_000).toISOString();
    store.sessions[key] = { ...store.sessions[key], lastUsedAt: old, createdAt: old };
    writeFileSync(scratch.sessionsFile, JSON.stringify(store));
    chmodSync(scratch.sessionsFile, 0o644);
    const third = await invoke(['--runtime-arn', arn, 'three', '--json']);
    const summary = jsonLines(third).at(-1);
    expect(summary.session).toBe('rotated');
    expect(summary.sessionId).not.toBe(id);
    expect(sessions().sessions[key].sessionId).toBe(summary.sessionId);
    expect((statSync(scratch.sessionsFile).mode % 0o1000).toString(8)).toBe('600');

    // a longer --idle-minutes would have kept it
    const keep = sessions();
    keep.sessions[key] = { ...keep.sessions[key], lastUsedAt: old };
    writeFileSync(scratch.sessionsFile, JSON.stringify(keep));
    const fourth = await invoke(['--runtime-arn', arn, 'four', '--idle-minutes', '30']);
    expect(fourth.stderr).toContain(`session ${summary.sessionId} (reused`);
  });

  test('per actor; --session and --new-session override; --sessions-file', async () => {
    const alice = sessionIdOf(await invoke(['--runtime-arn', arn, 'hi', '--actor', 'alice']))!;
    const bob = sessionIdOf(await invoke(['--runtime-arn', arn, 'hi', '--actor', 'bob']))!;
    expect(alice).not.toBe(bob);
    const given = 'my-own-session-id-0123456789-0123456789';
    const run = await invoke(['--runtime-arn', arn, 'hi', '--actor', 'alice', '--session', given, '--json']);
    expect(jsonLines(run).at(-1)).toMatchObject({ sessionId: given, session: 'given' });
    expect(sessionIdOf(await invoke(['--runtime-arn', arn, 'hi', '--actor', 'alice']))).toBe(given);
    const fresh = await invoke(['--runtime-arn', arn, 'hi', '--actor', 'alice', '--new-session']);
    expect(fresh.stderr).toMatch(/session \S+ \(forced-new/);
    expect(sessionIdOf(fresh)).not.toBe(given);

    const other = path.join(scratch.dir, 'elsewhere.json');
    await invoke(['--runtime-arn', arn, 'hi', '--sessions-file', other]);
    expect(Object.keys(JSON.parse(readFileSync(other, 'utf8')).sessions)).toEqual([`${arn}#DEFAULT#${USER}`]);
    expect(Object.keys(sessions().sessions).sort()).toEqual([`${arn}#DEFAULT#alice`, `${arn}#DEFAULT#bob`]);
  });

  test('per endpoint: --qualifier invokes that endpoint and keeps its own session', async () => {
    const id = emu.runtime('concierge')!.agentRuntimeId;
    await controlClient(emu).send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'prod' }));
    const onDefault = sessionIdOf(await invoke(['--runtime-arn', arn, 'hi']))!;
    const run = await invoke(['--runtime-arn', arn, 'hi', '--qualifier', 'prod', '--json']);
    expect(run.code).toBe(0);
    const summary = jsonLines(run).at(-1);
    expect(summary).toMatchObject({ qualifier: 'prod', session: 'new', status: 'ok' });
    expect(summary.sessionId).not.toBe(onDefault);
    expect(emu.callsTo('InvokeAgentRuntime').map((c) => c.query.qualifier)).toEqual(['DEFAULT', 'prod']);
    expect(Object.keys(sessions().sessions).sort()).toEqual([`${arn}#DEFAULT#${USER}`, `${arn}#prod#${USER}`]);
  });

  test('a session id of the wrong length is refused before any call (exit 2)', async () => {
    const run = await invoke(['--runtime-arn', arn, 'hi', '--session', 'too-short']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--session must be 33 to 256 characters long');
    expect(run.stderr).toContain('got 9');
    expect(emu.callsTo('InvokeAgentRuntime')).toHaveLength(0);
  });
});

describe('finding the runtime', () => {
  test('by SSM parameter: --environment (addSsmOutputs defaults), --ssm-prefix, --ssm-parameter', async () => {
    fake.parameters['/agentcore/dev/runtime/agent_runtime_arn'] = arn;
    fake.parameters['/teams/a/concierge/agent_runtime_arn'] = arn;
    const run = await invoke(['--environment', 'dev', 'hi']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`runtime ${arn} (from SSM parameter /agentcore/dev/runtime/agent_runtime_arn)`);
    expect(JSON.parse(run.stdout)).toEqual({ prompt: 'hi' }); // the emulator's echo
    expect(fake.calls).toEqual([{ service: 'ssm', operation: 'GetParameter', input: { Name: '/agentcore/dev/runtime/agent_runtime_arn' }, status: 200 }]);
    expect((await invoke(['--ssm-prefix', '/teams/a/concierge/', 'hi'])).code).toBe(0);
    expect((await invoke(['--ssm-parameter', '/teams/a/concierge/agent_runtime_arn', 'hi'])).code).toBe(0);
  });

  test('a missing SSM parameter exits 3 and names it', async () => {
    const run = await invoke(['--environment', 'prod', 'hi']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('SSM parameter /agentcore/prod/runtime/agent_runtime_arn not found');
    expect(emu.callsTo('InvokeAgentRuntime')).toHaveLength(0);
  });

  test('by stack output, with or without --output-key; missing stack or output exits 3', async () => {
    fake.stacks.MyStack = { outputs: { ConciergeArn: arn, BucketName: 'my-bucket' } };
    const run = await invoke(['--stack', 'MyStack', '--output-key', 'ConciergeArn', 'hi', '--json']);
    expect(run.code).toBe(0);
    expect(jsonLines(run).at(-1)).toMatchObject({ runtimeArn: arn, source: 'output ConciergeArn of stack MyStack' });
    expect(fake.calls[0]).toEqual({ service: 'cloudformation', operation: 'DescribeStacks', input: { Action: 'DescribeStacks', Version: '2010-05-15', StackName: 'MyStack' }, status: 200 });
    expect((await invoke(['--stack', 'MyStack', 'hi'])).code).toBe(0);

    const noOutput = await invoke(['--stack', 'MyStack', '--output-key', 'Nope', 'hi']);
    expect(noOutput.code).toBe(3);
    expect(noOutput.stderr).toContain('Stack MyStack has no output Nope. Its outputs: ConciergeArn, BucketName.');
    const noStack = await invoke(['--stack', 'Other', 'hi']);
    expect(noStack.code).toBe(3);
    expect(noStack.stderr).toContain('Stack Other not found');
  });

  test('an unknown runtime or endpoint exits 3 naming the ARN and how it was found', async () => {
    const missing = arn.replace(/runtime\/.*/, 'runtime/ghost-AbCdEfGhIj');
    fake.parameters['/agentcore/dev/runtime/agent_runtime_arn'] = missing;
    const run = await invoke(['--environment', 'dev', 'hi']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`Agent runtime not found: ${missing} (endpoint DEFAULT), resolved from SSM parameter /agentcore/dev/runtime/agent_runtime_arn`);
    expect(() => sessions()).toThrow(); // nothing remembered
    const endpoint = await invoke(['--runtime-arn', arn, '--qualifier', 'prod', 'hi', '--json']);
    expect(endpoint.code).toBe(3);
    expect(endpoint.stderr).toContain(`${arn} (endpoint prod)`);
    expect(jsonLines(endpoint).at(-1)).toMatchObject({ type: 'summary', status: 'error', exitCode: 3, runtimeArn: arn, qualifier: 'prod' });
    expect(emu.callsTo('InvokeAgentRuntime').at(-1)!.query).toEqual({ qualifier: 'prod' });
  });
});

describe('errors', () => {
  test('throttling is retried with backoff, then fails with exit 4', async () => {
    emu.inject({ operation: 'InvokeAgentRuntime', error: { type: 'ThrottlingException', message: 'Rate exceeded' }, times: 2 });
    const ok = await invoke(['--runtime-arn', arn, 'hi', '--json']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/throttled \(ThrottlingException\); retry 1 of 3 in \d+ ms/);
    expect(ok.stderr).toMatch(/retry 2 of 3/);
    expect(jsonLines(ok).at(-1)).toMatchObject({ status: 'ok', attempts: 3 });
    const calls = emu.callsTo('InvokeAgentRuntime');
    expect(calls.map((c) => c.status)).toEqual([429, 429, 200]);
    // equal jitter: at least 125 ms, then 250 ms
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(120);
    expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(245);

    emu.reset();
    arn = emu.seedRuntime({ agentRuntimeName: 'concierge' }).agentRuntimeArn;
    emu.inject({ operation: 'InvokeAgentRuntime', error: { type: 'ThrottlingException', message: 'Rate exceeded' }, times: Infinity });
    const failed = await invoke(['--runtime-arn', arn, 'hi', '--max-retries', '1']);
    expect(failed.code).toBe(4);
    expect(failed.stderr).toContain(`Throttled after 2 attempts invoking ${arn} (endpoint DEFAULT), resolved from --runtime-arn: ThrottlingException: Rate exceeded`);
    expect(emu.callsTo('InvokeAgentRuntime')).toHaveLength(2);
  });

  test('missing credentials exit 5 with a hint', async () => {
    const run = await runCli(['invoke', '--runtime-arn', arn, 'hi'], env({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }));
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('No AWS credentials found: set AWS_PROFILE');
    expect(emu.callsTo('InvokeAgentRuntime')).toHaveLength(0);
  });

  test('an agent failure (RuntimeClientError) and access denied', async () => {
    emu.setInvokeBehaviour('concierge', { errorType: 'RuntimeClientError', message: 'agent crashed' });
    const crashed = await invoke(['--runtime-arn', arn, 'hi']);
    expect(crashed.code).toBe(1);
    expect(crashed.stderr).toContain('The agent failed');
    expect(crashed.stderr).toContain('agent crashed');
    emu.inject({ operation: 'InvokeAgentRuntime', error: { type: 'AccessDeniedException', message: 'not authorized to perform bedrock-agentcore:InvokeAgentRuntime' } });
    const denied = await invoke(['--runtime-arn', arn, 'hi']);
    expect(denied.code).toBe(5);
    expect(denied.stderr).toContain('Access denied invoking');
  });

  test('invalid JSON payloads show the error position; usage errors exit 2', async () => {
    const inline = await invoke(['--runtime-arn', arn, '--payload', '{"prompt": "hi",}']);
    expect(inline.code).toBe(2);
    expect(inline.stderr).toContain('Invalid JSON in --payload at line 1, column 17 (offset 16)');
    expect(inline.stderr).toContain('\n  {"prompt": "hi",}\n                  ^\n');
    const file = path.join(scratch.dir, 'payload.json');
    writeFileSync(file, '{\n  "prompt": "hi"\n  "n": 1\n}\n');
    const fromFile = await invoke(['--runtime-arn', arn, '--payload-file', file]);
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toContain(`Invalid JSON in --payload-file ${file} at line 3, column 3`);
    const both = await invoke(['--runtime-arn', arn, '--prompt', 'a', '--payload', '{}']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Give only one payload');
    expect(both.stderr).toContain("Run 'cdk-agentcore invoke --help'");
    expect(emu.callsTo('InvokeAgentRuntime')).toHaveLength(0);
  });

  test('payload from a file and from stdin', async () => {
    const file = path.join(scratch.dir, 'payload.json');
    writeFileSync(file, '{"prompt": "from file"}');
    const fromFile = await invoke(['--runtime-arn', arn, '--payload-file', file]);
    expect(JSON.parse(fromFile.stdout)).toEqual({ prompt: 'from file' });
    const fromStdin = await invoke(['--runtime-arn', arn, '--payload-file', '-'], { stdin: '{"prompt": "from stdin"}' });
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toEqual({ prompt: 'from stdin' });
  });
});

describe('help and version', () => {
  test('--help, invoke --help, --version, no arguments', async () => {
    const help = await runCli(['--help'], env());
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: cdk-agentcore <command>');
    const invokeHelp = await runCli(['invoke', '--help'], env());
    expect(invokeHelp.code).toBe(0);
    expect(invokeHelp.stdout).toContain('Exit codes:');
    const version = await runCli(['--version'], env());
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
    const none = await runCli([], env());
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Usage:');
  });
});
