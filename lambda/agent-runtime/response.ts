/**
 * Everything that ends up in the CloudFormation response: error messages (bounded so that the whole
 * response stays under CloudFormation's 4096-byte limit even after the framework prepends the stack
 * trace and a log link) and the SUCCESS `Data`.
 */

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

/**
 * Replace the values of `EnvironmentVariables` (current and old properties) in a message by `***`: service
 * error messages may echo request values, and the Reason ends up in CloudFormation events.
 */
export function redactSecrets(message: string, ...propertySets: unknown[]): string {
  const values = new Set<string>();
  for (const p of propertySets) {
    const env = (p as { EnvironmentVariables?: unknown } | undefined)?.EnvironmentVariables;
    if (typeof env !== 'object' || env === null) continue;
    for (const v of Object.values(env)) if (typeof v === 'string' && v.length >= 4) values.add(v);
  }
  let out = message;
  for (const v of [...values].sort((a, b) => b.length - a.length)) out = out.split(v).join('***');
  return out;
}

/** Attribute names, always present as non-empty strings on SUCCESS. */
export const DATA_KEYS = ['AgentRuntimeId', 'AgentRuntimeArn', 'AgentRuntimeName', 'AgentRuntimeVersion', 'PreviousVersion', 'Status'] as const;

/** The `Data` of a SUCCESS response. */
export type RuntimeData = Record<(typeof DATA_KEYS)[number], string>;

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
