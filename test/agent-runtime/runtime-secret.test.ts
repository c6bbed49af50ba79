import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { RuntimeSecret } from '../../lib';
import { testStack } from '../helpers/stack';

const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function role(stack: Stack): iam.Role {
  return new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
}

function statements(stack: Stack): any[] {
  return Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

/** An ARN the stack formats: the partition is a pseudo parameter. */
function stackArn(rest: string): any {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] };
}

function viaService(service: string, region = 'us-east-1'): any {
  return { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', [`${service}.${region}.`, { Ref: 'AWS::URLSuffix' }]] } } };
}

describe('RuntimeSecret.fromSecretsManager', () => {
  test('a secret of the stack: GetSecretValue on exactly that secret, no KMS grant without a key', () => {
    const stack = testStack();
    const secret = new secretsmanager.Secret(stack, 'Db');
    const config = RuntimeSecret.fromSecretsManager(secret, 'password').bind(stack, role(stack));
    const ref = { Ref: stack.getLogicalId(secret.node.defaultChild as any) };
    expect(stack.resolve(config.arn)).toEqual(ref);
    expect(config.jsonField).toBe('password');
    expect(statements(stack)).toEqual([{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: ref }]);
  });

  test('a secret imported by name: the grant matches the 6 characters Secrets Manager appends, the reference is the partial ARN', () => {
    const stack = testStack();
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Db', 'prod/db-credentials');
    const config = RuntimeSecret.fromSecretsManager(secret).bind(stack, role(stack));
    expect(stack.resolve(config.arn)).toEqual(stackArn(':secretsmanager:us-east-1:123456789012:secret:prod/db-credentials'));
    expect(config.jsonField).toBeUndefined();
    expect(statements(stack)).toEqual([{
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: stackArn(':secretsmanager:us-east-1:123456789012:secret:prod/db-credentials-??????'),
    }]);
  });

  test('a complete ARN with a customer managed key: kms:Decrypt on the key, through Secrets Manager of the secret\'s Region only', () => {
    const stack = testStack();
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:openai-AbCdEf';
    const secret = secretsmanager.Secret.fromSecretAttributes(stack, 'Key', { secretCompleteArn: arn, encryptionKey: kms.Key.fromKeyArn(stack, 'Cmk', KEY_ARN) });
    RuntimeSecret.fromSecretsManager(secret).bind(stack, role(stack));
    expect(statements(stack)).toEqual([
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: arn },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY_ARN, Condition: viaService('secretsmanager', 'eu-west-1') },
    ]);
  });

  test('an empty JSON key is refused', () => {
    const stack = testStack();
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Db', 'db');
    expect(() => RuntimeSecret.fromSecretsManager(secret, '').bind(stack, role(stack))).toThrow(/jsonField '' must be 1-256 characters long/);
  });
});

describe('RuntimeSecret SSM parameters', () => {
  test('by name, with or without the leading slash: GetParameter on exactly that parameter', () => {
    for (const name of ['/agents/openai-api-key', 'openai-api-key']) {
      const stack = testStack();
      const config = RuntimeSecret.fromSsmParameterName(name).bind(stack, role(stack));
      const arn = stackArn(`:ssm:us-east-1:123456789012:parameter/${name.replace(/^\//, '')}`);
      expect(stack.resolve(config.arn)).toEqual(arn);
      expect(statements(stack)).toEqual([{ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: arn }]);
    }
  });

  test('an imported SecureString parameter with its key: kms:Decrypt through SSM only', () => {
    const stack = testStack();
    const parameter = ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'P', {
      parameterName: '/agents/token',
      encryptionKey: kms.Key.fromKeyArn(stack, 'Cmk', KEY_ARN),
    });
    RuntimeSecret.fromSsmParameter(parameter).bind(stack, role(stack));
    expect(statements(stack)).toEqual([
      { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: stackArn(':ssm:us-east-1:123456789012:parameter/agents/token') },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY_ARN, Condition: viaService('ssm') },
    ]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('a shared parameter by ARN, with the key given as an option', () => {
    const stack = testStack();
    const arn = 'arn:aws:ssm:us-west-2:210987654321:parameter/shared/api-key';
    const config = RuntimeSecret.fromSsmParameterArn(arn, { encryptionKey: kms.Key.fromKeyArn(stack, 'Cmk', KEY_ARN) }).bind(stack, role(stack));
    expect(config.arn).toBe(arn);
    expect(statements(stack)).toEqual([
      { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: arn },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY_ARN, Condition: viaService('ssm', 'us-west-2') },
    ]);
  });

  test('a String parameter works, with a warning that its value is not encrypted', () => {
    const stack = testStack();
    const parameter = ssm.StringParameter.fromStringParameterName(stack, 'P', '/agents/plain');
    RuntimeSecret.fromSsmParameter(parameter).bind(stack, role(stack));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
    expect(warnings).toEqual([expect.stringMatching(/is a String parameter: SSM stores its value unencrypted\. Store secrets as SecureString parameters\. \[ack: cdk-agentcore:secret-not-secure-string\]/)]);
  });

  test.each([
    ['an ARN passed as a name', () => RuntimeSecret.fromSsmParameterName('arn:aws:ssm:us-east-1:123456789012:parameter/x'), /is an ARN; use RuntimeSecret.fromSsmParameterArn\(\)/],
    ['a name with a space', () => RuntimeSecret.fromSsmParameterName('/agents/api key'), /parameterName '\/agents\/api key' must match an SSM parameter name/],
    ['an ARN of another service', () => RuntimeSecret.fromSsmParameterArn('arn:aws:secretsmanager:us-east-1:123456789012:secret:x'), /parameterArn .* must match an SSM parameter ARN/],
  ])('%s is refused, naming the argument', (_what, secret, message) => {
    const stack = testStack();
    expect(() => secret().bind(stack, role(stack))).toThrow(message);
  });
});

test('fromSsmParameter: an encryptionKey that differs from the parameter\'s own fails instead of one silently winning', () => {
  const stack = testStack();
  const own = new kms.Key(stack, 'Own');
  const parameter = ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'P', { parameterName: '/agents/token', encryptionKey: own });
  expect(() => RuntimeSecret.fromSsmParameter(parameter, { encryptionKey: new kms.Key(stack, 'Other') }))
    .toThrow(/encryptionKey differs from the parameter's own encryptionKey; give it in one place/);
  expect(() => RuntimeSecret.fromSsmParameter(parameter, { encryptionKey: own })).not.toThrow();
});
