import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { isIntrinsic, isPlainObject, prop } from '../private/cfn';
import { runtimeProperties } from '../private/runtime';

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

/**
 * True if the resolved value is a literal that would put a secret in plain text into the runtime
 * configuration: a non-empty string or a number, including a CloudFormation dynamic reference
 * (`{{resolve:secretsmanager:…}}`), which CloudFormation replaces by the plaintext before the
 * runtime is created. ARNs, booleans and tokens are not.
 */
function isLiteralSecretValue(value: any): boolean {
  if (typeof value === 'number') {
    return false; // counts, ports and sizes; never a credential on their own
  }
  if (typeof value !== 'string') {
    return false; // an intrinsic: the value is not in the template
  }
  const v = value.trim();
  if (v === '' || /^(true|false)$/i.test(v) || /^arn:/.test(v)) {
    return false;
  }
  return true;
}

/**
 * AgentCore-RT2: a runtime's environment variables do not carry credentials in plain text. A
 * variable whose name looks like a secret (`*_KEY`, `*SECRET*`, `*TOKEN`, `*PASSWORD*`; see
 * `looksLikeSecretName`) must not have a literal value. Findings are `EnvVar::<NAME>`.
 *
 * Values that are tokens (a `Ref`, a `Fn::GetAtt`, a secret's ARN built with `Fn::Join`) are not
 * flagged; a map hidden behind an intrinsic is NOT_APPLICABLE.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance | string[] => {
    const properties = runtimeProperties(node);
    if (properties === undefined) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const env = prop(properties, 'EnvironmentVariables');
    if (env === undefined) {
      return NagRuleCompliance.COMPLIANT;
    }
    if (!isPlainObject(env) || isIntrinsic(env)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const findings = Object.entries(env as { [key: string]: any })
      .filter(([name, value]) => looksLikeSecretName(name) && isLiteralSecretValue(value))
      .map(([name]) => `EnvVar::${name}`);
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
