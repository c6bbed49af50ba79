import {
  BedrockAgentCoreControlClient, CreateAgentRuntimeCommand, DeleteAgentRuntimeCommand, GetAgentRuntimeCommand, ListAgentRuntimesCommand,
  ListAgentRuntimeVersionsCommand, ResourceNotFoundException, UpdateAgentRuntimeCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { caught, controlClient, IMAGE, ROLE_ARN, runtimeInput } from './fixtures';
import { Emulator, startEmulator } from './index';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

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
