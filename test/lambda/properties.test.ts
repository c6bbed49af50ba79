import { InvalidPropertiesError, parseProperties, readRuntimeName, sameConfig } from '../../lambda/agent-runtime/properties';

const base = {
  ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:x',
  AgentRuntimeName: 'agent_a',
  RoleArn: 'arn:aws:iam::123456789012:role/Exec',
  AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/a:v1' } },
  NetworkConfiguration: { NetworkMode: 'PUBLIC' },
};

function problems(p: Record<string, unknown>): string[] {
  try {
    parseProperties(p);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidPropertiesError);
    return (e as InvalidPropertiesError).problems;
  }
  throw new Error('expected InvalidPropertiesError');
}

describe('parseProperties', () => {
  test('maps the PascalCase contract to the API request, parsing stringified numbers', () => {
    const spec = parseProperties({
      ...base,
      ProtocolConfiguration: 'MCP',
      EnvironmentVariables: { A: '1', N: 5 },
      AuthorizerConfiguration: { CustomJWTAuthorizer: { DiscoveryUrl: 'https://idp/.well-known/openid-configuration', AllowedAudience: ['aud'] } },
      LifecycleConfiguration: { IdleRuntimeSessionTimeout: '900', MaxLifetime: '28800' },
      RequestHeaderConfiguration: { RequestHeaderAllowlist: ['Authorization'] },
      Description: 'd',
      Tags: { team: 'x' },
      FutureKey: { anything: true },
    });
    expect(spec).toEqual({
      name: 'agent_a',
      tags: { team: 'x' },
      config: {
        agentRuntimeArtifact: { containerConfiguration: { containerUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/a:v1' } },
        roleArn: 'arn:aws:iam::123456789012:role/Exec',
        networkConfiguration: { networkMode: 'PUBLIC' },
        protocolConfiguration: { serverProtocol: 'MCP' },
        environmentVariables: { A: '1', N: '5' },
        authorizerConfiguration: { customJWTAuthorizer: { discoveryUrl: 'https://idp/.well-known/openid-configuration', allowedAudience: ['aud'] } },
        lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 },
        requestHeaderConfiguration: { requestHeaderAllowlist: ['Authorization'] },
        description: 'd',
      },
    });
  });

  test('code artifact and VPC network', () => {
    const spec = parseProperties({
      ...base,
      AgentRuntimeArtifact: { CodeConfiguration: { Code: { S3: { Bucket: 'b', Prefix: 'p.zip', VersionId: 'v1' } }, Runtime: 'PYTHON_3_12', EntryPoint: ['main.py'] } },
      NetworkConfiguration: { NetworkMode: 'VPC', NetworkModeConfig: { Subnets: ['subnet-1'], SecurityGroups: ['sg-1'] } },
    });
    expect(spec.config.agentRuntimeArtifact).toEqual({
      codeConfiguration: { code: { s3: { bucket: 'b', prefix: 'p.zip', versionId: 'v1' } }, runtime: 'PYTHON_3_12', entryPoint: ['main.py'] },
    });
    expect(spec.config.networkConfiguration).toEqual({ networkMode: 'VPC', networkModeConfig: { subnets: ['subnet-1'], securityGroups: ['sg-1'] } });
  });

  test.each([
    ['my-agent', /AgentRuntimeName must match the pattern/],
    ['1agent', /AgentRuntimeName must match/],
    ['a'.repeat(49), /got 49 characters/],
    ['', /AgentRuntimeName is required/],
  ])('rejects the name %p', (name, re) => {
    expect(problems({ ...base, AgentRuntimeName: name }).join('; ')).toMatch(re);
  });

  test('reports every problem at once, naming property and rule but never values', () => {
    const secret = 'https://secret.example/with-token';
    const found = problems({
      AgentRuntimeName: 'x-y',
      RoleArn: secret,
      AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: 'a' }, CodeConfiguration: {} },
      NetworkConfiguration: { NetworkMode: 'VPC' },
      LifecycleConfiguration: { IdleRuntimeSessionTimeout: 'abc', MaxLifetime: '999999' },
      Tags: { 'cdk-agentcore:stack-id': 'x' },
    });
    expect(found).toEqual([
      expect.stringMatching(/^AgentRuntimeName must match/),
      expect.stringMatching(/^RoleArn must match the pattern/),
      'AgentRuntimeArtifact must have exactly one of ContainerConfiguration or CodeConfiguration',
      'NetworkConfiguration.NetworkModeConfig is required',
      'LifecycleConfiguration.IdleRuntimeSessionTimeout must be an integer number of seconds',
      'LifecycleConfiguration.MaxLifetime must be between 60 and 28800',
      "Tags keys starting with 'cdk-agentcore:' are reserved",
    ]);
    expect(found.join(' ')).not.toContain(secret);
  });

  test('VPC lists, lifecycle ordering, protocol-less and missing required members', () => {
    expect(problems({ ...base, NetworkConfiguration: { NetworkMode: 'VPC', NetworkModeConfig: { SecurityGroups: ['sg-1'] } } }))
      .toEqual(['NetworkConfiguration.NetworkModeConfig.Subnets is required']);
    expect(problems({ ...base, NetworkConfiguration: { NetworkMode: 'PUBLIC', NetworkModeConfig: { Subnets: ['s'], SecurityGroups: ['g'] } } }))
      .toEqual(['NetworkConfiguration.NetworkModeConfig is only allowed with NetworkMode VPC']);
    expect(problems({ ...base, LifecycleConfiguration: { IdleRuntimeSessionTimeout: '3600', MaxLifetime: '900' } }))
      .toEqual(['LifecycleConfiguration.IdleRuntimeSessionTimeout must not exceed LifecycleConfiguration.MaxLifetime']);
    expect(problems({})).toEqual(['AgentRuntimeName is required', 'RoleArn is required', 'AgentRuntimeArtifact is required', 'NetworkConfiguration is required']);
    expect(problems({ ...base, NetworkConfiguration: { NetworkMode: 'HOST' } })).toEqual(['NetworkConfiguration.NetworkMode must be one of PUBLIC, VPC']);
    expect(problems({ ...base, AgentRuntimeArtifact: { CodeConfiguration: { Code: { S3: { Bucket: 'b' } }, Runtime: 'PYTHON_3_12', EntryPoint: [] } } }))
      .toEqual(['AgentRuntimeArtifact.CodeConfiguration.Code.S3.Prefix is required', 'AgentRuntimeArtifact.CodeConfiguration.EntryPoint must have 1..2 items']);
    expect(problems({ ...base, EnvironmentVariables: { A: { nested: 1 } } })).toEqual(['EnvironmentVariables values must be strings']);
  });
});

describe('readRuntimeName', () => {
  test('reads a valid name from any schema, else undefined', () => {
    expect(readRuntimeName({ AgentRuntimeName: 'agent_a', Other: 1 })).toBe('agent_a');
    expect(readRuntimeName({ AgentRuntimeName: 'bad-name' })).toBeUndefined();
    expect(readRuntimeName(undefined)).toBeUndefined();
  });
});

describe('sameConfig', () => {
  const a = parseProperties({ ...base, NetworkConfiguration: { NetworkMode: 'VPC', NetworkModeConfig: { Subnets: ['s1', 's2'], SecurityGroups: ['g1', 'g2'] } } }).config;

  test('ignores key order, set-like list order and an empty environment map', () => {
    const b = parseProperties({ ...base, EnvironmentVariables: {}, NetworkConfiguration: { NetworkModeConfig: { SecurityGroups: ['g2', 'g1'], Subnets: ['s2', 's1'] }, NetworkMode: 'VPC' } }).config;
    expect(sameConfig(a, b)).toBe(true);
  });

  test('EntryPoint order and any value change matter', () => {
    const code = (ep: string[]) => parseProperties({ ...base, AgentRuntimeArtifact: { CodeConfiguration: { Code: { S3: { Bucket: 'bb', Prefix: 'p' } }, Runtime: 'PYTHON_3_12', EntryPoint: ep } } }).config;
    expect(sameConfig(code(['otel', 'main.py']), code(['main.py', 'otel']))).toBe(false);
    expect(sameConfig(a, { ...a, description: 'x' })).toBe(false);
  });
});
