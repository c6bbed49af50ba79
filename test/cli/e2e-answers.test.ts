/**
 * End to end, the answers AWS's own emulator would never give: the bundled CLI against the scripted data plane of
 * `fake-aws.ts` (binary bodies, a proxy's HTML page, an empty 503, a stream cut short by Ctrl-C).
 */
import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import { FakeAws, FakeInvokeAnswer, startFakeAws } from './fake-aws';
import { assertBundleFresh, cliEnv, CliRun, jsonLines, runCli, RunOptions, Scratch } from './run-cli';

const ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/concierge-AbCdEf1234';

let fake: FakeAws;
let scratch: Scratch;

beforeAll(async () => {
  assertBundleFresh();
  fake = await startFakeAws();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.calls.length = 0;
  fake.invokeAnswers.length = 0;
  scratch = new Scratch();
});
afterEach(() => scratch.dispose());

function invoke(answer: FakeInvokeAnswer, args: string[] = [], options: RunOptions = {}): Promise<CliRun> {
  fake.invokeAnswers.push(answer);
  return runCli(['invoke', '--runtime-arn', ARN, 'hi', ...args], cliEnv(scratch, { AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: fake.endpoint }), options);
}

const sse = (...data: string[]) => data.map((d) => `data: ${d}\n\n`);

describe('answers are printed as they are', () => {
  test('a binary answer is copied through byte for byte (and as base64 chunks in --json)', async () => {
    const binary = randomBytes(4096);
    const answer = { status: 200, headers: { 'content-type': 'application/octet-stream' }, chunks: [binary.subarray(0, 1500), binary.subarray(1500)] };
    const run = await invoke(answer);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdoutBytes.equals(binary)).toBe(true);
    expect(fake.calls[0]).toMatchObject({ service: 'bedrock-agentcore', operation: 'InvokeAgentRuntime', input: { agentRuntimeArn: ARN, qualifier: 'DEFAULT', payload: '{"prompt":"hi"}' } });

    const json = await invoke(answer, ['--json']);
    const lines = jsonLines(json);
    expect(Buffer.concat(lines.filter((l) => l.type === 'chunk').map((l) => Buffer.from(l.base64, 'base64'))).equals(binary)).toBe(true);
    expect(lines.at(-1)).toMatchObject({ type: 'summary', status: 'ok', contentType: 'application/octet-stream' });
  });

  test("the example agent's typed deltas read as its sentence; its end marker is not printed", async () => {
    const run = await invoke({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      chunks: sse(...['You ', 'said: ', 'hi'].map((text) => JSON.stringify({ type: 'delta', text })), '{"type":"done"}'),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('You said: hi\n');
  });
});

describe('answers that are not AWS answers', () => {
  const forbidden = /\$response|SyntaxError|UnknownError|Unknown:|Deserialization|inspect the hidden field/;

  test('a 502 HTML page from a proxy: the status, an excerpt and what to do', async () => {
    const page = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    const run = await invoke({ status: 502, headers: { 'content-type': 'text/html' }, chunks: [page] }, ['--json']);
    expect(run.code).toBe(1);
    const message = `Invoking ${ARN} (endpoint DEFAULT), resolved from --runtime-arn got HTTP 502 Bad Gateway with a text/html body: `
      + '"502 Bad Gateway 502 Bad Gateway nginx", not an AWS answer. The service, or a proxy or load balancer on the way, failed. '
      + 'Try again in a moment;';
    expect(run.stderr).toContain(`cdk-agentcore: ${message}`);
    expect(run.stderr).not.toMatch(forbidden);
    expect(jsonLines(run).at(-1)).toMatchObject({ type: 'summary', status: 'error', exitCode: 1, error: expect.stringContaining(message) });
  });

  test('an empty 503', async () => {
    const run = await invoke({ status: 503, chunks: [] });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('got HTTP 503 Service Unavailable with an empty body, not an AWS answer. The service, or a proxy');
    expect(run.stderr).not.toMatch(forbidden);
    expect(run.stdout).toBe('');
  });
});

describe('Ctrl-C', () => {
  const endless: FakeInvokeAnswer = { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: sse('{"text":"Hel"}'), holdOpen: true };

  test('--json still prints the summary line; exit 130; the session is kept', async () => {
    const run = await invoke(endless, ['--json'], { interruptWhen: (out) => out.includes('"type":"event"') });
    expect(run.code).toBe(130);
    const lines = jsonLines(run);
    expect(lines[0]).toMatchObject({ type: 'event', text: 'Hel' });
    const summary = lines.at(-1);
    expect(summary).toMatchObject({ type: 'summary', status: 'error', exitCode: 130, runtimeArn: ARN, error: expect.stringMatching(/^Interrupted \(Ctrl-C\)\. The session is kept/) });
    const sessions = JSON.parse(readFileSync(scratch.sessionsFile, 'utf8')).sessions;
    expect(Object.values(sessions).map((s: any) => s.sessionId)).toEqual([summary.sessionId]);
  });

  test('also before the invocation, e.g. while the payload is still being read from stdin', async () => {
    const run = await runCli(['invoke', '--runtime-arn', ARN, '--payload-file', '-', '--json'], cliEnv(scratch, { AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: fake.endpoint }),
      { keepStdinOpen: true, stdin: '{"prompt": ', interruptAfterMs: 3000 }); // long after start-up, even on a busy machine
    expect(run.code).toBe(130);
    expect(jsonLines(run)).toEqual([expect.objectContaining({ type: 'summary', status: 'error', exitCode: 130, error: 'Interrupted (Ctrl-C).' })]);
    expect(fake.calls).toEqual([]);
  });

  test('text mode ends the partial answer with a newline and says so on stderr', async () => {
    const run = await invoke(endless, [], { interruptWhen: (out) => out.includes('Hel') });
    expect(run.code).toBe(130);
    expect(run.stdout).toBe('Hel\n');
    expect(run.stderr).toContain('cdk-agentcore: Interrupted (Ctrl-C).');
  });
});
