/**
 * Ownership of runtimes. Every runtime this provider creates carries the stack id and logical id of its CloudFormation
 * resource (tag names from the contract), so a runtime left behind by an earlier attempt of the same resource can be
 * recognised (and a foreign one never touched).
 */
import { LOGICAL_ID_TAG, STACK_ID_TAG } from '../../lib/private/contract';

/** The CloudFormation resource a runtime belongs to. */
export interface Owner {
  readonly stackId: string;
  readonly logicalResourceId: string;
}

/** Ownership tags for a runtime created for `owner`. */
export function ownershipTags(owner: Owner): Record<string, string> {
  return { [STACK_ID_TAG]: owner.stackId, [LOGICAL_ID_TAG]: owner.logicalResourceId };
}

/** Whether the tags mark the runtime as created for `owner`. */
export function isOwnedBy(tags: Record<string, string> | undefined, owner: Owner): boolean {
  return tags?.[STACK_ID_TAG] === owner.stackId && tags?.[LOGICAL_ID_TAG] === owner.logicalResourceId;
}

/** The user tags among a runtime's tags (ownership tags removed). */
export function userTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => k !== STACK_ID_TAG && k !== LOGICAL_ID_TAG));
}

/** Tag changes needed to go from `before` to `after` (user tags only). */
export function diffTags(before: Record<string, string>, after: Record<string, string>): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) set[k] = v;
  const remove = Object.keys(before).filter((k) => !(k in after));
  return { set, remove };
}
