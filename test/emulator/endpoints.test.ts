import { InvokeAgentRuntimeCommand } from '@aws-sdk/client-bedrock-agentcore';
import {
  CreateAgentRuntimeCommand, CreateAgentRuntimeEndpointCommand, DeleteAgentRuntimeCommand, DeleteAgentRuntimeEndpointCommand,
  GetAgentRuntimeCommand, GetAgentRuntimeEndpointCommand, ListAgentRuntimeEndpointsCommand, ResourceNotFoundException,
  ServiceQuotaExceededException, UpdateAgentRuntimeCommand, UpdateAgentRuntimeEndpointCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { caught, controlClient, dataClient, IMAGE, ROLE_ARN, runtimeInput } from './fixtures';
import { useEmulator } from './index';

const emu = useEmulator();

const client = () => controlClient(emu, 1);
const ARTIFACT = { containerConfiguration: { containerUri: IMAGE } };

/** Polls GetAgentRuntime until READY. */
async function settle(agentRuntimeId: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    if ((await client().send(new GetAgentRuntimeCommand({ agentRuntimeId }))).status === 'READY') return;
  }
  throw new Error(`${agentRuntimeId} did not settle`);
}

/** Updates the runtime to a new image tag and waits for READY; returns the new version. */
async function bump(agentRuntimeId: string, tag: string): Promise<string> {
  const out = await client().send(new UpdateAgentRuntimeCommand({
    agentRuntimeId, roleArn: ROLE_ARN, agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE.replace(':v1', `:${tag}`) } },
  }));
  await settle(agentRuntimeId);
  return out.agentRuntimeVersion!;
}

async function readyRuntime(): Promise<string> {
  const { agentRuntimeId } = await client().send(new CreateAgentRuntimeCommand(runtimeInput()));
  await settle(agentRuntimeId!);
  return agentRuntimeId!;
}

describe('DEFAULT endpoint', () => {
  test('exists from creation, mirrors the runtime status and follows the latest version', async () => {
    const { agentRuntimeId } = await client().send(new CreateAgentRuntimeCommand(runtimeInput()));
    const creating = await client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId, endpointName: 'DEFAULT' }));
    expect(creating).toMatchObject({ name: 'DEFAULT', status: 'CREATING', targetVersion: '1' });
    expect(creating.liveVersion).toBeUndefined();
    expect(creating.agentRuntimeEndpointArn).toBe(`arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/${agentRuntimeId}/runtime-endpoint/DEFAULT`);
    expect(creating.id).toMatch(/^DEFAULT-[a-zA-Z0-9]{10}$/);
    expect(creating.createdAt).toBeInstanceOf(Date);
    expect(emu.callsTo('GetAgentRuntimeEndpoint')[0].path).toBe(`/runtimes/${agentRuntimeId}/runtime-endpoints/DEFAULT/`);

    await settle(agentRuntimeId!);
    expect(await client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId, endpointName: 'DEFAULT' })))
      .toMatchObject({ status: 'READY', liveVersion: '1', targetVersion: '1' });

    await client().send(new UpdateAgentRuntimeCommand({ agentRuntimeId, roleArn: ROLE_ARN, agentRuntimeArtifact: ARTIFACT }));
    expect(await client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId, endpointName: 'DEFAULT' })))
      .toMatchObject({ status: 'UPDATING', liveVersion: '1', targetVersion: '2' });
    await settle(agentRuntimeId!);
    expect(await client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId, endpointName: 'DEFAULT' })))
      .toMatchObject({ status: 'READY', liveVersion: '2', targetVersion: '2' });
    expect(emu.runtime(agentRuntimeId!)!.endpoints.DEFAULT).toMatchObject({ liveVersion: '2', status: 'READY' });
  });

  test('moves to a new version only once it is READY; lagDefault keeps it (and the invocations) on the old one for a while', async () => {
    const id = await readyRuntime();
    emu.setInvokeBehaviour(id, { json: { v: 1 } }, '1');
    emu.setInvokeBehaviour(id, { json: { v: 2 } }, '2');
    emu.setInvokeBehaviour(id, { json: { v: 3 } }, '3');
    const invoke = async () => JSON.parse(Buffer.from(await (await dataClient(emu).send(new InvokeAgentRuntimeCommand({
      agentRuntimeArn: emu.runtime(id)!.agentRuntimeArn, qualifier: 'DEFAULT', payload: Buffer.from('{}'), runtimeSessionId: 'session-0123456789-0123456789-0123456789',
    }))).response!.transformToByteArray()).toString()).v;
    const live = async () => (await client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'DEFAULT' }))).liveVersion;

    emu.scriptStatus(id, ['UPDATING', 'UPDATE_FAILED']);
    await client().send(new UpdateAgentRuntimeCommand({ agentRuntimeId: id, roleArn: ROLE_ARN, agentRuntimeArtifact: ARTIFACT }));
    await client().send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
    await client().send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
    expect([await live(), await invoke()]).toEqual(['1', 1]); // a failed version never goes live

    emu.lagDefault(id, { gets: 2 });
    await bump(id, 'v3');
    expect(emu.runtime(id)!.status).toBe('READY');
    expect([await invoke(), await live(), await live(), await invoke()]).toEqual([1, '1', '3', 3]);
    expect(await client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'DEFAULT' }))).toMatchObject({ liveVersion: '3', targetVersion: '3' });
  });

  test('cannot be deleted or re-pointed', async () => {
    const id = await readyRuntime();
    const del = await caught(() => client().send(new DeleteAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'DEFAULT' })));
    expect(del.name).toBe('ConflictException');
    expect(del.message).toBe('Default endpoints are removed when you delete the agent');
    const upd = await caught(() => client().send(new UpdateAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'DEFAULT', agentRuntimeVersion: '1' })));
    expect(upd.name).toBe('ConflictException');
  });
});

describe('named endpoints', () => {
  test('stay pinned on their version across runtime updates until re-pointed (no new runtime version)', async () => {
    const id = await readyRuntime();
    expect(await bump(id, 'v2')).toBe('2');
    const created = await client().send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'prod', agentRuntimeVersion: '2', description: 'prod ep' }));
    expect(created.$metadata.httpStatusCode).toBe(202);
    expect(created).toMatchObject({ targetVersion: '2', endpointName: 'prod', status: 'CREATING', agentRuntimeId: id });
    expect(created.agentRuntimeEndpointArn).toMatch(/runtime-endpoint\/prod$/);
    expect(emu.callsTo('CreateAgentRuntimeEndpoint')[0].body).toMatchObject({ name: 'prod', agentRuntimeVersion: '2', description: 'prod ep' });

    const busy = await caught(() => client().send(new UpdateAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'prod', agentRuntimeVersion: '1' })));
    expect(busy.name).toBe('ConflictException');
    expect((await client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'prod' }))).status).toBe('CREATING');
    expect(await client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'prod' })))
      .toMatchObject({ status: 'READY', liveVersion: '2', description: 'prod ep' });

    expect(await bump(id, 'v3')).toBe('3');
    expect(emu.runtime(id)!.endpoints.prod.liveVersion).toBe('2');
    expect(emu.runtime(id)!.endpoints.DEFAULT.liveVersion).toBe('3');

    const updated = await client().send(new UpdateAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'prod', agentRuntimeVersion: '3' }));
    expect(updated).toMatchObject({ liveVersion: '2', targetVersion: '3', status: 'UPDATING' });
    await client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'prod' }));
    expect(await client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'prod' })))
      .toMatchObject({ status: 'READY', liveVersion: '3', targetVersion: '3' });
    expect(emu.runtime(id)!.version).toBe('3');
  });

  test('default to the latest version; unknown versions and duplicate names are refused', async () => {
    const id = await readyRuntime();
    await bump(id, 'v2');
    const created = await client().send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'canary' }));
    expect(created.targetVersion).toBe('2');
    expect(await caught(() => client().send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'other', agentRuntimeVersion: '9' }))))
      .toBeInstanceOf(ResourceNotFoundException);
    expect((await caught(() => client().send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'canary' })))).name).toBe('ConflictException');
    expect((await caught(() => client().send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'bad-name' })))).name).toBe('ValidationException');
  });

  test('at most 10 endpoints per runtime (DEFAULT included): ServiceQuotaExceededException, HTTP 402', async () => {
    const id = await readyRuntime();
    for (let i = 1; i <= 9; i++) await client().send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: `ep${i}` }));
    const err = await caught(() => client().send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'ep10' })));
    expect(err).toBeInstanceOf(ServiceQuotaExceededException);
    expect(err.$metadata.httpStatusCode).toBe(402);

    const listed = await client().send(new ListAgentRuntimeEndpointsCommand({ agentRuntimeId: id, maxResults: 100 }));
    expect(listed.runtimeEndpoints!.map((e) => e.name)).toEqual(['DEFAULT', 'ep1', 'ep2', 'ep3', 'ep4', 'ep5', 'ep6', 'ep7', 'ep8', 'ep9']);
    expect(listed.runtimeEndpoints![0]).toMatchObject({ status: 'READY', liveVersion: '1' });
    const page = await client().send(new ListAgentRuntimeEndpointsCommand({ agentRuntimeId: id }));
    expect(page.runtimeEndpoints).toHaveLength(10);
    expect(page.nextToken).toBeUndefined();
  });
});

describe('delete ordering', () => {
  test('the runtime cannot be deleted while named endpoints exist; deleting them first unblocks it', async () => {
    const id = await readyRuntime();
    await client().send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'prod' }));
    const refused = await caught(() => client().send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id })));
    expect(refused.name).toBe('ConflictException');
    expect(refused.message).toBe('This agent has endpoints that must be deleted first');

    const deleting = await client().send(new DeleteAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'prod' }));
    expect(deleting).toMatchObject({ status: 'DELETING', agentRuntimeId: id, endpointName: 'prod' });
    // An endpoint still DELETING blocks the runtime's deletion too.
    expect((await caught(() => client().send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id })))).message).toBe('This agent has endpoints that must be deleted first');
    expect(emu.callsTo('DeleteAgentRuntimeEndpoint')[0].clientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect((await client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'prod' }))).status).toBe('DELETING');
    expect(await caught(() => client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'prod' }))))
      .toBeInstanceOf(ResourceNotFoundException);
    expect(Object.keys(emu.runtime(id)!.endpoints)).toEqual(['DEFAULT']);

    expect((await client().send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id }))).status).toBe('DELETING');
  });
});
