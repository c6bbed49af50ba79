/**
 * `Custom::BedrockAgentCoreResourcePolicy` (the resource-based policy of a named endpoint added with `addEndpoint()`),
 * driven like rollouts.test.ts: the bundled provider behind the real aws-cdk-lib Provider framework runtime (same
 * provider, same handlers as the runtime), against the emulator's control plane over HTTP. The endpoints are created
 * out of band, as the native `AWS::BedrockAgentCore::RuntimeEndpoint` resources are. Every scenario ends with the
 * invariants I1–I6 (`finish`), plus: the handlers never call GetResourcePolicy or ListAgentRuntimeVersions.
 */
import {
  BedrockAgentCoreControlClient, CreateAgentRuntimeEndpointCommand, DeleteAgentRuntimeEndpointCommand, GetAgentRuntimeEndpointCommand,
  GetResourcePolicyCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import type { Emulator } from '../emulator';
import {
  CfnDriver, CREATE_FAILED_MARKER, expectInvariants, FrameworkDriver, invokeLambda, LogCapture, newRequestId, props, ProviderModule,
  RESOURCE_POLICY_TYPE, RESPONSE_URL, STACK_ID,
  useProviderSuite,
} from './harness';

jest.setTimeout(20_000);

let emu: Emulator;
let provider: ProviderModule;
let fw: FrameworkDriver;
let runtimes: CfnDriver;
let policies: CfnDriver;
let logs: LogCapture;
/** GetResourcePolicy calls made by the tests themselves (to read the emulator's state). */
let testReads: number;

/** An account that only the policies name: no log line or Reason may contain it. */
const PARTNER = '210987654321';
const SID = 'PartnerInvokeSid7f3a';
const STATEMENT = { Sid: SID, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'bedrock-agentcore:InvokeAgentRuntime' };
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [STATEMENT] });
const SERVICE_TOKEN = 'arn:aws:lambda:us-east-1:123456789012:function:AgentStack-Framework-onEvent';

const suite = useProviderSuite();
beforeEach(() => {
  ({ emu, provider, fw, logs } = suite);
  runtimes = new CfnDriver(fw);
  policies = new CfnDriver(fw, 'ProdPolicy', RESOURCE_POLICY_TYPE);
  testReads = 0;
});

function finish(expectedNames: string[]): void {
  logs.stop();
  expectInvariants(emu, fw, logs.lines, expectedNames);
  for (const r of fw.responses) {
    expect(r.Reason).not.toContain(PARTNER);
    expect(r.Reason).not.toContain(SID);
  }
  for (const line of logs.lines) {
    expect(line).not.toContain(PARTNER);
    expect(line).not.toContain(SID);
  }
  // The handlers never read policies or list versions (the construct can drop those grants).
  expect(emu.callsTo('GetResourcePolicy')).toHaveLength(testReads);
  expect(emu.callsTo('ListAgentRuntimeVersions')).toHaveLength(0);
}

function client(): BedrockAgentCoreControlClient {
  return new BedrockAgentCoreControlClient({ region: emu.region, endpoint: emu.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
}

/** The policy attached to an ARN (parsed), or undefined when it has none (or the resource does not exist). */
async function policyOf(arn: string): Promise<any> {
  testReads++;
  try {
    return JSON.parse((await client().send(new GetResourcePolicyCommand({ resourceArn: arn }))).policy!);
  } catch (e: any) {
    if (e.name === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

/** A runtime created through the provider, and a READY named endpoint created out of band; returns their ARNs. */
async function runtimeWithEndpoint(...names: string[]): Promise<{ id: string; runtimeArn: string; endpointArns: string[] }> {
  const r = await runtimes.create(props());
  expect(r?.Status).toBe('SUCCESS');
  const id = r!.PhysicalResourceId;
  const endpointArns: string[] = [];
  for (const name of names) {
    const created = await client().send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name, agentRuntimeVersion: '1' }));
    for (let i = 0; i < 3 && emu.runtime(id)!.endpoints[name].status !== 'READY'; i++) {
      await client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: name }));
    }
    expect(emu.runtime(id)!.endpoints[name].status).toBe('READY');
    endpointArns.push(created.agentRuntimeEndpointArn!);
  }
  return { id, runtimeArn: emu.runtime(id)!.agentRuntimeArn, endpointArns };
}

/** Delete an endpoint out of band and wait until it is gone. */
async function removeEndpoint(id: string, name: string): Promise<void> {
  await client().send(new DeleteAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: name }));
  for (let i = 0; i < 3 && emu.runtime(id)!.endpoints[name]; i++) {
    await client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: name })).catch(() => undefined);
  }
  expect(emu.runtime(id)!.endpoints[name]).toBeUndefined();
}

function policyProps(arn: string, policy: unknown = POLICY): Record<string, unknown> {
  return { ServiceToken: SERVICE_TOKEN, ResourceArn: arn, Policy: policy };
}

/** A CloudFormation event for the policy type, for invoking a handler directly (without the framework). */
function rawEvent(requestType: string, physicalId: string, p: Record<string, unknown>): Record<string, unknown> {
  return {
    RequestType: requestType,
    ResourceType: RESOURCE_POLICY_TYPE,
    ServiceToken: SERVICE_TOKEN,
    ResponseURL: RESPONSE_URL,
    StackId: STACK_ID,
    RequestId: newRequestId(),
    LogicalResourceId: 'ProdPolicy',
    PhysicalResourceId: physicalId,
    ResourceProperties: p,
  };
}

/** The operations the emulator received since `from` (an index into emu.calls). */
function operationsSince(from: number): string[] {
  return emu.calls.slice(from).map((c) => c.operation);
}

/** The PutResourcePolicy calls for exactly this ARN. */
function putsTo(arn: string) {
  return emu.callsTo('PutResourcePolicy').filter((c) => decodeURIComponent(c.path) === `/resourcepolicy/${arn}`);
}

describe('create and update', () => {
  it('P1 create puts the policy on the endpoint with Resource = the endpoint ARN; one isComplete, no Data, no waiting', async () => {
    const { runtimeArn, endpointArns: [prod] } = await runtimeWithEndpoint('prod');
    const before = emu.calls.length;
    // A Resource / NotResource in the input is replaced (the same rule as the runtime's ResourcePolicy).
    const given = JSON.stringify({ Statement: [{ ...STATEMENT, Resource: '*' }, { ...STATEMENT, Sid: `${SID}2`, NotResource: 'arn:x' }] });
    const r = await policies.create(policyProps(prod, given));
    expect(r).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: prod });
    expect(Object.keys(r!.Data ?? {})).toEqual([]);
    expect(fw.isCompleteCalls.get(r!.RequestId)).toBe(1);
    expect(operationsSince(before)).toEqual(['PutResourcePolicy']);
    expect(putsTo(prod)).toHaveLength(1);
    const expected = {
      Version: '2012-10-17',
      Statement: [{ ...STATEMENT, Resource: prod }, { ...STATEMENT, Sid: `${SID}2`, Resource: prod }],
    };
    expect(JSON.parse(putsTo(prod)[0].body.policy)).toEqual(expected);
    expect(await policyOf(prod)).toEqual(expected);
    // Only the endpoint: the runtime (created without ResourcePolicy) has none.
    expect(await policyOf(runtimeArn)).toBeUndefined();
    finish(['agent_a']);
  });

  it('P1 a runtime ARN is accepted too (Resource = the runtime ARN)', async () => {
    const { runtimeArn } = await runtimeWithEndpoint();
    const r = await policies.create(policyProps(runtimeArn));
    expect(r).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: runtimeArn });
    expect((await policyOf(runtimeArn)).Statement[0].Resource).toBe(runtimeArn);
    finish(['agent_a']);
  });

  it('P2 update with a changed policy puts the new one (same physical id); P3 an unchanged one makes no call', async () => {
    const { endpointArns: [prod] } = await runtimeWithEndpoint('prod');
    const p1 = policyProps(prod);
    expect((await policies.create(p1))?.Status).toBe('SUCCESS');

    const changed = JSON.stringify({ Version: '2012-10-17', Statement: [{ ...STATEMENT, Effect: 'Deny' }] });
    const p2 = policyProps(prod, changed);
    let before = emu.calls.length;
    const u = await policies.update(prod, p2, p1);
    expect(u).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: prod });
    expect(operationsSince(before)).toEqual(['PutResourcePolicy']);
    expect(await policyOf(prod)).toEqual({ Version: '2012-10-17', Statement: [{ ...STATEMENT, Effect: 'Deny', Resource: prod }] });

    // Unchanged: same document with another key order (and another ServiceToken): no call at all.
    const reordered = JSON.stringify({ Statement: [{ Action: STATEMENT.Action, Principal: STATEMENT.Principal, Effect: 'Deny', Sid: SID }], Version: '2012-10-17' });
    const p3 = { ...policyProps(prod, reordered), ServiceToken: `${SERVICE_TOKEN}2` };
    before = emu.calls.length;
    expect(await policies.update(prod, p3, p2)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: prod });
    expect(operationsSince(before)).toEqual([]);
    expect(emu.callsTo('PutResourcePolicy')).toHaveLength(2);
    finish(['agent_a']);
  });

  it('P2 an old Policy that is not valid counts as changed (put again)', async () => {
    const { endpointArns: [prod] } = await runtimeWithEndpoint('prod');
    const before = emu.calls.length;
    expect(await policies.update(prod, policyProps(prod), policyProps(prod, '{oops'))).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: prod });
    expect(operationsSince(before)).toEqual(['PutResourcePolicy']);
    finish(['agent_a']);
  });

  it('P4 a changed ResourceArn is a replacement: new physical id, the cleanup Delete removes the old policy', async () => {
    const { endpointArns: [prod, canary] } = await runtimeWithEndpoint('prod', 'canary');
    const p1 = policyProps(prod);
    expect((await policies.create(p1))?.PhysicalResourceId).toBe(prod);

    // Same policy, other endpoint: still a put (on the new ARN only).
    const p2 = policyProps(canary);
    let before = emu.calls.length;
    const u = await policies.update(prod, p2, p1);
    expect(u).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: canary });
    expect(operationsSince(before)).toEqual(['PutResourcePolicy']);
    expect(putsTo(canary)).toHaveLength(1);
    expect((await policyOf(canary)).Statement[0].Resource).toBe(canary);
    expect((await policyOf(prod)).Statement[0].Resource).toBe(prod);

    // CloudFormation's cleanup: Delete with the old physical id and the old properties.
    before = emu.calls.length;
    expect(await policies.delete(prod, p1)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: prod });
    expect(operationsSince(before)).toEqual(['DeleteResourcePolicy']);
    expect(decodeURIComponent(emu.callsTo('DeleteResourcePolicy')[0].path)).toBe(`/resourcepolicy/${prod}`);
    expect(await policyOf(prod)).toBeUndefined();
    expect((await policyOf(canary)).Statement[0].Resource).toBe(canary);
    finish(['agent_a']);
  });

  it('P5 throttling, 5xx and ConflictException on PutResourcePolicy are retried', async () => {
    const { endpointArns: [prod] } = await runtimeWithEndpoint('prod');
    emu.inject({ operation: 'PutResourcePolicy', times: 1, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    emu.inject({ operation: 'PutResourcePolicy', times: 1, error: { type: 'InternalServerException', message: 'boom' } });
    emu.inject({ operation: 'PutResourcePolicy', times: 1, error: { type: 'ConflictException', message: 'endpoint busy' } });
    const r = await policies.create(policyProps(prod));
    expect(r).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: prod });
    expect(emu.callsTo('PutResourcePolicy').map((c) => c.status)).toEqual([429, 500, 409, 201]);
    expect((await policyOf(prod)).Statement[0].Resource).toBe(prod);
    finish(['agent_a']);
  });

  it('P5 a PutResourcePolicy the service refuses fails the request naming the call; the Reason stays short and value-free', async () => {
    const { endpointArns: [prod] } = await runtimeWithEndpoint('prod');
    emu.inject({ operation: 'PutResourcePolicy', times: 1, error: { type: 'ValidationException', message: `Invalid policy ${'x'.repeat(6000)}` } });
    const r = await policies.create(policyProps(prod));
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain('PutResourcePolicy failed: ValidationException: Invalid policy');
    expect(r!.bytes).toBeLessThanOrEqual(4096);
    expect(emu.callsTo('PutResourcePolicy')).toHaveLength(1);
    finish(['agent_a']);
  });
});

describe('validation', () => {
  it('P6 an invalid Policy or ResourceArn fails before any call, naming the property, never echoing the value', async () => {
    const { id, endpointArns: [prod] } = await runtimeWithEndpoint('prod');
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [policyProps(prod, `{"Statement": [${JSON.stringify(STATEMENT)}`), /Policy must be valid JSON/],
      [policyProps(prod, JSON.stringify({ Version: '2012-10-17' })), /Policy must be a JSON policy document/],
      [policyProps(prod, JSON.stringify({ Statement: [{ ...STATEMENT, Effect: 'Maybe' }] })), /Policy must be a JSON policy document/],
      [policyProps(prod, JSON.stringify({ Statement: [{ Sid: SID, Effect: 'Allow', Action: 'x' }] })), /Policy must be a JSON policy document/],
      [policyProps(prod, JSON.stringify({ Statement: [STATEMENT], Pad: `${PARTNER}`.repeat(2100) })), /Policy must be at most 20480 characters/],
      [policyProps(prod, ''), /Policy is required/],
      [{ ServiceToken: SERVICE_TOKEN, Policy: POLICY }, /ResourceArn is required/],
      [policyProps(`arn:aws:bedrock-agentcore:us-east-1:${PARTNER}:memory/mem_a-AbCdEf1234`), /ResourceArn must be the ARN of an AgentCore runtime or runtime endpoint/],
      [policyProps(`${prod}/extra`), /ResourceArn must be the ARN of an AgentCore runtime or runtime endpoint/],
      [policyProps(id), /ResourceArn must be the ARN/],
    ];
    for (const [p, message] of bad) {
      const before = emu.calls.length;
      const r = await policies.create(p);
      expect(r?.Status).toBe('FAILED');
      expect(r!.Reason).toMatch(message);
      expect(r!.PhysicalResourceId).toBe(CREATE_FAILED_MARKER);
      expect(emu.calls.length).toBe(before);
    }
    // Both properties wrong: both named in one answer.
    const both = await policies.create({ ServiceToken: SERVICE_TOKEN, ResourceArn: 'not-an-arn', Policy: '[1]' });
    expect(both!.Reason).toMatch(/ResourceArn must be .*; Policy must be a JSON policy document/);
    expect(both!.Reason).not.toContain('not-an-arn');

    // Update: FAILED with the physical id kept, no call.
    const created = await policies.create(policyProps(prod));
    const before = emu.calls.length;
    const u = await policies.update(prod, policyProps(prod, '{oops'), policyProps(prod));
    expect(u).toMatchObject({ Status: 'FAILED', PhysicalResourceId: created!.PhysicalResourceId });
    expect(u!.Reason).toContain('Policy must be valid JSON');
    expect(emu.calls.length).toBe(before);
    finish(['agent_a']);
  });
});

describe('delete', () => {
  it('P7 delete removes the policy (the endpoint stays); a repeated delete (policy already gone) succeeds', async () => {
    const { id, endpointArns: [prod] } = await runtimeWithEndpoint('prod');
    const p = policyProps(prod);
    await policies.create(p);
    let before = emu.calls.length;
    expect(await policies.delete(prod, p)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: prod });
    expect(operationsSince(before)).toEqual(['DeleteResourcePolicy']);
    expect(await policyOf(prod)).toBeUndefined();
    expect(emu.runtime(id)!.endpoints.prod.status).toBe('READY');

    before = emu.calls.length;
    expect(await policies.delete(prod, p)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: prod });
    expect(operationsSince(before)).toEqual(['DeleteResourcePolicy']);
    expect(emu.calls[emu.calls.length - 1].errorType).toBe('ResourceNotFoundException');
    finish(['agent_a']);
  });

  it('P8 delete after the endpoint (or the whole runtime) was deleted succeeds', async () => {
    const { id, endpointArns: [prod, canary] } = await runtimeWithEndpoint('prod', 'canary');
    const canaryPolicies = new CfnDriver(fw, 'CanaryPolicy', policies.resourceType);
    await policies.create(policyProps(prod));
    await canaryPolicies.create(policyProps(canary));
    await removeEndpoint(id, 'prod');
    expect(await policies.delete(prod, policyProps(prod))).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: prod });

    // The runtime's delete removes its stack's named endpoints first; the policy resource's delete comes after.
    expect(await runtimes.delete(id, props('agent_a', { EndpointNames: ['prod', 'canary'] }))).toMatchObject({ Status: 'SUCCESS' });
    expect(await canaryPolicies.delete(canary, policyProps(canary))).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: canary });
    finish([]);
  });

  it('P8 AccessDenied "not authorized" for an endpoint that is gone is success (confirmed by GetAgentRuntimeEndpoint); for one that exists it fails', async () => {
    const { id, endpointArns: [prod] } = await runtimeWithEndpoint('prod');
    await policies.create(policyProps(prod));
    const denied = { type: 'AccessDeniedException', message: 'User is not authorized to perform: bedrock-agentcore:DeleteResourcePolicy on resource' };

    // The endpoint exists: a real denial, reported (nothing hidden), the policy stays.
    emu.inject({ operation: 'DeleteResourcePolicy', times: 1, error: denied });
    const before1 = emu.calls.length;
    const d1 = await policies.delete(prod, policyProps(prod));
    expect(d1).toMatchObject({ Status: 'FAILED', PhysicalResourceId: prod });
    expect(d1!.Reason).toContain('DeleteResourcePolicy failed: AccessDeniedException: User is not authorized');
    expect(emu.calls.slice(before1).map((c) => `${c.operation} ${c.status}`)).toEqual(['DeleteResourcePolicy 403', 'GetAgentRuntimeEndpoint 200']);
    expect(await policyOf(prod)).toBeDefined();

    // The endpoint is gone: the same answer means "nothing left to delete".
    await removeEndpoint(id, 'prod');
    emu.inject({ operation: 'DeleteResourcePolicy', times: 1, error: denied });
    const before = emu.calls.length;
    expect(await policies.delete(prod, policyProps(prod))).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: prod });
    expect(operationsSince(before)).toEqual(['DeleteResourcePolicy', 'GetAgentRuntimeEndpoint']);

    // Same for a runtime ARN: confirmed by GetAgentRuntime.
    const runtimePolicies = new CfnDriver(fw, 'RuntimePolicy', policies.resourceType);
    const runtimeArn = emu.runtime(id)!.agentRuntimeArn;
    await runtimePolicies.create(policyProps(runtimeArn));
    await runtimes.delete(id, props());
    emu.inject({ operation: 'DeleteResourcePolicy', times: 1, error: denied });
    const before2 = emu.calls.length;
    expect(await runtimePolicies.delete(runtimeArn, policyProps(runtimeArn))).toMatchObject({ Status: 'SUCCESS' });
    expect(operationsSince(before2)).toEqual(['DeleteResourcePolicy', 'GetAgentRuntime']);
    finish([]);
  });

  it('P8 throttling and ConflictException on DeleteResourcePolicy are retried', async () => {
    const { endpointArns: [prod] } = await runtimeWithEndpoint('prod');
    await policies.create(policyProps(prod));
    emu.inject({ operation: 'DeleteResourcePolicy', times: 1, error: { type: 'ThrottlingException' } });
    emu.inject({ operation: 'DeleteResourcePolicy', times: 1, error: { type: 'ConflictException', message: 'busy' } });
    expect(await policies.delete(prod, policyProps(prod))).toMatchObject({ Status: 'SUCCESS' });
    expect(emu.callsTo('DeleteResourcePolicy').map((c) => c.status)).toEqual([429, 409, 204]);
    expect(await policyOf(prod)).toBeUndefined();
    finish(['agent_a']);
  });

  it('P9 a physical id that is not an AgentCore ARN (framework marker, invented id, RequestId) deletes without any call', async () => {
    const { endpointArns: [prod] } = await runtimeWithEndpoint('prod');
    const before = emu.calls.length;
    for (const physicalId of [CREATE_FAILED_MARKER, 'AgentStack-ProdPolicy-1A2B3C4D5E6F', newRequestId(), `${prod}/`, 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/g-AbCdEf1234']) {
      const d = await policies.delete(physicalId, policyProps(prod));
      expect(d).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physicalId });
    }
    // The framework answers the marker's Delete itself; the handler, invoked directly, does not call anything either.
    const direct = await invokeLambda(provider.onEvent, rawEvent('Delete', CREATE_FAILED_MARKER, policyProps(prod)));
    expect(direct).toEqual({ payload: { PhysicalResourceId: CREATE_FAILED_MARKER } });
    const complete = await invokeLambda(provider.isComplete, rawEvent('Delete', CREATE_FAILED_MARKER, policyProps(prod)));
    expect(complete).toEqual({ payload: { IsComplete: true } });
    expect(emu.calls.length).toBe(before);
    finish(['agent_a']);
  });
});

describe('one provider for both types', () => {
  it('P10 isComplete answers { IsComplete: true } at once for every request type, without calls', async () => {
    const { endpointArns: [prod] } = await runtimeWithEndpoint('prod');
    const before = emu.calls.length;
    for (const type of ['Create', 'Update', 'Delete']) {
      const out = await invokeLambda(provider.isComplete, { ...rawEvent(type, prod, policyProps(prod)), OldResourceProperties: policyProps(prod) });
      expect(out).toEqual({ payload: { IsComplete: true } });
    }
    expect(emu.calls.length).toBe(before);
    finish(['agent_a']);
  });

  it('P10 a stack with a runtime, its endpoint and the endpoint policy: deploy, then tear down in dependency order', async () => {
    const rp = props('agent_a', { ResourcePolicy: POLICY });
    const r = await runtimes.create(rp);
    expect(r?.Status).toBe('SUCCESS');
    const id = r!.PhysicalResourceId;
    const runtimeArn = emu.runtime(id)!.agentRuntimeArn;
    // The runtime resource put the policy on the runtime and DEFAULT only: prod did not exist yet.
    expect(emu.callsTo('PutResourcePolicy')).toHaveLength(2);
    const prod = (await client().send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'prod', agentRuntimeVersion: '1' }))).agentRuntimeEndpointArn!;
    expect(await policyOf(prod)).toBeUndefined();
    // The construct's policy resource for prod closes the gap.
    expect(await policies.create(policyProps(prod))).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: prod });
    expect((await policyOf(prod)).Statement[0].Resource).toBe(prod);
    expect((await policyOf(runtimeArn)).Statement[0].Resource).toBe(runtimeArn);

    // Delete in dependency order: policy, endpoint (CloudFormation deletes the native resource), runtime.
    expect(await policies.delete(prod, policyProps(prod))).toMatchObject({ Status: 'SUCCESS' });
    expect(await policyOf(prod)).toBeUndefined();
    await removeEndpoint(id, 'prod');
    expect(await runtimes.delete(id, rp)).toMatchObject({ Status: 'SUCCESS' });
    finish([]);
  });
});
