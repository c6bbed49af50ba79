/**
 * Lifecycle scenarios of `/work/shared/docs/custom-resource-lifecycle.md` Part 2 (S1–S44), driven through the
 * real aws-cdk-lib Provider framework runtime (framework.js, outbound calls captured) and the bundled
 * provider (assets/lambda/agent-runtime/index/index.js) against the control-plane emulator over HTTP.
 * Every scenario ends with the global invariants I1–I4 (`finish`).
 *
 * Scenarios judged inapplicable here:
 * - S25 (replacement needed while the explicit name is unchanged): only AgentRuntimeName forces a replacement in
 *   this provider; every other property, including a code↔container artifact switch, is a full-configuration
 *   UpdateAgentRuntime in place (pinned by "S25 policy" below), so the situation cannot arise.
 * - S42 (timeout budget wiring) and S43 (template safety): template-level (T) checks of the construct, not of the
 *   handler; they belong to the construct's tests. The handler side of S42 (internal budgets fit the Lambda
 *   timeouts) is pinned in test/lambda/settings.test.ts.
 * - S41 stall duration: the harness shows that no response is sent; how long CloudFormation then waits is the
 *   CustomResource ServiceTimeout set by the construct (S42).
 * - S8 `RequireMMDSV2`: CreateAgentRuntime has no metadataConfiguration in SDK 3.1142 (UpdateAgentRuntime has), so
 *   a create that sets it fails before any call, naming it (S7); the numeric and boolean parts of S8 are covered.
 *
 * Known limitation (S37): the sweep finds the runtime of a cancelled create only once its CreateAgentRuntime has
 * committed; a Delete that overtakes the Create call itself cannot see it (the runtime keeps its ownership tags,
 * so a later deployment of the same stack and logical id adopts it).
 */
import { createHash } from 'crypto';
import { BedrockAgentCoreControlClient, GetAgentRuntimeCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import type { Emulator } from '../emulator';
import {
  CfnDriver, CREATE_FAILED_MARKER, expectInvariants, FrameworkDriver, IMAGE, lambdaContext, LogCapture, props,
  ProviderModule, ROLE_ARN, SECRET_ENV_VALUE, STACK_ID,
  useProviderSuite,
} from './harness';
import { imageWithTag } from '../helpers/fixtures';

let emu: Emulator;
let provider: ProviderModule;
let fw: FrameworkDriver;
let cfn: CfnDriver;
let logs: LogCapture;

const OWNER_TAGS = { 'cdk-agentcore:stack-id': STACK_ID, 'cdk-agentcore:logical-id': 'Runtime' };
const IMAGE_V2 = imageWithTag('v2');

const suite = useProviderSuite();
beforeEach(() => {
  ({ emu, provider, fw, logs } = suite);
  cfn = new CfnDriver(fw);
});

function finish(expectedNames: string[]): void {
  logs.stop();
  expectInvariants(emu, fw, logs.lines, expectedNames);
}

function sha(requestId: string, op: string, logicalId = 'Runtime'): string {
  return createHash('sha256').update(JSON.stringify([STACK_ID, logicalId, requestId, op])).digest('hex');
}

function client(): BedrockAgentCoreControlClient {
  return new BedrockAgentCoreControlClient({ region: emu.region, endpoint: emu.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
}

/** Put a settled runtime into `status` now (as if another operation were running), sticky. */
async function forceStatus(id: string, status: string, failureReason?: string): Promise<void> {
  emu.scriptStatus(id, ['READY', status], failureReason);
  for (let i = 0; i < 2; i++) await client().send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
  expect(emu.runtime(id)!.status).toBe(status);
}

/** A fault that applies while `flag.on` is true. */
function switchable(): { on: boolean } {
  return { on: true };
}

async function created(name = 'agent_a', p = props(name)): Promise<string> {
  const r = await cfn.create(p);
  expect(r?.Status).toBe('SUCCESS');
  return r!.PhysicalResourceId;
}

describe('Create', () => {
  it('S1 happy path: SUCCESS with the runtime id, Data, one Create with a deterministic token', async () => {
    emu.scriptStatus('agent_a', ['CREATING', 'CREATING', 'CREATING', 'READY']);
    const requestId = 'aaaaaaaa-1111-4000-8000-000000000001';
    const r = await cfn.create(props(), { requestId });
    expect(r).toMatchObject({ Status: 'SUCCESS', LogicalResourceId: 'Runtime' });
    expect(r!.PhysicalResourceId).toMatch(/^agent_a-[a-zA-Z0-9]{10}$/);
    expect(r!.Data).toEqual({
      AgentRuntimeId: r!.PhysicalResourceId,
      AgentRuntimeArn: `arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/${r!.PhysicalResourceId}`,
      AgentRuntimeName: 'agent_a',
      AgentRuntimeVersion: '1',
      PreviousVersion: '1',
      Status: 'READY',
    });
    const creates = emu.callsTo('CreateAgentRuntime');
    expect(creates).toHaveLength(1);
    expect(creates[0].clientToken).toBe(sha(requestId, 'create'));
    expect(creates[0].clientToken).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){32,255}$/);
    expect(creates[0].body.tags).toEqual({ team: 'agents', ...OWNER_TAGS });
    const gets = emu.callsTo('GetAgentRuntime').length;
    expect(gets).toBeGreaterThanOrEqual(5); // 3 CREATING + 2 consecutive READY
    expect(gets).toBeLessThanOrEqual(7);
    finish(['agent_a']);
  });

  it('S2 create throttled twice, then OK: same clientToken on all 3 calls, one runtime', async () => {
    emu.inject({ operation: 'CreateAgentRuntime', times: 2, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    await created();
    const tokens = emu.callsTo('CreateAgentRuntime').map((c) => c.clientToken);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(1);
    finish(['agent_a']);
  });

  it('S3 throttling never clears: FAILED within the budget, marker id, Delete(marker) never reaches the handler', async () => {
    emu.inject({ operation: 'CreateAgentRuntime', times: Infinity, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    const t0 = Date.now();
    const r = await cfn.create(props());
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain('ThrottlingException');
    expect(r!.Reason).toContain('CreateAgentRuntime');
    expect(r!.PhysicalResourceId).toBe(CREATE_FAILED_MARKER);
    const onEvents = fw.onEventCalls;
    const d = await cfn.delete(CREATE_FAILED_MARKER, props());
    expect(d?.Status).toBe('SUCCESS');
    expect(fw.onEventCalls).toBe(onEvents);
    finish([]);
  });

  it('S4 IAM role propagation: retried with the same token until the role works', async () => {
    emu.inject({ operation: 'CreateAgentRuntime', times: 2, error: { type: 'ValidationException', message: `Role validation failed for role ${ROLE_ARN}` } });
    emu.inject({
      operation: 'CreateAgentRuntime',
      times: 1,
      error: { type: 'ValidationException', message: `Access denied while validating ECR URI '${IMAGE}'. The execution role requires permissions for ecr:GetAuthorizationToken, ecr:BatchGetImage, and ecr:GetDownloadUrlForLayer operations.` },
    });
    await created();
    const tokens = emu.callsTo('CreateAgentRuntime').map((c) => c.clientToken);
    expect(tokens).toHaveLength(4);
    expect(new Set(tokens).size).toBe(1);
    finish(['agent_a']);
  });

  it('S5 IAM never propagates: FAILED after the propagation budget, quoting AWS and naming the role', async () => {
    process.env.AGENTCORE_PROVIDER_PROPAGATION_BUDGET_MS = '600';
    emu.inject({ operation: 'CreateAgentRuntime', times: Infinity, error: { type: 'ValidationException', message: `Role validation failed for role ${ROLE_ARN}` } });
    const t0 = Date.now();
    const r = await cfn.create(props());
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(500);
    expect(elapsed).toBeLessThan(3_000);
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain(`Role validation failed for role ${ROLE_ARN}`);
    expect(r!.Reason).toContain(`execution role ${ROLE_ARN}`);
    finish([]);
  });

  it('S6 non-retryable ValidationException: FAILED after exactly one call', async () => {
    const msg = "1 validation error detected: Value 'x' at 'networkConfiguration' failed to satisfy constraint";
    emu.inject({ operation: 'CreateAgentRuntime', times: Infinity, error: { type: 'ValidationException', message: msg } });
    const r = await cfn.create(props());
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain(msg);
    expect(emu.callsTo('CreateAgentRuntime')).toHaveLength(1);
    finish([]);
  });

  // The handler only coerces (the construct validates): values the service rejects fail at its ValidationException,
  // which names the field; nothing is created and the rollback Delete succeeds.
  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ['name with a hyphen', props('my-agent'), /CreateAgentRuntime failed: ValidationException: .*agentRuntimeName/],
    ['missing RoleArn', props('agent_a', { RoleArn: undefined }), /CreateAgentRuntime failed: ValidationException: .*roleArn/],
    ['VPC without subnets', props('agent_a', { NetworkConfiguration: { NetworkMode: 'VPC', NetworkModeConfig: { SecurityGroups: ['sg-12345678'] } } }),
      /CreateAgentRuntime failed: ValidationException: .*networkConfiguration\.networkModeConfig\.subnets/],
  ];
  it.each(invalid)('S7 values the service rejects: %s', async (_title, p, reason) => {
    const r = await cfn.create(p);
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toMatch(reason);
    expect(r!.PhysicalResourceId).toBe(CREATE_FAILED_MARKER);
    expect(await cfn.delete(CREATE_FAILED_MARKER, p)).toMatchObject({ Status: 'SUCCESS' });
    // After the failed create, the provider looks for a runtime the create may have committed (it finds none).
    expect(emu.calls.map((c) => c.operation)).toEqual(['CreateAgentRuntime', 'ListAgentRuntimes']);
    finish([]);
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['empty name', props(''), /AgentRuntimeName is required/],
    ['IdleRuntimeSessionTimeout "abc"', props('agent_a', { LifecycleConfiguration: { IdleRuntimeSessionTimeout: 'abc' } }),
      /LifecycleConfiguration\.IdleRuntimeSessionTimeout must be a number/],
    ['a key the bundled SDK does not know', props('agent_a', { SomeFutureKey: { X: '1' } }), /SomeFutureKey is not a property of Custom::BedrockAgentCoreRuntime/],
    ['a member only UpdateAgentRuntime has', props('agent_a', { MetadataConfiguration: { RequireMMDSV2: 'true' } }),
      /MetadataConfiguration cannot be set when the runtime is created/],
  ];
  it.each(bad)('S7 bad input rejected before any API call: %s', async (_title, p, reason) => {
    const r = await cfn.create(p);
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toMatch(reason);
    expect(r!.PhysicalResourceId).toBe(CREATE_FAILED_MARKER);
    const d = await cfn.delete(CREATE_FAILED_MARKER, p);
    expect(d?.Status).toBe('SUCCESS');
    expect(emu.calls).toHaveLength(0);
    finish([]);
  });

  it('S8 stringified scalars are sent as numbers and booleans', async () => {
    const vpc = { NetworkMode: 'VPC', NetworkModeConfig: { Subnets: ['subnet-12345678'], SecurityGroups: ['sg-12345678'], RequireServiceS3Endpoint: 'true' } };
    await created('agent_a', props('agent_a', { NetworkConfiguration: vpc }));
    const body = emu.callsTo('CreateAgentRuntime')[0].body;
    expect(body.lifecycleConfiguration).toEqual({ idleRuntimeSessionTimeout: 900, maxLifetime: 28800 });
    expect(body.networkConfiguration.networkModeConfig.requireServiceS3Endpoint).toBe(true);
    finish(['agent_a']);
  });

  it('S9 create ends CREATE_FAILED: reason and id surfaced, runtime deleted, rollback Delete succeeds', async () => {
    const reason = 'Container image not found: 111122223333.dkr.ecr.us-east-1.amazonaws.com/agent:v9';
    emu.scriptStatus('agent_a', ['CREATING', 'CREATE_FAILED'], reason);
    const r = await cfn.create(props());
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain(reason);
    expect(r!.PhysicalResourceId).toMatch(/^agent_a-/);
    expect(r!.Reason).toContain(r!.PhysicalResourceId);
    expect(emu.callsTo('DeleteAgentRuntime')).toHaveLength(1); // isComplete deleted the failed runtime
    const d = await cfn.delete(r!.PhysicalResourceId, props());
    expect(d).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: r!.PhysicalResourceId });
    finish([]);
  });

  it('S10 create never finishes: waiter timeout with the real id, rollback Delete waits out ConflictException', async () => {
    fw = new FrameworkDriver(provider, { maxAttempts: 3 });
    cfn = new CfnDriver(fw);
    emu.scriptStatus('agent_a', ['CREATING']);
    const r = await cfn.create(props());
    expect(r).toMatchObject({ Status: 'FAILED', Reason: 'Operation timed out' });
    const id = r!.PhysicalResourceId;
    expect(id).toMatch(/^agent_a-/);
    // The runtime finally settles; the first Delete attempts still see it busy.
    emu.scriptStatus(id, ['READY']);
    await client().send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
    emu.inject({ operation: 'DeleteAgentRuntime', times: 2, error: { type: 'ConflictException', message: `Runtime ${id} is in CREATING state` } });
    const d = await cfn.delete(id, props());
    expect(d).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(emu.callsTo('DeleteAgentRuntime')).toHaveLength(3);
    finish([]);
  });

  it('S11 failure after CreateAgentRuntime succeeded: real id reported (not the marker), no orphan', async () => {
    emu.inject({ operation: 'GetAgentRuntime', times: 2, error: { type: 'AccessDeniedException', message: 'User is not authorized to perform: bedrock-agentcore:GetAgentRuntime' } });
    const r = await cfn.create(props());
    expect(r?.Status).toBe('FAILED');
    expect(r!.PhysicalResourceId).toMatch(/^agent_a-/);
    expect(r!.Reason).toContain('bedrock-agentcore:GetAgentRuntime');
    const d = await cfn.delete(r!.PhysicalResourceId, props());
    expect(d?.Status).toBe('SUCCESS');
    finish([]);
  });

  it('S12a name taken by a runtime this resource owns (earlier attempt): adopted and reconciled', async () => {
    const seeded = emu.seedRuntime({ agentRuntimeName: 'agent_a', tags: { ...OWNER_TAGS, stale: 'x' } });
    const r = await cfn.create(props());
    expect(r).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: seeded.agentRuntimeId });
    expect(emu.runtime('agent_a')!.config.agentRuntimeArtifact.containerConfiguration.containerUri).toBe(IMAGE);
    expect(emu.runtime('agent_a')!.tags).toEqual({ ...OWNER_TAGS, team: 'agents' });
    finish(['agent_a']);
  });

  it('S12b name taken by a foreign runtime: FAILED naming it, foreign runtime untouched', async () => {
    const foreign = emu.seedRuntime({ agentRuntimeName: 'agent_a', tags: { owner: 'someone-else' } });
    const r = await cfn.create(props());
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain(`runtime name 'agent_a' is already used by ${foreign.agentRuntimeId} which this stack does not manage`);
    for (const op of ['UpdateAgentRuntime', 'DeleteAgentRuntime', 'TagResource', 'UntagResource']) expect(emu.callsTo(op)).toHaveLength(0);
    expect(emu.runtime('agent_a')!.version).toBe('1');
    finish(['agent_a']);
  });

  it('S13 same Create delivered twice, sequentially and concurrently: one runtime, same id everywhere', async () => {
    const requestId = 'bbbbbbbb-2222-4000-8000-000000000002';
    const first = await cfn.create(props(), { requestId });
    const second = await cfn.create(props(), { requestId });
    const [third, fourth] = await Promise.all([cfn.create(props(), { requestId }), cfn.create(props(), { requestId })]);
    for (const r of [first, second, third, fourth]) expect(r).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: first!.PhysicalResourceId });
    expect(new Set(emu.callsTo('CreateAgentRuntime').map((c) => c.clientToken))).toEqual(new Set([sha(requestId, 'create')]));
    // Negative control: another token for the same resource hits ConflictException and is resolved by adoption.
    const other = await cfn.create(props());
    expect(other).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: first!.PhysicalResourceId });
    expect(emu.callsTo('CreateAgentRuntime').some((c) => c.errorType === 'ConflictException')).toBe(true);
    finish(['agent_a']);
  });

  it('S14 Create response lost after commit: retried with the same token, same runtime, no Conflict', async () => {
    emu.inject({ operation: 'CreateAgentRuntime', times: 1, dropAfterCommit: true });
    const r = await cfn.create(props());
    expect(r?.Status).toBe('SUCCESS');
    const calls = emu.callsTo('CreateAgentRuntime');
    expect(calls).toHaveLength(2);
    expect(calls[0].clientToken).toBe(calls[1].clientToken);
    expect(calls.some((c) => c.errorType === 'ConflictException')).toBe(false);
    finish(['agent_a']);
  });

  it('S15 service-linked-role rate limit is transient; any other quota error fails at once', async () => {
    const slr = 'Limit exceeded for resource. Reason: Failed creating service linked role. Rate limit exceeded from IAM';
    emu.inject({ operation: 'CreateAgentRuntime', times: 2, error: { type: 'ServiceQuotaExceededException', message: slr } });
    await created();
    expect(emu.callsTo('CreateAgentRuntime')).toHaveLength(3);
    emu.inject({ operation: 'CreateAgentRuntime', times: Infinity, error: { type: 'ServiceQuotaExceededException', message: 'Maximum number of agent runtimes reached' } });
    const r = await cfn.create(props('agent_b'), { logicalId: 'Other' });
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain('Maximum number of agent runtimes reached');
    expect(emu.callsTo('CreateAgentRuntime')).toHaveLength(4);
    finish(['agent_a']);
  });
});

describe('isComplete polling', () => {
  it('S16 read-after-write gap: ResourceNotFound right after Create is waited out', async () => {
    emu.inject({ operation: 'GetAgentRuntime', times: 2, error: { type: 'ResourceNotFoundException', message: 'Resource not found' } });
    await created();
    finish(['agent_a']);
  });

  it('S16 past the grace window: FAILED "disappeared while CREATING" with the real id', async () => {
    process.env.AGENTCORE_PROVIDER_NOT_FOUND_GRACE_MS = '100';
    const flag = switchable();
    emu.inject({ operation: 'GetAgentRuntime', times: Infinity, match: () => flag.on, error: { type: 'ResourceNotFoundException', message: 'Resource not found' } });
    const r = await cfn.create(props());
    flag.on = false;
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain(`runtime ${r!.PhysicalResourceId} disappeared while CREATING`);
    expect((await cfn.delete(r!.PhysicalResourceId, props()))?.Status).toBe('SUCCESS');
    finish([]);
  });

  it.each([
    ['ThrottlingException', { error: { type: 'ThrottlingException', message: 'slow down' } }],
    ['InternalServerException', { error: { type: 'InternalServerException', message: 'oops' } }],
    ['socket reset', { dropAfterCommit: true }],
  ])('S17 transient %s while polling: isComplete returns exactly { IsComplete: false }', async (_t, fault) => {
    const rt = emu.seedRuntime({ agentRuntimeName: 'agent_a', tags: OWNER_TAGS });
    const flag = switchable();
    emu.inject({ operation: 'GetAgentRuntime', times: Infinity, match: () => flag.on, ...fault });
    const event = { RequestType: 'Create', StackId: STACK_ID, LogicalResourceId: 'Runtime', RequestId: 'r-17', PhysicalResourceId: rt.agentRuntimeId, ResourceProperties: props() };
    expect(await provider.isComplete(event, lambdaContext())).toEqual({ IsComplete: false });
    flag.on = false;
    const done = await provider.isComplete(event, lambdaContext());
    expect(done).toMatchObject({ IsComplete: true, Data: { AgentRuntimeId: rt.agentRuntimeId, Status: 'READY' } });
    finish(['agent_a']);
  });

  it('S17 a Get that hangs is cut by the request timeout and retried (transient)', async () => {
    emu.inject({ operation: 'GetAgentRuntime', times: 1, delayMs: 4000 }); // HTTP timeout in tests: 2 s
    const t0 = Date.now();
    await created();
    expect(Date.now() - t0).toBeLessThan(3500);
    finish(['agent_a']);
  });

  it('S17 transient errors once each during a deployment, then READY: SUCCESS', async () => {
    for (const type of ['ThrottlingException', 'InternalServerException']) emu.inject({ operation: 'GetAgentRuntime', times: 1, error: { type } });
    emu.inject({ operation: 'GetAgentRuntime', times: 1, dropAfterCommit: true });
    await created();
    finish(['agent_a']);
  });

  it('S17 AccessDenied on Get: immediate FAILED naming bedrock-agentcore:GetAgentRuntime', async () => {
    const rt = emu.seedRuntime({ agentRuntimeName: 'agent_a', tags: OWNER_TAGS });
    emu.inject({ operation: 'GetAgentRuntime', times: 1, error: { type: 'AccessDeniedException', message: 'not allowed' } });
    const event = { RequestType: 'Update', StackId: STACK_ID, LogicalResourceId: 'Runtime', RequestId: 'r-17b', PhysicalResourceId: rt.agentRuntimeId, ResourceProperties: props() };
    await expect(provider.isComplete(event, lambdaContext())).rejects.toThrow(/bedrock-agentcore:GetAgentRuntime/);
    expect(emu.callsTo('GetAgentRuntime')).toHaveLength(1);
    finish(['agent_a']);
  });

  it.each([['CREATING', 'Create'], ['UPDATING', 'Update'], ['DELETING', 'Delete']])(
    'S18 non-terminal status %s: exactly { IsComplete: false } (no Data, no PhysicalResourceId)', async (status, requestType) => {
      const rt = emu.seedRuntime({ agentRuntimeName: 'agent_a', tags: OWNER_TAGS });
      await forceStatus(rt.agentRuntimeId, status);
      const event = {
        RequestType: requestType,
        StackId: STACK_ID,
        LogicalResourceId: 'Runtime',
        RequestId: 'r-18',
        PhysicalResourceId: rt.agentRuntimeId,
        ResourceProperties: props(),
        AgentCoreRuntimeWait: { phase: requestType.toLowerCase(), createdHere: requestType === 'Create', mutatedAt: Date.now(), settled: false },
      };
      const result = await provider.isComplete(event, lambdaContext());
      expect(result).toStrictEqual({ IsComplete: false });
      emu.reset();
      finish([]);
    });

  it('S19 READY flaps: completion only on two consecutive READY reads, version from the final Get', async () => {
    emu.scriptStatus('agent_a', ['READY', 'UPDATING', 'READY', 'READY']);
    const r = await cfn.create(props());
    expect(r?.Status).toBe('SUCCESS');
    expect(emu.runtime('agent_a')!.statusHistory).toEqual(expect.arrayContaining(['READY', 'UPDATING']));
    expect(emu.callsTo('GetAgentRuntime').length).toBeGreaterThanOrEqual(4);
    expect(r!.Data!.AgentRuntimeVersion).toBe(emu.runtime('agent_a')!.version);
    finish(['agent_a']);
  });
});

describe('Update', () => {
  it('S20 in-place update: same id, version bumped, one Update with a RequestId-derived token', async () => {
    const id = await created();
    const requestId = 'cccccccc-3333-4000-8000-000000000003';
    emu.scriptStatus(id, ['UPDATING', 'UPDATING', 'READY']);
    const newProps = props('agent_a', { AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: IMAGE_V2 } } });
    const r = await cfn.update(id, newProps, props(), { requestId });
    expect(r).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { AgentRuntimeVersion: '2', PreviousVersion: '1' } });
    const updates = emu.callsTo('UpdateAgentRuntime');
    expect(updates).toHaveLength(1);
    expect(updates[0].clientToken).toBe(sha(requestId, 'update'));
    expect(updates[0].body).toMatchObject({
      roleArn: ROLE_ARN,
      agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE_V2 } },
      environmentVariables: expect.any(Object),
    });
    expect(emu.callsTo('CreateAgentRuntime')).toHaveLength(1);
    expect(emu.callsTo('DeleteAgentRuntime')).toHaveLength(0);
    finish(['agent_a']);
  });

  it('S21 no-op updates (ServiceToken/unknown key, reordered arrays, tags only) make no UpdateAgentRuntime call', async () => {
    const vpc = (subnets: string[], sgs: string[]) => ({ NetworkMode: 'VPC', NetworkModeConfig: { Subnets: subnets, SecurityGroups: sgs } });
    const p1 = props('agent_a', { NetworkConfiguration: vpc(['subnet-11111111', 'subnet-22222222'], ['sg-11111111', 'sg-22222222']) });
    const id = await created('agent_a', p1);
    const p2 = { ...p1, ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:Other', ServiceTimeout: '900' };
    expect(await cfn.update(id, p2, p1)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    const p3 = { ...p2, NetworkConfiguration: vpc(['subnet-22222222', 'subnet-11111111'], ['sg-22222222', 'sg-11111111']) };
    expect(await cfn.update(id, p3, p2)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    const p4 = { ...p3, Tags: { team: 'platform', cost: 'ai' } };
    expect(await cfn.update(id, p4, p3)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { AgentRuntimeVersion: '1', PreviousVersion: '1' } });
    const p5 = { ...p4, Tags: { cost: 'ai' } };
    expect(await cfn.update(id, p5, p4)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(emu.callsTo('UpdateAgentRuntime')).toHaveLength(0);
    expect(emu.callsTo('TagResource')).toHaveLength(1);
    expect(emu.callsTo('UntagResource')).toHaveLength(1);
    expect(emu.runtime(id)!.tags).toEqual({ ...OWNER_TAGS, cost: 'ai' });
    finish(['agent_a']);
  });

  it('S22 UPDATE_FAILED then rollback Update (ResourceProperties=OLD) restores the old config through a Conflict', async () => {
    const id = await created();
    const NEW = props('agent_a', { AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: IMAGE_V2 } } });
    emu.scriptStatus(id, ['UPDATING', 'UPDATE_FAILED'], 'Y: health check failed');
    const r = await cfn.update(id, NEW, props());
    expect(r).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
    expect(r!.Reason).toContain('Y: health check failed');
    emu.inject({ operation: 'UpdateAgentRuntime', times: 1, error: { type: 'ConflictException', message: 'still settling' } });
    const rb = await cfn.update(id, props(), NEW);
    expect(rb).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(emu.runtime(id)!.config.agentRuntimeArtifact.containerConfiguration.containerUri).toBe(IMAGE);
    expect(emu.callsTo('CreateAgentRuntime')).toHaveLength(1);
    expect(emu.callsTo('DeleteAgentRuntime')).toHaveLength(0);
    finish(['agent_a']);
  });

  it('S23 update while busy: ConflictException retried; exhausted ⇒ FAILED naming the busy status', async () => {
    const id = await created();
    const NEW = props('agent_a', { Description: 'v2' });
    emu.inject({ operation: 'UpdateAgentRuntime', times: 2, error: { type: 'ConflictException', message: 'busy' } });
    expect(await cfn.update(id, NEW, props())).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    await forceStatus(id, 'UPDATING'); // someone else's update is running
    const NEWER = props('agent_a', { Description: 'v3' });
    const t0 = Date.now();
    const r = await cfn.update(id, NEWER, NEW);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toMatch(/ConflictException.*busy \(UPDATING\)/);
    finish(['agent_a']);
  });

  it('S24 replacement by name change: new runtime and id, old one left for the cleanup Delete', async () => {
    const rt1 = await created();
    const requestId = 'dddddddd-4444-4000-8000-000000000004';
    const r = await cfn.update(rt1, props('agent_b'), props(), { requestId });
    expect(r?.Status).toBe('SUCCESS');
    const rt2 = r!.PhysicalResourceId;
    expect(rt2).toMatch(/^agent_b-/);
    expect(emu.callsTo('CreateAgentRuntime')[1].clientToken).toBe(sha(requestId, 'create'));
    expect(emu.callsTo('DeleteAgentRuntime')).toHaveLength(0);
    expect(emu.runtime(rt1)).toBeDefined();
    const cleanup = await cfn.delete(rt1, props());
    expect(cleanup).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: rt1 });
    finish(['agent_b']);
  });

  it('S25 policy: an artifact switch container→code keeps the name and is updated in place', async () => {
    const id = await created();
    const code = { CodeConfiguration: { Code: { S3: { Bucket: 'my-bucket', Prefix: 'agent.zip' } }, Runtime: 'PYTHON_3_12', EntryPoint: ['main.py'] } };
    const r = await cfn.update(id, props('agent_a', { AgentRuntimeArtifact: code }), props());
    expect(r).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(emu.callsTo('UpdateAgentRuntime')[0].body.agentRuntimeArtifact).toEqual({
      codeConfiguration: { code: { s3: { bucket: 'my-bucket', prefix: 'agent.zip' } }, runtime: 'PYTHON_3_12', entryPoint: ['main.py'] },
    });
    expect(emu.callsTo('CreateAgentRuntime')).toHaveLength(1);
    finish(['agent_a']);
  });

  it('S26 replacement then stack rollback: Delete(rt2) in rollback cleanup, rt1 untouched', async () => {
    const rt1 = await created();
    const rt2 = (await cfn.update(rt1, props('agent_b'), props()))!.PhysicalResourceId;
    const creates = emu.callsTo('CreateAgentRuntime').length;
    const d = await cfn.delete(rt2, props('agent_b'));
    expect(d).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: rt2 });
    expect(emu.callsTo('CreateAgentRuntime')).toHaveLength(creates);
    expect(emu.calls.filter((c) => c.path.includes(rt1) && c.method !== 'GET')).toHaveLength(0);
    expect(emu.runtime(rt1)!.version).toBe('1');
    finish(['agent_a']);
  });

  it('S26 variant: rollback Update(P=rt2, OLD) first does not create a third runtime nor touch rt1', async () => {
    const rt1 = await created();
    const rt2 = (await cfn.update(rt1, props('agent_b'), props()))!.PhysicalResourceId;
    const rb = await cfn.update(rt2, props(), props('agent_b'));
    expect(rb).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: rt1 });
    expect(emu.calls.filter((c) => c.path.includes(rt1) && c.method !== 'GET')).toHaveLength(0);
    expect(emu.runtime(rt1)!.version).toBe('1');
    expect((await cfn.delete(rt2, props('agent_b')))?.Status).toBe('SUCCESS');
    finish(['agent_a']);
  });

  it('S27 replacement whose new runtime fails: rt2 deleted, rollback Update is a no-op, later Delete(rt2) succeeds', async () => {
    const rt1 = await created();
    emu.scriptStatus('agent_b', ['CREATING', 'CREATE_FAILED'], 'bad image');
    const r = await cfn.update(rt1, props('agent_b'), props());
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain('bad image');
    const rt2 = r!.PhysicalResourceId;
    expect(rt2).toMatch(/^agent_b-/);
    const rb = await cfn.update(rt1, props(), props('agent_b'));
    expect(rb).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: rt1 });
    expect(emu.callsTo('UpdateAgentRuntime')).toHaveLength(0);
    expect((await cfn.delete(rt2, props('agent_b')))?.Status).toBe('SUCCESS');
    finish(['agent_a']);
  });

  it('S28 runtime deleted out of band: Update and rollback FAILED "no longer exists", stack Delete succeeds', async () => {
    const id = await created();
    emu.deleteOutOfBand(id);
    const NEW = props('agent_a', { Description: 'v2' });
    const r = await cfn.update(id, NEW, props());
    expect(r).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
    expect(r!.Reason).toContain(`runtime ${id} no longer exists (deleted outside CloudFormation)`);
    const rb = await cfn.update(id, props(), NEW);
    expect(rb?.Status).toBe('FAILED');
    expect(rb!.Reason).toContain('no longer exists (deleted outside CloudFormation)');
    // ContinueUpdateRollback --resources-to-skip Runtime, then the stack is deleted:
    expect(await cfn.delete(id, props())).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(emu.callsTo('CreateAgentRuntime')).toHaveLength(1);
    finish([]);
  });

  it('S29 drift after ContinueUpdateRollback: the full configuration of ResourceProperties is sent', async () => {
    const OLD = props();
    const id = await created('agent_a', OLD);
    const NEW = props('agent_a', { Description: 'new', EnvironmentVariables: { A: '1' } });
    expect((await cfn.update(id, NEW, OLD))?.Status).toBe('SUCCESS'); // CP is at NEW, CloudFormation believes OLD
    const NEWER = props('agent_a', { AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: IMAGE_V2 } } });
    expect((await cfn.update(id, NEWER, OLD))?.Status).toBe('SUCCESS');
    const cfg = emu.runtime(id)!.config;
    expect(cfg.agentRuntimeArtifact.containerConfiguration.containerUri).toBe(IMAGE_V2);
    expect(cfg.description).toBeUndefined();
    expect(cfg.environmentVariables).toEqual(NEWER.EnvironmentVariables);
    expect(cfg.lifecycleConfiguration).toEqual({ idleRuntimeSessionTimeout: 900, maxLifetime: 28800 });
    finish(['agent_a']);
  });

  it('S30 old property schema in OldResourceProperties / ResourceProperties still parses; Delete needs only the id', async () => {
    const id = await created();
    const legacyOld = { ServiceToken: 'x', RuntimeName: 'agent_a', ContainerUri: IMAGE }; // renamed/missing keys
    expect(await cfn.update(id, props(), legacyOld)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(await cfn.delete(id, { ServiceToken: 'x' })).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    finish([]);
  });
});

describe('Delete', () => {
  it('S31 normal delete: one Delete call, waits until gone, same physical id', async () => {
    const id = await created();
    emu.scriptStatus(id, ['DELETING', 'DELETING', 'DELETED']);
    const requestId = 'eeeeeeee-5555-4000-8000-000000000005';
    const d = await cfn.delete(id, props(), { requestId });
    expect(d).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(emu.callsTo('DeleteAgentRuntime').map((c) => c.clientToken)).toEqual([sha(requestId, 'delete')]);
    finish([]);
  });

  it('S32 already gone: ResourceNotFound and AccessDenied "not authorized" (confirmed by Get) are success', async () => {
    const id = await created();
    emu.deleteOutOfBand(id);
    expect((await cfn.delete(id, props()))?.Status).toBe('SUCCESS');
    emu.inject({ operation: 'DeleteAgentRuntime', times: 1, error: { type: 'AccessDeniedException', message: 'User: arn:aws:sts::123456789012:assumed-role/x is not authorized to perform: bedrock-agentcore:DeleteAgentRuntime' } });
    expect((await cfn.delete('agent_x-AbCdEf1234', props('agent_x')))?.Status).toBe('SUCCESS');
    const live = await created('agent_c', props('agent_c'));
    emu.inject({ operation: 'DeleteAgentRuntime', times: 1, error: { type: 'AccessDeniedException', message: 'is not authorized to perform: bedrock-agentcore:DeleteAgentRuntime' } });
    const r = await cfn.delete(live, props('agent_c'));
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain('not authorized to perform: bedrock-agentcore:DeleteAgentRuntime');
    finish(['agent_c']);
  });

  it('S33 physical ids that are not runtime ids: SUCCESS, no Delete call, foreign runtimes untouched', async () => {
    emu.seedRuntime({ agentRuntimeName: 'agent_a', tags: { owner: 'someone-else' } });
    const onEvents = fw.onEventCalls;
    expect((await cfn.delete(CREATE_FAILED_MARKER, props()))?.Status).toBe('SUCCESS');
    expect(fw.onEventCalls).toBe(onEvents);
    expect(await cfn.delete('AgentStack-Runtime-1A2B3C4D5E6F', props())).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'AgentStack-Runtime-1A2B3C4D5E6F' });
    expect((await cfn.delete('4f1c2a9e-1234-4abc-8def-0123456789ab', props()))?.Status).toBe('SUCCESS');
    expect(emu.callsTo('DeleteAgentRuntime')).toHaveLength(0);
    finish(['agent_a']);
  });

  it('S34 delete while busy: ConflictException retried; exhausted ⇒ FAILED naming the blocking status', async () => {
    const id = await created();
    emu.inject({ operation: 'DeleteAgentRuntime', times: 3, error: { type: 'ConflictException', message: 'busy' } });
    expect((await cfn.delete(id, props()))?.Status).toBe('SUCCESS');
    const id2 = await created('agent_b', props('agent_b'));
    await forceStatus(id2, 'CREATING');
    const r = await cfn.delete(id2, props('agent_b'));
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toMatch(/DeleteAgentRuntime failed after \d+ attempts.*ConflictException.*busy \(CREATING\)/);
    emu.scriptStatus(id2, ['READY']);
    await client().send(new GetAgentRuntimeCommand({ agentRuntimeId: id2 }));
    expect((await cfn.delete(id2, props('agent_b')))?.Status).toBe('SUCCESS');
    finish([]);
  });

  it('S35 delete throttled: retried; throttled forever ⇒ FAILED within the budget', async () => {
    const id = await created();
    emu.inject({ operation: 'DeleteAgentRuntime', times: 3, error: { type: 'ThrottlingException' } });
    expect((await cfn.delete(id, props()))?.Status).toBe('SUCCESS');
    const id2 = await created('agent_b', props('agent_b'));
    const flag = switchable();
    emu.inject({ operation: 'DeleteAgentRuntime', times: Infinity, match: () => flag.on, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    const t0 = Date.now();
    const r = await cfn.delete(id2, props('agent_b'));
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain('ThrottlingException');
    flag.on = false;
    expect((await cfn.delete(id2, props('agent_b')))?.Status).toBe('SUCCESS');
    finish([]);
  });

  it('S36 DELETE_FAILED: reason surfaced; a second Delete re-issues DeleteAgentRuntime and succeeds', async () => {
    const id = await created();
    emu.scriptStatus(id, ['DELETING', 'DELETE_FAILED'], 'Z: ENIs still attached');
    const r = await cfn.delete(id, props());
    expect(r).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
    expect(r!.Reason).toContain('Z: ENIs still attached');
    expect(await cfn.delete(id, props())).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(emu.callsTo('DeleteAgentRuntime')).toHaveLength(2);
    finish([]);
  });

  it('S37 cancelled create: Delete(invented id) sweeps the owned runtime of the in-flight create, nothing else', async () => {
    emu.seedRuntime({ agentRuntimeName: 'agent_z', tags: { owner: 'someone-else' } });
    emu.scriptStatus('agent_a', ['CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'READY']);
    const inFlight = cfn.create(props());
    while (emu.callsTo('CreateAgentRuntime').length === 0) await new Promise((r) => setTimeout(r, 5));
    const d = await cfn.delete('AgentStack-Runtime-1A2B3C4D5E6F', props());
    expect(d?.Status).toBe('SUCCESS');
    await inFlight; // its response goes to a request CloudFormation has abandoned
    finish(['agent_z']);
  });
});

describe('Responses, logging, framework edges', () => {
  it('S38 4 KB budget: a 10 KB non-ASCII failureReason and a 10 KB AWS message are truncated', async () => {
    emu.scriptStatus('agent_a', ['CREATE_FAILED'], 'Échec – 画像が見つかりません. '.repeat(400));
    const r = await cfn.create(props());
    expect(r?.Status).toBe('FAILED');
    expect(r!.bytes).toBeLessThanOrEqual(4096);
    expect(r!.Reason).toContain('Échec');
    expect((await cfn.delete(r!.PhysicalResourceId, props()))?.Status).toBe('SUCCESS');
    emu.inject({ operation: 'CreateAgentRuntime', times: 1, error: { type: 'ValidationException', message: 'ü'.repeat(10_000) } });
    const r2 = await cfn.create(props('agent_b'), { logicalId: 'Other' });
    expect(r2?.Status).toBe('FAILED');
    expect(r2!.bytes).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(r2!.Reason)).toBeLessThanOrEqual(1024 + 200);
    // The framework prepends nothing but our one-line message and the log link: no stack frames.
    expect(r2!.Reason).toMatch(/^CreateAgentRuntime failed: ValidationException: ü+ …\n\nLogs: \/aws\/lambda\/AgentStack-OnEvent\n$/);
    finish([]);
  });

  it('S39 secrets never logged nor echoed: env-var values and the ResponseURL signature stay out of logs and Reason', async () => {
    const echo = `1 validation error detected: Value '${SECRET_ENV_VALUE}' at 'environmentVariables.API_KEY' failed to satisfy constraint`;
    emu.inject({ operation: 'CreateAgentRuntime', times: 1, error: { type: 'ValidationException', message: echo } });
    const r = await cfn.create(props());
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain("Value '***' at 'environmentVariables.API_KEY'");
    await created();
    expect(logs.lines.length).toBeGreaterThan(0);
    finish(['agent_a']);
  });

  it('S40 the SUCCESS PUT fails 6 times: the framework reports FAILED with the real id, rollback Delete cleans up', async () => {
    const random = jest.spyOn(Math, 'random').mockReturnValue(0); // the framework's PUT retry sleeps random()×1s…
    try {
      emu.scriptStatus('agent_a', ['CREATING', 'READY']);
      fw.failPuts = 6;
      const r = await cfn.create(props());
      expect(r?.Status).toBe('FAILED');
      expect(r!.PhysicalResourceId).toMatch(/^agent_a-/);
      expect((await cfn.delete(r!.PhysicalResourceId, props()))?.Status).toBe('SUCCESS');
    } finally {
      random.mockRestore();
    }
    finish([]);
  });

  it('S40 PUT fails forever: isComplete re-runs are idempotent (no extra mutations); Delete(invented id) sweeps', async () => {
    const random = jest.spyOn(Math, 'random').mockReturnValue(0);
    try {
      fw = new FrameworkDriver(provider, { maxAttempts: 3 });
      cfn = new CfnDriver(fw);
      fw.failPuts = Infinity;
      const r = await cfn.create(props());
      expect(r).toBeUndefined();
      expect([...fw.isCompleteCalls.values()][0]).toBe(4);
      expect(emu.callsTo('CreateAgentRuntime')).toHaveLength(1);
      for (const op of ['UpdateAgentRuntime', 'DeleteAgentRuntime', 'TagResource']) expect(emu.callsTo(op)).toHaveLength(0);
      fw.failPuts = 0;
      expect((await cfn.delete('AgentStack-Runtime-1A2B3C4D5E6F', props()))?.Status).toBe('SUCCESS');
    } finally {
      random.mockRestore();
    }
    finish([]);
  });

  it('S41 waiter ends on a non-Retry error: onTimeout sends nothing (stall bounded by ServiceTimeout)', async () => {
    fw = new FrameworkDriver(provider, { maxAttempts: 2 });
    cfn = new CfnDriver(fw);
    emu.scriptStatus('agent_a', ['CREATING']);
    fw.failWaiterTasks = Infinity; // Lambda.Unknown on every waiter task
    const r = await cfn.create(props());
    expect(r).toBeUndefined();
    fw.failWaiterTasks = 0;
    emu.scriptStatus('agent_a', ['READY']);
    await client().send(new GetAgentRuntimeCommand({ agentRuntimeId: emu.runtime('agent_a')!.agentRuntimeId }));
    expect((await cfn.delete('AgentStack-Runtime-1A2B3C4D5E6F', props()))?.Status).toBe('SUCCESS');
    finish([]);
  });

  it('I6 the handlers stop before the Lambda timeout even with production-size budgets', async () => {
    Object.assign(process.env, {
      AGENTCORE_PROVIDER_RETRY_BUDGET_MS: '90000',
      AGENTCORE_PROVIDER_PROPAGATION_BUDGET_MS: '120000',
      AGENTCORE_PROVIDER_IS_COMPLETE_WAIT_MS: '30000',
      AGENTCORE_PROVIDER_ON_EVENT_WAIT_MS: '60000',
      AGENTCORE_PROVIDER_SAFETY_MARGIN_MS: '1000',
      AGENTCORE_PROVIDER_RETRY_MAX_MS: '200',
    });
    fw = new FrameworkDriver(provider, { contextMs: 2500, maxAttempts: 1 });
    cfn = new CfnDriver(fw);
    emu.inject({ operation: 'CreateAgentRuntime', times: Infinity, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    const r = await cfn.create(props());
    expect(r?.Status).toBe('FAILED');
    expect(fw.longestHandlerMs).toBeLessThan(2000);
    const rt = emu.seedRuntime({ agentRuntimeName: 'agent_b', tags: OWNER_TAGS });
    await forceStatus(rt.agentRuntimeId, 'UPDATING');
    const t0 = Date.now();
    const event = { RequestType: 'Update', StackId: STACK_ID, LogicalResourceId: 'Runtime', RequestId: 'r-i6', PhysicalResourceId: rt.agentRuntimeId, ResourceProperties: props('agent_b') };
    expect(await provider.isComplete(event, lambdaContext(2500))).toStrictEqual({ IsComplete: false });
    expect(Date.now() - t0).toBeLessThan(2000);
    finish(['agent_b']);
  });

  it('S44 two runtimes share one provider: concurrent creates, distinct tokens, no cross-talk', async () => {
    const [a, b] = await Promise.all([cfn.create(props('agent_a'), { logicalId: 'RuntimeA' }), cfn.create(props('agent_b'), { logicalId: 'RuntimeB' })]);
    expect(a).toMatchObject({ Status: 'SUCCESS', Data: { AgentRuntimeName: 'agent_a' } });
    expect(b).toMatchObject({ Status: 'SUCCESS', Data: { AgentRuntimeName: 'agent_b' } });
    expect(a!.PhysicalResourceId).not.toBe(b!.PhysicalResourceId);
    expect(new Set(emu.callsTo('CreateAgentRuntime').map((c) => c.clientToken)).size).toBe(2);
    expect(emu.runtime('agent_a')!.tags['cdk-agentcore:logical-id']).toBe('RuntimeA');
    expect(emu.runtime('agent_b')!.tags['cdk-agentcore:logical-id']).toBe('RuntimeB');
    finish(['agent_a', 'agent_b']);
  });
});
