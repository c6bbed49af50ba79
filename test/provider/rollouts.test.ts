/**
 * Safe rollouts (issue 6, provider side), driven like lifecycle.test.ts: the bundled provider behind the real
 * aws-cdk-lib Provider framework runtime, against the emulator's control plane and data plane over HTTP.
 * R1–R9: verified promotion (health check), PreviousVersion, endpoints left alone on update and deleted before the
 * runtime, resource policies. Every scenario ends with the invariants I1–I6 (`finish`).
 */
import {
  BedrockAgentCoreControlClient, CreateAgentRuntimeEndpointCommand, DeleteAgentRuntimeEndpointCommand, GetAgentRuntimeEndpointCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import type { Emulator } from '../emulator';
import {
  CfnDriver, expectInvariants, FrameworkDriver, IMAGE, LogCapture, props, ProviderModule, SECRET_ENV_VALUE,
  useProviderSuite,
} from './harness';
import { imageWithTag } from '../helpers/fixtures';

let emu: Emulator;
let provider: ProviderModule;
let fw: FrameworkDriver;
let cfn: CfnDriver;
let logs: LogCapture;

const IMAGE_V2 = imageWithTag('v2');
const CHECK = { Payload: '{"prompt":"ping"}', ExpectedStatus: '200', ExpectedText: 'pong', TimeoutSeconds: '5' };
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'bedrock-agentcore:InvokeAgentRuntime' }],
});

const suite = useProviderSuite();
beforeEach(() => {
  ({ emu, provider, fw, logs } = suite);
  cfn = new CfnDriver(fw);
});

function finish(expectedNames: string[]): void {
  logs.stop();
  expectInvariants(emu, fw, logs.lines, expectedNames);
}

function client(): BedrockAgentCoreControlClient {
  return new BedrockAgentCoreControlClient({ region: emu.region, endpoint: emu.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
}

/** A named endpoint created outside the custom resource (as CloudFormation or a user would), settled to READY. */
async function addEndpoint(id: string, name: string, version: string): Promise<void> {
  await client().send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name, agentRuntimeVersion: version }));
  for (let i = 0; i < 3 && emu.runtime(id)!.endpoints[name].status !== 'READY'; i++) {
    await client().send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: name }));
  }
  expect(emu.runtime(id)!.endpoints[name]).toMatchObject({ status: 'READY', liveVersion: version });
}

/** The agent answers `pong` as two SSE events (JSON strings), like a streaming agent. */
function healthyAgent(name = 'agent_a'): void {
  emu.setInvokeBehaviour(name, { sse: ['"po"', '"ng"'] });
}

async function created(p: Record<string, unknown>): Promise<string> {
  const r = await cfn.create(p);
  expect(r?.Status).toBe('SUCCESS');
  return r!.PhysicalResourceId;
}

describe('verified promotion (health check)', () => {
  it('R1 promotion success: the new version is invoked on DEFAULT with a fresh session; Data has PreviousVersion', async () => {
    healthyAgent();
    const p1 = props('agent_a', { CdkAgentCore: { HealthCheck: CHECK } });
    const r = await cfn.create(p1);
    expect(r).toMatchObject({ Status: 'SUCCESS', Data: { AgentRuntimeVersion: '1', PreviousVersion: '1', Status: 'READY' } });
    const id = r!.PhysicalResourceId;
    const invokes = emu.callsTo('InvokeAgentRuntime');
    expect(invokes).toHaveLength(1);
    expect(invokes[0]).toMatchObject({ status: 200, body: CHECK.Payload, query: { qualifier: 'DEFAULT' } });
    expect(decodeURIComponent(invokes[0].path)).toContain(`runtime/${id}/invocations`);

    const p2 = props('agent_a', { CdkAgentCore: { HealthCheck: CHECK }, AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: IMAGE_V2 } } });
    const u = await cfn.update(id, p2, p1);
    expect(u).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { AgentRuntimeVersion: '2', PreviousVersion: '1' } });
    expect(emu.callsTo('InvokeAgentRuntime')).toHaveLength(2);
    // The check ran after the new version was READY (never against an UPDATING runtime).
    const lastInvoke = emu.callsTo('InvokeAgentRuntime')[1].at;
    const readyGets = emu.callsTo('GetAgentRuntime').filter((c) => c.at < lastInvoke);
    expect(readyGets.length).toBeGreaterThanOrEqual(2);

    // Tag-only and no-op updates: no new version, no check; PreviousVersion = current version.
    const p3 = { ...p2, Tags: { team: 'platform' } };
    expect(await cfn.update(id, p3, p2)).toMatchObject({ Status: 'SUCCESS', Data: { AgentRuntimeVersion: '2', PreviousVersion: '2' } });
    expect(await cfn.update(id, { ...p3, ServiceTimeout: '900' }, p3)).toMatchObject({ Status: 'SUCCESS', Data: { PreviousVersion: '2' } });
    // A changed check alone makes no version and runs nothing.
    expect(await cfn.update(id, { ...p3, CdkAgentCore: { HealthCheck: { ...CHECK, ExpectedText: 'po' } } }, p3)).toMatchObject({ Status: 'SUCCESS' });
    expect(emu.callsTo('InvokeAgentRuntime')).toHaveLength(2);
    expect(emu.callsTo('UpdateAgentRuntime')).toHaveLength(1);
    finish(['agent_a']);
  });

  it('R1 the check also runs from isComplete when the runtime becomes READY after onEvent handed over', async () => {
    healthyAgent();
    emu.scriptStatus('agent_a', ['CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING',
      'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING',
      'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'READY']);
    const r = await cfn.create(props('agent_a', { CdkAgentCore: { HealthCheck: CHECK } }));
    expect(r).toMatchObject({ Status: 'SUCCESS', Data: { PreviousVersion: '1' } });
    expect(fw.isCompleteCalls.get(r!.RequestId)).toBeGreaterThanOrEqual(1);
    expect(emu.callsTo('InvokeAgentRuntime')).toHaveLength(1);
    finish(['agent_a']);
  });

  it('R2 failed check on create: FAILED with the output and the real id, runtime deleted, rollback Delete succeeds', async () => {
    emu.setInvokeBehaviour('agent_a', { json: { error: 'model access denied' } });
    const r = await cfn.create(props('agent_a', { CdkAgentCore: { HealthCheck: CHECK } }));
    expect(r?.Status).toBe('FAILED');
    expect(r!.PhysicalResourceId).toMatch(/^agent_a-[a-zA-Z0-9]{10}$/);
    expect(r!.Reason).toMatch(/health check of runtime agent_a-\w{10} version 1 failed: the answer does not contain the expected text; the failed runtime was deleted; output: .*model access denied/);
    expect(emu.callsTo('DeleteAgentRuntime')).toHaveLength(1);
    const d = await cfn.delete(r!.PhysicalResourceId, props('agent_a', { CdkAgentCore: { HealthCheck: CHECK } }));
    expect(d).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: r!.PhysicalResourceId });
    finish([]);
  });

  it('R2 a wrong status fails the check (the agent answered 200, 201 expected)', async () => {
    healthyAgent();
    const r = await cfn.create(props('agent_a', { CdkAgentCore: { HealthCheck: { ...CHECK, ExpectedStatus: '201' } } }));
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain('failed: expected status 201, got 200');
    await cfn.delete(r!.PhysicalResourceId, props());
    finish([]);
  });

  it('R3 failed check on update, then the rollback Update: old config as a new version, DEFAULT on it, pinned endpoint untouched', async () => {
    healthyAgent();
    const OLD = props('agent_a', { CdkAgentCore: { HealthCheck: CHECK } });
    const id = await created(OLD);
    await addEndpoint(id, 'prod', '1');
    emu.setInvokeBehaviour('agent_a', { status: 500, errorType: 'InternalServerException', message: 'agent crashed: KeyError' }, '2');
    // 5xx is retried until the check's timeout: keep it short here.
    const NEW = props('agent_a', { CdkAgentCore: { HealthCheck: { ...CHECK, TimeoutSeconds: '1' } }, AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: IMAGE_V2 } } });
    const u = await cfn.update(id, NEW, OLD);
    expect(u).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
    expect(u!.Reason).toMatch(/health check of runtime agent_a-\w{10} version 2 failed: InvokeAgentRuntime failed after \d+ attempts in [\d.]+s; output: InternalServerException: agent crashed: KeyError/);
    expect(emu.callsTo('DeleteAgentRuntime')).toHaveLength(0);

    const rb = await cfn.update(id, OLD, NEW);
    expect(rb).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { AgentRuntimeVersion: '3', PreviousVersion: '2' } });
    const rt = emu.runtime(id)!;
    expect(rt.versions['3'].agentRuntimeArtifact.containerConfiguration.containerUri).toBe(IMAGE);
    expect(rt.endpoints.DEFAULT.liveVersion).toBe('3');
    expect(rt.endpoints.prod).toMatchObject({ liveVersion: '1', status: 'READY' });
    expect(emu.callsTo('UpdateAgentRuntimeEndpoint')).toHaveLength(0);
    expect(emu.callsTo('DeleteAgentRuntimeEndpoint')).toHaveLength(0);
    expect(emu.callsTo('CreateAgentRuntime')).toHaveLength(1);
    finish(['agent_a']);
  });

  it('R4 a named endpoint pinned to a version does not move when the runtime is updated', async () => {
    const p1 = props();
    const id = await created(p1);
    await addEndpoint(id, 'prod', '1');
    let old = p1;
    for (const uri of [IMAGE_V2, IMAGE]) {
      const next = props('agent_a', { AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: uri } } });
      expect(await cfn.update(id, next, old)).toMatchObject({ Status: 'SUCCESS' });
      old = next;
    }
    const rt = emu.runtime(id)!;
    expect(rt.version).toBe('3');
    expect(rt.endpoints.DEFAULT.liveVersion).toBe('3');
    expect(rt.endpoints.prod.liveVersion).toBe('1');
    expect(emu.callsTo('UpdateAgentRuntimeEndpoint')).toHaveLength(0);
    finish(['agent_a']);
  });
});

describe('data-plane errors and limits', () => {
  it('R5 throttled and cold-start (424) invocations are retried within the timeout', async () => {
    healthyAgent();
    emu.inject({ operation: 'InvokeAgentRuntime', times: 2, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    emu.inject({ operation: 'InvokeAgentRuntime', times: 1, error: { type: 'RuntimeClientError', message: 'Runtime initialization in progress' } });
    const r = await cfn.create(props('agent_a', { CdkAgentCore: { HealthCheck: CHECK } }));
    expect(r?.Status).toBe('SUCCESS');
    expect(emu.callsTo('InvokeAgentRuntime').map((c) => c.status)).toEqual([429, 429, 424, 200]);
    finish(['agent_a']);
  });

  it('R5 non-retryable errors fail at once; AccessDenied names the permission', async () => {
    emu.inject({ operation: 'InvokeAgentRuntime', times: 1, error: { type: 'AccessDeniedException', message: 'not allowed' } });
    const r = await cfn.create(props('agent_a', { CdkAgentCore: { HealthCheck: CHECK } }));
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain('InvokeAgentRuntime failed (the provider needs bedrock-agentcore:InvokeAgentRuntime); the failed runtime was deleted');
    expect(emu.callsTo('InvokeAgentRuntime')).toHaveLength(1);
    await cfn.delete(r!.PhysicalResourceId, props());
    finish([]);
  });

  it('R6 an answer that does not complete within TimeoutSeconds fails the check (stream cut)', async () => {
    emu.setInvokeBehaviour('agent_a', { sse: ['"po"', '"ng"'], chunkDelayMs: 1_500 });
    const t0 = Date.now();
    const r = await cfn.create(props('agent_a', { CdkAgentCore: { HealthCheck: { ...CHECK, TimeoutSeconds: '1' } } }));
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain('failed: no complete answer within 1s');
    await cfn.delete(r!.PhysicalResourceId, props());
    finish([]);
  });

  it('R7 an error that echoes the health-check payload: the payload is redacted from the quoted output, the Reason stays readable', async () => {
    const probe = 'probe-5d1e7a90';
    const check = { ...CHECK, Payload: JSON.stringify({ prompt: 'ping', token: probe }), TimeoutSeconds: '1' };
    emu.setInvokeBehaviour('agent_a', { status: 500, errorType: 'InternalServerException', message: `agent crashed on ${check.Payload}: KeyError ${probe}` });
    const r = await cfn.create(props('agent_a', { CdkAgentCore: { HealthCheck: check } }));
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toMatch(/health check of runtime agent_a-\w{10} version 1 failed: .*output: InternalServerException: agent crashed on \*\*\*: KeyError \*\*\*/);
    expect(r!.Reason).not.toContain(probe);
    await cfn.delete(r!.PhysicalResourceId, props());
    finish([]);
  });

  it('R7 a 100 KB non-ASCII answer that echoes a secret: Reason truncated, response ≤ 4 KB, secret redacted', async () => {
    const big = `${SECRET_ENV_VALUE} ${'Ünïcødé-€-日本語 '.repeat(5_000)}`;
    emu.setInvokeBehaviour('agent_a', { json: { answer: big } });
    const r = await cfn.create(props('agent_a', { CdkAgentCore: { HealthCheck: CHECK } }));
    expect(r?.Status).toBe('FAILED');
    expect(r!.bytes).toBeLessThanOrEqual(4096);
    expect(r!.Reason).toContain('health check of runtime');
    expect(r!.Reason).toContain('the failed runtime was deleted');
    expect(r!.Reason).toContain('***');
    expect(r!.Reason).not.toContain(SECRET_ENV_VALUE);
    await cfn.delete(r!.PhysicalResourceId, props());
    finish([]);
  });

  it('R7 HealthCheck settings that are not numbers, or a missing payload, fail before any call, naming the property', async () => {
    const r = await cfn.create(props('agent_a', { CdkAgentCore: { HealthCheck: { Payload: '', ExpectedStatus: 'OK', TimeoutSeconds: '1.5' } } }));
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain('CdkAgentCore.HealthCheck.Payload is required');
    expect(r!.Reason).toContain('CdkAgentCore.HealthCheck.ExpectedStatus must be an integer');
    expect(r!.Reason).toContain('CdkAgentCore.HealthCheck.TimeoutSeconds must be an integer');
    expect(emu.calls).toHaveLength(0);
    finish([]);
  });
});

describe('endpoints on delete', () => {
  it('R8 runtime delete with the stack\'s named endpoints: they are deleted and gone first, DEFAULT untouched', async () => {
    const p = props('agent_a', { CdkAgentCore: { EndpointNames: ['prod', 'beta'] } });
    const id = await created(p);
    await addEndpoint(id, 'prod', '1');
    await addEndpoint(id, 'beta', '1');
    const d = await cfn.delete(id, p);
    expect(d).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    const epDeletes = emu.callsTo('DeleteAgentRuntimeEndpoint');
    expect(epDeletes.map((c) => decodeURIComponent(c.path).split('/').filter(Boolean).pop()).sort()).toEqual(['beta', 'prod']);
    expect(epDeletes.every((c) => c.status === 202)).toBe(true);
    const runtimeDelete = emu.callsTo('DeleteAgentRuntime');
    expect(runtimeDelete).toHaveLength(1);
    expect(runtimeDelete[0].status).toBe(202); // no "endpoints must be deleted first"
    // Every endpoint was seen gone (404) before DeleteAgentRuntime.
    const gone = emu.callsTo('GetAgentRuntimeEndpoint').filter((c) => c.status === 404 && c.at <= runtimeDelete[0].at);
    expect(gone).toHaveLength(2);
    finish([]);
  });

  it('R8 an endpoint already being deleted (whoever made it) is waited for; throttling is retried', async () => {
    const p = props('agent_a', { CdkAgentCore: { EndpointNames: ['prod'] } });
    const id = await created(p);
    await addEndpoint(id, 'prod', '1');
    await addEndpoint(id, 'beta', '1');
    await client().send(new DeleteAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'beta' }));
    emu.inject({ operation: 'DeleteAgentRuntimeEndpoint', times: 1, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    const d = await cfn.delete(id, p);
    expect(d).toMatchObject({ Status: 'SUCCESS' });
    // beta (DELETING) is not deleted again; prod is, after one throttled attempt.
    expect(emu.callsTo('DeleteAgentRuntimeEndpoint').filter((c) => c.path.includes('/beta'))).toHaveLength(1);
    expect(emu.callsTo('DeleteAgentRuntimeEndpoint').filter((c) => c.path.includes('/prod')).map((c) => c.status)).toEqual([429, 202]);
    finish([]);
  });

  it('R8 endpoints that never go away: the delete fails within the budget naming the blocking endpoint, runtime not deleted', async () => {
    const p = props('agent_a', { CdkAgentCore: { EndpointNames: ['prod'] } });
    const id = await created(p);
    await addEndpoint(id, 'prod', '1');
    emu.inject({ operation: 'DeleteAgentRuntimeEndpoint', times: Infinity, error: { type: 'ValidationException', message: 'endpoint is locked' } });
    const d = await cfn.delete(id, p);
    expect(d).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
    expect(d!.Reason).toContain('DeleteAgentRuntimeEndpoint failed: ValidationException: endpoint is locked (endpoint prod of runtime');
    expect(emu.callsTo('DeleteAgentRuntime')).toHaveLength(0);
    finish(['agent_a']);
  });
});

describe('resource policy', () => {
  const policyOn = (id: string, name?: string) => {
    const rt = emu.runtime(id)!;
    return emu.calls.filter((c) => c.operation === 'PutResourcePolicy' && decodeURIComponent(c.path).endsWith(name ? `${rt.agentRuntimeArn}/runtime-endpoint/${name}` : rt.agentRuntimeArn));
  };

  it('R9 applied on create (runtime and DEFAULT, Resource set to each ARN), changed on update, removed with the property', async () => {
    const p1 = props('agent_a', { CdkAgentCore: { ResourcePolicy: POLICY } });
    const id = await created(p1);
    const arn = emu.runtime(id)!.agentRuntimeArn;
    const puts = emu.callsTo('PutResourcePolicy');
    expect(puts).toHaveLength(2);
    const runtimePolicy = JSON.parse(policyOn(id)[0].body.policy);
    expect(runtimePolicy.Statement[0]).toEqual({ ...JSON.parse(POLICY).Statement[0], Resource: arn });
    expect(JSON.parse(policyOn(id, 'DEFAULT')[0].body.policy).Statement[0].Resource).toBe(`${arn}/runtime-endpoint/DEFAULT`);
    expect(JSON.parse(emu.runtime(id)!.resourcePolicy!).Statement[0].Resource).toBe(arn);
    // The policy is applied after the runtime is READY.
    expect(emu.callsTo('GetAgentRuntime').filter((c) => c.at <= puts[0].at).length).toBeGreaterThanOrEqual(2);

    // Unchanged (tags only; key order differs): no call.
    const reordered = JSON.stringify({ Statement: JSON.parse(POLICY).Statement, Version: '2012-10-17' });
    const p2 = { ...p1, Tags: { team: 'x' }, CdkAgentCore: { ResourcePolicy: reordered } };
    expect(await cfn.update(id, p2, p1)).toMatchObject({ Status: 'SUCCESS' });
    expect(emu.callsTo('PutResourcePolicy')).toHaveLength(2);

    // Changed, with a named endpoint now present: put on the runtime and on each endpoint.
    await addEndpoint(id, 'prod', '1');
    const changed = JSON.stringify({ Statement: [{ ...JSON.parse(POLICY).Statement[0], Sid: 'Partner', Resource: 'arn:ignored' }] });
    const p3 = { ...p2, CdkAgentCore: { ResourcePolicy: changed } };
    expect(await cfn.update(id, p3, p2)).toMatchObject({ Status: 'SUCCESS' });
    expect(emu.callsTo('PutResourcePolicy')).toHaveLength(5);
    expect(JSON.parse(emu.runtime(id)!.resourcePolicy!)).toEqual({ Version: '2012-10-17', Statement: [{ ...JSON.parse(changed).Statement[0], Resource: arn }] });
    expect(JSON.parse(policyOn(id, 'prod')[0].body.policy).Statement[0].Resource).toBe(`${arn}/runtime-endpoint/prod`);

    // Removed: DeleteResourcePolicy on the runtime and its endpoints.
    const p4 = { ...p3 };
    delete (p4 as Record<string, unknown>).CdkAgentCore;
    expect(await cfn.update(id, p4, p3)).toMatchObject({ Status: 'SUCCESS' });
    expect(emu.callsTo('DeleteResourcePolicy')).toHaveLength(3);
    expect(emu.runtime(id)!.resourcePolicy).toBeUndefined();
    expect(emu.callsTo('UpdateAgentRuntime')).toHaveLength(0);
    // Removing it again (already absent): nothing to do.
    expect(await cfn.update(id, { ...p4, Tags: { team: 'y' } }, p4)).toMatchObject({ Status: 'SUCCESS' });
    expect(emu.callsTo('DeleteResourcePolicy')).toHaveLength(3);
    finish(['agent_a']);
  });

  it('R9 invalid JSON or a document without statements: FAILED naming ResourcePolicy before any call', async () => {
    for (const bad of ['{"Statement": [', '{"Version":"2012-10-17"}', '[1]', JSON.stringify({ Statement: ['Allow'] })]) {
      emu.reset();
      const r = await cfn.create(props('agent_a', { CdkAgentCore: { ResourcePolicy: bad } }));
      expect(r?.Status).toBe('FAILED');
      expect(r!.Reason).toMatch(/ResourcePolicy must be/);
      expect(emu.calls).toHaveLength(0);
    }
    const id = await created(props());
    const before = emu.calls.length;
    const u = await cfn.update(id, props('agent_a', { CdkAgentCore: { ResourcePolicy: '{oops' }, Description: 'v2' }), props());
    expect(u).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
    expect(u!.Reason).toContain('ResourcePolicy must be valid JSON');
    expect(emu.calls.length).toBe(before);
    finish(['agent_a']);
  });

  it('R9 delete of a runtime with a policy needs nothing extra', async () => {
    const id = await created(props('agent_a', { CdkAgentCore: { ResourcePolicy: POLICY } }));
    expect(await cfn.delete(id, props('agent_a', { CdkAgentCore: { ResourcePolicy: POLICY } }))).toMatchObject({ Status: 'SUCCESS' });
    expect(emu.callsTo('DeleteResourcePolicy')).toHaveLength(0);
    finish([]);
  });
});

describe('time budgets', () => {
  it('R10 a hanging agent: the check is cut at TimeoutSeconds and every handler returns before its Lambda timeout', async () => {
    fw = new FrameworkDriver(provider, { contextMs: 4_000, maxAttempts: 50 });
    cfn = new CfnDriver(fw);
    emu.setInvokeBehaviour('agent_a', { sse: ['"po"', '"ng"'], chunkDelayMs: 5_000 });
    const r = await cfn.create(props('agent_a', { CdkAgentCore: { HealthCheck: { ...CHECK, TimeoutSeconds: '1' } } }));
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toContain('no complete answer within 1s; the failed runtime was deleted');
    expect(fw.longestHandlerMs).toBeLessThan(3_000);
    await cfn.delete(r!.PhysicalResourceId, props());
    finish([]);
  });

  it('R10 a check that never fits an invocation: FAILED at the wall-clock limit with a reason naming it, runtime deleted on rollback', async () => {
    Object.assign(process.env, { AGENTCORE_PROVIDER_MAX_WAIT_MS: '300' });
    fw = new FrameworkDriver(provider, { contextMs: 2_500, maxAttempts: 50, queryIntervalMs: 20 });
    cfn = new CfnDriver(fw);
    healthyAgent();
    const r = await cfn.create(props('agent_a', { CdkAgentCore: { HealthCheck: { ...CHECK, TimeoutSeconds: '1' } } }));
    expect(r?.Status).toBe('FAILED');
    expect(r!.Reason).toMatch(/did not settle within 0.3s \(READY, but the health check did not fit in the time left to an isComplete invocation\)/);
    expect(emu.callsTo('InvokeAgentRuntime')).toHaveLength(0);
    expect(await cfn.delete(r!.PhysicalResourceId, props())).toMatchObject({ Status: 'SUCCESS' });
    finish([]);
  });
});
