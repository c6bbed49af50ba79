import {
  CreateMemoryCommand, DeleteMemoryCommand, GetMemoryCommand, ListTagsForResourceCommand, ResourceNotFoundException,
  ThrottledException, ValidationException, waitUntilMemoryCreated,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { caught, controlClient } from './fixtures';
import { Emulator, startEmulator } from './index';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const client = () => controlClient(emu, 1);

describe('Memory', () => {
  test('Create (POST /memories/create, 202) → CREATING with epoch-second timestamps → ACTIVE → Delete → 404', async () => {
    const before = Date.now();
    const created = await client().send(new CreateMemoryCommand({
      name: 'my_memory',
      eventExpiryDuration: 30,
      memoryStrategies: [{ semanticMemoryStrategy: { name: 'facts', namespaces: ['/facts/{actorId}'] } }, { summaryMemoryStrategy: { name: 'summary' } }],
      tags: { team: 'a' },
    }));
    expect(created.$metadata.httpStatusCode).toBe(202);
    const memory = created.memory!;
    expect(memory).toMatchObject({ name: 'my_memory', eventExpiryDuration: 30, status: 'CREATING' });
    expect(memory.id).toMatch(/^my_memory-[a-zA-Z0-9]{10}$/);
    expect(memory.arn).toBe(`arn:aws:bedrock-agentcore:us-east-1:123456789012:memory/${memory.id}`);
    expect(memory.createdAt).toBeInstanceOf(Date);
    expect(memory.createdAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(memory.strategies!.map((s) => [s.name, s.type, s.namespaces])).toEqual([
      ['facts', 'SEMANTIC', ['/facts/{actorId}']],
      ['summary', 'SUMMARIZATION', ['/strategies/{memoryStrategyId}/actors/{actorId}']],
    ]);
    expect(emu.callsTo('CreateMemory')[0]).toMatchObject({ method: 'POST', path: '/memories/create' });
    expect(emu.memories()).toEqual([expect.objectContaining({ id: memory.id, name: 'my_memory', status: 'CREATING', tags: { team: 'a' } })]);
    expect(emu.memories()[0].config.clientToken).toBeUndefined();

    expect((await client().send(new GetMemoryCommand({ memoryId: memory.id }))).memory!.status).toBe('CREATING');
    expect((await client().send(new GetMemoryCommand({ memoryId: memory.id }))).memory!.status).toBe('ACTIVE');
    expect(emu.callsTo('GetMemory')[0].path).toBe(`/memories/${memory.id}/details`);
    expect((await client().send(new ListTagsForResourceCommand({ resourceArn: memory.arn }))).tags).toEqual({ team: 'a' });

    const deleted = await client().send(new DeleteMemoryCommand({ memoryId: memory.id }));
    expect(deleted).toMatchObject({ memoryId: memory.id, status: 'DELETING' });
    expect(emu.callsTo('DeleteMemory')[0].clientToken).toMatch(/^[0-9a-f-]{36}$/);
    await client().send(new GetMemoryCommand({ memoryId: memory.id }));
    expect(await caught(() => client().send(new GetMemoryCommand({ memoryId: memory.id })))).toBeInstanceOf(ResourceNotFoundException);
    expect(emu.memories()).toEqual([]);
  });

  test('the SDK waiter waitUntilMemoryCreated succeeds on ACTIVE', async () => {
    const fast = await startEmulator({ transitionGets: 0 });
    try {
      const c = controlClient(fast);
      const { memory } = await c.send(new CreateMemoryCommand({ name: 'waited', eventExpiryDuration: 7 }));
      const result = await waitUntilMemoryCreated({ client: c, maxWaitTime: 10 }, { memoryId: memory!.id });
      expect(result.state).toBe('SUCCESS');
    } finally {
      await fast.close();
    }
  });

  test('validation, name conflict and the memory-specific ThrottledException', async () => {
    const range = await caught(() => client().send(new CreateMemoryCommand({ name: 'm', eventExpiryDuration: 2 })));
    expect(range).toBeInstanceOf(ValidationException);
    expect(range.message).toBe("1 validation error detected: Value '2' at 'eventExpiryDuration' failed to satisfy constraint: Member must have value greater than or equal to 3");
    await client().send(new CreateMemoryCommand({ name: 'm', eventExpiryDuration: 3 }));
    expect((await caught(() => client().send(new CreateMemoryCommand({ name: 'm', eventExpiryDuration: 3 })))).name).toBe('ConflictException');
    emu.inject({ operation: 'GetMemory', error: { type: 'ThrottledException' } });
    const throttled = await caught(() => client().send(new GetMemoryCommand({ memoryId: emu.memories()[0].id })));
    expect(throttled).toBeInstanceOf(ThrottledException);
    expect(throttled.$metadata.httpStatusCode).toBe(429);
  });
});
