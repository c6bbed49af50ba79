/**
 * What a credential looks like: by the name of the variable that holds it, and by its value. Used by `AgentRuntime`
 * (which fails synthesis) and cdk-nag rule AgentCore-RT2 on runtime environment variables (`plaintextCredentialIn`),
 * and available to anything that must keep secrets out of logs.
 */

import { isSecretReference } from './secret-reference';

/** Name segments that mark a value as a reference to a secret rather than the secret itself. */
const REFERENCE_SUFFIXES = new Set([
  'ARN', 'NAME', 'ID', 'IDS', 'URL', 'URI', 'ENDPOINT', 'PATH', 'PARAM', 'PARAMETER', 'REF', 'FILE', 'HEADER',
  'TTL', 'EXPIRY', 'EXPIRATION', 'REGION', 'TYPE', 'LENGTH', 'SIZE', 'LIMIT', 'COUNT', 'ENABLED', 'PREFIX',
  'VERSION', 'FIELD', 'ALIAS', 'LOCATION',
]);

/** Words before a trailing `_KEY` that name something that is not a credential. */
const NON_SECRET_KEY_QUALIFIERS = new Set([
  'KMS', 'CMK', 'PARTITION', 'SORT', 'PRIMARY', 'HASH', 'RANGE', 'CACHE', 'OBJECT', 'S3', 'BUCKET', 'IDEMPOTENCY',
  'TAG', 'PUBLIC', 'DEDUP', 'DEDUPLICATION', 'LOOKUP', 'ROUTING', 'SEARCH', 'INDEX', 'GROUP', 'SHARD', 'FOREIGN',
]);

/** Split `OPENAI_API_KEY`, `openaiApiKey` or `openai-api.key` into upper-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w.length > 0);
}

/**
 * True if an environment variable name looks like it holds a credential: it ends in `KEY`
 * (`API_KEY`, `APIKEY`, `SECRET_ACCESS_KEY`) or has a word that is or ends in `TOKEN`, or that
 * contains `SECRET` or `PASSWORD`/`PASSWD`. Names of references (`…_ARN`, `…_NAME`, `…_ID`,
 * `…_URL`, ...), counts (`MAX_TOKENS`) and non-credential keys (`KMS_KEY`, `PARTITION_KEY`,
 * `PUBLIC_KEY`, ...) are not.
 */
export function looksLikeSecretName(name: string): boolean {
  const w = words(name);
  if (w.length === 0) {
    return false;
  }
  const last = w[w.length - 1];
  if (REFERENCE_SUFFIXES.has(last)) {
    return false;
  }
  if (w.some((x) => x.includes('SECRET') || x.includes('PASSWORD') || x.includes('PASSWD'))) {
    return true;
  }
  if (w.some((x) => x.endsWith('TOKEN'))) {
    return true;
  }
  if (last === 'KEY' || last === 'KEYS') {
    return w.length === 1 || !NON_SECRET_KEY_QUALIFIERS.has(w[w.length - 2]);
  }
  return /(API|ACCESS|PRIVATE|SIGNING|ENCRYPTION|AUTH|LICENSE)KEYS?$/.test(last);
}

/** A password that is only a placeholder for one (`${DB_PASSWORD}`, `$PASS`, `<password>`, `****`). */
const PLACEHOLDER = /^(?:\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|<[^>]*>|%[A-Za-z_]+%|\{\{[^}]*\}\}|\*+|x+|X+)$/;

/** Mixed-case letters and digits: what a random token has and a word or a slug does not. */
function looksRandom(text: string): boolean {
  return /[a-z]/.test(text) && /[A-Z]/.test(text) && /[0-9]/.test(text);
}

/**
 * A credential format and what to call it. With `secretGroup`, the secret is group 1, at the end of the match (the
 * password of a URL, not the URL), and it must not be a placeholder.
 */
interface SecretFormat {
  readonly what: string;
  readonly re: RegExp;
  readonly secretGroup?: boolean;
  readonly accept?: (m: RegExpExecArray) => boolean;
}

/**
 * Credential formats that the value itself gives away. Each is specific enough that ARNs, URLs without a password,
 * UUIDs, model ids, image references and ordinary words never match.
 */
const SECRET_FORMATS: readonly SecretFormat[] = [
  { what: 'a URL with a password', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:([^\s/@]+)(?=@)/gi, secretGroup: true },
  { what: 'a connection string with a password', re: /(?:^|[;\s?&])(?:password|passwd|pwd)\s*=\s*([^;&\s]+)/gi, secretGroup: true },
  { what: 'an AWS access key id', re: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  { what: 'a private key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
  { what: 'a bearer token', re: /\bBearer\s+([A-Za-z0-9._~+/-]{20,}=*)/g, secretGroup: true, accept: (m) => /[0-9]/.test(m[1]) && /[A-Za-z]/.test(m[1]) },
  { what: 'a JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/g },
  { what: 'an OpenAI or Anthropic API key', re: /\bsk-(?:proj-|svcacct-|admin-|ant-[a-z]+\d\d-)?([A-Za-z0-9_-]{32,})/g, accept: (m) => looksRandom(m[1]) },
  { what: 'a GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})/g },
  { what: 'a GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20,}/g },
  { what: 'a Slack token', re: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g },
  { what: 'a Slack webhook URL', re: /hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}/g },
  { what: 'a Stripe key', re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { what: 'a Google API key', re: /\bAIza[0-9A-Za-z_-]{35}/g },
  { what: 'a Hugging Face token', re: /\bhf_[A-Za-z0-9]{30,}/g },
  { what: 'an npm token', re: /\bnpm_[A-Za-z0-9]{36}\b/g },
];

/** A credential found in a value: what kind, and where the secret part is. */
export interface SecretInValue {
  /** What was found, e.g. `a URL with a password`. */
  readonly what: string;
  /** The index of the secret in the value (of the password, for a URL or a connection string). */
  readonly index: number;
  /** The length of the secret. */
  readonly length: number;
}

/**
 * Every credential in a string that its format gives away, whatever the name it is stored under: a password in a URL
 * or a connection string, AWS access key ids, private keys, bearer tokens, JWTs and the token formats of common
 * vendors (OpenAI, Anthropic, GitHub, GitLab, Slack, Stripe, Google, Hugging Face, npm). Ordered by position.
 */
export function findSecretsInValue(value: string): SecretInValue[] {
  const found: SecretInValue[] = [];
  for (const format of SECRET_FORMATS) {
    const re = new RegExp(format.re.source, format.re.flags);
    for (let m = re.exec(value); m !== null; m = re.exec(value)) {
      if (format.accept !== undefined && !format.accept(m)) continue;
      if (!format.secretGroup) {
        found.push({ what: format.what, index: m.index, length: m[0].length });
      } else if (!PLACEHOLDER.test(m[1])) {
        found.push({ what: format.what, index: m.index + m[0].lastIndexOf(m[1]), length: m[1].length });
      }
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * A CloudFormation dynamic reference to a secret (`{{resolve:secretsmanager:…}}`, `{{resolve:ssm-secure:…}}`):
 * CloudFormation replaces it by the plaintext before the resource sees its properties.
 */
const SECRET_DYNAMIC_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):/;

/** A literal that could be a credential: not empty, not a boolean, not an ARN. */
function isLiteralCredential(value: string): boolean {
  const v = value.trim();
  return v !== '' && !/^(true|false)$/i.test(v) && !/^arn:/.test(v);
}

/**
 * Why an environment variable would carry a credential in plain text, or undefined when it would not: the one
 * detector of `AgentRuntime` (which fails synthesis) and of cdk-nag rule AgentCore-RT2. A secret reference
 * (`agentcore-secret:…`, see `renderSecretReference`) never does. Any value does when its literal text holds a
 * credential that gives itself away (`findSecretsInValue`) or a dynamic reference to a secret. A value without tokens
 * also does when the name looks like a credential's (`looksLikeSecretName`) and the value is not empty, a boolean or
 * an ARN.
 *
 * @param name the variable's name
 * @param parts the value's literal text between its tokens, in order (one part when the value has no token)
 */
export function plaintextCredentialIn(name: string, parts: readonly string[]): string | undefined {
  if (parts.length === 0 || isSecretReference(parts[0])) return undefined;
  if (parts.some((part) => SECRET_DYNAMIC_REFERENCE.test(part))) {
    return 'holds a CloudFormation dynamic reference to a secret, which CloudFormation replaces by the plaintext';
  }
  const found = parts.flatMap((part) => findSecretsInValue(part));
  if (found.length > 0) return `holds ${found[0].what}`;
  if (parts.length === 1 && looksLikeSecretName(name) && isLiteralCredential(parts[0])) {
    return 'is a literal value under a name that looks like a credential';
  }
  return undefined;
}
