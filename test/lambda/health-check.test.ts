import { VirtualClock } from './virtual-clock';
import {
  CHECK_QUALIFIER, healthCheckSessionId, judge, MAX_ANSWER_BYTES, retryableInvokeError, runHealthCheck,
} from '../../lambda/agent-runtime/health-check';
import type { CheckDeps, DataPlane, HealthCheckSpec, InvokeAnswer } from '../../lambda/agent-runtime/health-check';
import { loadSettings } from '../../lambda/agent-runtime/settings';

function sdkError(name: string, message = '', status?: number): Error {
  return Object.assign(new Error(message), { name, $metadata: status === undefined ? {} : { httpStatusCode: status } });
}

function deps(dataPlane: DataPlane, clock = new VirtualClock()): CheckDeps {
  const settings = loadSettings({ AGENTCORE_PROVIDER_RETRY_INITIAL_MS: '1', AGENTCORE_PROVIDER_RETRY_MAX_MS: '5' });
  return { dataPlane, settings, clock, log: () => undefined };
}

const SPEC: HealthCheckSpec = { payload: '{"prompt":"ping"}', expectedStatus: 200, expectedText: 'pong', timeoutMs: 2_000 };
const ok = (body: string, contentType = 'application/json'): InvokeAnswer => ({ status: 200, contentType, body, truncated: false });

describe('answer text', () => {
  test('judge: status first, then error events, then the expected text in the decoded or raw answer', () => {
    expect(judge(SPEC, ok('data: "po"\n\ndata: "ng"\n\n', 'text/event-stream'))).toBeUndefined();
    expect(judge(SPEC, ok('{"answer":"pong"}'))).toBeUndefined();
    expect(judge(SPEC, { ...ok('pong'), status: 202 })).toBe('expected status 200, got 202');
    expect(judge(SPEC, ok('ping'))).toBe('the answer does not contain the expected text');
    expect(judge(SPEC, { ...ok('ping'), truncated: true })).toContain(`first ${MAX_ANSWER_BYTES} bytes searched`);
    expect(judge({ ...SPEC, expectedText: undefined }, ok(''))).toBeUndefined();
    // the answer formats of internal/answer.ts (test/internal/answer.test.ts covers each): the example agent's deltas
    const deltas = 'data: {"type":"delta","text":"You "}\n\ndata: {"type":"delta","text":"said: "}\n\n'
      + 'data: {"type":"delta","text":"pong"}\n\ndata: {"type":"done"}\n\n';
    expect(judge({ ...SPEC, expectedText: 'You said: pong' }, ok(deltas, 'text/event-stream'))).toBeUndefined();
    // an error event fails the check even when the expected text is there
    const failed = 'data: "pong"\n\ndata: {"error":"model timed out","error_type":"TimeoutError"}\n\n';
    expect(judge(SPEC, ok(failed, 'text/event-stream'))).toBe('the answer streams an error event');
    expect(judge({ ...SPEC, expectedText: undefined }, ok(failed, 'text/event-stream'))).toBe('the answer streams an error event');
  });

  test('retryable data-plane errors: throttling, 5xx, 424 RuntimeClientError, retryable conflict, sockets', () => {
    for (const e of [sdkError('ThrottlingException', '', 429), sdkError('InternalServerException', '', 500), sdkError('RuntimeClientError', 'x', 424),
      sdkError('RetryableConflictException', '', 409), sdkError('', 'bad gateway', 502), Object.assign(new Error('reset'), { code: 'ECONNRESET' })]) {
      expect(retryableInvokeError(e)).toBe(true);
    }
    for (const e of [sdkError('ValidationException', '', 400), sdkError('AccessDeniedException', '', 403), sdkError('ResourceNotFoundException', '', 404)]) {
      expect(retryableInvokeError(e)).toBe(false);
    }
  });

  test('session ids are fresh and 33-256 characters', () => {
    const a = healthCheckSessionId();
    expect(a.length).toBeGreaterThanOrEqual(33);
    expect(a.length).toBeLessThanOrEqual(256);
    expect(healthCheckSessionId()).not.toBe(a);
  });
});

describe('runHealthCheck', () => {
  test('passes on DEFAULT with the payload and a fresh session per attempt, after retrying throttling', async () => {
    const invoke = jest.fn()
      .mockRejectedValueOnce(sdkError('ThrottlingException', 'Rate exceeded', 429))
      .mockResolvedValueOnce(ok('pong'));
    const r = await runHealthCheck(deps({ invokeAgentRuntime: invoke }), 'arn:rt', SPEC, 2_000);
    expect(r).toEqual({ ok: true, attempts: 2 });
    expect(invoke.mock.calls.map(([i]) => [i.arn, i.qualifier, i.payload])).toEqual([['arn:rt', CHECK_QUALIFIER, SPEC.payload], ['arn:rt', 'DEFAULT', SPEC.payload]]);
    expect(invoke.mock.calls[0][0].sessionId).not.toBe(invoke.mock.calls[1][0].sessionId);
  });

  test('a wrong answer fails at once with a one-line quote of the output', async () => {
    const invoke = jest.fn().mockResolvedValue(ok(`line1\nline2 ${'x'.repeat(5_000)}`));
    const r = await runHealthCheck(deps({ invokeAgentRuntime: invoke }), 'arn:rt', SPEC, 2_000);
    expect(r).toMatchObject({ ok: false, reason: 'the answer does not contain the expected text', attempts: 1 });
    expect(r.ok === false && r.output).toMatch(/^line1 line2 x+…$/);
    expect(r.ok === false && r.output!.length).toBeLessThan(700);
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  test('an answer that never completes is aborted at the budget', async () => {
    const invoke = jest.fn((input: { signal: AbortSignal }) => new Promise<InvokeAnswer>((_resolve, reject) => {
      input.signal.addEventListener('abort', () => reject(new Error('aborted')));
    }));
    const clock = new VirtualClock();
    const t0 = clock.now();
    const r = await runHealthCheck(deps({ invokeAgentRuntime: invoke }, clock), 'arn:rt', SPEC, 200);
    expect(clock.elapsedSince(t0)).toBe(200);
    expect(r).toMatchObject({ ok: false, reason: 'no complete answer within 0.2s' });
  });

  test('transient errors until the budget runs out: fails naming the attempts and the last error', async () => {
    const invoke = jest.fn().mockRejectedValue(sdkError('RuntimeClientError', 'Received error (500) from runtime', 424));
    const r = await runHealthCheck(deps({ invokeAgentRuntime: invoke }), 'arn:rt', SPEC, 100);
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.reason).toMatch(/^InvokeAgentRuntime failed after \d+ attempts in 0.1s$/);
    expect(r.ok === false && r.output).toBe('RuntimeClientError: Received error (500) from runtime');
    expect(invoke.mock.calls.length).toBeGreaterThan(2);
  });
});
