import { testDeps } from './deps';
import { VirtualClock } from './virtual-clock';
import { ProviderError } from '../../lambda/agent-runtime/response';
import { failure, withRetries } from '../../lambda/agent-runtime/retry';

function sdkError(name: string, message = name, status?: number): Error {
  return Object.assign(new Error(message), { name, $metadata: status === undefined ? {} : { httpStatusCode: status } });
}

const ENV = { AGENTCORE_PROVIDER_RETRY_BUDGET_MS: '90000', AGENTCORE_PROVIDER_PROPAGATION_BUDGET_MS: '120000', AGENTCORE_PROVIDER_RETRY_INITIAL_MS: '1000', AGENTCORE_PROVIDER_RETRY_MAX_MS: '10000' };

/** Deps with the deployed budgets on a virtual clock: a 90-second budget costs no real time. */
function setup(deadlineMs = 300_000) {
  const clock = new VirtualClock();
  return { clock, deps: testDeps({} as never, { env: ENV, clock, deadlineMs }), start: clock.now() };
}

describe('withRetries (the one retry policy of every control-plane call)', () => {
  test('throttling, 5xx and socket errors are retried until they clear', async () => {
    const { deps } = setup();
    const errors = [sdkError('ThrottlingException', 'Rate exceeded', 429), sdkError('InternalServerException', 'x', 500), Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })];
    const fn = jest.fn(async () => {
      const e = errors.shift();
      if (e) throw e;
      return 'ok';
    });
    await expect(withRetries(deps, 'GetAgentRuntime', fn)).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(4);
  });

  test('a transient error that never clears fails after the retry budget of clock time, with attempts and elapsed time', async () => {
    const { clock, deps, start } = setup();
    const e = await withRetries(deps, 'GetAgentRuntime', () => Promise.reject(sdkError('ThrottlingException', 'Rate exceeded', 429))).catch((x) => x);
    const elapsed = clock.elapsedSince(start);
    expect(elapsed).toBeGreaterThanOrEqual(80_000);
    expect(elapsed).toBeLessThanOrEqual(100_000);
    expect(failure('GetAgentRuntime', e).message).toMatch(/^GetAgentRuntime failed after \d+ attempts in \d+(\.\d)?s: ThrottlingException: Rate exceeded$/);
  });

  test('never past the invocation deadline', async () => {
    const { clock, deps, start } = setup(20_000);
    await withRetries(deps, 'ListAgentRuntimes', () => Promise.reject(sdkError('ThrottlingException', 'x', 429))).catch(() => undefined);
    expect(clock.elapsedSince(start)).toBeLessThanOrEqual(20_000);
  });

  test('ConflictException and IAM propagation only when the call asks for it; propagation within its own budget', async () => {
    const { deps } = setup();
    const conflict = jest.fn().mockRejectedValueOnce(sdkError('ConflictException', 'busy', 409)).mockResolvedValue('ok');
    await expect(withRetries(deps, 'DeleteAgentRuntime', conflict)).rejects.toMatchObject({ name: 'ConflictException', attempts: 1 });
    await expect(withRetries(deps, 'DeleteAgentRuntime', conflict, { conflict: true })).resolves.toBe('ok');

    const { clock, deps: d2, start } = setup();
    const role = () => Promise.reject(sdkError('ValidationException', 'Role validation failed for role arn:aws:iam::1:role/x', 400));
    await expect(withRetries(d2, 'CreateAgentRuntime', role)).rejects.toMatchObject({ attempts: 1 });
    await withRetries(d2, 'CreateAgentRuntime', role, { propagation: true }).catch(() => undefined);
    expect(clock.elapsedSince(start)).toBeGreaterThan(100_000);
    expect(clock.elapsedSince(start)).toBeLessThanOrEqual(130_000);
  });

  test('anything else fails at once, ProviderErrors included', async () => {
    const { deps } = setup();
    for (const e of [sdkError('ValidationException', 'bad', 400), sdkError('AccessDeniedException', 'no', 403), new ProviderError('ours')]) {
      const fn = jest.fn().mockRejectedValue(e);
      await expect(withRetries(deps, 'X', fn, { conflict: true, propagation: true })).rejects.toBe(e);
      expect(fn).toHaveBeenCalledTimes(1);
    }
  });
});
