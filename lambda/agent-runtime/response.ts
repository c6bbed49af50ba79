/**
 * Everything that ends up in the CloudFormation response: error messages (bounded so that the whole
 * response stays under CloudFormation's 4096-byte limit even after the framework prepends the stack
 * trace and a log link) and the SUCCESS `Data`.
 */

import { findSecretsInValue, LIBRARY_KEY, plaintextCredentialIn, RUNTIME_ATTRIBUTES } from '../../lib/private/contract';
import type { RuntimeAttribute } from '../../lib/private/contract';

/** Maximum UTF-8 bytes of a failure message. */
export const MAX_MESSAGE_BYTES = 1024;

/** Truncate `text` to at most `maxBytes` UTF-8 bytes without splitting a character; appends "…" when cut. */
export function truncateUtf8(text: string, maxBytes: number = MAX_MESSAGE_BYTES): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const ellipsis = ' …';
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (bytes + b > maxBytes - Buffer.byteLength(ellipsis, 'utf8')) break;
    out += ch;
    bytes += b;
  }
  return out + ellipsis;
}

/**
 * An error reported to CloudFormation. Its message is single-line, trimmed to MAX_MESSAGE_BYTES, and its
 * stack is just the message (the framework sends `e.stack` as the Reason).
 */
export class ProviderError extends Error {
  constructor(message: string) {
    super(truncateUtf8(message.replace(/[\r\n]+/g, ' ')));
    this.name = 'ProviderError';
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Shorter values are never redacted: they would star ordinary words all over a message. */
const MIN_REDACTED_LENGTH = 4;

/** Every string leaf of a JSON text (none when it is not JSON). */
function jsonStrings(text: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(parsed);
  return out;
}

/**
 * What a message must not show, from the current and old properties: each environment variable that carries a
 * credential by the detector the construct and cdk-nag use (`plaintextCredentialIn`: a credential-like name, or a
 * value whose format gives it away, e.g. the password of a connection string, which is also hidden on its own). Other
 * values (a Region, an account id, a log level) stay visible: they are what a failure is debugged with.
 */
export function secretsOf(...propertySets: unknown[]): string[] {
  const values = new Set<string>();
  for (const p of propertySets) {
    const env = (p as { EnvironmentVariables?: unknown } | undefined)?.EnvironmentVariables;
    if (typeof env !== 'object' || env === null) continue;
    for (const [name, value] of Object.entries(env)) {
      if (typeof value !== 'string' || plaintextCredentialIn(name, [value]) === undefined) continue;
      values.add(value);
      for (const found of findSecretsInValue(value)) values.add(value.slice(found.index, found.index + found.length));
    }
  }
  return [...values].filter((v) => v.length >= MIN_REDACTED_LENGTH);
}

/**
 * The health-check payload and its JSON string values: what an agent or the service may echo in the answer or the
 * error a check quotes. Only the quoted output is redacted with them (the payload's words, e.g. `health check`, may
 * also be words of the provider's own message).
 */
export function payloadValuesOf(properties: unknown): string[] {
  const payload = (properties as { [LIBRARY_KEY]?: { HealthCheck?: { Payload?: unknown } } } | undefined)?.[LIBRARY_KEY]?.HealthCheck?.Payload;
  if (typeof payload !== 'string') return [];
  return [payload, ...jsonStrings(payload)].filter((v) => v.length >= MIN_REDACTED_LENGTH);
}

/** Replace each of `values` in `text` by `***`, longest first. */
export function redactValues(text: string, values: readonly string[]): string {
  let out = text;
  for (const v of [...values].sort((a, b) => b.length - a.length)) out = out.split(v).join('***');
  return out;
}

/**
 * Replace the secrets of the current and old properties (`secretsOf`) in a message by `***`: service error messages
 * and agents may echo request values, and the Reason ends up in CloudFormation events.
 */
export function redactSecrets(message: string, ...propertySets: unknown[]): string {
  return redactValues(message, secretsOf(...propertySets));
}

/** Attribute names, always present as non-empty strings on SUCCESS (the contract's `RUNTIME_ATTRIBUTES`). */
export const DATA_KEYS = RUNTIME_ATTRIBUTES;

/** The `Data` of a SUCCESS response. */
export type RuntimeData = Record<RuntimeAttribute, string>;

/**
 * Build `Data` from a GetAgentRuntime result. `previousVersion` is the version that was live before the operation;
 * without one (create, no-op update) it is the current version.
 */
export function runtimeData(r: {
  agentRuntimeId?: string; agentRuntimeArn?: string; agentRuntimeName?: string; agentRuntimeVersion?: string; status?: string;
}, previousVersion?: string): RuntimeData {
  return {
    AgentRuntimeId: r.agentRuntimeId ?? '',
    AgentRuntimeArn: r.agentRuntimeArn ?? '',
    AgentRuntimeName: r.agentRuntimeName ?? '',
    AgentRuntimeVersion: r.agentRuntimeVersion ?? '',
    PreviousVersion: previousVersion || (r.agentRuntimeVersion ?? ''),
    Status: r.status ?? '',
  };
}
