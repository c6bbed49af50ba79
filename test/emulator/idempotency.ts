/**
 * clientToken idempotency (API reference §9.6): per operation, a token that produced a successful answer is bound
 * to its request; the same token with the same request replays the answer, with another request it is refused.
 * Failed requests are not recorded, so they do not consume their token.
 */
import { ServiceError } from './errors';

/** A successful answer worth replaying. */
export interface StoredReply {
  readonly status: number;
  readonly json: unknown;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as any)[k])]));
  }
  return value;
}

/** Stable fingerprint of a request: the path and every input member except the token itself. */
export function fingerprint(path: string, query: Record<string, string>, body: unknown): string {
  const restQuery: Record<string, string> = { ...query };
  delete restQuery.clientToken;
  const restBody = typeof body === 'object' && body !== null ? { ...body, clientToken: undefined } : body;
  return JSON.stringify(canonical({ path, query: restQuery, body: restBody }));
}

/** Tokens seen per operation. */
export class IdempotencyLedger {
  private readonly entries = new Map<string, { fingerprint: string; reply: StoredReply }>();

  /** The reply to replay for this token, undefined if the token is new; throws on a parameter mismatch. */
  public lookup(operation: string, token: string, print: string): StoredReply | undefined {
    const entry = this.entries.get(`${operation}\0${token}`);
    if (!entry) return undefined;
    if (entry.fingerprint !== print) {
      throw new ServiceError('ValidationException',
        `The client token ${token} was already used for a different ${operation} request`, 400, 'IdempotentParameterMismatchException');
    }
    return entry.reply;
  }

  /** Binds a token to a successful reply. */
  public record(operation: string, token: string, print: string, reply: StoredReply): void {
    this.entries.set(`${operation}\0${token}`, { fingerprint: print, reply });
  }

  /** Forgets every token. */
  public clear(): void {
    this.entries.clear();
  }
}
