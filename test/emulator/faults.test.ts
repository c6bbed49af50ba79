import {
  BedrockAgentCoreControlClient, CreateAgentRuntimeCommand, DeleteAgentRuntimeCommand, GetAgentRuntimeCommand, InternalServerException,
  ServiceQuotaExceededException, ThrottlingException,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { caught, controlClient, runtimeInput } from './fixtures';
import { useEmulator } from './index';

const emu = useEmulator({ transitionGets: 0 });

describe('error faults', () => {
  test('a permanent throttle is retried by the SDK: 3 attempts, all with the same clientToken, nothing created', async () => {
    emu.inject({ operation: 'CreateAgentRuntime', error: { type: 'ThrottlingException', message: 'Rate exceeded' }, times: Infinity });
    const err = await caught(() => controlClient(emu).send(new CreateAgentRuntimeCommand(runtimeInput())));
    expect(err).toBeInstanceOf(ThrottlingException);
    expect(err.message).toBe('Rate exceeded');
    expect(err.$metadata).toMatchObject({ httpStatusCode: 429, attempts: 3 });
    const calls = emu.callsTo('CreateAgentRuntime');
    expect(calls.map((c) => [c.status, c.errorType])).toEqual([[429, 'ThrottlingException'], [429, 'ThrottlingException'], [429, 'ThrottlingException']]);
    expect(new Set(calls.map((c) => c.clientToken)).size).toBe(1);
    expect(emu.runtimes()).toEqual([]);
  }, 15000);

  test('maxAttempts: 1 surfaces the first error; `times` limits the fault; the failed token is not consumed', async () => {
    const client = controlClient(emu, 1);
    emu.inject({ operation: 'CreateAgentRuntime', error: { type: 'ThrottlingException' }, times: 2 });
    const input = { ...runtimeInput(), clientToken: 'a'.repeat(40) };
    expect(await caught(() => client.send(new CreateAgentRuntimeCommand(input)))).toBeInstanceOf(ThrottlingException);
    expect(await caught(() => client.send(new CreateAgentRuntimeCommand(input)))).toBeInstanceOf(ThrottlingException);
    const created = await client.send(new CreateAgentRuntimeCommand(input));
    expect(created.status).toBe('CREATING');
    expect(emu.callsTo('CreateAgentRuntime').map((c) => c.status)).toEqual([429, 429, 202]);
    expect(emu.runtimes()).toHaveLength(1);
  });

  test('status defaults from the type and can be overridden; unknown types reach the SDK by name', async () => {
    const client = controlClient(emu, 1);
    emu.inject({ operation: 'CreateAgentRuntime', error: { type: 'ServiceQuotaExceededException', message: 'Failed creating service linked role. Rate limit exceeded from IAM' } });
    emu.inject({ operation: 'CreateAgentRuntime', error: { type: 'InternalServerException' } });
    emu.inject({ operation: 'CreateAgentRuntime', error: { type: 'AccessDeniedException', status: 400 } });
    const quota = await caught(() => client.send(new CreateAgentRuntimeCommand(runtimeInput())));
    expect(quota).toBeInstanceOf(ServiceQuotaExceededException);
    expect(quota.$metadata.httpStatusCode).toBe(402);
    const internal = await caught(() => client.send(new CreateAgentRuntimeCommand(runtimeInput())));
    expect(internal).toBeInstanceOf(InternalServerException);
    expect(internal.$metadata.httpStatusCode).toBe(500);
    expect(internal.message).toBe('Emulated InternalServerException');
    const denied = await caught(() => client.send(new CreateAgentRuntimeCommand(runtimeInput())));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.$metadata.httpStatusCode).toBe(400);
  });

  test('`match` restricts a fault to some requests, e.g. Gets of one runtime', async () => {
    const client = controlClient(emu, 1);
    const a = await client.send(new CreateAgentRuntimeCommand(runtimeInput('a_agent')));
    const b = await client.send(new CreateAgentRuntimeCommand(runtimeInput('b_agent')));
    emu.inject({ operation: 'GetAgentRuntime', error: { type: 'ResourceNotFoundException' }, times: 2, match: (c) => c.path.includes(b.agentRuntimeId!) });
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: a.agentRuntimeId }))).status).toBe('READY');
    expect((await caught(() => client.send(new GetAgentRuntimeCommand({ agentRuntimeId: b.agentRuntimeId })))).name).toBe('ResourceNotFoundException');
    expect((await caught(() => client.send(new GetAgentRuntimeCommand({ agentRuntimeId: b.agentRuntimeId })))).name).toBe('ResourceNotFoundException');
    // injected errors do not advance the status machine: b is still CREATING → READY on its first real Get
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: b.agentRuntimeId }))).status).toBe('READY');
  });
});

describe('lost responses and delays', () => {
  test('dropAfterCommit + SDK retry with the same clientToken returns the same runtime, created once', async () => {
    emu.inject({ operation: 'CreateAgentRuntime', dropAfterCommit: true });
    const created = await controlClient(emu).send(new CreateAgentRuntimeCommand(runtimeInput()));
    expect(created.$metadata.attempts).toBe(2);
    const calls = emu.callsTo('CreateAgentRuntime');
    expect(calls.map((c) => c.status)).toEqual([0, 202]);
    expect(calls[0].clientToken).toBe(calls[1].clientToken);
    expect(emu.runtimes()).toHaveLength(1);
    expect(created.agentRuntimeId).toBe(emu.runtimes()[0].agentRuntimeId);
  });

  test('dropAfterCommit on Delete: the retry replays DELETING', async () => {
    const client = controlClient(emu);
    const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand(runtimeInput()));
    await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }));
    emu.inject({ operation: 'DeleteAgentRuntime', dropAfterCommit: true });
    const deleted = await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId }));
    expect(deleted).toMatchObject({ status: 'DELETING', agentRuntimeId });
    expect(emu.callsTo('DeleteAgentRuntime').map((c) => c.status)).toEqual([0, 202]);
  });

  test('delayMs past the SDK request timeout: committed, answer lost, the retry with the same token gets the same runtime', async () => {
    emu.inject({ operation: 'CreateAgentRuntime', delayMs: 900 });
    const client = new BedrockAgentCoreControlClient({
      region: emu.region, endpoint: emu.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, requestHandler: { requestTimeout: 300, throwOnRequestTimeout: true },
    });
    const created = await client.send(new CreateAgentRuntimeCommand(runtimeInput()));
    expect(created.$metadata.attempts).toBe(2);
    expect(emu.runtimes().map((r) => r.agentRuntimeId)).toEqual([created.agentRuntimeId]);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(emu.callsTo('CreateAgentRuntime').map((c) => c.status)).toEqual([0, 202]);
  });

  test('delayMs delays the answer', async () => {
    emu.inject({ operation: 'CreateAgentRuntime', delayMs: 150 });
    const started = Date.now();
    await controlClient(emu).send(new CreateAgentRuntimeCommand(runtimeInput()));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('reset', () => {
  test('clears runtimes, calls, faults, scripts and tokens', async () => {
    const client = controlClient(emu, 1);
    const input = { ...runtimeInput(), clientToken: 'b'.repeat(40) };
    await client.send(new CreateAgentRuntimeCommand(input));
    emu.inject({ operation: 'CreateAgentRuntime', error: { type: 'ThrottlingException' }, times: Infinity });
    emu.scriptStatus('my_agent', ['CREATE_FAILED']);
    emu.reset();
    expect(emu.calls).toEqual([]);
    expect(emu.runtimes()).toEqual([]);
    const again = await client.send(new CreateAgentRuntimeCommand({ ...input, description: 'same token, new request' }));
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: again.agentRuntimeId }))).status).toBe('READY');
  });
});

describe('clientToken idempotency', () => {
  test('same token + same request replays the original answer without a duplicate or a Conflict', async () => {
    const client = controlClient(emu, 1);
    const input = { ...runtimeInput(), clientToken: 'f'.repeat(64) };
    const first = await client.send(new CreateAgentRuntimeCommand(input));
    const second = await client.send(new CreateAgentRuntimeCommand(input));
    expect(second.agentRuntimeId).toBe(first.agentRuntimeId);
    expect(second.createdAt).toEqual(first.createdAt);
    expect(emu.runtimes()).toHaveLength(1);
  });

  test('concurrent requests with the same token create one runtime and all get its id', async () => {
    const client = controlClient(emu, 1);
    const input = { ...runtimeInput(), clientToken: 'c'.repeat(64) };
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.send(new CreateAgentRuntimeCommand(input))));
    expect(new Set(answers.map((a) => a.agentRuntimeId)).size).toBe(1);
    expect(emu.runtimes()).toHaveLength(1);
    expect(emu.callsTo('CreateAgentRuntime').map((c) => c.status)).toEqual([202, 202, 202, 202, 202]);
  });

  test('same token + different request is a ValidationException with reason IdempotentParameterMismatchException', async () => {
    const client = controlClient(emu, 1);
    const token = '0123456789abcdef0123456789abcdef0123';
    await client.send(new CreateAgentRuntimeCommand({ ...runtimeInput('one_agent'), clientToken: token }));
    const err = await caught(() => client.send(new CreateAgentRuntimeCommand({ ...runtimeInput('two_agent'), clientToken: token })));
    expect(err.name).toBe('ValidationException');
    expect(err.reason).toBe('IdempotentParameterMismatchException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(emu.runtimes().map((r) => r.agentRuntimeName)).toEqual(['one_agent']);
  });

  test('a new token for an existing name is a ConflictException', async () => {
    const client = controlClient(emu, 1);
    await client.send(new CreateAgentRuntimeCommand(runtimeInput()));
    expect((await caught(() => client.send(new CreateAgentRuntimeCommand(runtimeInput())))).name).toBe('ConflictException');
  });
});
