import {
  CreateGatewayCommand, CreateGatewayTargetCommand, DeleteGatewayCommand, DeleteGatewayTargetCommand, GetGatewayCommand,
  GetGatewayTargetCommand, ResourceNotFoundException, TagResourceCommand, ValidationException,
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
const ROLE = 'arn:aws:iam::123456789012:role/GatewayRole';
const LAMBDA_TARGET = {
  mcp: {
    lambda: {
      lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:tool',
      toolSchema: { inlinePayload: [{ name: 'get_weather', description: 'weather', inputSchema: { type: 'object' as const } }] },
    },
  },
};

async function readyGateway(): Promise<string> {
  const { gatewayId } = await client().send(new CreateGatewayCommand({ name: 'My-Gateway', roleArn: ROLE, protocolType: 'MCP', authorizerType: 'AWS_IAM' }));
  await client().send(new GetGatewayCommand({ gatewayIdentifier: gatewayId }));
  await client().send(new GetGatewayCommand({ gatewayIdentifier: gatewayId }));
  return gatewayId!;
}

describe('Gateway', () => {
  test('Create (POST /gateways/, 202) → CREATING, id/ARN/URL formats, then READY', async () => {
    const created = await client().send(new CreateGatewayCommand({ name: 'My-Gateway', roleArn: ROLE, protocolType: 'MCP', authorizerType: 'AWS_IAM' }));
    expect(created.$metadata.httpStatusCode).toBe(202);
    expect(created.gatewayId).toMatch(/^my-gateway-[a-z0-9]{10}$/);
    expect(created).toMatchObject({
      status: 'CREATING',
      name: 'My-Gateway',
      authorizerType: 'AWS_IAM',
      protocolType: 'MCP',
      roleArn: ROLE,
      gatewayArn: `arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/${created.gatewayId}`,
      gatewayUrl: `https://${created.gatewayId}.gateway.bedrock-agentcore.us-east-1.amazonaws.com/mcp`,
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect((await client().send(new GetGatewayCommand({ gatewayIdentifier: created.gatewayId }))).status).toBe('CREATING');
    expect((await client().send(new GetGatewayCommand({ gatewayIdentifier: created.gatewayId }))).status).toBe('READY');
    await client().send(new TagResourceCommand({ resourceArn: created.gatewayArn, tags: { team: 'a' } }));
    expect(emu.gateways()[0]).toMatchObject({ status: 'READY', tags: { team: 'a' }, targets: {} });
  });

  test('validation: name pattern (no underscores) and CUSTOM_JWT without an authorizer', async () => {
    const name = await caught(() => client().send(new CreateGatewayCommand({ name: 'my_gateway', roleArn: ROLE, authorizerType: 'NONE' })));
    expect(name).toBeInstanceOf(ValidationException);
    expect(name.message).toContain('Member must satisfy regular expression pattern: ([0-9a-zA-Z][-]?){1,48}');
    const jwt = await caught(() => client().send(new CreateGatewayCommand({ name: 'gw', roleArn: ROLE, authorizerType: 'CUSTOM_JWT' })));
    expect(jwt.fieldList).toEqual([{ name: 'authorizerConfiguration', message: 'Member must not be null when authorizerType is CUSTOM_JWT' }]);
  });

  test('targets: create → READY; the gateway cannot be deleted while targets exist', async () => {
    const gatewayId = await readyGateway();
    const target = await client().send(new CreateGatewayTargetCommand({
      gatewayIdentifier: gatewayId,
      name: 'my-target',
      targetConfiguration: LAMBDA_TARGET,
      credentialProviderConfigurations: [{ credentialProviderType: 'GATEWAY_IAM_ROLE' }],
    }));
    expect(target.$metadata.httpStatusCode).toBe(202);
    expect(target.targetId).toMatch(/^[A-Z0-9]{10}$/);
    expect(target).toMatchObject({ status: 'CREATING', name: 'my-target', credentialProviderConfigurations: [{ credentialProviderType: 'GATEWAY_IAM_ROLE' }] });
    expect(target.targetConfiguration).toEqual(LAMBDA_TARGET);
    await client().send(new GetGatewayTargetCommand({ gatewayIdentifier: gatewayId, targetId: target.targetId }));
    expect((await client().send(new GetGatewayTargetCommand({ gatewayIdentifier: gatewayId, targetId: target.targetId }))).status).toBe('READY');

    const refused = await caught(() => client().send(new DeleteGatewayCommand({ gatewayIdentifier: gatewayId })));
    expect(refused).toBeInstanceOf(ValidationException);
    expect(refused.message).toBe('Gateway has targets associated');

    const deletedTarget = await client().send(new DeleteGatewayTargetCommand({ gatewayIdentifier: gatewayId, targetId: target.targetId }));
    expect(deletedTarget).toMatchObject({ targetId: target.targetId, status: 'DELETING' });
    const deleted = await client().send(new DeleteGatewayCommand({ gatewayIdentifier: gatewayId }));
    expect(deleted).toMatchObject({ gatewayId, status: 'DELETING' });
    expect(emu.callsTo('DeleteGateway')[1].clientToken).toBeUndefined();
    await client().send(new GetGatewayCommand({ gatewayIdentifier: gatewayId }));
    expect(await caught(() => client().send(new GetGatewayCommand({ gatewayIdentifier: gatewayId })))).toBeInstanceOf(ResourceNotFoundException);
  });

  test('target validation: exactly one mcp member and one credential provider', async () => {
    const gatewayId = await readyGateway();
    const two = await caught(() => client().send(new CreateGatewayTargetCommand({
      gatewayIdentifier: gatewayId, targetConfiguration: { mcp: { ...LAMBDA_TARGET.mcp, mcpServer: { endpoint: 'https://x' } } as any },
    })));
    expect(two.fieldList[0].name).toBe('targetConfiguration.mcp');
    const missing = await caught(() => client().send(new CreateGatewayTargetCommand({ gatewayIdentifier: 'nope-abcdefghij', targetConfiguration: LAMBDA_TARGET })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });
});
