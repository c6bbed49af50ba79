import { testDeps } from './deps';
import { VirtualClock, VIRTUAL_EPOCH } from './virtual-clock';
import type { ControlPlane, RuntimeDetails } from '../../lambda/agent-runtime/api';
import type { DataPlane } from '../../lambda/agent-runtime/health-check';
import { handleIsComplete, handleOnEvent, WAIT_STATE_KEY } from '../../lambda/agent-runtime/lifecycle';
import type { Deps, LifecycleEvent } from '../../lambda/agent-runtime/lifecycle';

const STACK = 'arn:aws:cloudformation:us-east-1:123456789012:stack/S/u';
const PROPS = {
  AgentRuntimeName: 'agent_a',
  RoleArn: 'arn:aws:iam::123456789012:role/Exec',
  AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/a:v1' } },
  NetworkConfiguration: { NetworkMode: 'PUBLIC' },
};

const PROPS_CONFIG = { agentRuntimeArtifact: { containerConfiguration: { containerUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/a:v1' } } };

function err(name: string, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: {} });
}

function runtime(id: string, status: string): RuntimeDetails {
  return { agentRuntimeId: id, agentRuntimeArn: `arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/${id}`, agentRuntimeName: id.slice(0, -11), agentRuntimeVersion: '1', status, config: {} };
}

/** A scripted fake: every method is a jest.fn the test can program. */
function fakeApi(): jest.Mocked<ControlPlane> {
  return {
    createAgentRuntime: jest.fn(),
    getAgentRuntime: jest.fn(),
    updateAgentRuntime: jest.fn(),
    deleteAgentRuntime: jest.fn(),
    listAgentRuntimes: jest.fn().mockResolvedValue([]),
    listTagsForResource: jest.fn().mockResolvedValue({}),
    tagResource: jest.fn(),
    untagResource: jest.fn(),
    listAgentRuntimeEndpoints: jest.fn().mockResolvedValue([]),
    getAgentRuntimeEndpoint: jest.fn().mockResolvedValue({ name: 'DEFAULT', arn: 'arn:endpoint/DEFAULT', status: 'READY', liveVersion: '1' }),
    deleteAgentRuntimeEndpoint: jest.fn(),
    putResourcePolicy: jest.fn(),
    deleteResourcePolicy: jest.fn(),
  };
}

function deps(api: ControlPlane, env: Record<string, string> = {}, dataPlane?: DataPlane, clock?: VirtualClock): Deps {
  return testDeps(api, { env, dataPlane, clock });
}

function event(type: 'Create' | 'Update' | 'Delete', extra: Partial<LifecycleEvent> & Record<string, unknown> = {}): LifecycleEvent {
  return { RequestType: type, StackId: STACK, LogicalResourceId: 'Runtime', RequestId: 'req-1', ResourceProperties: PROPS, ...extra };
}

test('Create: a name held by our own runtime that is being deleted is waited for, then created', async () => {
  const api = fakeApi();
  const old = runtime('agent_a-OLDOLDOLD1', 'DELETING');
  api.createAgentRuntime.mockRejectedValueOnce(err('ConflictException')).mockResolvedValueOnce(runtime('agent_a-NEWNEWNEW1', 'CREATING'));
  api.listAgentRuntimes.mockResolvedValue([old]);
  api.listTagsForResource.mockResolvedValue({ 'cdk-agentcore:stack-id': STACK, 'cdk-agentcore:logical-id': 'Runtime' });
  api.getAgentRuntime.mockResolvedValue(runtime('agent_a-NEWNEWNEW1', 'READY'));
  const r = await handleOnEvent(event('Create'), deps(api));
  expect(r.PhysicalResourceId).toBe('agent_a-NEWNEWNEW1');
  expect(r.Data?.Status).toBe('READY');
  expect(api.createAgentRuntime).toHaveBeenCalledTimes(2);
  expect(api.deleteAgentRuntime).not.toHaveBeenCalled();
});

test('Create: onEvent never throws once the runtime exists; errors while polling hand over to isComplete', async () => {
  const api = fakeApi();
  api.createAgentRuntime.mockResolvedValue(runtime('agent_a-AbCdEf1234', 'CREATING'));
  api.getAgentRuntime.mockRejectedValue(err('ValidationException', 'weird'));
  const r = await handleOnEvent(event('Create'), deps(api));
  expect(r).toEqual({ PhysicalResourceId: 'agent_a-AbCdEf1234', [WAIT_STATE_KEY]: expect.objectContaining({ phase: 'create', createdHere: true, settled: false }) });
});

test('Update with a physical id that is not a runtime id fails before any call', async () => {
  const api = fakeApi();
  await expect(handleOnEvent(event('Update', { PhysicalResourceId: 'Stack-Runtime-1A2B3C4D5E6F' }), deps(api))).rejects.toThrow(/not an AgentCore runtime id/);
  expect(api.getAgentRuntime).not.toHaveBeenCalled();
});

test('isComplete: past the wall-clock limit a still-CREATING runtime fails with its last status', async () => {
  const api = fakeApi();
  api.getAgentRuntime.mockResolvedValue(runtime('agent_a-AbCdEf1234', 'CREATING'));
  const e = event('Create', { PhysicalResourceId: 'agent_a-AbCdEf1234', [WAIT_STATE_KEY]: { phase: 'create', createdHere: true, mutatedAt: VIRTUAL_EPOCH - 10_000, settled: false } });
  await expect(handleIsComplete(e, deps(api, { AGENTCORE_PROVIDER_MAX_WAIT_MS: '5000' }))).rejects.toThrow(/did not settle within 5s \(last status CREATING\)/);
  expect(await handleIsComplete({ ...e, [WAIT_STATE_KEY]: { phase: 'create', createdHere: true, mutatedAt: VIRTUAL_EPOCH, settled: false } } as LifecycleEvent, deps(api)))
    .toStrictEqual({ IsComplete: false });
});

test('isComplete: Delete without a runtime id (or already settled) completes without calls', async () => {
  const api = fakeApi();
  expect(await handleIsComplete(event('Delete', { PhysicalResourceId: 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED' }), deps(api))).toEqual({ IsComplete: true });
  expect(await handleIsComplete(event('Delete', { PhysicalResourceId: 'agent_a-AbCdEf1234', [WAIT_STATE_KEY]: { phase: 'delete', settled: true } }), deps(api)))
    .toEqual({ IsComplete: true });
  expect(api.getAgentRuntime).not.toHaveBeenCalled();
});

test('isComplete: a failed create is deleted before throwing; a failed cleanup is reported, not hidden', async () => {
  const api = fakeApi();
  api.getAgentRuntime.mockResolvedValue({ ...runtime('agent_a-AbCdEf1234', 'CREATE_FAILED'), failureReason: 'no image' });
  api.deleteAgentRuntime.mockRejectedValue(err('AccessDeniedException', 'explicit deny'));
  const e = event('Create', { PhysicalResourceId: 'agent_a-AbCdEf1234', [WAIT_STATE_KEY]: { phase: 'create', createdHere: true, mutatedAt: VIRTUAL_EPOCH, settled: false } });
  await expect(handleIsComplete(e, deps(api))).rejects.toThrow(/runtime agent_a-AbCdEf1234 CREATE_FAILED: no image; deleting the failed runtime failed \(DeleteAgentRuntime failed: AccessDeniedException: explicit deny\)/);
});

test('Update: a stale READY of the previous version right after UpdateAgentRuntime does not complete the update', async () => {
  const api = fakeApi();
  const id = 'agent_a-AbCdEf1234';
  api.updateAgentRuntime.mockResolvedValue({ ...runtime(id, 'UPDATING'), agentRuntimeVersion: '2' });
  const reads = [['READY', '1'], ['READY', '1'], ['UPDATING', '2'], ['READY', '2'], ['READY', '2']];
  for (const [status, version] of reads) api.getAgentRuntime.mockResolvedValueOnce({ ...runtime(id, status), agentRuntimeVersion: version });
  const newProps = { ...PROPS, Description: 'v2' };
  const r = await handleOnEvent(event('Update', { PhysicalResourceId: id, ResourceProperties: newProps, OldResourceProperties: PROPS }), deps(api, { AGENTCORE_PROVIDER_ON_EVENT_WAIT_MS: '1000' }));
  expect(r.Data).toMatchObject({ AgentRuntimeVersion: '2', Status: 'READY' });
  expect(api.getAgentRuntime).toHaveBeenCalledTimes(5);
  expect(r[WAIT_STATE_KEY]).toMatchObject({ phase: 'update', minVersion: '2', settled: true });
});

test('Create: an owned leftover in CREATE_FAILED is deleted and the runtime created afresh (not adopted)', async () => {
  const api = fakeApi();
  const leftover = runtime('agent_a-OLDOLDOLD1', 'CREATE_FAILED');
  api.createAgentRuntime.mockRejectedValueOnce(err('ConflictException')).mockResolvedValueOnce(runtime('agent_a-NEWNEWNEW1', 'CREATING'));
  api.listAgentRuntimes.mockResolvedValue([leftover]);
  api.listTagsForResource.mockResolvedValue({ 'cdk-agentcore:stack-id': STACK, 'cdk-agentcore:logical-id': 'Runtime' });
  api.deleteAgentRuntime.mockResolvedValue(undefined);
  api.getAgentRuntime.mockResolvedValue(runtime('agent_a-NEWNEWNEW1', 'READY'));
  const r = await handleOnEvent(event('Create'), deps(api));
  expect(r.PhysicalResourceId).toBe('agent_a-NEWNEWNEW1');
  expect(api.deleteAgentRuntime).toHaveBeenCalledWith('agent_a-OLDOLDOLD1', expect.stringMatching(/^[0-9a-f]{64}$/));
});

test('Update replacement that adopts an owned runtime never marks it for deletion on failure', async () => {
  const api = fakeApi();
  const live = runtime('agent_a-LIVELIVE01', 'READY');
  api.createAgentRuntime.mockRejectedValue(err('ConflictException'));
  api.listAgentRuntimes.mockResolvedValue([live]);
  api.listTagsForResource.mockResolvedValue({ 'cdk-agentcore:stack-id': STACK, 'cdk-agentcore:logical-id': 'Runtime' });
  api.getAgentRuntime.mockResolvedValue({ ...live, config: { agentRuntimeArtifact: PROPS_CONFIG.agentRuntimeArtifact, roleArn: PROPS.RoleArn, networkConfiguration: { networkMode: 'PUBLIC' } } });
  const r = await handleOnEvent(event('Update', { PhysicalResourceId: 'agent_b-NEWNEWNEW1', ResourceProperties: PROPS, OldResourceProperties: { ...PROPS, AgentRuntimeName: 'agent_b' } }), deps(api));
  expect(r.PhysicalResourceId).toBe('agent_a-LIVELIVE01');
  expect(r[WAIT_STATE_KEY]).toMatchObject({ createdHere: false });
  expect(api.updateAgentRuntime).not.toHaveBeenCalled();
  expect(api.deleteAgentRuntime).not.toHaveBeenCalled();
});

describe('safe rollouts', () => {
  const ID = 'agent_a-AbCdEf1234';
  const CHECK = { Payload: '{}', ExpectedText: 'pong', TimeoutSeconds: '1' };
  const CHECKED = { ...PROPS, CdkAgentCore: { HealthCheck: CHECK } };
  const POLICY = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '210987654321' }, Action: 'bedrock-agentcore:InvokeAgentRuntime' }] });
  const answer = (body: string) => ({ status: 200, contentType: 'application/json', body, truncated: false });

  function deadlineDeps(api: ControlPlane, dataPlane: DataPlane, ms: number): Deps {
    return testDeps(api, { dataPlane, deadlineMs: ms });
  }

  test('a failed check in onEvent (Create) is reported by isComplete with the real id, after deleting the runtime', async () => {
    const api = fakeApi();
    const dp: jest.Mocked<DataPlane> = { invokeAgentRuntime: jest.fn().mockResolvedValue(answer('nope')) };
    api.createAgentRuntime.mockResolvedValue(runtime(ID, 'CREATING'));
    api.getAgentRuntime.mockResolvedValue(runtime(ID, 'READY'));
    const r = await handleOnEvent(event('Create', { ResourceProperties: CHECKED }), deps(api, {}, dp));
    expect(r.Data).toBeUndefined();
    expect(r[WAIT_STATE_KEY].failure).toMatch(/^health check of runtime agent_a-AbCdEf1234 version 1 failed: the answer does not contain the expected text; output: nope$/);
    expect(api.deleteAgentRuntime).not.toHaveBeenCalled();
    const e = event('Create', { ResourceProperties: CHECKED, PhysicalResourceId: ID, [WAIT_STATE_KEY]: r[WAIT_STATE_KEY] });
    await expect(handleIsComplete(e, deps(api, {}, dp))).rejects.toThrow(
      'health check of runtime agent_a-AbCdEf1234 version 1 failed: the answer does not contain the expected text; the failed runtime was deleted; output: nope');
    expect(api.deleteAgentRuntime).toHaveBeenCalledTimes(1);
    expect(dp.invokeAgentRuntime).toHaveBeenCalledTimes(1);
  });

  test('the failure handed from onEvent to isComplete (framework logs, waiter input) has env-var values redacted', async () => {
    const api = fakeApi();
    const secret = 'sk-live-0123456789';
    const dp: jest.Mocked<DataPlane> = { invokeAgentRuntime: jest.fn().mockResolvedValue(answer(`debug: API_KEY=${secret}`)) };
    api.createAgentRuntime.mockResolvedValue(runtime(ID, 'CREATING'));
    api.getAgentRuntime.mockResolvedValue(runtime(ID, 'READY'));
    const r = await handleOnEvent(event('Create', { ResourceProperties: { ...CHECKED, EnvironmentVariables: { API_KEY: secret } } }), deps(api, {}, dp));
    expect(r[WAIT_STATE_KEY].failure).toContain('debug: API_KEY=***');
    expect(JSON.stringify(r)).not.toContain(secret);
  });

  test('a failed check on Update never deletes the runtime', async () => {
    const api = fakeApi();
    const dp: jest.Mocked<DataPlane> = { invokeAgentRuntime: jest.fn().mockResolvedValue(answer('nope')) };
    api.getAgentRuntime.mockResolvedValue({ ...runtime(ID, 'READY'), agentRuntimeVersion: '2' });
    api.getAgentRuntimeEndpoint.mockResolvedValue({ name: 'DEFAULT', arn: 'a/DEFAULT', status: 'READY', liveVersion: '2' });
    const e = event('Update', {
      ResourceProperties: CHECKED,
      OldResourceProperties: PROPS,
      PhysicalResourceId: ID,
      [WAIT_STATE_KEY]: { phase: 'update', createdHere: false, mutatedAt: VIRTUAL_EPOCH, settled: false, verify: true, minVersion: '2', previousVersion: '1' },
    });
    await expect(handleIsComplete(e, deps(api, {}, dp))).rejects.toThrow(/^health check of runtime agent_a-AbCdEf1234 version 2 failed: the answer does not contain the expected text; output: nope$/);
    expect(api.deleteAgentRuntime).not.toHaveBeenCalled();
  });

  test('not enough time left for the check: onEvent hands over without Data; isComplete waits for a longer invocation', async () => {
    const api = fakeApi();
    const dp: jest.Mocked<DataPlane> = { invokeAgentRuntime: jest.fn().mockResolvedValue(answer('pong')) };
    api.createAgentRuntime.mockResolvedValue(runtime(ID, 'CREATING'));
    api.getAgentRuntime.mockResolvedValue(runtime(ID, 'READY'));
    const r = await handleOnEvent(event('Create', { ResourceProperties: CHECKED }), deadlineDeps(api, dp, 2_500));
    expect(r.Data).toBeUndefined();
    expect(r[WAIT_STATE_KEY]).toMatchObject({ settled: true, verify: true });
    expect(r[WAIT_STATE_KEY].finished).toBeUndefined();
    const e = event('Create', { ResourceProperties: CHECKED, PhysicalResourceId: ID, [WAIT_STATE_KEY]: r[WAIT_STATE_KEY] });
    expect(await handleIsComplete(e, deadlineDeps(api, dp, 2_500))).toStrictEqual({ IsComplete: false });
    expect(dp.invokeAgentRuntime).not.toHaveBeenCalled();
    expect(await handleIsComplete(e, deps(api, {}, dp))).toEqual({ IsComplete: true, Data: expect.objectContaining({ PreviousVersion: '1' }) });
    expect(dp.invokeAgentRuntime).toHaveBeenCalledTimes(1);
  });

  test('a passed check is not re-run when the resource policy then fails in onEvent; isComplete retries only the policy', async () => {
    const api = fakeApi();
    const dp: jest.Mocked<DataPlane> = { invokeAgentRuntime: jest.fn().mockResolvedValue(answer('pong')) };
    api.createAgentRuntime.mockResolvedValue(runtime(ID, 'CREATING'));
    api.getAgentRuntime.mockResolvedValue(runtime(ID, 'READY'));
    api.putResourcePolicy.mockRejectedValueOnce(err('ValidationException', 'bad principal')).mockResolvedValue(undefined);
    const p = { ...PROPS, CdkAgentCore: { HealthCheck: CHECK, ResourcePolicy: POLICY } };
    const r = await handleOnEvent(event('Create', { ResourceProperties: p }), deps(api, {}, dp));
    expect(r.Data).toBeUndefined();
    expect(r[WAIT_STATE_KEY]).toMatchObject({ settled: true, verify: false });
    const e = event('Create', { ResourceProperties: p, PhysicalResourceId: ID, [WAIT_STATE_KEY]: r[WAIT_STATE_KEY] });
    expect(await handleIsComplete(e, deps(api, {}, dp))).toMatchObject({ IsComplete: true });
    expect(dp.invokeAgentRuntime).toHaveBeenCalledTimes(1);
    expect(api.putResourcePolicy).toHaveBeenCalledTimes(2);
    expect(api.putResourcePolicy).toHaveBeenLastCalledWith(runtime(ID, 'READY').agentRuntimeArn, expect.stringContaining(`"Resource":"${runtime(ID, 'READY').agentRuntimeArn}"`));
  });

  test('PreviousVersion on update: DEFAULT\'s live version, else the runtime version read before the update, else N-1', async () => {
    const newProps = { ...PROPS, Description: 'v5' };
    const cases: [string, (api: jest.Mocked<ControlPlane>) => void, string][] = [
      ['DEFAULT live version', (api) => api.getAgentRuntimeEndpoint.mockResolvedValue({ name: 'DEFAULT', arn: 'a', status: 'READY', liveVersion: '3' }), '3'],
      ['runtime version', (api) => {
        api.getAgentRuntimeEndpoint.mockRejectedValue(err('AccessDeniedException', 'denied'));
        api.getAgentRuntime.mockResolvedValueOnce({ ...runtime(ID, 'READY'), agentRuntimeVersion: '4' });
      }, '4'],
      ['N-1', (api) => {
        api.getAgentRuntimeEndpoint.mockRejectedValue(err('AccessDeniedException', 'denied'));
        api.getAgentRuntime.mockRejectedValueOnce(err('ThrottlingException'));
      }, '4'],
    ];
    for (const [, arrange, expected] of cases) {
      const api = fakeApi();
      arrange(api);
      api.updateAgentRuntime.mockResolvedValue({ ...runtime(ID, 'UPDATING'), agentRuntimeVersion: '5' });
      api.getAgentRuntime.mockResolvedValue({ ...runtime(ID, 'READY'), agentRuntimeVersion: '5' });
      const r = await handleOnEvent(event('Update', { PhysicalResourceId: ID, ResourceProperties: newProps, OldResourceProperties: PROPS }), deps(api));
      expect(r.Data).toMatchObject({ AgentRuntimeVersion: '5', PreviousVersion: expected });
    }
  });

  test('Delete: the stack\'s named endpoints are deleted first (NotFound = gone), DEFAULT never, a foreign one already gone is ignored; then the runtime', async () => {
    const api = fakeApi();
    const order: string[] = [];
    api.listAgentRuntimeEndpoints.mockResolvedValue([
      { name: 'DEFAULT', arn: 'a/DEFAULT', status: 'READY', liveVersion: '2' },
      { name: 'prod', arn: 'a/prod', status: 'READY', liveVersion: '1' },
      { name: 'gone_meanwhile', arn: 'a/g', status: 'READY', liveVersion: '1' },
      { name: 'foreign_gone', arn: 'a/f', status: 'READY', liveVersion: '1' },
    ]);
    api.deleteAgentRuntimeEndpoint.mockImplementation(async (_id, name) => {
      order.push(`endpoint ${name}`);
      if (name === 'gone_meanwhile') throw err('ResourceNotFoundException');
    });
    api.getAgentRuntimeEndpoint.mockRejectedValue(err('ResourceNotFoundException'));
    api.deleteAgentRuntime.mockImplementation(async () => {
      order.push('runtime');
    });
    api.getAgentRuntime.mockRejectedValue(err('ResourceNotFoundException'));
    const r = await handleOnEvent(event('Delete', { PhysicalResourceId: ID, ResourceProperties: { ...PROPS, CdkAgentCore: { EndpointNames: ['prod', 'gone_meanwhile'] } } }), deps(api));
    expect(r.PhysicalResourceId).toBe(ID);
    expect(order).toEqual(['endpoint prod', 'endpoint gone_meanwhile', 'runtime']);
    expect(api.deleteAgentRuntimeEndpoint.mock.calls.every(([id, , token]) => id === ID && /^[0-9a-f]{64}$/.test(token))).toBe(true);
  });
});
