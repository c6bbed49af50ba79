import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnParameter, CustomResource, SecretValue, Stack } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecrAssets from 'aws-cdk-lib/aws-ecr-assets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { NagRuleCompliance } from 'cdk-nag';
import { SERVICE_TOKEN, newStack, namesFor, ruleErrors } from './util';
import { OPAQUE } from '../../lib/nag/private/cfn';
import { judgeImageReference } from '../../lib/nag/private/runtime';
import { looksLikeSecretName } from '../../lib/nag/private/secrets';

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
    const { stack } = newStack();
    customRuntime(stack, 'R', container(`${IMAGE}:latest`));
    expect(namesFor(stack, 'RT1')).toEqual(['AgentCore-RT1']);
  });

  test('Noncompliance: custom resource without a tag (registry with a port)', () => {
    const { stack } = newStack();
    customRuntime(stack, 'R', container('registry.example.com:5000/team/agent'));
    expect(namesFor(stack, 'RT1')).toEqual(['AgentCore-RT1']);
  });

  test('Noncompliance: native CfnRuntime with an ECR repository token and a literal :latest tail', () => {
    const { stack } = newStack();
    const repo = new ecr.Repository(stack, 'Repo');
    nativeRuntime(stack, 'R', repo.repositoryUriForTag('latest'));
    expect(namesFor(stack, 'RT1')).toEqual(['AgentCore-RT1']);
  });

  test('Noncompliance: an escape-hatch override to :latest is seen', () => {
    const { stack } = newStack();
    const runtime = nativeRuntime(stack, 'R', `${IMAGE}:v1`);
    runtime.addPropertyOverride('AgentRuntimeArtifact.ContainerConfiguration.ContainerUri', `${IMAGE}:latest`);
    expect(namesFor(stack, 'RT1')).toEqual(['AgentCore-RT1']);
  });

  test('Compliance: digest, literal tag and DockerImageAsset (asset-hash tag)', () => {
    const { stack } = newStack();
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
    const { stack } = newStack();
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
    const { stack } = newStack();
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
    const { stack } = newStack();
    nativeRuntime(stack, 'R', `${IMAGE}:v1`, {
      SLACK_BOT_TOKEN: SecretValue.secretsManager('slack').unsafeUnwrap(),
    });
    expect(namesFor(stack, 'RT2')).toEqual(['AgentCore-RT2[EnvVar::SLACK_BOT_TOKEN]']);
  });

  test('Compliance: secret references, tokens and names that only look similar', () => {
    const { stack } = newStack();
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
      },
    });
    nativeRuntime(stack, 'Native', `${IMAGE}:v1`, { MODEL_ID: 'anthropic.claude', LOG_LEVEL: 'INFO' });
    expect(namesFor(stack, 'RT2')).toEqual([]);
    expect(ruleErrors(stack)).toEqual([]);
  });

  test('Compliance (not applicable): environment map hidden behind an intrinsic', () => {
    const { stack } = newStack();
    const runtime = nativeRuntime(stack, 'R', `${IMAGE}:v1`);
    runtime.addPropertyOverride('EnvironmentVariables', { 'Fn::If': ['Cond', { API_KEY: 'x' }, { Ref: 'AWS::NoValue' }] });
    expect(namesFor(stack, 'RT2')).toEqual([]);
    expect(ruleErrors(stack)).toEqual([]);
  });

  test.each([
    ['OPENAI_API_KEY', true], ['apiKey', true], ['APIKEY', true], ['AWS_SECRET_ACCESS_KEY', true], ['Client-Secret', true],
    ['ACCESS_TOKEN', true], ['REFRESH_TOKEN', true], ['BEARERTOKEN', true], ['DB_PASSWORD', true], ['PASSWORD', true], ['KEY', true],
    ['AGENTCORE_MEMORY_ID', false], ['KEY_ID', false], ['ACCESS_KEY_ID', false], ['SECRET_ARN', false], ['SECRET_NAME', false],
    ['MAX_TOKENS', false], ['TOKENIZER', false], ['TOKEN_ENDPOINT', false], ['KMS_KEY', false], ['SORT_KEY', false],
    ['PUBLIC_KEY', false], ['MONKEY', false], ['LOG_LEVEL', false],
  ])('secret-like name heuristic: %s → %s', (name, expected) => {
    expect(looksLikeSecretName(name)).toBe(expected);
  });
});

describe('image reference judgement (RT1 helper)', () => {
  const T = OPAQUE;
  test.each([
    [`${IMAGE}:latest`, NagRuleCompliance.NON_COMPLIANT],
    [IMAGE, NagRuleCompliance.NON_COMPLIANT],
    ['nginx', NagRuleCompliance.NON_COMPLIANT],
    [`${T}:latest`, NagRuleCompliance.NON_COMPLIANT],
    [`${IMAGE}:v1.2.3`, NagRuleCompliance.COMPLIANT],
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
