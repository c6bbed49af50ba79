import {
  checkProviderTiming, HANDLER_BUDGETS, isMutableImageTag, isReservedEnvName, isRuntimeId, parseRuntimeArn, PROVIDER_TIMING, runtimeLogGroupName,
  runtimeNameOf,
} from '../../lib/private/contract';

const RUNTIME_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/agent_a-AbCdEf1234';
const PROD = `${RUNTIME_ARN}/runtime-endpoint/prod`;

describe('parseRuntimeArn', () => {
  test.each([
    [RUNTIME_ARN, { partition: 'aws', region: 'us-east-1', account: '123456789012', runtimeId: 'agent_a-AbCdEf1234', runtimeName: 'agent_a' }],
    [PROD, { runtimeId: 'agent_a-AbCdEf1234', endpointName: 'prod' }],
    ['arn:aws-us-gov:bedrock-agentcore:us-gov-west-1:123456789012:runtime/a-AbCdEf1234/runtime-endpoint/DEFAULT', { partition: 'aws-us-gov', runtimeId: 'a-AbCdEf1234', endpointName: 'DEFAULT' }],
  ])('%s', (arn, parts) => expect(parseRuntimeArn(arn)).toMatchObject(parts));

  test('a runtime ARN has no endpoint name', () => {
    expect(parseRuntimeArn(RUNTIME_ARN)).not.toHaveProperty('endpointName');
  });

  test.each([
    'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED', 'agent_a-AbCdEf1234', `${PROD}/`, `${PROD}/x`, `${RUNTIME_ARN}/runtime-endpoint/`,
    `${RUNTIME_ARN}/runtime-endpoint/1prod`, 'arn:aws:bedrock-agentcore:us-east-1:123456789012:memory/m-AbCdEf1234',
    'arn:aws:bedrock-agentcore:us-east-1:12345:runtime/agent_a-AbCdEf1234', 'arn:aws:bedrock:us-east-1:123456789012:runtime/agent_a-AbCdEf1234', '',
  ])('not a runtime or endpoint ARN: %s', (id) => expect(parseRuntimeArn(id)).toBeUndefined());
});

describe('runtime ids and names', () => {
  test('ids are <name>-<10 alphanumerics>; the name part is everything before the suffix', () => {
    expect(isRuntimeId('agent_a-AbCdEf1234')).toBe(true);
    expect(runtimeNameOf('agent_a-AbCdEf1234')).toBe('agent_a');
    expect(isRuntimeId('AWSCDK::CustomResourceProviderFramework::CREATE_FAILED')).toBe(false);
    expect(isRuntimeId(undefined)).toBe(false);
    expect(runtimeNameOf('no-suffix')).toBeUndefined();
  });

  test('log group of an endpoint', () => {
    expect(runtimeLogGroupName('agent_a-AbCdEf1234')).toBe('/aws/bedrock-agentcore/runtimes/agent_a-AbCdEf1234-DEFAULT');
    expect(runtimeLogGroupName('agent_a-AbCdEf1234', 'prod')).toBe('/aws/bedrock-agentcore/runtimes/agent_a-AbCdEf1234-prod');
  });
});

describe('mutable image tags and reserved environment names', () => {
  test.each([[undefined, true], ['', true], ['latest', true], ['Main', true], ['nightly', true], ['v1.2.3', false], ['3f2a9c1', false]])(
    'tag %p mutable: %p', (tag, mutable) => expect(isMutableImageTag(tag)).toBe(mutable));

  test.each([['AWS_REGION', true], ['AWS_ACCESS_KEY_ID', true], ['aws_region', false], ['MY_AWS_THING', false], ['LOG_LEVEL', false]])(
    '%s reserved: %p', (name, reserved) => expect(isReservedEnvName(name)).toBe(reserved));
});

describe('provider timing', () => {
  test('the deployed timing and the handler budgets keep every invariant', () => {
    expect(checkProviderTiming()).toEqual([]);
  });

  test('each invariant is checked: breaking one names it', () => {
    expect(checkProviderTiming({ ...PROVIDER_TIMING, isCompleteTimeoutMs: 120_000 }, HANDLER_BUDGETS))
      .toEqual(['isComplete: polling window + longest health check + finish reserve + safety margin must fit its Lambda timeout']);
    expect(checkProviderTiming(PROVIDER_TIMING, { ...HANDLER_BUDGETS, isCompletePollMaxMs: 2_000 }))
      .toEqual(['READY must be noticed within a second: polls at most 1 s apart']);
    expect(checkProviderTiming({ ...PROVIDER_TIMING, serviceTimeoutMs: 90 * 60_000 }, HANDLER_BUDGETS)).toEqual(['ServiceTimeout is at most 1 hour']);
    expect(checkProviderTiming({ ...PROVIDER_TIMING, queryIntervalMs: 1_100 }, HANDLER_BUDGETS))
      .toEqual(['the waiter total time must be a multiple of its query interval']);
  });
});
