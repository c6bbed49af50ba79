import {
  configOf, createRequest, InvalidPropertiesError, parseProperties, policyFor, readOwnedEndpoints, readResourcePolicy, readRuntimeName, readTags,
  runtimeKeys,
  sameConfig, samePolicy, updateRequest,
} from '../../lambda/agent-runtime/properties';

const base = {
  ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:x',
  ServiceTimeout: '2700',
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

describe('parseProperties: the runtime members, converted by the bundled SDK\'s request shape', () => {
  test('PascalCase CloudFormation keys become SDK members; stringified numbers and booleans get their types', () => {
    const spec = parseProperties({
      ...base,
      ProtocolConfiguration: 'MCP',
      EnvironmentVariables: { A: '1', N: 5 },
      AuthorizerConfiguration: {
        CustomJWTAuthorizer: {
          DiscoveryUrl: 'https://idp/.well-known/openid-configuration',
          AllowedAudience: ['aud'],
          AllowedScopes: ['read'],
          AdvertisedScopeMapping: { read: 'api/read' },
          CustomClaims: [{
            InboundTokenClaimName: 'groups',
            InboundTokenClaimValueType: 'STRING_ARRAY',
            AuthorizingClaimMatchValue: { ClaimMatchOperator: 'CONTAINS', ClaimMatchValue: { MatchValueString: 'admins' } },
          }],
        },
      },
      LifecycleConfiguration: { IdleRuntimeSessionTimeout: '900', MaxLifetime: '28800' },
      RequestHeaderConfiguration: { RequestHeaderAllowlist: ['Authorization'] },
      FilesystemConfigurations: [{ SessionStorage: { MountPath: '/mnt/data' } }],
      PlatformVersion: 'V2',
      Description: 'd',
      Tags: { team: 'x' },
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
        authorizerConfiguration: {
          customJWTAuthorizer: {
            discoveryUrl: 'https://idp/.well-known/openid-configuration',
            allowedAudience: ['aud'],
            allowedScopes: ['read'],
            advertisedScopeMapping: { read: 'api/read' },
            customClaims: [{
              inboundTokenClaimName: 'groups',
              inboundTokenClaimValueType: 'STRING_ARRAY',
              authorizingClaimMatchValue: { claimMatchOperator: 'CONTAINS', claimMatchValue: { matchValueString: 'admins' } },
            }],
          },
        },
        lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 },
        requestHeaderConfiguration: { requestHeaderAllowlist: ['Authorization'] },
        filesystemConfigurations: [{ sessionStorage: { mountPath: '/mnt/data' } }],
        platformVersion: 'V2',
        description: 'd',
      },
    });
  });

  test('code artifact, VPC network with a stringified boolean', () => {
    const spec = parseProperties({
      ...base,
      AgentRuntimeArtifact: { CodeConfiguration: { Code: { S3: { Bucket: 'b', Prefix: 'p.zip', VersionId: 'v1' } }, Runtime: 'PYTHON_3_12', EntryPoint: ['main.py'] } },
      NetworkConfiguration: { NetworkMode: 'VPC', NetworkModeConfig: { Subnets: ['subnet-1'], SecurityGroups: ['sg-1'], RequireServiceS3Endpoint: 'true' } },
    });
    expect(spec.config.agentRuntimeArtifact).toEqual({
      codeConfiguration: { code: { s3: { bucket: 'b', prefix: 'p.zip', versionId: 'v1' } }, runtime: 'PYTHON_3_12', entryPoint: ['main.py'] },
    });
    expect(spec.config.networkConfiguration).toEqual({
      networkMode: 'VPC', networkModeConfig: { subnets: ['subnet-1'], securityGroups: ['sg-1'], requireServiceS3Endpoint: true },
    });
  });

  test('the API shape of ProtocolConfiguration is accepted as well as CloudFormation\'s scalar', () => {
    expect(parseProperties({ ...base, ProtocolConfiguration: { ServerProtocol: 'A2A' } }).config.protocolConfiguration).toEqual({ serverProtocol: 'A2A' });
  });

  test('the framework keys are ignored; null values count as absent', () => {
    expect(parseProperties({ ...base, Description: null }).config).not.toHaveProperty('description');
  });

  test('a key the bundled SDK does not know fails, naming it (at any depth), before anything is sent', () => {
    const found = problems({
      ...base,
      FutureMember: { Anything: true },
      AuthorizerConfiguration: { CustomJWTAuthorizer: { DiscoveryUrl: 'https://idp/.well-known/openid-configuration', AllowedAudiences: ['typo'] } },
      ClientToken: 'x'.repeat(40),
      AgentRuntimeId: 'agent_a-AbCdEf1234',
    });
    expect(found).toEqual([
      expect.stringMatching(/^FutureMember is not a property of Custom::BedrockAgentCoreRuntime: the bundled AWS SDK knows no such runtime member \(it knows .*PlatformVersion.*; the library's own settings go under CdkAgentCore\)$/),
      expect.stringMatching(/^AuthorizerConfiguration\.CustomJWTAuthorizer\.AllowedAudiences is not a member the bundled AWS SDK knows \(DiscoveryUrl, AllowedAudience, /),
      expect.stringMatching(/^ClientToken is not a property/),
      expect.stringMatching(/^AgentRuntimeId is not a property/),
    ]);
  });

  test('wrong JSON types are named with the expected type; values are never echoed', () => {
    const secret = 'https://secret.example/with-token';
    const found = problems({
      ...base,
      AgentRuntimeName: '',
      RoleArn: { secret },
      LifecycleConfiguration: { IdleRuntimeSessionTimeout: 'abc', MaxLifetime: [secret] },
      NetworkConfiguration: { NetworkMode: 'VPC', NetworkModeConfig: { Subnets: secret, SecurityGroups: ['sg-1'], RequireServiceS3Endpoint: 'yes' } },
      EnvironmentVariables: { A: { nested: secret } },
      Tags: [secret],
    });
    expect(found).toEqual([
      'AgentRuntimeName is required',
      'Tags must be a map',
      'RoleArn must be a string',
      'NetworkConfiguration.NetworkModeConfig.Subnets must be a list',
      'NetworkConfiguration.NetworkModeConfig.RequireServiceS3Endpoint must be true or false',
      'LifecycleConfiguration.IdleRuntimeSessionTimeout must be a number',
      'LifecycleConfiguration.MaxLifetime must be a number',
      'EnvironmentVariables.A must be a string',
    ]);
    expect(found.join(' ')).not.toContain('secret');
  });

  test('the handler does not repeat the construct\'s rules: values are the service\'s to judge', () => {
    const spec = parseProperties({ ...base, AgentRuntimeName: 'not-valid', LifecycleConfiguration: { IdleRuntimeSessionTimeout: '5', MaxLifetime: '1' } });
    expect(spec.config.lifecycleConfiguration).toEqual({ idleRuntimeSessionTimeout: 5, maxLifetime: 1 });
  });

  test('runtimeKeys: every member of Create and Update but the provider-owned ones', () => {
    const keys = runtimeKeys();
    expect(keys).toEqual(expect.arrayContaining(['AgentRuntimeName', 'Tags', 'PlatformVersion', 'MetadataConfiguration', 'FilesystemConfigurations']));
    expect(keys).not.toContain('ClientToken');
    expect(keys).not.toContain('AgentRuntimeId');
  });
});

describe('parseProperties: the library\'s own settings (CdkAgentCore)', () => {
  const statement = { Effect: 'Allow', Principal: { AWS: '210987654321' }, Action: 'bedrock-agentcore:InvokeAgentRuntime' };

  test('HealthCheck: strings parsed, defaults from the contract', () => {
    expect(parseProperties({ ...base, CdkAgentCore: { HealthCheck: { Payload: '{}', ExpectedStatus: '204', ExpectedText: 'ok', TimeoutSeconds: '90' } } }).healthCheck)
      .toEqual({ payload: '{}', expectedStatus: 204, expectedText: 'ok', timeoutMs: 90_000 });
    expect(parseProperties({ ...base, CdkAgentCore: { HealthCheck: { Payload: '{}' } } }).healthCheck).toEqual({ payload: '{}', expectedStatus: 200, timeoutMs: 60_000 });
    expect(parseProperties(base).healthCheck).toBeUndefined();
  });

  test('unknown settings and wrong types are named', () => {
    expect(problems({ ...base, CdkAgentCore: { HealthCheck: { ExpectedStatus: 'OK', TimeoutSeconds: '1.5', Retries: '3' }, Future: 1 } })).toEqual([
      'CdkAgentCore.Future is not a setting of this library (HealthCheck, ResourcePolicy, EndpointNames)',
      'CdkAgentCore.HealthCheck.Retries is not a health-check setting (Payload, ExpectedStatus, ExpectedText, TimeoutSeconds)',
      'CdkAgentCore.HealthCheck.Payload is required',
      'CdkAgentCore.HealthCheck.ExpectedStatus must be an integer',
      'CdkAgentCore.HealthCheck.TimeoutSeconds must be an integer',
    ]);
    expect(problems({ ...base, CdkAgentCore: 'x' })).toEqual(['CdkAgentCore must be an object']);
    expect(problems({ ...base, HealthCheck: { Payload: '{}' } })).toEqual([expect.stringMatching(/^HealthCheck is not a property of Custom::BedrockAgentCoreRuntime.*CdkAgentCore\)$/)]);
  });

  test('ResourcePolicy: a JSON string or an object with statements; values never echoed', () => {
    const fromString = parseProperties({ ...base, CdkAgentCore: { ResourcePolicy: JSON.stringify({ Statement: [statement] }) } });
    expect(fromString.resourcePolicy).toEqual({ Statement: [statement] });
    expect(parseProperties({ ...base, CdkAgentCore: { ResourcePolicy: { Version: '2012-10-17', Statement: statement } } }).resourcePolicy)
      .toEqual({ Version: '2012-10-17', Statement: [statement] });
    for (const bad of ['{"Statement":', '"just a string"', '{"Statement":[]}', '{"Statement":[1]}', JSON.stringify({ Version: 1, Statement: [statement] })]) {
      const found = problems({ ...base, CdkAgentCore: { ResourcePolicy: bad } }).join('; ');
      expect(found).toMatch(/^CdkAgentCore\.ResourcePolicy must be/);
      expect(found).not.toContain('210987654321');
    }
  });
});

describe('requests', () => {
  const spec = parseProperties({ ...base, PlatformVersion: 'V2', Tags: { team: 'x' } });

  test('Create: name, configuration and the given tags; Update: the full configuration', () => {
    expect(createRequest(spec, { team: 'x', owner: 'y' })).toEqual({ agentRuntimeName: 'agent_a', ...spec.config, tags: { team: 'x', owner: 'y' } });
    expect(updateRequest(spec.config)).toEqual(spec.config);
  });

  test('a member only UpdateAgentRuntime knows cannot be set on create, and says so', () => {
    const withMetadata = parseProperties({ ...base, MetadataConfiguration: { RequireMMDSV2: 'true' } });
    expect(withMetadata.config).toHaveProperty('metadataConfiguration', { requireMMDSV2: true });
    expect(() => createRequest(withMetadata, {})).toThrow(/MetadataConfiguration cannot be set when the runtime is created: the bundled AWS SDK's CreateAgentRuntime has no such member/);
    expect(updateRequest(withMetadata.config)).toHaveProperty('metadataConfiguration');
  });

  test('configOf keeps the configuration members of a GetAgentRuntime answer', () => {
    const answer = { agentRuntimeId: 'agent_a-AbCdEf1234', status: 'READY', roleArn: 'r', platformVersion: 'V2', createdAt: new Date(0), description: undefined };
    expect(configOf(answer)).toEqual({ roleArn: 'r', platformVersion: 'V2' });
  });
});

describe('old properties', () => {
  test('readResourcePolicy reads the CdkAgentCore key and the top-level key older construct versions wrote', () => {
    const doc = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'a' }] };
    expect(readResourcePolicy({ CdkAgentCore: { ResourcePolicy: JSON.stringify(doc) } })).toEqual(doc);
    expect(readResourcePolicy({ ResourcePolicy: JSON.stringify(doc) })).toEqual(doc);
    expect(readResourcePolicy({ CdkAgentCore: { ResourcePolicy: '{' } })).toBe('invalid');
    expect(readResourcePolicy({})).toBeUndefined();
    expect(readResourcePolicy(undefined)).toBeUndefined();
  });

  test('readOwnedEndpoints reads CdkAgentCore.EndpointNames, and the top-level key of an earlier version', () => {
    expect(readOwnedEndpoints({ CdkAgentCore: { EndpointNames: ['prod', 1] } })).toEqual(new Set(['prod']));
    expect(readOwnedEndpoints({ EndpointNames: ['beta'] })).toEqual(new Set(['beta']));
    expect(readOwnedEndpoints(undefined)).toEqual(new Set());
    expect(problems({ ...base, CdkAgentCore: { EndpointNames: 'prod' } })).toEqual(['CdkAgentCore.EndpointNames must be a list of endpoint names']);
  });

  test('readTags and readRuntimeName read any version\'s properties', () => {
    expect(readTags({ Tags: { a: 'b', n: 1 }, HealthCheck: {} })).toEqual({ a: 'b' });
    expect(readTags(undefined)).toEqual({});
    expect(readRuntimeName({ AgentRuntimeName: 'agent_a', Other: 1 })).toBe('agent_a');
    expect(readRuntimeName({ AgentRuntimeName: 'bad-name' })).toBeUndefined();
    expect(readRuntimeName(undefined)).toBeUndefined();
  });

  test('properties of an older version (top-level HealthCheck) do not parse: the update treats everything as changed', () => {
    expect(() => parseProperties({ ...base, HealthCheck: { Payload: '{}' } })).toThrow(InvalidPropertiesError);
  });
});

describe('sameConfig and policies', () => {
  const a = parseProperties({ ...base, NetworkConfiguration: { NetworkMode: 'VPC', NetworkModeConfig: { Subnets: ['s1', 's2'], SecurityGroups: ['g1', 'g2'] } } }).config;

  test('ignores key order, set-like list order and empty maps', () => {
    const b = parseProperties({ ...base, EnvironmentVariables: {}, NetworkConfiguration: { NetworkModeConfig: { SecurityGroups: ['g2', 'g1'], Subnets: ['s2', 's1'] }, NetworkMode: 'VPC' } }).config;
    expect(sameConfig(a, b)).toBe(true);
  });

  test('EntryPoint order and any value change matter', () => {
    const code = (ep: string[]) => parseProperties({ ...base, AgentRuntimeArtifact: { CodeConfiguration: { Code: { S3: { Bucket: 'bb', Prefix: 'p' } }, Runtime: 'PYTHON_3_12', EntryPoint: ep } } }).config;
    expect(sameConfig(code(['otel', 'main.py']), code(['main.py', 'otel']))).toBe(false);
    expect(sameConfig(a, { ...a, description: 'x' })).toBe(false);
    expect(sameConfig(a, { ...a, platformVersion: 'V2' })).toBe(false);
  });

  test('policyFor sets Resource to the target ARN (NotResource dropped); samePolicy ignores key order', () => {
    const statement = { Effect: 'Allow', Principal: { AWS: '210987654321' }, Action: 'bedrock-agentcore:InvokeAgentRuntime' };
    const doc = { Statement: [{ ...statement, Resource: '*', NotResource: 'x' }, { ...statement, Sid: 'B' }] };
    const arn = 'arn:aws:bedrock-agentcore:us-east-1:1:runtime/a-0123456789';
    expect(JSON.parse(policyFor(doc, arn))).toEqual({
      Version: '2012-10-17',
      Statement: [{ ...statement, Resource: arn }, { ...statement, Sid: 'B', Resource: arn }],
    });
    expect(samePolicy({ Statement: [{ Effect: 'Allow', Action: 'a', Principal: '*' }] }, { Statement: [{ Principal: '*', Action: 'a', Effect: 'Allow' }] })).toBe(true);
    expect(samePolicy({ Statement: [statement] }, undefined)).toBe(false);
  });
});
