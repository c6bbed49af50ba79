import { VirtualClock } from './virtual-clock';
import { backoffDelay } from '../../internal/backoff';
import { classifyError, describeError, isNotAuthorizedMessage } from '../../internal/errors';
import { clientToken } from '../../lambda/agent-runtime/client-token';
import { Deadline } from '../../lambda/agent-runtime/clock';
import { diffTags, isOwnedBy, ownershipTags, userTags } from '../../lambda/agent-runtime/ownership';
import {
  MAX_MESSAGE_BYTES, payloadValuesOf, ProviderError, redactSecrets, redactValues, runtimeData, secretsOf, truncateUtf8,
} from '../../lambda/agent-runtime/response';
import { loadSettings, SETTINGS_ENV } from '../../lambda/agent-runtime/settings';
import { decide, ReadyStreak } from '../../lambda/agent-runtime/status';
import { checkProviderTiming, HANDLER_BUDGETS } from '../../lib/private/contract';

function sdkError(name: string, message = '', status?: number): Error {
  return Object.assign(new Error(message), { name, $metadata: status === undefined ? {} : { httpStatusCode: status } });
}

describe('clientToken', () => {
  test('deterministic per (stack, logical id, request, operation) and valid for the API', () => {
    const t = clientToken('stack', 'Runtime', 'req-1', 'create');
    expect(t).toBe(clientToken('stack', 'Runtime', 'req-1', 'create'));
    expect(t).toMatch(/^[0-9a-f]{64}$/);
    expect(t).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){32,255}$/);
    expect(new Set([
      t, clientToken('stack', 'Runtime', 'req-1', 'update'), clientToken('stack', 'Runtime', 'req-2', 'create'),
      clientToken('stack', 'Other', 'req-1', 'create'), clientToken('stack2', 'Runtime', 'req-1', 'create'),
    ]).size).toBe(5);
  });
});

describe('classifyError', () => {
  test.each([
    [sdkError('ThrottlingException', 'Rate exceeded', 429), 'transient'],
    [sdkError('InternalServerException', 'x', 500), 'transient'],
    [sdkError('Unknown', '', 503), 'transient'],
    [sdkError('Error', 'AWS SDK error wrapper for TimeoutError: socket hang up'), 'transient'],
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'transient'],
    [sdkError('ServiceQuotaExceededException', 'Failed creating service linked role. Rate limit exceeded from IAM', 402), 'transient'],
    [sdkError('ServiceQuotaExceededException', 'Maximum number of runtimes', 402), 'fatal'],
    [sdkError('ValidationException', 'Role validation failed for role arn:aws:iam::1:role/x', 400), 'propagation'],
    [sdkError('ValidationException', "Access denied while validating ECR URI '1.dkr.ecr'", 400), 'propagation'],
    [sdkError('ValidationException', '1 validation error detected', 400), 'fatal'],
    [sdkError('ResourceNotFoundException', 'nope', 404), 'not-found'],
    [sdkError('ConflictException', 'busy', 409), 'conflict'],
    [sdkError('AccessDeniedException', 'no', 403), 'access-denied'],
    [new ProviderError('socket in the message but ours'), 'fatal'],
  ])('%p → %s', (e, kind) => {
    expect(classifyError(e)).toBe(kind);
  });

  test('describeError is one line; not-authorized detection', () => {
    expect(describeError(sdkError('ValidationException', 'a\r\nb'))).toBe('ValidationException: a b');
    expect(isNotAuthorizedMessage(sdkError('AccessDeniedException', 'User x is not authorized to perform: bedrock-agentcore:DeleteAgentRuntime'))).toBe(true);
    expect(isNotAuthorizedMessage(sdkError('AccessDeniedException', 'explicit deny'))).toBe(false);
  });
});

describe('backoff', () => {
  test('equal jitter between d/2 and d, capped', () => {
    const opts = { initialMs: 250, maxMs: 2000 };
    expect(backoffDelay(0, opts, () => 0)).toBe(125);
    expect(backoffDelay(0, opts, () => 1)).toBe(250);
    expect(backoffDelay(10, opts, () => 1)).toBe(2000);
    expect(backoffDelay(10, opts, () => 0)).toBe(1000);
  });

  test('Deadline.within takes the earlier bound, on the clock it is given', () => {
    const clock = new VirtualClock();
    const d = Deadline.in(1000, clock);
    expect(d.within(10).remaining()).toBe(10);
    expect(d.within(100_000).remaining()).toBe(1000);
  });
});

describe('status', () => {
  test.each([
    ['create', 'READY', 'ready'], ['create', 'CREATING', 'wait'], ['create', 'UPDATING', 'wait'], ['update', 'UPDATING', 'wait'],
    ['create', 'CREATE_FAILED', 'failed'], ['update', 'UPDATE_FAILED', 'failed'], ['update', 'DELETING', 'failed'],
    ['update', 'DELETE_FAILED', 'failed'], ['create', 'SOMETHING_NEW', 'wait'], ['create', 'NEW_FAILED', 'failed'],
    ['delete', 'DELETING', 'wait'], ['delete', 'READY', 'wait'], ['delete', 'CREATE_FAILED', 'wait'], ['delete', 'DELETE_FAILED', 'failed'],
  ] as const)('%s + %s → %s', (phase, status, kind) => {
    expect(decide(phase, status, 'why').kind).toBe(kind);
  });

  test('failed carries the reason; READY needs two consecutive reads', () => {
    expect(decide('create', 'CREATE_FAILED', 'image missing')).toEqual({ kind: 'failed', status: 'CREATE_FAILED', reason: 'image missing' });
    const s = new ReadyStreak(2);
    expect([true, false, true, true].map((r) => s.record(r))).toEqual([false, false, false, true]);
    expect(new ReadyStreak(2, 1).record(true)).toBe(true);
  });
});

describe('ownership', () => {
  const owner = { stackId: 'arn:aws:cloudformation:us-east-1:1:stack/S/u', logicalResourceId: 'Runtime' };
  test('tags, ownership check, ids and tag diffs', () => {
    const tags = ownershipTags(owner);
    expect(isOwnedBy({ ...tags, x: '1' }, owner)).toBe(true);
    expect(isOwnedBy({ ...tags, 'cdk-agentcore:logical-id': 'Other' }, owner)).toBe(false);
    expect(isOwnedBy(undefined, owner)).toBe(false);
    expect(userTags({ ...tags, team: 'a' })).toEqual({ team: 'a' });
    expect(diffTags({ a: '1', b: '2' }, { b: '3', c: '4' })).toEqual({ set: { b: '3', c: '4' }, remove: ['a'] });
  });
});

describe('response', () => {
  test('truncateUtf8 never splits a character and respects the byte budget', () => {
    const text = 'Échec 画像 '.repeat(500);
    const out = truncateUtf8(text);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(out.endsWith(' …')).toBe(true);
    expect(out).not.toContain('\uFFFD');
    expect(truncateUtf8('short')).toBe('short');
  });

  test('ProviderError is one line with a stack of one line', () => {
    const e = new ProviderError(`a\nb${'x'.repeat(5000)}`);
    expect(e.message.startsWith('a b')).toBe(true);
    expect(e.stack).toBe(`ProviderError: ${e.message}`);
    expect(e.stack!.split('\n')).toHaveLength(1);
  });

  test('redactSecrets hides the credentials of current and old properties, and nothing else', () => {
    const msg = "Value 'abcd-secret' at 'environmentVariables.API_KEY' and 'old-value-1' failed; 'abc' kept";
    expect(redactSecrets(msg, { EnvironmentVariables: { API_KEY: 'abcd-secret', S: 'abc' } }, { EnvironmentVariables: { DB_PASSWORD: 'old-value-1' } }, undefined))
      .toBe("Value '***' at 'environmentVariables.API_KEY' and '***' failed; 'abc' kept");
  });

  test('redactSecrets keeps the values a failure is debugged with: account, Region, role ARN, log level', () => {
    const props = { EnvironmentVariables: { ACCOUNT: '123456789012', REGION: 'eu-west-1', ROLE: 'arn:aws:iam::123456789012:role/AgentRole', LOG_LEVEL: 'debug' } };
    const msg = 'Role validation failed for role arn:aws:iam::123456789012:role/AgentRole in eu-west-1 (debug)';
    expect(redactSecrets(msg, props)).toBe(msg);
  });

  test('redactSecrets hides a password inside a connection string, also where the service quotes it alone', () => {
    const props = { EnvironmentVariables: { DATABASE_URL: 'postgres://app:S3cr3tPassw0rd@db.internal:5432/app' } };
    expect(redactSecrets("bad value 'postgres://app:S3cr3tPassw0rd@db.internal:5432/app'; password 'S3cr3tPassw0rd' rejected", props))
      .toBe("bad value '***'; password '***' rejected");
  });

  test('the health-check payload and its string values are redacted from a quoted output, which agents echo', () => {
    const props = { CdkAgentCore: { HealthCheck: { Payload: '{"prompt":"health check","token":"probe-7f3a9c2e"}' } } };
    expect(payloadValuesOf(props)).toEqual(['{"prompt":"health check","token":"probe-7f3a9c2e"}', 'health check', 'probe-7f3a9c2e']);
    expect(redactValues('agent crashed on {"prompt":"health check","token":"probe-7f3a9c2e"}: KeyError probe-7f3a9c2e (hi)', payloadValuesOf(props)))
      .toBe('agent crashed on ***: KeyError *** (hi)');
    expect(payloadValuesOf({ CdkAgentCore: { HealthCheck: { Payload: '{"prompt":"hi"}' } } })).not.toContain('hi'); // too short
    // not part of the secrets redacted everywhere: 'health check' is also a word of the provider's own Reason
    expect(secretsOf(props)).toEqual([]);
  });

  test('runtimeData has exactly the six keys; PreviousVersion defaults to the current version', () => {
    const r = { agentRuntimeId: 'i', agentRuntimeArn: 'a', agentRuntimeName: 'n', agentRuntimeVersion: '3', status: 'READY' };
    expect(Object.keys(runtimeData(r)).sort())
      .toEqual(['AgentRuntimeArn', 'AgentRuntimeId', 'AgentRuntimeName', 'AgentRuntimeVersion', 'PreviousVersion', 'Status']);
    expect(runtimeData(r).PreviousVersion).toBe('3');
    expect(runtimeData(r, '2').PreviousVersion).toBe('2');
    expect(runtimeData(r, '').PreviousVersion).toBe('3');
  });
});

describe('settings', () => {
  test('defaults, overrides and invalid values', () => {
    const d = loadSettings({});
    expect(d.propagationBudgetMs).toBe(120_000);
    expect(loadSettings({ AGENTCORE_PROVIDER_PROPAGATION_BUDGET_MS: '500' }).propagationBudgetMs).toBe(500);
    expect(loadSettings({ AGENTCORE_PROVIDER_PROPAGATION_BUDGET_MS: 'abc' }).propagationBudgetMs).toBe(120_000);
    expect(Object.values(SETTINGS_ENV).every((name) => name.startsWith('AGENTCORE_PROVIDER_'))).toBe(true);
  });

  test('S42 (handler side): default budgets are the contract\'s and fit the deployed timing', () => {
    const defaults = Object.keys(SETTINGS_ENV).map((k) => [k, HANDLER_BUDGETS[k as keyof typeof HANDLER_BUDGETS]]);
    expect(loadSettings({})).toEqual(Object.fromEntries(defaults));
    expect(checkProviderTiming()).toEqual([]);
  });
});
