/**
 * The README's Node.js secret resolver (section "Secrets"), run against the environment variables AgentRuntime renders
 * for its `secrets`, with the AWS SDK clients faked: what is asked of which service in which Region, and what the agent
 * ends up with.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ts from 'typescript';
import { AgentRuntime, AgentRuntimeArtifact, RuntimeSecret } from '../../lib';
import { testStack } from '../helpers/stack';

type Resolver = (env: Record<string, string | undefined>) => Promise<void>;

interface Call { readonly client: string; readonly region: string; readonly input: Record<string, unknown> }

/** The README's resolver, compiled, with `require` of the two SDK clients answered by fakes that record every call. */
function readmeResolver(answers: Record<string, string>, calls: Call[]): Resolver {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const block = /<!-- secret-resolver-node:begin -->\n```js\n([\s\S]*?)```\n<!-- secret-resolver-node:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no secret-resolver-node block');
  const js = ts.transpileModule(block[1], { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const client = (name: string, answer: (input: any) => unknown) => class {
    private readonly region: string;
    constructor(config: { region: string }) { this.region = config.region; }
    public async send(command: { input: Record<string, unknown> }) {
      calls.push({ client: name, region: this.region, input: command.input });
      return answer(command.input);
    }
  };
  const command = class { constructor(public readonly input: Record<string, unknown>) {} };
  const modules: Record<string, unknown> = {
    '@aws-sdk/client-secrets-manager': {
      SecretsManagerClient: client('secretsmanager', (input) => ({ SecretString: answers[input.SecretId] })),
      GetSecretValueCommand: command,
    },
    '@aws-sdk/client-ssm': {
      SSMClient: client('ssm', (input) => ({ Parameter: { Value: answers[input.Name] } })),
      GetParameterCommand: command,
    },
  };
  const exports: { resolveSecrets?: Resolver } = {};
  new Function('require', 'exports', 'process', js)((id: string) => modules[id], exports, { env: {} });
  return exports.resolveSecrets!;
}

const DB_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf';
const KEY_ARN = 'arn:aws:ssm:us-east-1:123456789012:parameter/agents/openai-api-key';

/** The environment variables of a runtime with two secrets and one plain variable, as synthesized. */
function renderedEnvironment(): Record<string, string> {
  const stack = testStack();
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents');
  new AgentRuntime(stack, 'Agent', {
    runtimeName: 'agent',
    artifact: AgentRuntimeArtifact.fromEcrRepository(repo, { digest: `sha256:${'e'.repeat(64)}` }),
    environmentVariables: { LOG_LEVEL: 'info' },
    secrets: {
      DATABASE_PASSWORD: RuntimeSecret.fromSecretsManager(secretsmanager.Secret.fromSecretCompleteArn(stack, 'Db', DB_ARN), 'password'),
      OPENAI_API_KEY: RuntimeSecret.fromSsmParameterArn(KEY_ARN),
    },
  });
  const runtime: any = Object.values(Template.fromStack(stack).findResources('Custom::BedrockAgentCoreRuntime'))[0];
  return runtime.Properties.EnvironmentVariables;
}

test('the README resolver turns the rendered references into the values, one call per secret, in the secret\'s Region', async () => {
  const env: Record<string, string | undefined> = renderedEnvironment();
  expect(env).toEqual({
    LOG_LEVEL: 'info',
    DATABASE_PASSWORD: `agentcore-secret:${DB_ARN}#password`,
    OPENAI_API_KEY: `agentcore-secret:${KEY_ARN}`,
  });
  const calls: Call[] = [];
  const resolve = readmeResolver({ [DB_ARN]: JSON.stringify({ username: 'app', password: 'S3cr3t#1', port: 5432 }), [KEY_ARN]: 'sk-test' }, calls);
  await resolve(env);
  expect(env).toEqual({ LOG_LEVEL: 'info', DATABASE_PASSWORD: 'S3cr3t#1', OPENAI_API_KEY: 'sk-test' });
  expect(calls).toEqual([
    { client: 'secretsmanager', region: 'eu-west-1', input: { SecretId: DB_ARN } },
    { client: 'ssm', region: 'us-east-1', input: { Name: KEY_ARN, WithDecryption: true } },
  ]);
});

test('a whole secret, a non-string JSON key and a key containing # are read as they are', async () => {
  const calls: Call[] = [];
  const resolve = readmeResolver({ [DB_ARN]: JSON.stringify({ 'port': 5432, 'a#b': 'x' }) }, calls);
  const env: Record<string, string | undefined> = {
    WHOLE: `agentcore-secret:${DB_ARN}`,
    PORT: `agentcore-secret:${DB_ARN}#port`,
    ODD: `agentcore-secret:${DB_ARN}#a#b`,
    UNSET: undefined,
  };
  await resolve(env);
  expect(env).toEqual({ WHOLE: JSON.stringify({ 'port': 5432, 'a#b': 'x' }), PORT: '5432', ODD: 'x', UNSET: undefined });
  expect(calls.map((c) => c.input)).toEqual([{ SecretId: DB_ARN }, { SecretId: DB_ARN }, { SecretId: DB_ARN }]);
});
