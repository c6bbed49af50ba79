/**
 * Conformance (issue 9.4b): for a matrix of AgentRuntime props that sets every prop at least once, the requests the
 * BUNDLED provider sends — captured at the emulator, the real SDK over HTTP — validate against the API model's request
 * shapes (required members, patterns, lengths, ranges, enums, unions). The synthesized properties go through
 * CloudFormation's treatment first (intrinsics resolved, scalars stringified).
 */
import * as fs from 'fs';
import * as path from 'path';
import { concrete, stringified } from './cfn';
import { MATRIX, synthesize } from './matrix';
import { CONTROL_MODEL, validateAgainstModel } from './model-validator';
import { testStack } from '../helpers/stack';
import { CfnDriver, useProviderSuite } from '../provider/harness';

/** Members the bundled SDK sends that the vendored model predates (see shapes.test.ts). */
const NEWER_THAN_MODEL = ['platformVersion'];

/** The properties of the runtime's custom resource as the provider receives them. */
function delivered(entry: (typeof MATRIX)[number]): Record<string, any> {
  const template = synthesize(entry);
  const resource = Object.values(template.Resources).find((r) => r.Type === 'Custom::BedrockAgentCoreRuntime')!;
  return stringified(concrete(template, resource.Properties)) as Record<string, any>;
}

function expectValid(shape: string, body: unknown): void {
  const result = validateAgainstModel(CONTROL_MODEL, shape, body);
  expect(result.violations).toEqual([]);
  expect(result.unknownMembers.filter((m) => !NEWER_THAN_MODEL.includes(m))).toEqual([]);
}

test('the matrix sets every AgentRuntime prop at least once', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jsii = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '.jsii'), 'utf-8'));
  const declared = (jsii.types['cdk-agentcore.AgentRuntimeProps'].properties as { name: string }[]).map((p) => p.name);
  const set = new Set(MATRIX.flatMap(([, props]) => Object.keys(props(testStack('Keys')))));
  expect(declared.filter((p) => !set.has(p))).toEqual([]);
});

describe('the bundled provider\'s requests validate against the API model', () => {
  const suite = useProviderSuite();

  it.each(MATRIX)('%s', async (...entry) => {
    const { emu, fw } = suite;
    const cfn = new CfnDriver(fw);
    const p = delivered(entry);
    emu.setInvokeBehaviour(p.AgentRuntimeName, { sse: ['"pong"'] });
    const created = await cfn.create(p);
    // A failure shows its Reason: the emulator validates requests as strictly as the service.
    expect({ status: created?.Status, reason: created?.Status === 'SUCCESS' ? undefined : created?.Reason }).toEqual({ status: 'SUCCESS', reason: undefined });
    expectValid('CreateAgentRuntimeRequest', emu.callsTo('CreateAgentRuntime')[0].body);
    for (const put of emu.callsTo('PutResourcePolicy')) expectValid('PutResourcePolicyRequest', put.body);

    const changed = { ...p, Description: 'Every option, changed', EnvironmentVariables: { ...p.EnvironmentVariables, CHANGED: '1' } };
    expect(await cfn.update(created!.PhysicalResourceId, changed, p)).toMatchObject({ Status: 'SUCCESS' });
    const updates = emu.callsTo('UpdateAgentRuntime');
    expect(updates).toHaveLength(1);
    expectValid('UpdateAgentRuntimeRequest', updates[0].body);
    expect(await cfn.delete(created!.PhysicalResourceId, changed)).toMatchObject({ Status: 'SUCCESS' });
    suite.finish([]);
  });
});
