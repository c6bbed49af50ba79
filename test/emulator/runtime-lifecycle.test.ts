import {
  BedrockAgentCoreControlClient, CreateAgentRuntimeCommand, DeleteAgentRuntimeCommand, GetAgentRuntimeCommand, ListAgentRuntimesCommand,
  ListAgentRuntimeVersionsCommand, ResourceNotFoundException, UpdateAgentRuntimeCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { caught, controlClient, IMAGE, ROLE_ARN, runtimeInput } from './fixtures';
import { startEmulator, useEmulator } from './index';

const ARTIFACT = { containerConfiguration: { containerUri: IMAGE } };
const emu = useEmulator();

describe('CreateAgentRuntime → READY', () => {
  test('answers 202 CREATING with the id/ARN formats of the service, then READY after one transitional Get', async () => {
    const client = controlClient(emu);
    const created = await client.send(new CreateAgentRuntimeCommand(runtimeInput('my_agent')));

    expect(created.$metadata.httpStatusCode).toBe(202);
    expect(created.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.agentRuntimeId).toMatch(/^my_agent-[a-zA-Z0-9]{10}$/);
    expect(created.agentRuntimeArn).toBe(`arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/${created.agentRuntimeId}`);
    expect(created.agentRuntimeVersion).toBe('1');
    expect(created.status).toBe('CREATING');
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.workloadIdentityDetails?.workloadIdentityArn).toBe(
      `arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/${created.agentRuntimeId}`);

    const first = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: created.agentRuntimeId }));
    expect(first.status).toBe('CREATING');
    const second = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: created.agentRuntimeId }));
    expect(second.$metadata.httpStatusCode).toBe(200);
    expect(second).toMatchObject({
      status: 'READY',
      agentRuntimeName: 'my_agent',
      agentRuntimeVersion: '1',
      roleArn: ROLE_ARN,
      agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE } },
      networkConfiguration: { networkMode: 'PUBLIC' },
      protocolConfiguration: { serverProtocol: 'HTTP' },
      environmentVariables: { LOG_LEVEL: 'info' },
      lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 },
    });
    expect(second.lastUpdatedAt).toBeInstanceOf(Date);

    const record = emu.runtime('my_agent')!;
    expect(record.agentRuntimeId).toBe(created.agentRuntimeId);
    expect(record.statusHistory).toEqual(['CREATING', 'READY']);
    expect(record.config.roleArn).toBe(ROLE_ARN);
    expect(record.config.clientToken).toBeUndefined();
    expect(emu.callsTo('CreateAgentRuntime')).toHaveLength(1);
    expect(emu.callsTo('CreateAgentRuntime')[0]).toMatchObject({ method: 'PUT', path: '/runtimes/', status: 202 });
    expect(emu.callsTo('CreateAgentRuntime')[0].clientToken).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('lifecycle defaults are reported when the request omits them; a short maxLifetime caps the idle timeout', async () => {
    const client = controlClient(emu);
    const a = await client.send(new CreateAgentRuntimeCommand(runtimeInput('a_agent', { lifecycleConfiguration: undefined })));
    const b = await client.send(new CreateAgentRuntimeCommand(runtimeInput('b_agent', { lifecycleConfiguration: { maxLifetime: 600 } })));
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: a.agentRuntimeId }))).lifecycleConfiguration)
      .toEqual({ idleRuntimeSessionTimeout: 900, maxLifetime: 28800 });
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: b.agentRuntimeId }))).lifecycleConfiguration)
      .toEqual({ idleRuntimeSessionTimeout: 600, maxLifetime: 600 });
  });

  test('transitionGets: 0 settles on the first Get, 3 needs four Gets', async () => {
    const fast = await startEmulator({ transitionGets: 0 });
    const slow = await startEmulator({ transitionGets: 3, region: 'eu-west-1', account: '210987654321' });
    try {
      const f = controlClient(fast);
      const { agentRuntimeId: fid } = await f.send(new CreateAgentRuntimeCommand(runtimeInput()));
      expect((await f.send(new GetAgentRuntimeCommand({ agentRuntimeId: fid }))).status).toBe('READY');

      const s = controlClient(slow);
      const created = await s.send(new CreateAgentRuntimeCommand(runtimeInput()));
      expect(created.agentRuntimeArn).toMatch(/^arn:aws:bedrock-agentcore:eu-west-1:210987654321:runtime\/my_agent-/);
      const seen = [];
      for (let i = 0; i < 4; i++) seen.push((await s.send(new GetAgentRuntimeCommand({ agentRuntimeId: created.agentRuntimeId }))).status);
      expect(seen).toEqual(['CREATING', 'CREATING', 'CREATING', 'READY']);
    } finally {
      await fast.close();
      await slow.close();
    }
  });

  test('the endpoint can be set through AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL', async () => {
    const previous = process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL;
    process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL = emu.endpoint;
    try {
      const client = new BedrockAgentCoreControlClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
      const created = await client.send(new CreateAgentRuntimeCommand(runtimeInput('env_agent')));
      expect(created.agentRuntimeId).toMatch(/^env_agent-/);
      expect(emu.runtimes().map((r) => r.agentRuntimeName)).toEqual(['env_agent']);
    } finally {
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL;
      else process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL = previous;
    }
  });
});

/** Creates a runtime and polls it to READY; returns its id. */
async function readyRuntime(name = 'my_agent', input = runtimeInput(name)): Promise<string> {
  const client = controlClient(emu);
  const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand(input));
  for (let i = 0; i < 5; i++) {
    if ((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }))).status === 'READY') return agentRuntimeId!;
  }
  throw new Error('runtime did not become READY');
}

describe('UpdateAgentRuntime', () => {
  test('creates version N+1 with the complete new config; omitted optional members are not set in it', async () => {
    const client = controlClient(emu);
    const id = await readyRuntime();
    const updated = await client.send(new UpdateAgentRuntimeCommand({
      agentRuntimeId: id,
      agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE.replace(':v1', ':v2') } },
      roleArn: ROLE_ARN,
      description: 'second',
    }));
    expect(updated.$metadata.httpStatusCode).toBe(202);
    expect(updated).toMatchObject({ agentRuntimeId: id, agentRuntimeVersion: '2', status: 'UPDATING' });
    expect(updated.lastUpdatedAt!.getTime()).toBeGreaterThanOrEqual(updated.createdAt!.getTime());

    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).status).toBe('UPDATING');
    const latest = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
    expect(latest).toMatchObject({ status: 'READY', agentRuntimeVersion: '2', description: 'second' });
    expect(latest.agentRuntimeArtifact).toEqual({ containerConfiguration: { containerUri: IMAGE.replace(':v1', ':v2') } });
    expect(latest.environmentVariables).toBeUndefined();
    expect(latest.networkConfiguration).toBeUndefined();
    expect(latest.lifecycleConfiguration).toEqual({ idleRuntimeSessionTimeout: 900, maxLifetime: 28800 });

    const v1 = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeVersion: '1' }));
    expect(v1).toMatchObject({ agentRuntimeVersion: '1', status: 'READY', environmentVariables: { LOG_LEVEL: 'info' } });
    expect(emu.callsTo('GetAgentRuntime').at(-1)!.query).toEqual({ version: '1' });

    const record = emu.runtime(id)!;
    expect(record.version).toBe('2');
    expect(Object.keys(record.versions)).toEqual(['1', '2']);
    expect(record.versions['2']).toEqual({
      agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE.replace(':v1', ':v2') } },
      roleArn: ROLE_ARN,
      description: 'second',
    });
    expect(record.statusHistory).toEqual(['CREATING', 'READY', 'UPDATING', 'READY']);
  });

  test('is refused with ConflictException while the runtime is CREATING', async () => {
    const client = controlClient(emu);
    const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand(runtimeInput()));
    const err = await caught(() => client.send(new UpdateAgentRuntimeCommand({
      agentRuntimeId, agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE } }, roleArn: ROLE_ARN,
    })));
    expect(err.name).toBe('ConflictException');
    expect(err.$metadata.httpStatusCode).toBe(409);
    expect(err.message).toContain('CREATING');
    expect(emu.runtime(agentRuntimeId!)!.version).toBe('1');
  });

  test('an unknown runtime answers ResourceNotFoundException', async () => {
    const err = await caught(() => controlClient(emu).send(new UpdateAgentRuntimeCommand({
      agentRuntimeId: 'nobody-AbCdEf1234', agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE } }, roleArn: ROLE_ARN,
    })));
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.$metadata.httpStatusCode).toBe(404);
  });
});

describe('name uniqueness', () => {
  test('a second runtime with the same name is a ConflictException with the service wording', async () => {
    const client = controlClient(emu);
    await client.send(new CreateAgentRuntimeCommand(runtimeInput('dup_agent')));
    const err = await caught(() => client.send(new CreateAgentRuntimeCommand(runtimeInput('dup_agent'))));
    expect(err.name).toBe('ConflictException');
    expect(err.message).toBe("Runtime name 'dup_agent' already exists or was recently deleted");
    expect(emu.runtimes()).toHaveLength(1);
  });
});

describe('DeleteAgentRuntime', () => {
  test('READY → DELETING → gone: Get answers 404 ResourceNotFoundException afterwards', async () => {
    const client = controlClient(emu);
    const id = await readyRuntime();
    const deleted = await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    expect(deleted).toMatchObject({ status: 'DELETING', agentRuntimeId: id });
    expect(emu.callsTo('DeleteAgentRuntime')[0].clientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(emu.callsTo('DeleteAgentRuntime')[0].query.clientToken).toBe(emu.callsTo('DeleteAgentRuntime')[0].clientToken);

    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).status).toBe('DELETING');
    const err = await caught(() => client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id })));
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.$metadata.httpStatusCode).toBe(404);
    expect(emu.runtimes()).toEqual([]);
    expect(emu.runtime(id)).toBeUndefined();
    // the name is free again
    await client.send(new CreateAgentRuntimeCommand(runtimeInput()));
    expect(emu.runtimes()).toHaveLength(1);
  });

  test('is refused with ConflictException while CREATING; a repeated Delete while DELETING is accepted', async () => {
    const client = controlClient(emu);
    const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand(runtimeInput()));
    const err = await caught(() => client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId })));
    expect(err.name).toBe('ConflictException');
    await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }));
    await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }));
    await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId }));
    const again = await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId }));
    expect(again.status).toBe('DELETING');
    expect(emu.runtime(agentRuntimeId!)!.statusHistory).toEqual(['CREATING', 'READY', 'DELETING']);
  });

  test('?version= deletes one version only; the latest version cannot be deleted', async () => {
    const client = controlClient(emu);
    const id = await readyRuntime();
    await client.send(new UpdateAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeArtifact: ARTIFACT, roleArn: ROLE_ARN }));
    await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
    await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));

    const latest = await caught(() => client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeVersion: '2' })));
    expect(latest.name).toBe('ConflictException');
    const one = await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeVersion: '1' }));
    expect(one).toMatchObject({ status: 'DELETING', agentRuntimeId: id, agentRuntimeVersion: '1' });
    expect(Object.keys(emu.runtime(id)!.versions)).toEqual(['2']);
    expect(emu.runtime(id)!.status).toBe('READY');
    const gone = await caught(() => client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeVersion: '1' })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('ListAgentRuntimes / ListAgentRuntimeVersions', () => {
  test('pages with maxResults/nextToken (POST, query parameters) and reports summaries', async () => {
    const client = controlClient(emu);
    for (const name of ['a_1', 'a_2', 'a_3']) await client.send(new CreateAgentRuntimeCommand(runtimeInput(name, { description: `d ${name}` })));
    const page1 = await client.send(new ListAgentRuntimesCommand({ maxResults: 2 }));
    expect(page1.agentRuntimes!.map((r) => r.agentRuntimeName)).toEqual(['a_1', 'a_2']);
    expect(page1.agentRuntimes![0]).toMatchObject({ agentRuntimeVersion: '1', status: 'CREATING', description: 'd a_1' });
    expect(page1.nextToken).toBeTruthy();
    const page2 = await client.send(new ListAgentRuntimesCommand({ maxResults: 2, nextToken: page1.nextToken }));
    expect(page2.agentRuntimes!.map((r) => r.agentRuntimeName)).toEqual(['a_3']);
    expect(page2.nextToken).toBeUndefined();
    const call = emu.callsTo('ListAgentRuntimes')[1];
    expect(call).toMatchObject({ method: 'POST', path: '/runtimes/', body: undefined, query: { maxResults: '2', nextToken: page1.nextToken } });

    const bad = await caught(() => client.send(new ListAgentRuntimesCommand({ nextToken: 'garbage' })));
    expect(bad.name).toBe('ValidationException');
  });

  test('lists versions newest first', async () => {
    const client = controlClient(emu);
    const id = await readyRuntime();
    await client.send(new UpdateAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeArtifact: ARTIFACT, roleArn: ROLE_ARN }));
    const versions = await client.send(new ListAgentRuntimeVersionsCommand({ agentRuntimeId: id }));
    expect(versions.agentRuntimes!.map((v) => [v.agentRuntimeVersion, v.status])).toEqual([['2', 'UPDATING'], ['1', 'READY']]);
    const missing = await caught(() => client.send(new ListAgentRuntimeVersionsCommand({ agentRuntimeId: 'nobody-AbCdEf1234' })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('test controls', () => {
  test('scriptStatus before creation drives the Gets, with failureReason on CREATE_FAILED; the last status sticks', async () => {
    const client = controlClient(emu);
    emu.scriptStatus('agent_a', ['CREATING', 'CREATING', 'CREATE_FAILED'], 'Container image not found');
    const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand(runtimeInput('agent_a')));
    const seen = [];
    for (let i = 0; i < 4; i++) {
      const got = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }));
      seen.push(`${got.status}:${got.failureReason ?? ''}`);
    }
    expect(seen).toEqual(['CREATING:', 'CREATING:', 'CREATE_FAILED:Container image not found', 'CREATE_FAILED:Container image not found']);
    // a Delete after the script was used up falls back to the default machine
    await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId }));
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }))).status).toBe('DELETING');
    expect(await caught(() => client.send(new GetAgentRuntimeCommand({ agentRuntimeId })))).toBeInstanceOf(ResourceNotFoundException);
  });

  test('a timed step is reported for a span of emulator time ("CREATING for 90 s"), whatever the number of Gets', async () => {
    let now = 0;
    const timed = await startEmulator({ clock: () => now });
    try {
      const c = controlClient(timed, 1);
      timed.scriptStatus('agent_t', [{ status: 'CREATING', forMs: 90_000 }, 'READY']);
      const { agentRuntimeId } = await c.send(new CreateAgentRuntimeCommand(runtimeInput('agent_t')));
      const status = async () => (await c.send(new GetAgentRuntimeCommand({ agentRuntimeId }))).status;
      expect([await status(), await status(), await status()]).toEqual(['CREATING', 'CREATING', 'CREATING']);
      now = 89_999;
      expect(await status()).toBe('CREATING');
      now = 90_000;
      expect([await status(), await status()]).toEqual(['READY', 'READY']);
    } finally {
      await timed.close();
    }
  });

  test('a script set before Delete drives DELETE_FAILED; a second Delete then succeeds; DELETED removes the runtime', async () => {
    const client = controlClient(emu);
    const id = await readyRuntime();
    emu.scriptStatus(id, ['DELETING', 'DELETE_FAILED'], 'Z');
    await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id }));
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).status).toBe('DELETING');
    expect(await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).toMatchObject({ status: 'DELETE_FAILED', failureReason: 'Z' });
    emu.scriptStatus(id, ['DELETING', 'DELETED']);
    await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id }));
    await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
    expect(await caught(() => client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id })))).toBeInstanceOf(ResourceNotFoundException);
    expect(emu.runtimes()).toEqual([]);
  });

  test('a script on a READY runtime applies from the next Get; UPDATE_FAILED can be updated again', async () => {
    const client = controlClient(emu);
    const id = await readyRuntime();
    emu.scriptStatus(id, ['READY', 'UPDATING', 'UPDATE_FAILED'], 'Y');
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).status).toBe('READY');
    await client.send(new UpdateAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeArtifact: ARTIFACT, roleArn: ROLE_ARN }));
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).status).toBe('UPDATING');
    expect(await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).toMatchObject({ status: 'UPDATE_FAILED', failureReason: 'Y' });
    // UPDATE_FAILED can be updated again (rollback); the used-up script gives way to the default machine
    await client.send(new UpdateAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeArtifact: ARTIFACT, roleArn: ROLE_ARN }));
    await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).status).toBe('READY');
    expect(emu.runtime(id)!.statusHistory).toEqual(['CREATING', 'READY', 'UPDATING', 'UPDATE_FAILED', 'UPDATING', 'READY']);
    expect(emu.runtime(id)!.version).toBe('3');
  });

  test('runtime()/runtimes() are detached snapshots', async () => {
    const id = await readyRuntime();
    const snap = emu.runtime(id)!;
    snap.tags.injected = 'x';
    snap.config.roleArn = 'changed';
    expect(emu.runtime(id)!.tags).toEqual({});
    expect(emu.runtime(id)!.config.roleArn).toBe(ROLE_ARN);
    expect(Object.keys(snap).sort()).toEqual([
      'agentRuntimeArn', 'agentRuntimeId', 'agentRuntimeName', 'config', 'endpoints', 'statusHistory', 'status', 'tags', 'version', 'versions',
    ].sort());
  });

  test('seedRuntime adds a READY runtime with tags; deleteOutOfBand removes it', async () => {
    const client = controlClient(emu);
    const seeded = emu.seedRuntime({ agentRuntimeName: 'foreign', tags: { owner: 'someone-else' } });
    expect(seeded).toMatchObject({ status: 'READY', version: '1', tags: { owner: 'someone-else' } });
    const got = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: seeded.agentRuntimeId }));
    expect(got).toMatchObject({ status: 'READY', agentRuntimeName: 'foreign', roleArn: 'arn:aws:iam::123456789012:role/SeededRuntimeRole' });
    const conflict = await caught(() => client.send(new CreateAgentRuntimeCommand(runtimeInput('foreign'))));
    expect(conflict.name).toBe('ConflictException');
    emu.deleteOutOfBand('foreign');
    const gone = await caught(() => client.send(new GetAgentRuntimeCommand({ agentRuntimeId: seeded.agentRuntimeId })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
  });
});
