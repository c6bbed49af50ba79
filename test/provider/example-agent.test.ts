/**
 * Issue 12, bug 1, end to end: the example app's own agent (`bin/agent/server.js`, run for real on 127.0.0.1) passes the
 * example app's own health check (the `HealthCheck` of its synthesized runtime) through the bundled provider, the real
 * Provider framework runtime and the emulator's data plane, which forwards InvokeAgentRuntime to the process's
 * `POST /invocations` the way AgentCore forwards to the container.
 */
import { CfnDriver, FrameworkDriver, props, useProviderSuite } from './harness';
import { PROVIDER_TIMING } from '../../lib/private/contract';
import { ExampleAgent, exampleHealthCheck, startExampleAgent } from '../helpers/example-agent';

jest.setTimeout(30_000);

const suite = useProviderSuite();
let agent: ExampleAgent;
let check: Record<string, string>;

beforeAll(async () => {
  agent = await startExampleAgent();
  check = exampleHealthCheck();
});
afterAll(() => agent.stop());

/** The deployed Lambda timeout of isComplete: the example's check (its default 60 s budget) must fit in it. */
function deployedTimeouts(): CfnDriver {
  suite.fw = new FrameworkDriver(suite.provider, { contextMs: PROVIDER_TIMING.isCompleteTimeoutMs, maxAttempts: 50 });
  return new CfnDriver(suite.fw);
}

it("the example agent passes the example app's own health check on create and on a new version", async () => {
  const { emu } = suite;
  const cfn = deployedTimeouts();
  emu.setInvokeBehaviour('agent_a', { agentUrl: agent.url });
  const p1 = props('agent_a', { CdkAgentCore: { HealthCheck: check } });
  const r = await cfn.create(p1);
  expect(r).toMatchObject({ Status: 'SUCCESS', Data: { AgentRuntimeVersion: '1' } });
  const p2 = props('agent_a', { CdkAgentCore: { HealthCheck: check }, Description: 'v2' });
  expect(await cfn.update(r!.PhysicalResourceId, p2, p1)).toMatchObject({ Status: 'SUCCESS', Data: { AgentRuntimeVersion: '2', PreviousVersion: '1' } });
  const invokes = emu.callsTo('InvokeAgentRuntime');
  expect(invokes.map((c) => c.status)).toEqual([200, 200]);
  expect(invokes.every((c) => c.body === check.Payload)).toBe(true);
  expect(await cfn.delete(r!.PhysicalResourceId, p2)).toMatchObject({ Status: 'SUCCESS' });
  suite.finish([]);
});

it('the same check fails, naming the cause, when the agent process is not there (the emulator answers 424)', async () => {
  const { emu } = suite;
  const cfn = deployedTimeouts();
  emu.setInvokeBehaviour('agent_a', { agentUrl: 'http://127.0.0.1:9' });
  const r = await cfn.create(props('agent_a', { CdkAgentCore: { HealthCheck: { ...check, TimeoutSeconds: '1' } } }));
  expect(r?.Status).toBe('FAILED');
  expect(r!.Reason).toMatch(/health check of runtime agent_a-\w{10} version 1 failed: InvokeAgentRuntime failed after \d+ attempts in 1s; the failed runtime was deleted; output: RuntimeClientError: Received error \(ECONNREFUSED\) from runtime/);
  expect(await cfn.delete(r!.PhysicalResourceId, props())).toMatchObject({ Status: 'SUCCESS' });
  suite.finish([]);
});
