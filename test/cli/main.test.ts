/** The wiring of `cli/index.ts` in process, with injected I/O, lookups and data plane. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { InvokeAgentRuntimeCommand, InvokeAgentRuntimeCommandOutput } from '@aws-sdk/client-bedrock-agentcore';
import { CliIo, main, VERSION } from '../../cli/index';
import { Lookups } from '../../cli/resolve-runtime';

const ARN = 'arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/concierge-AbCdEf1234';

function sse(...chunks: (string | Error)[]): InvokeAgentRuntimeCommandOutput {
  async function* body() {
    for (const c of chunks) {
      if (c instanceof Error) throw c;
      yield new TextEncoder().encode(c);
    }
  }
  return { contentType: 'text/event-stream', response: body() as any, statusCode: 200, runtimeSessionId: undefined, $metadata: {} } as InvokeAgentRuntimeCommandOutput;
}

interface Harness {
  io: CliIo;
  out: () => string;
  err: () => string;
  sent: InvokeAgentRuntimeCommand[];
  clients: { region: string; profile?: string }[];
  lookupConfigs: { region?: string; profile?: string }[];
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cdk-agentcore-main-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function harness(answer: () => InvokeAgentRuntimeCommandOutput, overrides: Partial<CliIo> = {}): Harness {
  let out = '';
  let err = '';
  const sent: InvokeAgentRuntimeCommand[] = [];
  const clients: { region: string; profile?: string }[] = [];
  const lookupConfigs: { region?: string; profile?: string }[] = [];
  const lookups: Lookups = { parameter: async () => ARN, stackOutputs: async () => undefined };
  const io: CliIo = {
    env: { CDK_AGENTCORE_SESSIONS_FILE: path.join(dir, 'sessions.json') },
    stdinIsTty: false,
    userName: 'alice',
    homeDir: dir,
    stdout: (t) => { out += t; },
    stderr: (t) => { err += t; },
    readStdin: async () => '{"prompt":"stdin"}',
    now: () => Date.parse('2026-11-21T08:00:00Z'),
    sleep: async () => undefined,
    random: () => 0,
    lookups: (config) => { lookupConfigs.push(config); return lookups; },
    dataPlane: (config) => {
      clients.push(config);
      return { send: async (c: InvokeAgentRuntimeCommand) => { sent.push(c); return answer(); } };
    },
    ...overrides,
  };
  return { io, out: () => out, err: () => err, sent, clients, lookupConfigs };
}

test('--version and help go to stdout; no command prints help to stderr with exit 2', async () => {
  const h = harness(() => sse());
  expect(await main(['--version'], h.io)).toBe(0);
  expect(h.out()).toBe(`${VERSION}\n`);
  expect(VERSION).toBe(JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
  expect(await main(['help', 'invoke'], h.io)).toBe(0);
  expect(h.out()).toContain('Usage: cdk-agentcore invoke');
  const none = harness(() => sse());
  expect(await main([], none.io)).toBe(2);
  expect(none.out()).toBe('');
  expect(none.err()).toContain('Usage: cdk-agentcore <command>');
});

test('streams, remembers the session, passes region/profile; the data plane uses the ARN region', async () => {
  const h = harness(() => sse('data: {"text":"Hi"}\n\n', 'data: {"text":" there"}\n\n'));
  const code = await main(['invoke', '--environment', 'dev', '--region', 'us-west-2', '--profile', 'dev', 'hello'], h.io);
  expect(h.err()).toContain(`runtime ${ARN} (from SSM parameter /agentcore/dev/runtime/agent_runtime_arn)`);
  expect(code).toBe(0);
  expect(h.out()).toBe('Hi there\n');
  expect(h.lookupConfigs).toEqual([{ region: 'us-west-2', profile: 'dev' }]);
  expect(h.clients).toEqual([{ region: 'eu-west-1', profile: 'dev' }]);
  expect(new TextDecoder().decode(h.sent[0].input.payload as Uint8Array)).toBe('{"prompt":"hello"}');
  const store = JSON.parse(readFileSync(path.join(dir, 'sessions.json'), 'utf8'));
  expect(store.sessions[`${ARN}#DEFAULT#alice`]).toEqual({
    sessionId: h.sent[0].input.runtimeSessionId,
    createdAt: '2026-11-21T08:00:00.000Z',
    lastUsedAt: '2026-11-21T08:00:00.000Z',
  });
});

test('the session id the service answers with is the one remembered and reported', async () => {
  const answered = 'server-chosen-0123456789-0123456789-0123';
  const h = harness(() => ({ ...sse('data: x\n\n'), runtimeSessionId: answered }));
  expect(await main(['invoke', '--runtime-arn', ARN, 'hi', '--json', '-q'], h.io)).toBe(0);
  expect(h.err()).toBe('');
  expect(JSON.parse(h.out().trim().split('\n').at(-1)!)).toMatchObject({ sessionId: answered });
  expect(JSON.parse(readFileSync(path.join(dir, 'sessions.json'), 'utf8')).sessions[`${ARN}#DEFAULT#alice`].sessionId).toBe(answered);
});

test('an interrupted stream exits 1 and still remembers the session', async () => {
  const h = harness(() => sse('data: {"text":"Hal"}\n\n', new Error('socket hang up')));
  expect(await main(['invoke', '--runtime-arn', ARN, 'hi'], h.io)).toBe(1);
  expect(h.out()).toBe('Hal\n'); // the partial answer ends with a newline before the message on stderr
  expect(h.err()).toContain('The answer stream was interrupted: socket hang up');
  expect(Object.keys(JSON.parse(readFileSync(path.join(dir, 'sessions.json'), 'utf8')).sessions)).toHaveLength(1);
});

test('a sessions file that cannot be written is a warning, not a failure', async () => {
  const blocker = path.join(dir, 'a-file');
  writeFileSync(blocker, '');
  const h = harness(() => sse('data: ok\n\n'));
  expect(await main(['invoke', '--runtime-arn', ARN, 'hi', '--sessions-file', path.join(blocker, 'sessions.json')], h.io)).toBe(0);
  expect(h.out()).toBe('ok\n');
  expect(h.err()).toContain('warning: could not save the session to');
});

test('payload from stdin (with a hint on a terminal); unreadable payload file exits 2', async () => {
  const h = harness(() => sse('data: ok\n\n'), { stdinIsTty: true });
  expect(await main(['invoke', '--runtime-arn', ARN, '--payload-file', '-'], h.io)).toBe(0);
  expect(h.err()).toContain('reading the JSON payload from stdin (end with Ctrl-D)');
  expect(new TextDecoder().decode(h.sent[0].input.payload as Uint8Array)).toBe('{"prompt":"stdin"}');
  const bad = harness(() => sse());
  expect(await main(['invoke', '--runtime-arn', ARN, '--payload-file', path.join(dir, 'missing.json')], bad.io)).toBe(2);
  expect(bad.err()).toContain('Cannot read --payload-file');
  expect(bad.sent).toHaveLength(0);
});

test('Ctrl-C while the payload is read from stdin ends the run at once: exit 130, the --json summary, no invocation', async () => {
  const interrupt = new AbortController();
  const h = harness(() => sse(), { interrupt: interrupt.signal, readStdin: () => new Promise<string>(() => undefined) });
  const running = main(['invoke', '--runtime-arn', ARN, '--payload-file', '-', '--json'], h.io);
  setTimeout(() => interrupt.abort(), 10);
  expect(await running).toBe(130);
  expect(JSON.parse(h.out())).toEqual({ type: 'summary', qualifier: 'DEFAULT', actor: 'alice', status: 'error', exitCode: 130, error: 'Interrupted (Ctrl-C).' });
  expect(h.sent).toHaveLength(0);
});

test('--json reports failures in the summary line too', async () => {
  const h = harness(() => sse());
  expect(await main(['invoke', '--stack', 'Gone', 'hi', '--json'], h.io)).toBe(3);
  expect(JSON.parse(h.out())).toEqual({ type: 'summary', qualifier: 'DEFAULT', actor: 'alice', status: 'error', exitCode: 3, error: 'Stack Gone not found. Check the stack name and --region.' });
  expect(h.err()).toBe('cdk-agentcore: Stack Gone not found. Check the stack name and --region.\n');
});
