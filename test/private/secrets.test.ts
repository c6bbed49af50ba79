import { findSecretsInValue, looksLikeSecretName } from '../../lib/private/contract';

/** Credentials are assembled at run time so that no scanner mistakes this file for a leak. */
const FAKE = {
  accessKeyId: 'AKIA' + 'ABCDEFGHIJ234567',
  sessionKeyId: 'ASIA' + 'ABCDEFGHIJ234567',
  openai: 'sk-proj-' + 'aB3dE5gH7jK9'.repeat(4),
  anthropic: 'sk-ant-api03-' + 'aB3dE5gH7jK9'.repeat(8),
  github: 'ghp_' + 'A1b2'.repeat(9),
  githubPat: 'github_pat_' + 'A1b2C3'.repeat(11),
  gitlab: 'glpat-' + 'A1b2C3d4E5f6G7h8I9j0',
  slack: 'xoxb-' + '1234567890-1234567890-abcdefghijklmnop',
  slackWebhook: 'https://hooks.slack.com/services/' + 'T0123ABCD/B0123ABCD/' + 'abcdEFGH1234ijkl5678',
  stripe: 'sk_live_' + 'A1b2C3d4E5f6G7h8I9j0',
  google: 'AIza' + 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q',
  huggingface: 'hf_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7',
  npm: 'npm_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8',
  jwt: 'eyJ' + 'hbGciOiJIUzI1NiJ9' + '.eyJ' + 'zdWIiOiIxMjM0NTY3ODkwIn0' + '.' + 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
};

describe('findSecretsInValue', () => {
  test.each<[string, string, string]>([
    ['postgres://app:S3cr3t@db.example.com:5432/app', 'a URL with a password', 'S3cr3t'],
    ['redis://:hunter2@cache:6379', 'a URL with a password', 'hunter2'],
    ['jdbc:mysql://app:pa55@db/app', 'a URL with a password', 'pa55'],
    ['Server=db;Database=app;User Id=app;Password=S3cr3t;', 'a connection string with a password', 'S3cr3t'],
    ['host=db user=app password=S3cr3t', 'a connection string with a password', 'S3cr3t'],
    [FAKE.accessKeyId, 'an AWS access key id', FAKE.accessKeyId],
    [`key=${FAKE.sessionKeyId}`, 'an AWS access key id', FAKE.sessionKeyId],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl', 'a private key', '-----BEGIN OPENSSH PRIVATE KEY-----'],
    ['-----BEGIN PRIVATE KEY-----', 'a private key', '-----BEGIN PRIVATE KEY-----'],
    [`Bearer ${FAKE.github}x`, 'a bearer token', `${FAKE.github}x`],
    [FAKE.jwt, 'a JSON Web Token', FAKE.jwt],
    [FAKE.openai, 'an OpenAI or Anthropic API key', FAKE.openai],
    [FAKE.anthropic, 'an OpenAI or Anthropic API key', FAKE.anthropic],
    [FAKE.github, 'a GitHub token', FAKE.github],
    [FAKE.githubPat, 'a GitHub token', FAKE.githubPat],
    [FAKE.gitlab, 'a GitLab token', FAKE.gitlab],
    [FAKE.slack, 'a Slack token', FAKE.slack],
    [FAKE.slackWebhook, 'a Slack webhook URL', FAKE.slackWebhook.slice('https://'.length)],
    [FAKE.stripe, 'a Stripe key', FAKE.stripe],
    [FAKE.google, 'a Google API key', FAKE.google],
    [FAKE.huggingface, 'a Hugging Face token', FAKE.huggingface],
    [FAKE.npm, 'an npm token', FAKE.npm],
  ])('%s is %s', (value, what, secret) => {
    const found = findSecretsInValue(value);
    expect(found.map((f) => f.what)).toContain(what);
    const f = found.find((x) => x.what === what)!;
    expect(value.slice(f.index, f.index + f.length)).toBe(secret);
  });

  test.each([
    'arn:aws:iam::123456789012:role/Agent',
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
    'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/weather',
    'https://example.com/path',
    'https://user@example.com/path',
    'https://example.com:8443/path?x=a:b@c',
    'postgres://db.example.com:5432/app',
    'postgres://app:${DB_PASSWORD}@db/app',
    'postgres://app:****@db/app',
    'postgres://app:<password>@db/app',
    'git+ssh://git@github.com:org/repo.git',
    '0b7c4a4e-3d0f-4c1e-9f55-2f0b1c6d9e8a',
    'anthropic.claude-3-5-sonnet-20240620-v1:0',
    'us.anthropic.claude-sonnet-4-20250514-v1:0',
    '123456789012.dkr.ecr.us-east-1.amazonaws.com/agents@sha256:' + 'a'.repeat(64),
    'sk-learn-classification-model-for-support-tickets',
    'Bearer tokens are read from the vault',
    'Bearer ${TOKEN_FROM_ENVIRONMENT_VARIABLE}',
    '-----BEGIN PUBLIC KEY-----',
    'AKIAEXAMPLE',
    'password_min_length=12',
    'password=',
    'The quick brown fox',
    '',
  ])('no credential in %j', (value) => {
    expect(findSecretsInValue(value)).toEqual([]);
  });

  test('finds every credential in a value, in order', () => {
    const value = `a=${FAKE.github} b=postgres://u:p4ss@h/db`;
    expect(findSecretsInValue(value).map((f) => f.what)).toEqual(['a GitHub token', 'a URL with a password']);
  });
});

describe('looksLikeSecretName', () => {
  test.each([
    ['OPENAI_API_KEY', true], ['apiKey', true], ['APIKEY', true], ['AWS_SECRET_ACCESS_KEY', true], ['Client-Secret', true],
    ['ACCESS_TOKEN', true], ['REFRESH_TOKEN', true], ['BEARERTOKEN', true], ['DB_PASSWORD', true], ['PASSWORD', true], ['KEY', true],
    ['AGENTCORE_MEMORY_ID', false], ['KEY_ID', false], ['ACCESS_KEY_ID', false], ['SECRET_ARN', false], ['SECRET_NAME', false],
    ['MAX_TOKENS', false], ['TOKENIZER', false], ['TOKEN_ENDPOINT', false], ['KMS_KEY', false], ['SORT_KEY', false],
    ['PUBLIC_KEY', false], ['MONKEY', false], ['LOG_LEVEL', false],
  ])('%s → %s', (name, expected) => {
    expect(looksLikeSecretName(name)).toBe(expected);
  });
});
