/** Get-driven transitions shared by every resource: a transitional status is seen by N Gets, then it settles. */

/** Settle target meaning "the resource is gone" (Get answers ResourceNotFoundException). */
export const GONE = 'GONE';

/** A pending transition: how many more Gets see the transitional status, and what it settles to. */
export interface Transition {
  pendingGets: number;
  /** The status it settles to, or {@link GONE}. */
  readonly settle: string;
}

/** One Get worth of progress: the settle target when the transition ends with this Get, else undefined. */
export function step(transition: Transition | undefined): string | undefined {
  if (!transition) return undefined;
  if (transition.pendingGets > 0) {
    transition.pendingGets -= 1;
    return undefined;
  }
  return transition.settle;
}
