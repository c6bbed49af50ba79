/**
 * Regression tests of issue 12 (bugs 2–6), each through the bundled provider behind the real aws-cdk-lib Provider
 * framework runtime against the emulator, each ending with the invariants I1–I6 (`finish`). Every one of them failed
 * against the provider as it was before the fixes.
 */
import { CreateAgentRuntimeEndpointCommand, DeleteAgentRuntimeEndpointCommand, GetAgentRuntimeEndpointCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { AgentRuntime, AgentRuntimeArtifact, EndpointVersion } from '../../lib';
import type { Emulator } from '../emulator';
import { CfnDriver, CREATE_FAILED_MARKER, FrameworkDriver, props, STACK_ID, useProviderSuite } from './harness';
import { controlClient } from '../emulator/fixtures';
import { imageWithTag } from '../helpers/fixtures';

let emu: Emulator;
let fw: FrameworkDriver;
let cfn: CfnDriver;

const OWNER_TAGS = { 'cdk-agentcore:stack-id': STACK_ID, 'cdk-agentcore:logical-id': 'Runtime' };
const IMAGE_V2 = imageWithTag('v2');
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'bedrock-agentcore:InvokeAgentRuntime' }],
});
const CHECK = { Payload: '{"prompt":"ping"}', ExpectedText: 'pong', TimeoutSeconds: '5' };

const suite = useProviderSuite();
beforeEach(() => {
  ({ emu, fw } = suite);
  cfn = new CfnDriver(fw);
});

const finish = (expectedNames: string[]) => suite.finish(expectedNames);
const client = () => controlClient(emu, 1);

async function created(p: Record<string, unknown> = props()): Promise<string> {
  const r = await cfn.create(p);
  expect(r?.Status).toBe('SUCCESS');
  return r!.PhysicalResourceId;
}

/** A named endpoint created outside the runtime's custom resource, settled to READY. */
async function addEndpoint(id: string, name: string): Promise<void> {
  await client().send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name }));
  for (let i = 0; i < 3 && emu.runtime(id)!.endpoints[name].status !== 'READY'; i++) {
    await client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: name }));
  }
}

/** `count` GetAgentRuntime polls that still see CREATING: READY comes only after onEvent handed over to isComplete. */
function slowCreate(name: string, count = 40): void {
  emu.scriptStatus(name, [...Array(count).fill('CREATING'), 'READY']);
}

describe('bug 2: every control-plane call is retried', () => {
  it.each([
    ['no-op (ServiceTimeout only)', (p: Record<string, unknown>) => ({ ...p, ServiceTimeout: '900' })],
    ['tags only', (p: Record<string, unknown>) => ({ ...p, Tags: { team: 'platform' } })],
    ['resource policy only', (p: Record<string, unknown>) => ({ ...p, CdkAgentCore: { ResourcePolicy: POLICY } })],
    ['health check only', (p: Record<string, unknown>) => ({ ...p, CdkAgentCore: { HealthCheck: CHECK } })],
  ])('an update that makes no version (%s) survives a throttled and a failed GetAgentRuntime; so does its rollback', async (_t, change) => {
    const p1 = props();
    const id = await created(p1);
    const p2 = change(p1);
    emu.inject({ operation: 'GetAgentRuntime', times: 1, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    emu.inject({ operation: 'GetAgentRuntime', times: 1, error: { type: 'InternalServerException', message: 'oops' } });
    expect(await cfn.update(id, p2, p1)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    emu.inject({ operation: 'GetAgentRuntime', times: 1, dropAfterCommit: true });
    expect(await cfn.update(id, p1, p2)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(emu.callsTo('UpdateAgentRuntime')).toHaveLength(0);
    finish(['agent_a']);
  });

  it('a transient error while reconciling an adopted runtime is retried and never deletes it', async () => {
    const seeded = emu.seedRuntime({ agentRuntimeName: 'agent_a', tags: OWNER_TAGS });
    emu.inject({ operation: 'GetAgentRuntime', times: 1, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    emu.inject({ operation: 'ListTagsForResource', times: 1, error: { type: 'InternalServerException', message: 'oops' } });
    const r = await cfn.create(props());
    expect(r).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: seeded.agentRuntimeId });
    expect(emu.callsTo('DeleteAgentRuntime')).toHaveLength(0);
    finish(['agent_a']);
  });

  it('an adopted runtime that cannot be reconciled is reported with its real id and left to the rollback Delete', async () => {
    const seeded = emu.seedRuntime({ agentRuntimeName: 'agent_a', tags: OWNER_TAGS });
    const flag = { on: true };
    // The first ListTagsForResource (finding the holder of the name) answers; reconciling its tags never does.
    emu.inject({ operation: 'ListTagsForResource', times: Infinity, match: () => flag.on && emu.callsTo('ListTagsForResource').length > 1, error: { type: 'ThrottlingException' } });
    const r = await cfn.create(props());
    flag.on = false;
    expect(r).toMatchObject({ Status: 'FAILED', PhysicalResourceId: seeded.agentRuntimeId });
    expect(r!.Reason).toContain('ListTagsForResource failed after');
    expect(emu.callsTo('DeleteAgentRuntime')).toHaveLength(0);
    expect(await cfn.delete(r!.PhysicalResourceId, props())).toMatchObject({ Status: 'SUCCESS' });
    finish([]);
  });
});

describe('bug 3: a replacement gets the resource policy even when READY comes in isComplete', () => {
  it('rename with a policy, the new runtime READY only after onEvent handed over: the policy is on the new runtime', async () => {
    const p1 = props('agent_a', { CdkAgentCore: { ResourcePolicy: POLICY } });
    const rt1 = await created(p1);
    slowCreate('agent_b');
    const p2 = props('agent_b', { CdkAgentCore: { ResourcePolicy: POLICY } });
    const r = await cfn.update(rt1, p2, p1);
    expect(r?.Status).toBe('SUCCESS');
    const rt2 = r!.PhysicalResourceId;
    expect(rt2).toMatch(/^agent_b-/);
    expect(fw.isCompleteCalls.get(r!.RequestId)).toBeGreaterThanOrEqual(1);
    const arn2 = emu.runtime(rt2)!.agentRuntimeArn;
    expect(JSON.parse(emu.runtime(rt2)!.resourcePolicy ?? '{}').Statement?.[0]?.Resource).toBe(arn2);
    expect(await cfn.delete(rt1, p1)).toMatchObject({ Status: 'SUCCESS' });
    finish(['agent_b']);
  });
});

describe('bug 4: a create that committed although every attempt failed is adopted, not orphaned', () => {
  it('the first answer is lost, every retry is throttled: SUCCESS with the runtime that exists', async () => {
    emu.inject({ operation: 'CreateAgentRuntime', times: 1, dropAfterCommit: true });
    emu.inject({ operation: 'CreateAgentRuntime', times: Infinity, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    const r = await cfn.create(props());
    expect(r?.Status).toBe('SUCCESS');
    expect(r!.PhysicalResourceId).toBe(emu.runtime('agent_a')!.agentRuntimeId);
    expect(r!.PhysicalResourceId).not.toBe(CREATE_FAILED_MARKER);
    finish(['agent_a']);
  });

  it('the same during a rename: the new runtime is adopted; a later failure is rolled back without orphans', async () => {
    const rt1 = await created();
    emu.inject({ operation: 'CreateAgentRuntime', times: 1, dropAfterCommit: true });
    emu.inject({ operation: 'CreateAgentRuntime', times: Infinity, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    emu.setInvokeBehaviour('agent_b', { json: { answer: 'wrong' } });
    const p2 = props('agent_b', { CdkAgentCore: { HealthCheck: CHECK } });
    const r = await cfn.update(rt1, p2, props());
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain('health check of runtime agent_b-');
    // CloudFormation rolls back: Update of the old runtime with the old properties (the new ones as old).
    expect(await cfn.update(rt1, props(), p2)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: rt1 });
    finish(['agent_a']);
  });
});

describe('bug 5: a health check counts only on the new version', () => {
  function brokenV2(): void {
    emu.setInvokeBehaviour('agent_a', { sse: ['"po"', '"ng"'] }, '1');
    emu.setInvokeBehaviour('agent_a', { json: { error: 'v2 is broken' } }, '2');
  }

  it('DEFAULT never moves to the new version: FAILED saying so, although the old version would pass', async () => {
    process.env.AGENTCORE_PROVIDER_MAX_WAIT_MS = '1500';
    brokenV2();
    const p1 = props('agent_a', { CdkAgentCore: { HealthCheck: CHECK } });
    const id = await created(p1);
    emu.lagDefault(id, { gets: Infinity });
    const p2 = props('agent_a', { CdkAgentCore: { HealthCheck: CHECK }, AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: IMAGE_V2 } } });
    const u = await cfn.update(id, p2, p1);
    expect(u).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
    expect(u!.Reason).toContain(`health check of runtime ${id} version 2 never ran: DEFAULT still served version 1 after 1.5s`);
    expect(emu.callsTo('InvokeAgentRuntime')).toHaveLength(1); // the create's check only
    finish(['agent_a']);
  });

  it('DEFAULT catches up after a lag: the check runs on the new version (and fails on its answer)', async () => {
    brokenV2();
    const p1 = props('agent_a', { CdkAgentCore: { HealthCheck: CHECK } });
    const id = await created(p1);
    emu.lagDefault(id, { gets: 3 });
    const p2 = props('agent_a', { CdkAgentCore: { HealthCheck: CHECK }, AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: IMAGE_V2 } } });
    const u = await cfn.update(id, p2, p1);
    expect(u).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
    expect(u!.Reason).toContain('version 2 failed: the answer does not contain the expected text; output: {"error":"v2 is broken"}');
    finish(['agent_a']);
  });
});

describe('bug 6: Delete removes only the endpoints of its stack', () => {
  it('a foreign endpoint blocks the delete: FAILED listing it and what to do, nothing deleted; deleted by hand, the retry succeeds', async () => {
    const p = props('agent_a', { CdkAgentCore: { EndpointNames: ['prod'] } });
    const id = await created(p);
    await addEndpoint(id, 'prod');
    await addEndpoint(id, 'console_made');
    const d = await cfn.delete(id, p);
    expect(d).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
    expect(d!.Reason).toContain(`runtime ${id} cannot be deleted: it has endpoints this stack did not create (console_made)`);
    expect(d!.Reason).toContain(`delete-agent-runtime-endpoint --agent-runtime-id ${id} --endpoint-name <name>`);
    expect(emu.callsTo('DeleteAgentRuntimeEndpoint')).toHaveLength(0);
    expect(emu.callsTo('DeleteAgentRuntime')).toHaveLength(0);
    expect(Object.keys(emu.runtime(id)!.endpoints).sort()).toEqual(['DEFAULT', 'console_made', 'prod']);

    await client().send(new DeleteAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'console_made' }));
    const before = emu.calls.length;
    expect(await cfn.delete(id, p)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    const deleted = emu.calls.slice(before).filter((c) => c.operation === 'DeleteAgentRuntimeEndpoint');
    expect(deleted.map((c) => decodeURIComponent(c.path).split('/').filter(Boolean).pop())).toEqual(['prod']);
    finish([]);
  });

  it('the construct tells the provider which endpoints are its own (CdkAgentCore.EndpointNames)', () => {
    const runtimeProps = (endpoints: string[]) => {
      const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-east-1' } });
      const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
      const agent = new AgentRuntime(stack, 'Agent', { artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: `sha256:${'a'.repeat(64)}` }) });
      for (const name of endpoints) agent.addEndpoint(name, { version: EndpointVersion.pinned('1') });
      return (Object.values(Template.fromStack(stack).findResources('Custom::BedrockAgentCoreRuntime'))[0] as any).Properties;
    };
    expect(runtimeProps([])).not.toHaveProperty('CdkAgentCore');
    expect(runtimeProps(['prod', 'staging']).CdkAgentCore.EndpointNames).toEqual(['prod', 'staging']);
  });
});
