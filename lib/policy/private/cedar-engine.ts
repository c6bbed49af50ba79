import type * as CedarWasm from '@cedar-policy/cedar-wasm/nodejs';

/** The official Cedar engine (WebAssembly build for Node.js). */
export type Cedar = typeof CedarWasm;

/**
 * Loads `@cedar-policy/cedar-wasm` on first use. Only the synthesis of a Cedar policy calls this, so apps without
 * policies never load the engine (about 4 MB of WebAssembly); `require` caches it for every later policy.
 */
export function loadCedar(): Cedar {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@cedar-policy/cedar-wasm/nodejs');
}
