import {
  CreateAgentRuntimeCommand, CreateAgentRuntimeCommandInput, GetAgentRuntimeCommand, UpdateAgentRuntimeCommand, UpdateAgentRuntimeCommandInput,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { caught, controlClient, IMAGE, runtimeInput } from './fixtures';
import { useEmulator } from './index';

const emu = useEmulator();

/** Sends a CreateAgentRuntime that must fail validation; returns the ValidationException. */
async function rejected(input: Partial<CreateAgentRuntimeCommandInput> | Record<string, unknown>): Promise<any> {
  const err = await caught(() => controlClient(emu, 1).send(new CreateAgentRuntimeCommand(input as CreateAgentRuntimeCommandInput)));
  expect(err).toBeInstanceOf(ValidationException);
  expect(err.$metadata.httpStatusCode).toBe(400);
  expect(emu.runtimes()).toEqual([]);
  return err;
}

describe('FieldValidationFailed with the AWS wording', () => {
  test.each([
    ['my-agent'],
    ['1agent'],
    ['a'.repeat(49)],
  ])('runtime name %s violates the name pattern', async (name) => {
    const err = await rejected(runtimeInput(name));
    expect(err.reason).toBe('FieldValidationFailed');
    expect(err.message).toBe(`1 validation error detected: Value '${name}' at 'agentRuntimeName' failed to satisfy constraint: `
      + 'Member must satisfy regular expression pattern: [a-zA-Z][a-zA-Z0-9_]{0,47}');
    expect(err.fieldList).toEqual([{ name: 'agentRuntimeName', message: 'Member must satisfy regular expression pattern: [a-zA-Z][a-zA-Z0-9_]{0,47}' }]);
  });

  test('roleArn pattern', async () => {
    const err = await rejected(runtimeInput('ok', { roleArn: 'arn:aws:iam::123456789012:user/Bob' }));
    expect(err.message).toContain("Value 'arn:aws:iam::123456789012:user/Bob' at 'roleArn' failed to satisfy constraint: "
      + 'Member must satisfy regular expression pattern: arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+');
  });

  test('required members: every missing one is listed', async () => {
    const err = await rejected({ agentRuntimeName: 'ok' });
    expect(err.message).toBe('2 validation errors detected: '
      + "Value null at 'agentRuntimeArtifact' failed to satisfy constraint: Member must not be null; "
      + "Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
    expect(err.fieldList.map((f: any) => f.name)).toEqual(['agentRuntimeArtifact', 'roleArn']);
  });

  test('union cardinality of the artifact: none or two members', async () => {
    const both = await rejected(runtimeInput('ok', {
      agentRuntimeArtifact: {
        containerConfiguration: { containerUri: IMAGE },
        codeConfiguration: { code: { s3: { bucket: 'my-bucket', prefix: 'a.zip' } }, runtime: 'PYTHON_3_12', entryPoint: ['main.py'] },
      } as any,
    }));
    expect(both.message).toContain("at 'agentRuntimeArtifact' failed to satisfy constraint: Member must have exactly one of [containerConfiguration, codeConfiguration] set, found 2");
    const none = await rejected(runtimeInput('ok', { agentRuntimeArtifact: {} as any }));
    expect(none.message).toContain('found 0');
  });

  test('nested members of the chosen union member are validated', async () => {
    const err = await rejected(runtimeInput('ok', { agentRuntimeArtifact: { containerConfiguration: { containerUri: 'docker.io/library/nginx' } } }));
    expect(err.fieldList[0].name).toBe('agentRuntimeArtifact.containerConfiguration.containerUri');
    const code = await rejected(runtimeInput('ok', {
      agentRuntimeArtifact: { codeConfiguration: { code: { s3: { bucket: 'B', prefix: 'a.zip' } }, runtime: 'PYTHON_2_7' as any, entryPoint: [] } },
    }));
    expect(code.fieldList.map((f: any) => f.name)).toEqual([
      'agentRuntimeArtifact.codeConfiguration.code.s3.bucket',
      'agentRuntimeArtifact.codeConfiguration.runtime',
      'agentRuntimeArtifact.codeConfiguration.entryPoint',
    ]);
  });

  test('environment variables: count, key length, value length (values are not echoed)', async () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`K${i}`, 'v']));
    expect((await rejected(runtimeInput('ok', { environmentVariables: many }))).message)
      .toBe("1 validation error detected: Value at 'environmentVariables' failed to satisfy constraint: Member must have length less than or equal to 50");
    expect((await rejected(runtimeInput('ok', { environmentVariables: { ['K'.repeat(101)]: 'v' } }))).message)
      .toContain("at 'environmentVariables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 100]");
    const longValue = await rejected(runtimeInput('ok', { environmentVariables: { K: 's3cr3t'.repeat(1000) } }));
    expect(longValue.message).toContain('Map value must satisfy constraint: [Member must have length less than or equal to 5000]');
    expect(longValue.message).not.toContain('s3cr3t');
  });

  test('description length 1..4096', async () => {
    expect((await rejected(runtimeInput('ok', { description: 'x'.repeat(4097) }))).message)
      .toBe("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 4096");
    expect((await rejected(runtimeInput('ok', { description: '' }))).message).toContain('Member must have length greater than or equal to 1');
  });

  test('lifecycle ranges 60..28800 and idle ≤ maxLifetime', async () => {
    const low = await rejected(runtimeInput('ok', { lifecycleConfiguration: { idleRuntimeSessionTimeout: 59 } }));
    expect(low.message).toContain("Value '59' at 'lifecycleConfiguration.idleRuntimeSessionTimeout' failed to satisfy constraint: Member must have value greater than or equal to 60");
    const high = await rejected(runtimeInput('ok', { lifecycleConfiguration: { maxLifetime: 28801 } }));
    expect(high.message).toContain("Value '28801' at 'lifecycleConfiguration.maxLifetime' failed to satisfy constraint: Member must have value less than or equal to 28800");
    const order = await rejected(runtimeInput('ok', { lifecycleConfiguration: { idleRuntimeSessionTimeout: 3600, maxLifetime: 1800 } }));
    expect(order.fieldList).toEqual([{ name: 'lifecycleConfiguration.idleRuntimeSessionTimeout', message: 'Member must have value less than or equal to maxLifetime (1800)' }]);
  });

  test('clientToken length 33..256 and pattern', async () => {
    expect((await rejected({ ...runtimeInput('ok'), clientToken: 'a'.repeat(32) })).message)
      .toContain("Value '" + 'a'.repeat(32) + "' at 'clientToken' failed to satisfy constraint: Member must have length greater than or equal to 33");
    expect((await rejected({ ...runtimeInput('ok'), clientToken: `${'a'.repeat(33)}_x` })).message)
      .toContain('Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}');
  });

  test('network mode VPC requires networkModeConfig; its lists are checked', async () => {
    expect((await rejected(runtimeInput('ok', { networkConfiguration: { networkMode: 'VPC' } }))).fieldList)
      .toEqual([{ name: 'networkConfiguration.networkModeConfig', message: 'Member must not be null when networkMode is VPC' }]);
    const subnets = await rejected(runtimeInput('ok', {
      networkConfiguration: { networkMode: 'VPC', networkModeConfig: { securityGroups: ['sg-0123456789abcdef0'], subnets: ['subnet-1'] } },
    }));
    expect(subnets.message).toContain("Value '[subnet-1]' at 'networkConfiguration.networkModeConfig.subnets' failed to satisfy constraint: "
      + 'Member must satisfy constraint: [Member must satisfy regular expression pattern: subnet-[0-9a-zA-Z]{8,17}]');
  });

  test('serverProtocol enum and request-header allowlist pattern', async () => {
    expect((await rejected(runtimeInput('ok', { protocolConfiguration: { serverProtocol: 'GRPC' as any } }))).message)
      .toContain("Value 'GRPC' at 'protocolConfiguration.serverProtocol' failed to satisfy constraint: Member must satisfy enum value set: [MCP, HTTP, A2A, AGUI]");
    expect((await rejected(runtimeInput('ok', { requestHeaderConfiguration: { requestHeaderAllowlist: ['X Custom'] } }))).fieldList[0].name)
      .toBe('requestHeaderConfiguration.requestHeaderAllowlist');
  });

  test('path labels are validated too', async () => {
    const err = await caught(() => controlClient(emu, 1).send(new GetAgentRuntimeCommand({ agentRuntimeId: 'not an id' })));
    expect(err).toBeInstanceOf(ValidationException);
    expect(emu.calls[0].path).toBe('/runtimes/not%20an%20id/');
    expect(err.message).toContain("Value 'not an id' at 'agentRuntimeId' failed to satisfy constraint");
  });
});

describe('CannotParse: values of the wrong JSON type', () => {
  test('a string where an integer is expected', async () => {
    const err = await rejected(runtimeInput('ok', { lifecycleConfiguration: { idleRuntimeSessionTimeout: '900' as any, maxLifetime: 28800 } }));
    expect(err.reason).toBe('CannotParse');
    expect(err.message).toContain("at 'lifecycleConfiguration.idleRuntimeSessionTimeout'");
    expect(err.message).toContain('expected integer, got string');
    expect(emu.callsTo('CreateAgentRuntime')[0].body.lifecycleConfiguration.idleRuntimeSessionTimeout).toBe('900');
  });

  test('a string where a boolean is expected, and a fractional integer', async () => {
    expect((await rejected(runtimeInput('ok', {
      networkConfiguration: { networkMode: 'VPC', networkModeConfig: { securityGroups: ['sg-0123456789abcdef0'], subnets: ['subnet-0123456789abcdef0'], requireServiceS3Endpoint: 'true' as any } },
    }))).reason).toBe('CannotParse');
    expect((await rejected(runtimeInput('ok', { lifecycleConfiguration: { maxLifetime: 900.5 } }))).reason).toBe('CannotParse');
  });
});

describe('UpdateAgentRuntime is validated like Create', () => {
  test('the complete configuration is required and typed; the runtime keeps its version', async () => {
    const client = controlClient(emu, 1);
    const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand(runtimeInput('ok')));
    const update = (input: Partial<UpdateAgentRuntimeCommandInput>) =>
      caught(() => client.send(new UpdateAgentRuntimeCommand({ agentRuntimeId, ...input } as UpdateAgentRuntimeCommandInput)));
    const missing = await update({ agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE } } });
    expect(missing.fieldList).toEqual([{ name: 'roleArn', message: 'Member must not be null' }]);
    const { agentRuntimeName: _name, ...config } = runtimeInput('ok');
    const typed = await update({ ...config, lifecycleConfiguration: { maxLifetime: '600' as any } });
    expect(typed.reason).toBe('CannotParse');
    expect(emu.runtime('ok')!.version).toBe('1');
  });
});

describe('raw HTTP edge cases', () => {
  test('a body that is not JSON is a CannotParse ValidationException; unknown routes are UnknownOperationException', async () => {
    const bad = await fetch(`${emu.endpoint}/runtimes/`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect(bad.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await bad.json()).toMatchObject({ reason: 'CannotParse', __type: 'com.amazonaws.bedrockagentcorecontrol#ValidationException' });

    const unknown = await fetch(`${emu.endpoint}/runtimes/x/unknown/`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(emu.calls.map((c) => [c.operation, c.status])).toEqual([['CreateAgentRuntime', 400], ['Unknown', 404]]);
  });
});
