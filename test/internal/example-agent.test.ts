/**
 * The example app's own agent (`bin/agent/server.js`, run for real on 127.0.0.1) passes the example app's own health
 * check (the `HealthCheck` of its synthesized runtime), judged by the provider's `judge` with the shared decoder.
 */
import { judge } from '../../lambda/agent-runtime/health-check';
import { ExampleAgent, exampleHealthCheck, startExampleAgent } from '../helpers/example-agent';

let agent: ExampleAgent;

beforeAll(async () => {
  agent = await startExampleAgent();
});
afterAll(() => agent.stop());

test("the example agent passes the example app's health check", async () => {
  const check = exampleHealthCheck();
  expect(check.ExpectedText).toEqual(expect.any(String));

  const res = await fetch(`${agent.url}/invocations`, { method: 'POST', body: check.Payload, headers: { 'content-type': 'application/json' } });
  const answer = { status: res.status, contentType: res.headers.get('content-type') ?? undefined, body: await res.text(), truncated: false };
  expect(answer.contentType).toBe('text/event-stream');
  const spec = { payload: check.Payload, expectedStatus: Number(check.ExpectedStatus), expectedText: check.ExpectedText, timeoutMs: 60_000 };
  expect(judge(spec, answer)).toBeUndefined();
  // what it judged: typed deltas, not a JSON string in sight
  expect(answer.body).toContain('data: {"type":"delta","text":"You "}');
});
