import { testDeps } from './deps';
import type { ControlPlane } from '../../lambda/agent-runtime/api';
import type { Deps, LifecycleEvent } from '../../lambda/agent-runtime/context';
import { InvalidPropertiesError, parseResourcePolicyProperties, readResourcePolicy } from '../../lambda/agent-runtime/properties';
import { handlePolicyIsComplete, handlePolicyOnEvent, isResourcePolicyEvent, RESOURCE_POLICY_TYPE } from '../../lambda/agent-runtime/resource-policy';
import { parseRuntimeArn } from '../../lib/private/contract';

const RUNTIME_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/agent_a-AbCdEf1234';
const PROD = `${RUNTIME_ARN}/runtime-endpoint/prod`;
const STATEMENT = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'bedrock-agentcore:InvokeAgentRuntime' };
const POLICY = JSON.stringify({ Statement: [STATEMENT] });

function err(name: string, message = name, status?: number): Error {
  return Object.assign(new Error(message), { name, $metadata: status ? { httpStatusCode: status } : {} });
}

function fakeApi(): jest.Mocked<ControlPlane> {
  const unexpected = () => jest.fn().mockRejectedValue(new Error('unexpected call'));
  return {
    createAgentRuntime: unexpected(),
    getAgentRuntime: unexpected(),
    updateAgentRuntime: unexpected(),
    deleteAgentRuntime: unexpected(),
    listAgentRuntimes: unexpected(),
    listTagsForResource: unexpected(),
    tagResource: unexpected(),
    untagResource: unexpected(),
    listAgentRuntimeEndpoints: unexpected(),
    getAgentRuntimeEndpoint: unexpected(),
    deleteAgentRuntimeEndpoint: unexpected(),
    putResourcePolicy: jest.fn().mockResolvedValue(undefined),
    deleteResourcePolicy: jest.fn().mockResolvedValue(undefined),
  };
}

function deps(api: ControlPlane, lines: string[] = []): Deps {
  return testDeps(api, { lines });
}

function event(type: 'Create' | 'Update' | 'Delete', extra: Partial<LifecycleEvent> = {}): LifecycleEvent {
  return {
    RequestType: type,
    ResourceType: RESOURCE_POLICY_TYPE,
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/S/u',
    LogicalResourceId: 'ProdPolicy',
    RequestId: 'req-1',
    ResourceProperties: { ResourceArn: PROD, Policy: POLICY },
    ...extra,
  };
}

describe('parseRuntimeArn', () => {
  test.each([
    [RUNTIME_ARN, { runtimeId: 'agent_a-AbCdEf1234' }],
    [PROD, { runtimeId: 'agent_a-AbCdEf1234', endpointName: 'prod' }],
    ['arn:aws-us-gov:bedrock-agentcore:us-gov-west-1:123456789012:runtime/a-AbCdEf1234/runtime-endpoint/DEFAULT', { runtimeId: 'a-AbCdEf1234', endpointName: 'DEFAULT' }],
  ])('%s', (arn, parts) => expect(parseRuntimeArn(arn)).toMatchObject(parts));

  test.each([
    'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED', 'agent_a-AbCdEf1234', `${PROD}/`, `${PROD}/x`, `${RUNTIME_ARN}/runtime-endpoint/`,
    `${RUNTIME_ARN}/runtime-endpoint/1prod`, 'arn:aws:bedrock-agentcore:us-east-1:123456789012:memory/m-AbCdEf1234',
    'arn:aws:bedrock-agentcore:us-east-1:12345:runtime/agent_a-AbCdEf1234', 'arn:aws:bedrock:us-east-1:123456789012:runtime/agent_a-AbCdEf1234', '',
  ])('not a runtime or endpoint ARN: %s', (id) => expect(parseRuntimeArn(id)).toBeUndefined());
});

describe('parseResourcePolicyProperties', () => {
  test('the ARN and the document (Resource is set later, per target)', () => {
    expect(parseResourcePolicyProperties({ ServiceToken: 'x', ResourceArn: PROD, Policy: POLICY })).toEqual({ resourceArn: PROD, policy: { Statement: [STATEMENT] } });
  });

  test('every problem named by property, values never echoed', () => {
    const secret = 'arn:aws:iam::999988887777:root';
    try {
      parseResourcePolicyProperties({ ResourceArn: `bad-${secret}`, Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: secret } }] }) });
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidPropertiesError);
      expect((e as InvalidPropertiesError).problems).toEqual([
        expect.stringMatching(/^ResourceArn must be the ARN of an AgentCore runtime or runtime endpoint/),
        expect.stringMatching(/^Policy must be a JSON policy document/),
      ]);
      expect((e as Error).message).not.toContain('999988887777');
    }
    expect(() => parseResourcePolicyProperties({})).toThrow('Invalid ResourceProperties: ResourceArn is required; Policy is required');
    expect(() => parseResourcePolicyProperties(null)).toThrow(/ResourceArn is required; Policy is required/);
  });

  test('readResourcePolicy reads either property name', () => {
    expect(readResourcePolicy({ Policy: POLICY }, 'Policy')).toEqual({ Statement: [STATEMENT] });
    expect(readResourcePolicy({ Policy: POLICY })).toBeUndefined();
    expect(readResourcePolicy({ Policy: '{' }, 'Policy')).toBe('invalid');
  });
});

describe('handlePolicyOnEvent', () => {
  test('isResourcePolicyEvent only for the policy type (a runtime event, or none, goes to the runtime lifecycle)', () => {
    expect(isResourcePolicyEvent({ ResourceType: RESOURCE_POLICY_TYPE })).toBe(true);
    expect(isResourcePolicyEvent({ ResourceType: 'Custom::BedrockAgentCoreRuntime' })).toBe(false);
    expect(isResourcePolicyEvent({})).toBe(false);
    expect(handlePolicyIsComplete()).toStrictEqual({ IsComplete: true });
  });

  test('Create puts with Resource = ResourceArn and returns it as the physical id; logs carry no policy values', async () => {
    const api = fakeApi();
    const lines: string[] = [];
    expect(await handlePolicyOnEvent(event('Create'), deps(api, lines))).toStrictEqual({ PhysicalResourceId: PROD });
    expect(api.putResourcePolicy).toHaveBeenCalledTimes(1);
    expect(api.putResourcePolicy.mock.calls[0][0]).toBe(PROD);
    expect(JSON.parse(api.putResourcePolicy.mock.calls[0][1])).toEqual({ Version: '2012-10-17', Statement: [{ ...STATEMENT, Resource: PROD }] });
    expect(lines.join('\n')).not.toContain('210987654321');
  });

  test('Update from a physical id that is not the ResourceArn (replacement, or an older id) puts on the new ARN', async () => {
    const api = fakeApi();
    const e = event('Update', { PhysicalResourceId: 'Stack-ProdPolicy-1A2B3C', OldResourceProperties: { ResourceArn: PROD, Policy: POLICY } });
    expect(await handlePolicyOnEvent(e, deps(api))).toStrictEqual({ PhysicalResourceId: PROD });
    expect(api.putResourcePolicy).toHaveBeenCalledTimes(1);
  });

  test('Delete: AccessDenied is success only when the Get confirms the endpoint is gone (transient Get errors retried)', async () => {
    const api = fakeApi();
    api.deleteResourcePolicy.mockRejectedValue(err('AccessDeniedException', 'Endpoint prod was not found or you are not authorized', 403));
    api.getAgentRuntimeEndpoint.mockRejectedValueOnce(err('ThrottlingException', 'slow down', 429)).mockRejectedValueOnce(err('ResourceNotFoundException', 'gone', 404));
    expect(await handlePolicyOnEvent(event('Delete', { PhysicalResourceId: PROD }), deps(api))).toStrictEqual({ PhysicalResourceId: PROD });
    expect(api.getAgentRuntimeEndpoint).toHaveBeenCalledWith('agent_a-AbCdEf1234', 'prod');
    expect(api.getAgentRuntimeEndpoint).toHaveBeenCalledTimes(2);

    // Not confirmed (the Get itself is denied): the denial is reported.
    api.getAgentRuntimeEndpoint.mockReset().mockRejectedValue(err('AccessDeniedException', 'explicit deny', 403));
    await expect(handlePolicyOnEvent(event('Delete', { PhysicalResourceId: PROD }), deps(api)))
      .rejects.toThrow(`DeleteResourcePolicy failed: AccessDeniedException: Endpoint prod was not found or you are not authorized (${PROD})`);

    // An AccessDenied that does not say "not found"/"not authorized" is never looked into.
    api.getAgentRuntimeEndpoint.mockReset();
    api.deleteResourcePolicy.mockRejectedValue(err('AccessDeniedException', 'explicit deny in a service control policy', 403));
    await expect(handlePolicyOnEvent(event('Delete', { PhysicalResourceId: PROD }), deps(api))).rejects.toThrow(/DeleteResourcePolicy failed: AccessDeniedException: explicit deny/);
    expect(api.getAgentRuntimeEndpoint).not.toHaveBeenCalled();
  });

  test('Delete of a runtime ARN confirms with GetAgentRuntime; a ResourceNotFound needs no confirmation', async () => {
    const api = fakeApi();
    api.deleteResourcePolicy.mockRejectedValueOnce(err('AccessDeniedException', 'User is not authorized to perform this action', 403));
    api.getAgentRuntime.mockRejectedValue(err('ResourceNotFoundException', 'gone', 404));
    expect(await handlePolicyOnEvent(event('Delete', { PhysicalResourceId: RUNTIME_ARN }), deps(api))).toStrictEqual({ PhysicalResourceId: RUNTIME_ARN });
    expect(api.getAgentRuntime).toHaveBeenCalledWith('agent_a-AbCdEf1234');

    api.deleteResourcePolicy.mockRejectedValueOnce(err('ResourceNotFoundException', 'No resource policy', 404));
    api.getAgentRuntime.mockClear();
    expect(await handlePolicyOnEvent(event('Delete', { PhysicalResourceId: RUNTIME_ARN }), deps(api))).toStrictEqual({ PhysicalResourceId: RUNTIME_ARN });
    expect(api.getAgentRuntime).not.toHaveBeenCalled();
  });

  test('an unknown RequestType fails', async () => {
    await expect(handlePolicyOnEvent({ ...event('Create'), RequestType: 'Replace' } as unknown as LifecycleEvent, deps(fakeApi()))).rejects.toThrow('unknown RequestType Replace');
  });
});
