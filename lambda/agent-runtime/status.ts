/**
 * Map a runtime status to the decision of a waiting step. Pure.
 */

/** What the provider is waiting for. */
export type Phase = 'create' | 'update' | 'delete';

/** Outcome of one status read. */
export type StatusDecision =
  | { readonly kind: 'ready' }
  | { readonly kind: 'wait' }
  | { readonly kind: 'failed'; readonly status: string; readonly reason?: string };

/**
 * Decide from a GetAgentRuntime status. While creating or updating, READY is success, any `*_FAILED` or
 * DELETING is terminal, anything else (CREATING, UPDATING, or a status this code does not know yet) means
 * wait; the caller's wall-clock limit bounds the wait. While deleting, only DELETE_FAILED is terminal:
 * every other status means the deletion has not finished (success is ResourceNotFound, handled by the caller).
 */
export function decide(phase: Phase, status: string | undefined, failureReason?: string): StatusDecision {
  const s = status ?? 'UNKNOWN';
  if (phase === 'delete') {
    return s === 'DELETE_FAILED' ? { kind: 'failed', status: s, reason: failureReason } : { kind: 'wait' };
  }
  if (s === 'READY') return { kind: 'ready' };
  if (s.endsWith('_FAILED') || s === 'DELETING') return { kind: 'failed', status: s, reason: failureReason };
  return { kind: 'wait' };
}

/**
 * Counts consecutive READY reads: READY can flap (READY → UPDATING → READY), so completion needs
 * `required` READY reads in a row.
 */
export class ReadyStreak {
  private count: number;

  constructor(private readonly required = 2, initial = 0) {
    this.count = initial;
  }

  /** Record one read; returns true once the streak is long enough. */
  record(ready: boolean): boolean {
    this.count = ready ? this.count + 1 : 0;
    return this.count >= this.required;
  }
}
