import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AgentCoreChecks, AgentRuntime, AgentRuntimeProps, RuntimeSecret } from '../../lib';
import { AgentRuntimeArtifact } from '../../lib/agent-runtime/artifact';
import { nagErrors, namesFor } from '../helpers/nag';
import { testStack } from '../helpers/stack';
import { onlyResource, roleStatements } from '../helpers/template';

const DB_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf';
/** A credential assembled at run time, so that no scanner mistakes this file for a leak. */
const DB_URL = 'postgres://app:' + 'S3cr3t' + '@db.example.com:5432/app';

function runtime(stack: Stack, props: Partial<AgentRuntimeProps> = {}): AgentRuntime {
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
  return new AgentRuntime(stack, 'Agent', {
    runtimeName: 'agent',
    artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: `sha256:${'e'.repeat(64)}` }),
    ...props,
  });
}

function environment(stack: Stack): Record<string, unknown> {
  return stack.resolve(onlyResource(stack, 'Custom::BedrockAgentCoreRuntime').Properties.EnvironmentVariables);
}

describe('AgentRuntime secrets', () => {
  test('each secret is a reference in its variable, and the role may read exactly those secrets', () => {
    const stack = testStack();
    const db = secretsmanager.Secret.fromSecretCompleteArn(stack, 'Db', DB_ARN);
    const agent = runtime(stack, {
      environmentVariables: { LOG_LEVEL: 'info' },
      secrets: { DATABASE_PASSWORD: RuntimeSecret.fromSecretsManager(db, 'password') },
    });
    agent.addSecret('OPENAI_API_KEY', RuntimeSecret.fromSsmParameterName('/agents/openai-api-key'));
    expect(environment(stack)).toEqual({
      LOG_LEVEL: 'info',
      DATABASE_PASSWORD: `agentcore-secret:${DB_ARN}#password`,
      OPENAI_API_KEY: { 'Fn::Join': ['', ['agentcore-secret:arn:', { Ref: 'AWS::Partition' }, ':ssm:us-east-1:123456789012:parameter/agents/openai-api-key']] },
    });
    const reads = roleStatements(stack, 'AgentExecutionRole').filter((s) => /secretsmanager|ssm|kms/.test(JSON.stringify(s.Action)));
    expect(reads).toEqual([
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: DB_ARN },
      { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:us-east-1:123456789012:parameter/agents/openai-api-key']] } },
    ]);
    expect(nagErrors(stack)).toEqual([]);
    expect(nagErrors(stack, new AgentCoreChecks())).toEqual([]);
  });

  test('a secret may not reuse the name of an environment variable, and both count toward the 50 variables', () => {
    const stack = testStack();
    const secret = RuntimeSecret.fromSsmParameterName('/agents/key');
    expect(() => runtime(stack, { environmentVariables: { API_KEY: 'agentcore-secret:x' }, secrets: { API_KEY: secret } }))
      .toThrow(/Invalid AgentRuntime secret 'API_KEY' at 'TestStack\/Agent':\n {2}- key 'API_KEY' is already set; environment variable names must be unique/);
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`VAR_${i}`, 'x']));
    expect(() => runtime(testStack(), { environmentVariables: fifty, secrets: { API_KEY: secret } }))
      .toThrow(/environmentVariables has 51 entries; at most 50 are allowed/);
  });
});

describe('AgentRuntime refuses credentials in plain environment variables', () => {
  test('a URL with a password fails synthesis, naming the variable and what was found, never the value, and pointing to secrets', () => {
    const stack = testStack();
    let message = '';
    try {
      runtime(stack, { environmentVariables: { DATABASE_URL: DB_URL, LOG_LEVEL: 'info' } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Invalid AgentRuntime props at 'TestStack\/Agent':\n {2}- environmentVariables\['DATABASE_URL'\] holds a URL with a password: /);
    expect(message).toMatch(/Pass it with secrets \(RuntimeSecret\.fromSecretsManager\(\) or fromSsmParameterName\(\)\), or, if it is not a secret, list 'DATABASE_URL' in unsafePlaintextEnvironmentVariables/);
    expect(message).not.toContain('S3cr3t');
  });

  test('every variable is judged at once, in props and in addEnvironment()', () => {
    expect(() => runtime(testStack(), { environmentVariables: { OPENAI_API_KEY: 'placeholder', SLACK: 'xoxb-' + '1234567890-abcdefghij' } }))
      .toThrow(/OPENAI_API_KEY'\] is a literal value under a name that looks like a credential[\s\S]*SLACK'\] holds a Slack token/);
    const agent = runtime(testStack());
    expect(() => agent.addEnvironment('UPSTREAM_AUTH', 'Bearer ' + 'abcDEF123456'.repeat(3)))
      .toThrow(/Invalid AgentRuntime.addEnvironment\(\) argument[\s\S]*UPSTREAM_AUTH'\] holds a bearer token/);
  });

  test('a value listed in unsafePlaintextEnvironmentVariables is rendered as it is; cdk-nag still reports it', () => {
    const stack = testStack();
    const agent = runtime(stack, {
      environmentVariables: { DEMO_API_KEY: 'public-demo-key' },
      unsafePlaintextEnvironmentVariables: ['DEMO_API_KEY', 'FIXTURE_URL'],
    });
    agent.addEnvironment('FIXTURE_URL', DB_URL);
    expect(environment(stack)).toEqual({ DEMO_API_KEY: 'public-demo-key', FIXTURE_URL: DB_URL });
    expect(namesFor(stack, 'RT2').sort()).toEqual(['AgentCore-RT2[EnvVar::DEMO_API_KEY]', 'AgentCore-RT2[EnvVar::FIXTURE_URL]']);
  });

  test('an unsafePlaintextEnvironmentVariables entry that names no variable fails synthesis (a typo, or a leftover)', () => {
    const stack = testStack();
    runtime(stack, { environmentVariables: { DEMO_API_KEY: 'public-demo-key' }, unsafePlaintextEnvironmentVariables: ['DEMO_API_KEY', 'DEMO_APIKEY'] });
    expect(() => Template.fromStack(stack)).toThrow(/unsafePlaintextEnvironmentVariables names 'DEMO_APIKEY', which is not an environment variable of this runtime/);
  });

  test('tokens, references and ordinary values pass', () => {
    const stack = testStack();
    const db = new secretsmanager.Secret(stack, 'Db');
    runtime(stack, {
      environmentVariables: {
        DB_SECRET_ARN: db.secretArn,
        API_KEY: db.secretArn,
        DB_HOST: 'postgres://db.example.com:5432/app',
        MAX_TOKENS: '4096',
        MODEL_ID: 'anthropic.claude-3-5-haiku-20241022-v1:0',
      },
    });
    expect(Object.keys(environment(stack))).toHaveLength(5);
  });
});
