import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnParameter, CustomResource, SecretValue, Stack } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecrAssets from 'aws-cdk-lib/aws-ecr-assets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { NagRuleCompliance } from 'cdk-nag';
import { OPAQUE } from '../../lib/nag/private/cfn';
import { judgeImageReference } from '../../lib/nag/private/runtime';
import { namesFor, ruleErrors, SERVICE_TOKEN } from '../helpers/nag';
import { testStack } from '../helpers/stack';

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/agents';

/** Our custom resource, as the AgentRuntime construct emits it. */
function customRuntime(stack: Stack, id: string, properties: { [key: string]: any }): CustomResource {
  return new CustomResource(stack, id, {
    serviceToken: SERVICE_TOKEN,
    resourceType: 'Custom::BedrockAgentCoreRuntime',
    properties: {
      AgentRuntimeName: 'agent',
      RoleArn: 'arn:aws:iam::123456789012:role/agent',
      NetworkConfiguration: { NetworkMode: 'PUBLIC' },
      ...properties,
    },
  });
}

function container(uri: any): object {
  return { AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: uri } } };
}

/** The native L1. */
function nativeRuntime(stack: Stack, id: string, containerUri: string, environmentVariables?: { [key: string]: string }): agentcore.CfnRuntime {
  return new agentcore.CfnRuntime(stack, id, {
    agentRuntimeName: 'agent',
    roleArn: 'arn:aws:iam::123456789012:role/agent',
    agentRuntimeArtifact: { containerConfiguration: { containerUri } },
    networkConfiguration: { networkMode: 'PUBLIC' },
    environmentVariables,
  });
}

describe('AgentCore-RT1 (mutable image tag)', () => {
  test('Noncompliance: custom resource with :latest', () => {
    const stack = testStack();
    customRuntime(stack, 'R', container(`${IMAGE}:latest`));
    expect(namesFor(stack, 'RT1')).toEqual(['AgentCore-RT1']);
  });

  test('Noncompliance: custom resource without a tag (registry with a port)', () => {
    const stack = testStack();
    customRuntime(stack, 'R', container('registry.example.com:5000/team/agent'));
    expect(namesFor(stack, 'RT1')).toEqual(['AgentCore-RT1']);
  });

  test('Noncompliance: native CfnRuntime with an ECR repository token and a literal :latest tail', () => {
    const stack = testStack();
    const repo = new ecr.Repository(stack, 'Repo');
    nativeRuntime(stack, 'R', repo.repositoryUriForTag('latest'));
    expect(namesFor(stack, 'RT1')).toEqual(['AgentCore-RT1']);
  });

  test('Noncompliance: any tag the artifact warning calls mutable (isMutableImageTag), such as :main', () => {
    const custom = testStack();
    customRuntime(custom, 'R', container(`${IMAGE}:main`));
    expect(namesFor(custom, 'RT1')).toEqual(['AgentCore-RT1']);
    const native = testStack();
    nativeRuntime(native, 'Native', ecr.Repository.fromRepositoryName(native, 'Repo', 'agents').repositoryUriForTag('production'));
    expect(namesFor(native, 'RT1')).toEqual(['AgentCore-RT1']);
  });

  test('Noncompliance: an escape-hatch override to :latest is seen', () => {
    const stack = testStack();
    const runtime = nativeRuntime(stack, 'R', `${IMAGE}:v1`);
    runtime.addPropertyOverride('AgentRuntimeArtifact.ContainerConfiguration.ContainerUri', `${IMAGE}:latest`);
    expect(namesFor(stack, 'RT1')).toEqual(['AgentCore-RT1']);
  });

  test('Compliance: digest, literal tag and DockerImageAsset (asset-hash tag)', () => {
    const stack = testStack();
    customRuntime(stack, 'Digest', container(`${IMAGE}@sha256:${'a'.repeat(64)}`));
    customRuntime(stack, 'Tagged', container(`${IMAGE}:2026-11-21.1`));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-rt1-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    const asset = new ecrAssets.DockerImageAsset(stack, 'Image', { directory: dir });
    customRuntime(stack, 'Asset', container(asset.imageUri));
    nativeRuntime(stack, 'Native', asset.imageUri);
    expect(namesFor(stack, 'RT1')).toEqual([]);
    expect(ruleErrors(stack)).toEqual([]);
  });

  test('Compliance (not applicable): tag from a parameter, whole URI from a parameter, code artifact', () => {
    const stack = testStack();
    const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
    const tag = new CfnParameter(stack, 'Tag');
    const uri = new CfnParameter(stack, 'Uri');
    customRuntime(stack, 'ParamTag', container(repo.repositoryUriForTag(tag.valueAsString)));
    customRuntime(stack, 'ParamUri', container(uri.valueAsString));
    customRuntime(stack, 'Code', {
      AgentRuntimeArtifact: { CodeConfiguration: { Code: { S3: { Bucket: 'b', Prefix: 'p.zip' } }, Runtime: 'PYTHON_3_12', EntryPoint: ['main.py'] } },
    });
    expect(namesFor(stack, 'RT1')).toEqual([]);
    expect(ruleErrors(stack)).toEqual([]);
  });
});

describe('AgentCore-RT2 (credentials in environment variables)', () => {
  test('Noncompliance: custom resource with literal API key, client secret and password', () => {
    const stack = testStack();
    customRuntime(stack, 'R', {
      ...container(`${IMAGE}:v1`),
      EnvironmentVariables: {
        OPENAI_API_KEY: 'sk-live-123',
        clientSecret: 'abc',
        DB_PASSWORD: 'hunter2',
        GITHUB_TOKEN: 'ghp_x',
        AGENTCORE_MEMORY_ID: 'mem-123',
      },
    });
    expect(namesFor(stack, 'RT2').sort()).toEqual([
      'AgentCore-RT2[EnvVar::DB_PASSWORD]',
      'AgentCore-RT2[EnvVar::GITHUB_TOKEN]',
      'AgentCore-RT2[EnvVar::OPENAI_API_KEY]',
      'AgentCore-RT2[EnvVar::clientSecret]',
    ]);
  });

  test('Noncompliance: native CfnRuntime with a Secrets Manager dynamic reference (plaintext at deploy time)', () => {
    const stack = testStack();
    nativeRuntime(stack, 'R', `${IMAGE}:v1`, {
      SLACK_BOT_TOKEN: SecretValue.secretsManager('slack').unsafeUnwrap(),
    });
    expect(namesFor(stack, 'RT2')).toEqual(['AgentCore-RT2[EnvVar::SLACK_BOT_TOKEN]']);
  });

  test('Compliance: secret references, tokens and names that only look similar', () => {
    const stack = testStack();
    const secret = new secretsmanager.Secret(stack, 'Secret');
    customRuntime(stack, 'R', {
      ...container(`${IMAGE}:v1`),
      EnvironmentVariables: {
        API_KEY_SECRET_ARN: secret.secretArn,
        API_KEY: secret.secretArn, // a token: the value is not in the template
        OPENAI_API_KEY_SECRET_NAME: 'prod/openai',
        AGENTCORE_MEMORY_ID: 'mem-123',
        AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
        MAX_TOKENS: '4096',
        TOKEN_URL: 'https://example.com/oauth2/token',
        KMS_KEY: 'arn:aws:kms:us-east-1:123456789012:key/1',
        PARTITION_KEY: 'pk',
        PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----',
        SECRET_ENABLED: 'true',
        GH_TOKEN: 'agentcore-secret:arn:aws:secretsmanager:us-east-1:123456789012:secret:gh-AbCdEf#token',
      },
    });
    nativeRuntime(stack, 'Native', `${IMAGE}:v1`, { MODEL_ID: 'anthropic.claude', LOG_LEVEL: 'INFO' });
    expect(namesFor(stack, 'RT2')).toEqual([]);
    expect(ruleErrors(stack)).toEqual([]);
  });

  test('Noncompliance: credentials in values, whatever the name (URL password, access key id, bearer token, vendor tokens, private key)', () => {
    const stack = testStack();
    const host = new CfnParameter(stack, 'DbHost');
    customRuntime(stack, 'R', {
      ...container(`${IMAGE}:v1`),
      EnvironmentVariables: {
        DATABASE_URL: 'postgres://app:S3cr3t@db.example.com:5432/app',
        DB_DSN: { 'Fn::Join': ['', ['mysql://app:S3cr3t@', { Ref: host.logicalId }, '/app']] },
        AWS_ACCESS_KEY_ID: 'AKIA' + 'ABCDEFGHIJ234567',
        UPSTREAM_AUTH: 'Bearer ' + 'abcDEF123456'.repeat(3),
        OPENAI: 'sk-proj-' + 'aB3dE5gH7jK9'.repeat(4),
        GH: 'ghp_' + 'A1b2'.repeat(9),
        SLACK: 'xoxb-' + '1234567890-abcdefghij',
        SIGNING: '-----BEGIN RSA PRIVATE KEY-----\nMIIE...',
        CONNECTION: 'Server=db;Database=app;User Id=app;Password=S3cr3t;',
        VIA_SECRET: SecretValue.secretsManager('db').unsafeUnwrap(),
      },
    });
    expect(namesFor(stack, 'RT2').sort()).toEqual([
      'AgentCore-RT2[EnvVar::AWS_ACCESS_KEY_ID]',
      'AgentCore-RT2[EnvVar::CONNECTION]',
      'AgentCore-RT2[EnvVar::DATABASE_URL]',
      'AgentCore-RT2[EnvVar::DB_DSN]',
      'AgentCore-RT2[EnvVar::GH]',
      'AgentCore-RT2[EnvVar::OPENAI]',
      'AgentCore-RT2[EnvVar::SIGNING]',
      'AgentCore-RT2[EnvVar::SLACK]',
      'AgentCore-RT2[EnvVar::UPSTREAM_AUTH]',
      'AgentCore-RT2[EnvVar::VIA_SECRET]',
    ]);
  });

  test('Compliance: values that only resemble credentials (ARNs, URLs without a password, UUIDs, model ids, image references)', () => {
    const stack = testStack();
    const password = new CfnParameter(stack, 'DbPassword', { noEcho: true });
    customRuntime(stack, 'R', {
      ...container(`${IMAGE}:v1`),
      EnvironmentVariables: {
        ROLE: 'arn:aws:iam::123456789012:role/Agent',
        SECRET_REF: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
        DOCS: 'https://docs@example.com/path?x=a:b@c',
        DB_HOST: 'postgres://db.example.com:5432/app',
        DB_TEMPLATE: 'postgres://app:${DB_PASSWORD}@db.example.com/app',
        DB_FROM_PARAM: { 'Fn::Join': ['', ['postgres://app:', { Ref: password.logicalId }, '@db/app']] },
        GIT: 'git+ssh://git@github.com:org/repo.git',
        SESSION: '0b7c4a4e-3d0f-4c1e-9f55-2f0b1c6d9e8a',
        MODEL_ID: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
        PROFILE: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
        IMAGE: `${IMAGE}@sha256:${'a'.repeat(64)}`,
        LIBRARY: 'sk-learn-classification-model-for-tickets',
        DOC: 'Bearer tokens are read from the vault',
        PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----',
      },
    });
    expect(namesFor(stack, 'RT2')).toEqual([]);
  });

  test('Compliance (not applicable): environment map hidden behind an intrinsic', () => {
    const stack = testStack();
    const runtime = nativeRuntime(stack, 'R', `${IMAGE}:v1`);
    runtime.addPropertyOverride('EnvironmentVariables', { 'Fn::If': ['Cond', { API_KEY: 'x' }, { Ref: 'AWS::NoValue' }] });
    expect(namesFor(stack, 'RT2')).toEqual([]);
    expect(ruleErrors(stack)).toEqual([]);
  });

});

describe('image reference judgement (RT1 helper)', () => {
  const T = OPAQUE;
  test.each([
    [`${IMAGE}:latest`, NagRuleCompliance.NON_COMPLIANT],
    [IMAGE, NagRuleCompliance.NON_COMPLIANT],
    ['nginx', NagRuleCompliance.NON_COMPLIANT],
    [`${T}:latest`, NagRuleCompliance.NON_COMPLIANT],
    [`${IMAGE}:main`, NagRuleCompliance.NON_COMPLIANT],
    [`${IMAGE}:Prod`, NagRuleCompliance.NON_COMPLIANT],
    [`${T}:stable`, NagRuleCompliance.NON_COMPLIANT],
    [`${IMAGE}:v1.2.3`, NagRuleCompliance.COMPLIANT],
    [`${IMAGE}:main-2026-11-21`, NagRuleCompliance.COMPLIANT],
    [`${IMAGE}:release-${T}`, NagRuleCompliance.COMPLIANT],
    [`${IMAGE}:${T}ing`, NagRuleCompliance.NOT_APPLICABLE],
    [`${IMAGE}@sha256:${'0'.repeat(64)}`, NagRuleCompliance.COMPLIANT],
    [`${IMAGE}:latest@sha256:${'0'.repeat(64)}`, NagRuleCompliance.COMPLIANT],
    [`123456789012.dkr.ecr.us-east-1.${T}/cdk-assets:${'f'.repeat(64)}`, NagRuleCompliance.COMPLIANT],
    [`${IMAGE}:v${T}`, NagRuleCompliance.COMPLIANT],
    [`${IMAGE}:${T}`, NagRuleCompliance.NOT_APPLICABLE],
    [`${IMAGE}:${T}test`, NagRuleCompliance.NOT_APPLICABLE],
    [T, NagRuleCompliance.NOT_APPLICABLE],
    [`${T}/agents${T}`, NagRuleCompliance.NOT_APPLICABLE],
  ])('%j → %s', (reference, expected) => {
    expect(judgeImageReference(reference)).toBe(expected);
  });
});
