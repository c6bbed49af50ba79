/**
 * The example app's own agent (`bin/agent/server.js`, run for real on 127.0.0.1) passes the example app's own health
 * check (the `HealthCheck` of its synthesized runtime), judged by the provider's `judge` with the shared decoder.
 */
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ExampleAgentStack } from '../../bin/example-stack';
import { judge } from '../../lambda/agent-runtime/health-check';

const SERVER = path.join(__dirname, '..', '..', 'bin', 'agent', 'server.js');

let agent: ChildProcess;
let endpoint: string;

beforeAll(async () => {
  agent = spawn(process.execPath, [SERVER], { env: { PATH: process.env.PATH, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    agent.stdout!.setEncoding('utf8');
    agent.stdout!.on('data', (text: string) => {
      out += text;
      const m = /agent listening on (\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    agent.on('exit', (code) => reject(new Error(`bin/agent/server.js exited with ${code}: ${out}`)));
  });
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  if (agent.exitCode === null) {
    await new Promise((resolve) => {
      agent.once('exit', resolve);
      agent.kill('SIGTERM');
    });
  }
});

test("the example agent passes the example app's health check", async () => {
  const stack = new ExampleAgentStack(new App(), 'AgentCoreExample', {
    env: { account: '123456789012', region: 'us-east-1' },
    environmentName: 'dev',
    supportAgentDigest: `sha256:${'b'.repeat(64)}`,
    productionVersion: '1',
  });
  const checks = Object.values(Template.fromStack(stack).findResources('Custom::BedrockAgentCoreRuntime'))
    .map((r: any) => r.Properties.CdkAgentCore?.HealthCheck)
    .filter((h) => h !== undefined);
  expect(checks).toHaveLength(1);
  const check = checks[0];
  expect(check.ExpectedText).toEqual(expect.any(String));

  const res = await fetch(`${endpoint}/invocations`, { method: 'POST', body: check.Payload, headers: { 'content-type': 'application/json' } });
  const answer = { status: res.status, contentType: res.headers.get('content-type') ?? undefined, body: await res.text(), truncated: false };
  expect(answer.contentType).toBe('text/event-stream');
  const spec = { payload: check.Payload, expectedStatus: Number(check.ExpectedStatus), expectedText: check.ExpectedText, timeoutMs: 60_000 };
  expect(judge(spec, answer)).toBeUndefined();
  // what it judged: typed deltas, not a JSON string in sight
  expect(answer.body).toContain('data: {"type":"delta","text":"You "}');
});
