/**
 * Jest snapshot serializer that masks 64-hex asset hashes, so that snapshots record the template's structure and
 * not the bytes of bundled code or a Docker context.
 */
const HASH = /[a-f0-9]{64}/g;

module.exports = {
  test: (value: unknown) => typeof value === 'string' && /[a-f0-9]{64}/.test(value),
  serialize: (value: string) => JSON.stringify(value.replace(HASH, '[ASSET HASH]')),
};
