/** The model-driven validator finds every kind of violation the conformance tests rely on. */
import { CONTROL_MODEL, validateAgainstModel } from './model-validator';

const VALID = {
  agentRuntimeName: 'agent_a',
  roleArn: 'arn:aws:iam::123456789012:role/Exec',
  agentRuntimeArtifact: { containerConfiguration: { containerUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/a:v1' } },
  networkConfiguration: { networkMode: 'PUBLIC' },
  clientToken: 'a'.repeat(40),
};

test('a valid request has no violations', () => {
  expect(validateAgainstModel(CONTROL_MODEL, 'CreateAgentRuntimeRequest', VALID)).toEqual({ violations: [], unknownMembers: [] });
});

test('required members, patterns, enums, ranges, sizes, unions and unknown members are all reported', () => {
  const result = validateAgainstModel(CONTROL_MODEL, 'CreateAgentRuntimeRequest', {
    ...VALID,
    roleArn: undefined,
    agentRuntimeName: 'my-agent',
    agentRuntimeArtifact: { containerConfiguration: { containerUri: 'x' }, codeConfiguration: { code: { s3: { bucket: 'b', prefix: 'p' } }, runtime: 'PYTHON_9', entryPoint: ['a', 'b', 'c'] } },
    networkConfiguration: { networkMode: 'HOST' },
    lifecycleConfiguration: { idleRuntimeSessionTimeout: 30 },
    environmentVariables: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`K${i}`, 'v'])),
    requireMMDSV2: true,
  });
  expect(result.violations).toEqual(expect.arrayContaining([
    'roleArn: required (CreateAgentRuntimeRequest)',
    'agentRuntimeName: must match [a-zA-Z][a-zA-Z0-9_]{0,47} (AgentRuntimeName)',
    'agentRuntimeArtifact: a union takes exactly one member (AgentRuntimeArtifact; got 2)',
    expect.stringMatching(/^agentRuntimeArtifact\.containerConfiguration\.containerUri: must match /),
    'agentRuntimeArtifact.codeConfiguration.code.s3.bucket: must match [a-z0-9][a-z0-9.-]{1,61}[a-z0-9] (S3LocationBucketString)',
    expect.stringMatching(/^agentRuntimeArtifact\.codeConfiguration\.runtime: must be one of PYTHON_3_10/),
    'agentRuntimeArtifact.codeConfiguration.entryPoint: at most 2 items (CodeConfigurationEntryPointList; got 3)',
    'networkConfiguration.networkMode: must be one of PUBLIC, VPC (NetworkMode)',
    'lifecycleConfiguration.idleRuntimeSessionTimeout: at least 60 (LifecycleConfigurationIdleRuntimeSessionTimeoutInteger; got 30)',
    'environmentVariables: at most 50 entries (EnvironmentVariablesMap; got 51)',
  ]));
  expect(result.unknownMembers).toEqual(['requireMMDSV2']);
});

test('wrong JSON types are violations', () => {
  const result = validateAgainstModel(CONTROL_MODEL, 'CreateAgentRuntimeRequest', { ...VALID, lifecycleConfiguration: { maxLifetime: '900' }, tags: ['x'] });
  expect(result.violations).toEqual([
    'lifecycleConfiguration.maxLifetime: must be an integer (LifecycleConfigurationMaxLifetimeInteger)',
    'tags: must be a map (TagsMap)',
  ]);
});
