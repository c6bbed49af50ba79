import { plaintextCredentialIn, renderSecretReference } from '../../lib/private/contract';

const URL_WITH_PASSWORD = 'postgres://app:' + 'S3cr3t' + '@db.example.com:5432/app';

describe('plaintextCredentialIn (the detector of AgentRuntime and AgentCore-RT2)', () => {
  test.each<[string, string[], string]>([
    ['DATABASE_URL', [URL_WITH_PASSWORD], 'holds a URL with a password'],
    ['DB_DSN', ['mysql://app:S3cr3t@', '/app'], 'holds a URL with a password'],
    ['KEY_ID', ['AKIA' + 'ABCDEFGHIJ234567'], 'holds an AWS access key id'],
    ['SLACK', ['{{resolve:secretsmanager:slack:SecretString:token}}'], 'holds a CloudFormation dynamic reference to a secret, which CloudFormation replaces by the plaintext'],
    ['PARAM', ['x-', '{{resolve:ssm-secure:/p}}'], 'holds a CloudFormation dynamic reference to a secret, which CloudFormation replaces by the plaintext'],
    ['OPENAI_API_KEY', ['placeholder'], 'is a literal value under a name that looks like a credential'],
  ])('%s = %j %s', (name, parts, why) => {
    expect(plaintextCredentialIn(name, parts)).toBe(why);
  });

  test.each<[string, string[]]>([
    ['OPENAI_API_KEY', [renderSecretReference('arn:aws:ssm:us-east-1:123456789012:parameter/agents/openai')]],
    ['DATABASE_PASSWORD', ['agentcore-secret:', '']], // a reference to a secret whose ARN is a token
    ['OPENAI_API_KEY', ['', '']], // the whole value is a token
    ['API_TOKEN', ['Bearer ', '']], // a literal prefix before a token is not a literal value
    ['API_KEY', ['']],
    ['SECRET_ENABLED', ['true']],
    ['API_KEY', ['arn:aws:secretsmanager:us-east-1:123456789012:secret:k-AbCdEf']],
    ['LOG_LEVEL', ['info']],
    ['DB_HOST', ['postgres://db.example.com:5432/app']],
    ['ANY', []],
  ])('%s = %j is not a credential', (name, parts) => {
    expect(plaintextCredentialIn(name, parts)).toBeUndefined();
  });
});
