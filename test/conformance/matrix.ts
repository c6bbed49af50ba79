/**
 * A matrix of AgentRuntime props that sets every prop (and every option of their nested types) at least once, shared by
 * the conformance tests of requests and of CloudFormation schemas.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { CfnTemplate } from './cfn';
import {
  AgentRuntime, AgentRuntimeArtifact, AgentRuntimeProps, CodeRuntime, EndpointIpAddressType, RuntimeAuthorizer, RuntimeFilesystem,
  RuntimeLogDestination, RuntimeNetwork, RuntimePrivateEndpoint, RuntimeSecret, ServerProtocol,
} from '../../lib';
import { testStack } from '../helpers/stack';

/** A title, the props (built in a stack), and what to do with the runtime afterwards. */
export type MatrixEntry = [string, (stack: Stack) => AgentRuntimeProps, (agent: AgentRuntime) => void];

const CAPACITY_PROVIDER = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:capacity-provider/fleet-AbCdEf1234';

function network(stack: Stack): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0a1b2c3d', 'subnet-0e1f2a3b'],
  });
}

export const MATRIX: MatrixEntry[] = [
  ['container image in a VPC, custom JWT with every option, filesystems, logs and traces', (stack) => {
    const vpc = network(stack);
    const fileSystem = new efs.FileSystem(stack, 'Fs', { vpc });
    return {
      artifact: AgentRuntimeArtifact.fromEcrRepository(ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents'), { digest: `sha256:${'a'.repeat(64)}` }),
      runtimeName: 'conformance_a',
      description: 'Every option',
      protocol: ServerProtocol.MCP,
      environmentVariables: { LOG_LEVEL: 'debug', FEATURE_X: 'on', SAMPLE_TOKEN: 'sk-test-0123456789abcdefghij' },
      unsafePlaintextEnvironmentVariables: ['SAMPLE_TOKEN'],
      secrets: {
        DATABASE_PASSWORD: RuntimeSecret.fromSecretsManager(secretsmanager.Secret.fromSecretNameV2(stack, 'Db', 'prod/db'), 'password'),
        API_KEY: RuntimeSecret.fromSsmParameterName('/agents/api-key'),
      },
      tags: { team: 'platform' },
      requestHeaderAllowlist: ['Authorization', 'X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant'],
      lifecycle: { idleTimeout: Duration.minutes(10), maxLifetime: Duration.hours(2) },
      platformVersion: 'V2',
      removalPolicy: RemovalPolicy.RETAIN,
      healthCheck: { payload: '{"prompt":"ping"}', expectedText: 'pong', expectedStatus: 200, timeout: Duration.seconds(30) },
      network: RuntimeNetwork.vpc(vpc, { securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-0a1b2c3d4e5f60718')], requireServiceS3Endpoint: true }),
      authorizer: RuntimeAuthorizer.customJwt({
        discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
        allowedAudience: ['agents'],
        allowedClients: ['client-1'],
        allowedScopes: ['agent/invoke'],
        customClaims: [
          agentcore.RuntimeCustomClaim.withStringValue('tenant', 'acme'),
          agentcore.RuntimeCustomClaim.withStringArrayValue('groups', ['admins', 'ops'], agentcore.CustomClaimOperator.CONTAINS_ANY),
        ],
        advertisedScopeMapping: { invoke: 'agent/invoke' },
        privateEndpoint: RuntimePrivateEndpoint.managedVpc(vpc, {
          securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'EpSg', 'sg-0123456789abcdef0')],
          ipAddressType: EndpointIpAddressType.IPV4,
          routingDomain: 'idp.internal',
          tags: { purpose: 'idp' },
        }),
        privateEndpointOverrides: [{ domain: 'keys.idp.example.com', privateEndpoint: RuntimePrivateEndpoint.latticeResourceConfiguration('rcfg-0123456789abcdef0') }],
        allowedWorkloads: { hostingEnvironmentArns: ['arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/other-AbCdEf1234'], workloadIdentities: ['billing-agent'] },
      }),
      filesystems: [
        RuntimeFilesystem.sessionStorage('/mnt/session'),
        RuntimeFilesystem.efsAccessPoint(fileSystem.addAccessPoint('Ap'), '/mnt/shared'),
        RuntimeFilesystem.s3FilesAccessPoint(`arn:aws:s3files:us-east-1:123456789012:file-system/fs-${'a'.repeat(17)}/access-point/fsap-${'b'.repeat(17)}`, '/mnt/s3'),
      ],
      loggingConfigs: [{ logType: agentcore.LogType.APPLICATION_LOGS, destination: RuntimeLogDestination.cloudWatchLogs(new logs.LogGroup(stack, 'AppLogs')) }],
      tracingEnabled: true,
    };
  }, (agent) => {
    agent.grantInvoke(new iam.AccountPrincipal('210987654321'));
    agent.addEndpoint('prod');
  }],
  ['code in S3 on a capacity provider, own role, Cognito', (stack) => {
    const pool = new cognito.UserPool(stack, 'Pool');
    return {
      artifact: AgentRuntimeArtifact.fromS3Code(s3.Bucket.fromBucketName(stack, 'Code', 'agent-code-bucket'), 'agents/a.zip',
        { runtime: CodeRuntime.PYTHON_3_13, entryPoint: ['opentelemetry-instrument', 'main.py'], objectVersion: 'v0123456789' }),
      runtimeName: 'conformance_b',
      executionRole: new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') }),
      capacityProviderArn: CAPACITY_PROVIDER,
      lifecycle: { maxLifetime: Duration.hours(8) },
      filesystems: [RuntimeFilesystem.capacityProviderVolume('scratch', '/mnt/scratch/')],
      authorizer: RuntimeAuthorizer.cognito(pool, [pool.addClient('Client')], { allowedScopes: ['read'] }),
    };
  }, () => undefined],
  ['public ECR image with defaults', (stack) => ({
    artifact: AgentRuntimeArtifact.fromImageUri('public.ecr.aws/acme/agent:1.0.0'),
    runtimeName: 'conformance_c',
    network: RuntimeNetwork.public(),
    authorizer: RuntimeAuthorizer.iam(),
    protocol: ServerProtocol.HTTP,
    loggingConfigs: [],
    tracingEnabled: false,
    filesystems: [],
    executionRole: iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::123456789012:role/agent-role'),
  }), () => undefined],
];

/** The template of one matrix entry (a runtime in its own stack). */
export function synthesize([title, props, configure]: MatrixEntry): CfnTemplate {
  const stack = testStack(`Conformance${title.replace(/[^A-Za-z]/g, '').slice(0, 30)}`);
  configure(new AgentRuntime(stack, 'Agent', props(stack)));
  return Template.fromStack(stack).toJSON() as CfnTemplate;
}
