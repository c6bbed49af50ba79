/** Identifier, ARN and timestamp formats of the service (API reference §9.1). */
import { randomInt } from 'crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `n` random characters of `[A-Za-z0-9]`. */
export function randomSuffix(n = 10): string {
  let out = '';
  for (let i = 0; i < n; i++) out += ALNUM[randomInt(ALNUM.length)];
  return out;
}

/** Runtime id / endpoint id: `<name>-<10 alnum>`. */
export function resourceId(name: string): string {
  return `${name}-${randomSuffix()}`;
}

/** Formats ARNs of one account and region. */
export class Arns {
  constructor(public readonly region: string, public readonly account: string) {}

  /** `arn:aws:bedrock-agentcore:<region>:<account>:runtime/<id>`. */
  public runtime(id: string): string {
    return `arn:aws:bedrock-agentcore:${this.region}:${this.account}:runtime/${id}`;
  }

  /** `…:runtime/<id>/runtime-endpoint/<name>`. */
  public endpoint(runtimeId: string, name: string): string {
    return `${this.runtime(runtimeId)}/runtime-endpoint/${name}`;
  }

  /** Workload identity created with a runtime. */
  public workloadIdentity(runtimeId: string): string {
    return `arn:aws:bedrock-agentcore:${this.region}:${this.account}:workload-identity-directory/default/workload-identity/${runtimeId}`;
  }
}

/** RFC 3339 timestamp (runtime, endpoint and gateway members). */
export function rfc3339(ms: number = Date.now()): string {
  return new Date(ms).toISOString();
}
