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
