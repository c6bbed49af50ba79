/**
 * Waiting for a runtime to settle: poll GetAgentRuntime with short jittered backoff until a decision.
 * The WaitState travels from onEvent to isComplete inside the waiter's input.
 */
import { sleep } from './clock';
import type { Deadline } from './clock';
import type { Deps } from './context';
import { runtimeData } from './response';
import type { RuntimeData } from './response';
import { decide, ReadyStreak } from './status';
import type { Phase } from './status';
import { backoffDelay } from '../../internal/backoff';
import { classifyError } from '../../internal/errors';

/**
 * State handed from onEvent to isComplete as an extra top-level key of the onEvent result (the
 * framework merges it into the waiter input; it never reaches the CloudFormation response).
 */
export interface WaitState {
  readonly phase: Phase;
  /** The runtime was created by this request (not adopted): delete it if it fails; allow the read-after-write gap. */
  readonly createdHere: boolean;
  /** Update: the physical id before this request (the runtime a replacement replaces). */
  readonly priorId?: string;
  /** Epoch ms of the mutation (for the read-after-write grace and the wall-clock limit). */
  readonly mutatedAt: number;
  /** onEvent already saw the runtime settled (two READY reads, or gone after a delete). */
  readonly settled: boolean;
  /**
   * Version the mutation produced: a READY read of an older version (a stale read right after
   * UpdateAgentRuntime) does not count as settled.
   */
  readonly minVersion?: string;
  /** The version that was live before this operation (Data `PreviousVersion`; the current version when absent). */
  readonly previousVersion?: string;
  /** A new version was produced and the properties have a HealthCheck: it must pass before success. */
  readonly verify?: boolean;
  /** onEvent already ran the steps after READY (health check, resource policy): isComplete only confirms READY. */
  readonly finished?: boolean;
  /**
   * onEvent failed after the runtime existed (its check failed, or an adopted runtime could not be reconciled):
   * isComplete reports it, with the real id (after deleting a runtime created here).
   */
  readonly failure?: string;
}

/** How a wait ended. */
export type WaitOutcome =
  | { kind: 'ready'; data: RuntimeData }
  | { kind: 'gone' }
  | { kind: 'failed'; status: string; reason?: string }
  | { kind: 'denied'; error: unknown }
  | { kind: 'error'; error: unknown }
  | { kind: 'timeout'; lastStatus?: string };

function olderThan(version: string, minVersion: string | undefined): boolean {
  return minVersion !== undefined && Number(version) < Number(minVersion);
}

/**
 * Poll GetAgentRuntime until a decision: ready (two consecutive READY reads), gone, failed, denied, a
 * non-transient error, or the deadline. Transient errors and CREATING/UPDATING/DELETING keep polling with
 * short jittered backoff; a missing runtime keeps polling only within the read-after-write grace.
 */
export async function waitFor(
  deps: Deps, id: string, state: WaitState, deadline: Deadline, maxDelayMs = deps.settings.pollMaxMs,
): Promise<WaitOutcome> {
  const streak = new ReadyStreak(2, state.settled && state.phase !== 'delete' ? 1 : 0);
  const backoff = { initialMs: deps.settings.pollInitialMs, maxMs: maxDelayMs };
  let lastStatus: string | undefined;
  for (let i = 0; ; i++) {
    let confirming = false;
    try {
      const r = await deps.api.getAgentRuntime(id);
      lastStatus = r.status;
      const d = decide(state.phase, r.status, r.failureReason);
      if (d.kind === 'failed') return { kind: 'failed', status: d.status, reason: d.reason };
      const ready = d.kind === 'ready' && !olderThan(r.agentRuntimeVersion, state.minVersion);
      if (streak.record(ready)) return { kind: 'ready', data: runtimeData(r, state.previousVersion) };
      confirming = ready;
    } catch (e) {
      streak.record(false);
      const kind = classifyError(e);
      if (kind === 'not-found') {
        const inGrace = state.createdHere && deps.clock.now() - state.mutatedAt <= deps.settings.notFoundGraceMs;
        if (state.phase === 'delete' || !inGrace) return { kind: 'gone' };
      } else if (kind === 'access-denied') {
        return { kind: 'denied', error: e };
      } else if (kind !== 'transient') {
        return { kind: 'error', error: e };
      }
    }
    const delay = confirming ? deps.settings.pollInitialMs : backoffDelay(i, backoff);
    if (delay >= deadline.remaining()) return { kind: 'timeout', lastStatus };
    await sleep(deps.clock, delay);
  }
}
