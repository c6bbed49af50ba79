/**
 * The props that expose the rest of CreateAgentRuntime (issue 9.3) and the runtime inputs of issue 13: each renders
 * the CloudFormation shape the provider converts, and each rule of the API model is checked at synth, naming the
 * property, the value and the rule.
 */
import { CfnResource, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  AgentRuntime, AgentRuntimeArtifact, AgentRuntimeProps, CodeRuntime, EndpointIpAddressType, RuntimeAuthorizer, RuntimeFilesystem,
  RuntimeLogDestination, RuntimeNetwork, RuntimePrivateEndpoint, ServerProtocol,
} from '../../lib';
import { testStack } from '../helpers/stack';
import { roleStatements } from '../helpers/template';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const DISCOVERY = 'https://idp.example.com/.well-known/openid-configuration';
const CAPACITY_PROVIDER = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:capacity-provider/fleet-AbCdEf1234';

function runtime(stack: Stack, props: Partial<AgentRuntimeProps> = {}): AgentRuntime {
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
  return new AgentRuntime(stack, 'Agent', { artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: DIGEST }), ...props });
}

function properties(stack: Stack): any {
  return (Object.values(Template.fromStack(stack).findResources('Custom::BedrockAgentCoreRuntime'))[0] as any).Properties;
}

function vpc(stack: Stack): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0a1b2c3d', 'subnet-0e1f2a3b'],
  });
}

function sg(stack: Stack, i: number): ec2.ISecurityGroup {
  return ec2.SecurityGroup.fromSecurityGroupId(stack, `Sg${i}`, `sg-${String(i).padStart(8, '0')}`);
}

describe('closed enums with an explicit escape', () => {
  test('ServerProtocol.of and CodeRuntime.of accept the API\'s values and refuse others, pointing at unchecked()', () => {
    expect(ServerProtocol.of('A2A').value).toBe('A2A');
    expect(CodeRuntime.of('NODE_22').value).toBe('NODE_22');
    expect(() => ServerProtocol.of('GRPC')).toThrow(/ServerProtocol\.of\('GRPC'\): not a value the AgentCore API knows \(HTTP, MCP, A2A, AGUI\)\. .*ServerProtocol\.unchecked\('GRPC'\)/);
    expect(() => CodeRuntime.of('PYTHON_3_9')).toThrow(/CodeRuntime\.of\('PYTHON_3_9'\): not a value .*CodeRuntime\.unchecked\('PYTHON_3_9'\)/);
  });

  test('unchecked() passes a value newer than the library to the service', () => {
    const stack = testStack();
    runtime(stack, { protocol: ServerProtocol.unchecked('GRPC') });
    expect(properties(stack).ProtocolConfiguration).toBe('GRPC');
  });
});

describe('network', () => {
  test('requireServiceS3Endpoint is rendered in the VPC configuration', () => {
    const stack = testStack();
    runtime(stack, { network: RuntimeNetwork.vpc(vpc(stack), { securityGroups: [sg(stack, 1)], requireServiceS3Endpoint: true }) });
    expect(properties(stack).NetworkConfiguration).toEqual({
      NetworkMode: 'VPC',
      NetworkModeConfig: { Subnets: ['subnet-0a1b2c3d', 'subnet-0e1f2a3b'], SecurityGroups: ['sg-00000001'], RequireServiceS3Endpoint: true },
    });
  });

  test('more than 16 security groups is a synth error, not a deploy failure', () => {
    const stack = testStack();
    const groups = Array.from({ length: 17 }, (_, i) => sg(stack, i + 1));
    expect(() => runtime(stack, { network: RuntimeNetwork.vpc(vpc(stack), { securityGroups: groups }) }))
      .toThrow(/network security groups has 17 entries; 1-16 are allowed/);
  });

  test('more than 16 subnets too, and subnet ids are checked', () => {
    const stack = testStack();
    const many = ec2.Vpc.fromVpcAttributes(stack, 'Many', {
      vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a'], privateSubnetIds: Array.from({ length: 17 }, (_, i) => `subnet-${String(i).padStart(8, '0')}`),
    });
    expect(() => runtime(stack, { network: RuntimeNetwork.vpc(many, { securityGroups: [sg(stack, 1)] }) })).toThrow(/network subnets has 17 entries; 1-16 are allowed/);
    const bad = testStack();
    const fake = ec2.Vpc.fromVpcAttributes(bad, 'Fake', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-x'] });
    expect(() => runtime(bad, { network: RuntimeNetwork.vpc(fake, { securityGroups: [sg(bad, 1)] }) })).toThrow(/network subnets\[0\] 'subnet-x' must match subnet-<8-17 characters>/);
  });
});

describe('artifacts', () => {
  test('a public ECR image needs no pull grant; its mutable tag still warns', () => {
    const stack = testStack();
    const agent = new AgentRuntime(stack, 'Agent', { artifact: AgentRuntimeArtifact.fromImageUri('public.ecr.aws/acme/agent:latest') });
    expect(properties(stack).AgentRuntimeArtifact).toEqual({ ContainerConfiguration: { ContainerUri: 'public.ecr.aws/acme/agent:latest' } });
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('ecr:BatchGetImage');
    Annotations.fromStack(stack).hasWarning(`/${agent.node.path}`, Match.stringLikeRegexp('mutable tag \'latest\''));
  });

  test('an image URI outside ECR is refused', () => {
    expect(() => AgentRuntimeArtifact.fromImageUri('docker.io/library/python:3')).toThrow(/is not an ECR image URI/);
  });

  test('fromS3Code: the object version, the key length and an imported bucket name are checked', () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'My_Bucket');
    expect(() => new AgentRuntime(stack, 'Agent', {
      artifact: AgentRuntimeArtifact.fromS3Code(bucket, 'k'.repeat(1025), { runtime: CodeRuntime.PYTHON_3_13, entryPoint: ['main.py'], objectVersion: 'v1' }),
    })).toThrow(new RegExp([
      "artifact \\(bucket name\\) 'My_Bucket' must match 3-63 lower-case letters",
      "artifact \\(object key\\) '.*' must be 1-1024 characters long \\(it is 1025\\)",
      "artifact \\(objectVersion\\) 'v1' must be 3-1024 characters long \\(it is 2\\)",
    ].join('[\\s\\S]*')));
  });
});

describe('environment', () => {
  test('names the runtime reserves (AWS_*) are refused', () => {
    expect(() => runtime(testStack(), { environmentVariables: { AWS_REGION: 'eu-west-1' } }))
      .toThrow(/environmentVariables key 'AWS_REGION' is reserved \(names starting with AWS_ belong to the runtime environment\)/);
  });
});

describe('JWT authorizer', () => {
  test('scopes, aws-cdk-lib custom claims, scope mapping, private endpoints and allowed workloads are rendered', () => {
    const stack = testStack();
    runtime(stack, {
      authorizer: RuntimeAuthorizer.customJwt({
        discoveryUrl: DISCOVERY,
        allowedScopes: ['agent/invoke'],
        customClaims: [
          agentcore.RuntimeCustomClaim.withStringValue('tenant', 'acme'),
          agentcore.RuntimeCustomClaim.withStringArrayValue('groups', ['admins', 'ops'], agentcore.CustomClaimOperator.CONTAINS_ANY),
        ],
        advertisedScopeMapping: { invoke: 'agent/invoke' },
        privateEndpoint: RuntimePrivateEndpoint.latticeResourceConfiguration('rcfg-0123456789abcdef0'),
        privateEndpointOverrides: [{
          domain: 'keys.idp.example.com',
          privateEndpoint: RuntimePrivateEndpoint.managedVpc(vpc(stack), { securityGroups: [sg(stack, 1)], ipAddressType: EndpointIpAddressType.IPV6, routingDomain: 'idp.internal' }),
        }],
        allowedWorkloads: { workloadIdentities: ['billing-agent'], hostingEnvironmentArns: ['arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/other-AbCdEf1234'] },
      }),
    });
    expect(properties(stack).AuthorizerConfiguration).toEqual({
      CustomJWTAuthorizer: {
        DiscoveryUrl: DISCOVERY,
        AllowedScopes: ['agent/invoke'],
        AdvertisedScopeMapping: { invoke: 'agent/invoke' },
        CustomClaims: [
          { InboundTokenClaimName: 'tenant', InboundTokenClaimValueType: 'STRING', AuthorizingClaimMatchValue: { ClaimMatchOperator: 'EQUALS', ClaimMatchValue: { MatchValueString: 'acme' } } },
          {
            InboundTokenClaimName: 'groups',
            InboundTokenClaimValueType: 'STRING_ARRAY',
            AuthorizingClaimMatchValue: { ClaimMatchOperator: 'CONTAINS_ANY', ClaimMatchValue: { MatchValueStringList: ['admins', 'ops'] } },
          },
        ],
        PrivateEndpoint: { SelfManagedLatticeResource: { ResourceConfigurationIdentifier: 'rcfg-0123456789abcdef0' } },
        PrivateEndpointOverrides: [{
          Domain: 'keys.idp.example.com',
          PrivateEndpoint: {
            ManagedVpcResource: {
              VpcIdentifier: 'vpc-0a1b2c3d',
              SubnetIds: ['subnet-0a1b2c3d', 'subnet-0e1f2a3b'],
              EndpointIpAddressType: 'IPV6',
              SecurityGroupIds: ['sg-00000001'],
              RoutingDomain: 'idp.internal',
            },
          },
        }],
        AllowedWorkloadConfiguration: {
          HostingEnvironments: [{ Arn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/other-AbCdEf1234' }],
          WorkloadIdentities: ['billing-agent'],
        },
      },
    });
  });

  test('Cognito: the discovery URL and the allowed clients come from the user pool', () => {
    const stack = testStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const client = pool.addClient('Client');
    runtime(stack, { authorizer: RuntimeAuthorizer.cognito(pool, [client], { allowedScopes: ['read'] }) });
    const jwt = stack.resolve(properties(stack).AuthorizerConfiguration.CustomJWTAuthorizer);
    expect(JSON.stringify(jwt.DiscoveryUrl)).toContain('/.well-known/openid-configuration');
    expect(jwt.AllowedClients).toEqual([{ Ref: expect.stringMatching(/^PoolClient/) }]);
    expect(jwt.AllowedScopes).toEqual(['read']);
  });

  test('every rule of the model is checked at synth, naming the property', () => {
    const stack = testStack();
    const groups = Array.from({ length: 6 }, (_, i) => sg(stack, i + 1));
    const overrides = Array.from({ length: 6 }, () => ({ domain: 'd.example.com', privateEndpoint: RuntimePrivateEndpoint.latticeResourceConfiguration('rcfg-0123456789abcdef0') }));
    expect(() => runtime(stack, {
      authorizer: RuntimeAuthorizer.customJwt({
        discoveryUrl: DISCOVERY,
        allowedScopes: ['a"b'],
        customClaims: [],
        privateEndpoint: RuntimePrivateEndpoint.managedVpc(vpc(stack), { securityGroups: groups, routingDomain: 'x' }),
        privateEndpointOverrides: overrides,
        allowedWorkloads: { workloadIdentities: ['a b'] },
      }),
    })).toThrow(new RegExp([
      'authorizer.customClaims must not be empty when given',
      "authorizer.allowedScopes\\[0\\] 'a\"b' must match printable characters",
      'authorizer.privateEndpointOverrides has 6 entries; 0-5 are allowed',
      "authorizer.allowedWorkloads.workloadIdentities\\[0\\] 'a b' must match",
      'authorizer.privateEndpoint.securityGroups has 6 entries; 0-5 are allowed',
      "authorizer.privateEndpoint.routingDomain 'x' must be 3-255 characters long",
    ].join('[\\s\\S]*')));
  });
});

describe('filesystems', () => {
  test('session storage, EFS (mount and write granted through the access point, NFS opened from the runtime), S3 Files and a capacity provider volume', () => {
    const stack = testStack();
    const network = vpc(stack);
    const fileSystem = new efs.FileSystem(stack, 'Fs', { vpc: network });
    const accessPoint = fileSystem.addAccessPoint('Ap');
    runtime(stack, {
      network: RuntimeNetwork.vpc(network),
      capacityProviderArn: CAPACITY_PROVIDER,
      filesystems: [
        RuntimeFilesystem.sessionStorage('/mnt/session'),
        RuntimeFilesystem.efsAccessPoint(accessPoint, '/mnt/shared'),
        RuntimeFilesystem.s3FilesAccessPoint(`arn:aws:s3files:us-east-1:123456789012:file-system/fs-${'a'.repeat(17)}/access-point/fsap-${'b'.repeat(17)}`, '/mnt/s3'),
        RuntimeFilesystem.capacityProviderVolume('scratch', '/mnt/scratch'),
      ],
    });
    const p = properties(stack);
    expect(p.CapacityProviderConfiguration).toEqual({ CapacityProviderArn: CAPACITY_PROVIDER });
    expect(p.FilesystemConfigurations).toEqual([
      { SessionStorage: { MountPath: '/mnt/session' } },
      { EfsAccessPoint: { AccessPointArn: expect.anything(), MountPath: '/mnt/shared' } },
      { S3FilesAccessPoint: { AccessPointArn: expect.stringMatching(/^arn:aws:s3files:/), MountPath: '/mnt/s3' } },
      { CapacityProviderVolume: { VolumeName: 'scratch', MountPath: '/mnt/scratch' } },
    ]);
    const template = Template.fromStack(stack);
    expect(roleStatements(template, 'AgentExecutionRole')).toContainEqual(expect.objectContaining({
      Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      Condition: { StringEquals: { 'elasticfilesystem:AccessPointArn': expect.anything() } },
    }));
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 2049, ToPort: 2049 });
  });

  test('mount paths, the number of filesystems and a volume without a capacity provider are checked', () => {
    expect(() => runtime(testStack(), {
      filesystems: [
        RuntimeFilesystem.sessionStorage('/data'),
        RuntimeFilesystem.sessionStorage('/mnt/a'),
        RuntimeFilesystem.sessionStorage('/mnt/a/'),
        RuntimeFilesystem.sessionStorage('/mnt/b'),
        RuntimeFilesystem.sessionStorage('/mnt/c'),
        RuntimeFilesystem.capacityProviderVolume('scratch', '/mnt/d'),
      ],
    })).toThrow(new RegExp([
      'filesystems has 6 entries; 0-5 are allowed',
      "filesystems\\[0\\].mountPath '/data' must match /mnt/<name>",
      'filesystems\\[5\\]: a capacity provider volume needs capacityProviderArn',
      "filesystems '/mnt/a' must not mount two filesystems at the same path",
    ].join('[\\s\\S]*')));
  });
});

describe('capacity provider, lifecycle and platform version', () => {
  test('sessions up to 14 days on a capacity provider; 8 hours otherwise, saying what would allow more', () => {
    const long = { idleTimeout: Duration.days(1), maxLifetime: Duration.days(14) };
    const stack = testStack();
    runtime(stack, { capacityProviderArn: CAPACITY_PROVIDER, lifecycle: long });
    expect(properties(stack).LifecycleConfiguration).toEqual({ IdleRuntimeSessionTimeout: 86400, MaxLifetime: 1209600 });
    expect(() => runtime(testStack(), { lifecycle: long })).toThrow(
      /lifecycle.maxLifetime 1209600 must be between 60 seconds and 28800 seconds[\s\S]*lifecycle.maxLifetime: sessions longer than 8 hours need a capacity provider \(capacityProviderArn\)/);
    expect(() => runtime(testStack(), { capacityProviderArn: CAPACITY_PROVIDER, lifecycle: { maxLifetime: Duration.days(15) } }))
      .toThrow(/lifecycle.maxLifetime 1296000 must be between 60 seconds and 1209600 seconds/);
  });

  test('capacityProviderArn and platformVersion are checked', () => {
    expect(() => runtime(testStack(), { capacityProviderArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:capacity-provider/fleet', platformVersion: 'V 2' }))
      .toThrow(/platformVersion 'V 2' must match 1-128 characters without spaces[\s\S]*capacityProviderArn '.*' must match arn:<partition>:bedrock-agentcore/);
    const stack = testStack();
    runtime(stack, { platformVersion: 'V2' });
    expect(properties(stack).PlatformVersion).toBe('V2');
  });
});

describe('log and trace delivery', () => {
  test('each log type gets a delivery source; each destination is opened to the log delivery service for itself only', () => {
    const stack = testStack();
    const group = new logs.LogGroup(stack, 'AppLogs');
    const bucket = new s3.Bucket(stack, 'Archive');
    const stream = firehose.DeliveryStream.fromDeliveryStreamName(stack, 'Stream', 'usage');
    runtime(stack, {
      loggingConfigs: [
        { logType: agentcore.LogType.APPLICATION_LOGS, destination: RuntimeLogDestination.cloudWatchLogs(group) },
        { logType: agentcore.LogType.APPLICATION_LOGS, destination: RuntimeLogDestination.s3(bucket) },
        { logType: agentcore.LogType.USAGE_LOGS, destination: RuntimeLogDestination.firehose(stream) },
      ],
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::DeliverySource', 2);
    template.resourceCountIs('AWS::Logs::DeliveryDestination', 3);
    template.resourceCountIs('AWS::Logs::Delivery', 3);
    template.hasResourceProperties('AWS::Logs::DeliverySource', {
      LogType: 'APPLICATION_LOGS', ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Agent'), 'AgentRuntimeArn'] },
    });
    const logPolicy = JSON.stringify(stack.resolve(Object.values(template.findResources('AWS::Logs::ResourcePolicy'))[0]));
    expect(logPolicy).toContain('delivery.logs.amazonaws.com');
    expect(logPolicy).toContain(':log-stream:*');
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:PutObject', Principal: { Service: 'delivery.logs.amazonaws.com' } })]) },
    });
    template.hasResourceProperties('AWS::Logs::DeliveryDestination', { DeliveryDestinationType: 'FH' });
  });

  test('an imported bucket or stream cannot be opened to log delivery: a warning says what it needs', () => {
    const stack = testStack();
    runtime(stack, {
      loggingConfigs: [
        { logType: agentcore.LogType.APPLICATION_LOGS, destination: RuntimeLogDestination.s3(new s3.Bucket(stack, 'Owned')) },
        { logType: agentcore.LogType.APPLICATION_LOGS, destination: RuntimeLogDestination.s3(s3.Bucket.fromBucketName(stack, 'Theirs', 'their-logs')) },
        { logType: agentcore.LogType.USAGE_LOGS, destination: RuntimeLogDestination.firehose(firehose.DeliveryStream.fromDeliveryStreamName(stack, 'Stream', 'usage')) },
      ],
    });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('log-destination-imported'))
      .map((w) => String(w.entry.data));
    expect(warnings).toEqual([
      expect.stringMatching(/bucket TestStack\/Theirs is imported, so its bucket policy cannot be extended: .*s3:PutObject on AWSLogs/),
      expect.stringMatching(/stream TestStack\/Stream is imported, so it cannot be tagged: .*LogDeliveryEnabled=true/),
    ]);
  });

  test('traces: a TRACES source and an X-Ray destination per runtime, one X-Ray resource policy per stack whatever the number of runtimes', () => {
    const stack = testStack();
    const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
    for (const id of ['A', 'B', 'C']) {
      new AgentRuntime(stack, id, { artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: DIGEST }), tracingEnabled: true });
    }
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::DeliverySource', 3);
    template.resourceCountIs('AWS::XRay::ResourcePolicy', 1);
    template.hasResourceProperties('AWS::Logs::DeliveryDestination', { DeliveryDestinationType: 'XRAY' });
  });
});

describe('escape hatch', () => {
  test('addPropertyOverride on the default child reaches the custom resource\'s properties', () => {
    const stack = testStack();
    const agent = runtime(stack);
    (agent.node.defaultChild as CfnResource).addPropertyOverride('MetadataConfiguration', { RequireMMDSV2: true });
    expect(properties(stack).MetadataConfiguration).toEqual({ RequireMMDSV2: true });
  });
});
