import {
  CreateAgentRuntimeCommand, CreateAgentRuntimeEndpointCommand, DeleteResourcePolicyCommand, GetResourcePolicyCommand,
  ListTagsForResourceCommand, PutResourcePolicyCommand, ResourceNotFoundException, TagResourceCommand, UntagResourceCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { caught, controlClient, runtimeInput } from './fixtures';
import { useEmulator } from './index';

const emu = useEmulator({ transitionGets: 0 });

const client = () => controlClient(emu, 1);

async function runtimeArn(tags?: Record<string, string>): Promise<string> {
  return (await client().send(new CreateAgentRuntimeCommand(runtimeInput('tagged', { tags })))).agentRuntimeArn!;
}

describe('tags', () => {
  test('Create tags, TagResource (POST /tags/{arn}, 204), UntagResource (DELETE ?tagKeys=…), ListTagsForResource', async () => {
    const arn = await runtimeArn({ 'cdk:stack': 'S1', 'team': 'a' });
    expect(emu.runtime('tagged')!.tags).toEqual({ 'cdk:stack': 'S1', 'team': 'a' });
    expect(emu.runtime('tagged')!.config.tags).toBeUndefined();

    const tagged = await client().send(new TagResourceCommand({ resourceArn: arn, tags: { team: 'b', env: 'prod' } }));
    expect(tagged.$metadata.httpStatusCode).toBe(204);
    const tagCall = emu.callsTo('TagResource')[0];
    expect(tagCall).toMatchObject({ method: 'POST', path: `/tags/${encodeURIComponent(arn)}`, body: { tags: { team: 'b', env: 'prod' } } });

    const untagged = await client().send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['cdk:stack', 'env'] }));
    expect(untagged.$metadata.httpStatusCode).toBe(204);
    expect(emu.callsTo('UntagResource')[0]).toMatchObject({ method: 'DELETE', query: { tagKeys: 'cdk:stack,env' } });

    const listed = await client().send(new ListTagsForResourceCommand({ resourceArn: arn }));
    expect(listed.tags).toEqual({ team: 'b' });
    expect(emu.runtime('tagged')!.tags).toEqual({ team: 'b' });
  });

  test('endpoint ARNs are taggable; unknown ARNs are ResourceNotFoundException; bad tags are ValidationException', async () => {
    const arn = await runtimeArn();
    const id = emu.runtime('tagged')!.agentRuntimeId;
    const ep = await client().send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'prod', tags: { tier: 'gold' } }));
    expect((await client().send(new ListTagsForResourceCommand({ resourceArn: ep.agentRuntimeEndpointArn }))).tags).toEqual({ tier: 'gold' });
    const missing = await caught(() => client().send(new ListTagsForResourceCommand({ resourceArn: arn.replace(id, 'other-AbCdEf1234') })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    const bad = await caught(() => client().send(new TagResourceCommand({ resourceArn: arn, tags: { 'bad*key': 'v' } })));
    expect(bad).toBeInstanceOf(ValidationException);
    expect(bad.message).toContain('Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z0-9\\s._:/=+@-]*]');
  });
});

describe('resource policies', () => {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'bedrock-agentcore:InvokeAgentRuntime', Resource: '*' }],
  });

  test('Put (201) / Get (200) / Delete (204), then Get is ResourceNotFoundException', async () => {
    const arn = await runtimeArn();
    const put = await client().send(new PutResourcePolicyCommand({ resourceArn: arn, policy }));
    expect(put.$metadata.httpStatusCode).toBe(201);
    expect(put.policy).toBe(policy);
    expect(emu.callsTo('PutResourcePolicy')[0]).toMatchObject({ method: 'PUT', path: `/resourcepolicy/${encodeURIComponent(arn)}` });
    expect(emu.runtime('tagged')!.resourcePolicy).toBe(policy);

    expect((await client().send(new GetResourcePolicyCommand({ resourceArn: arn }))).policy).toBe(policy);
    const deleted = await client().send(new DeleteResourcePolicyCommand({ resourceArn: arn }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(emu.runtime('tagged')!.resourcePolicy).toBeUndefined();
    expect(await caught(() => client().send(new GetResourcePolicyCommand({ resourceArn: arn })))).toBeInstanceOf(ResourceNotFoundException);
  });

  test('a policy that is not JSON is a ValidationException', async () => {
    const arn = await runtimeArn();
    const err = await caught(() => client().send(new PutResourcePolicyCommand({ resourceArn: arn, policy: '{not json' })));
    expect(err).toBeInstanceOf(ValidationException);
    expect(emu.runtime('tagged')!.resourcePolicy).toBeUndefined();
  });
});
