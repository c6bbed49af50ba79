import { createHash } from 'crypto';

/** Which mutation a client token is for; each gets its own token within one CloudFormation request. */
export type TokenOperation = 'create' | 'update' | 'delete' | `delete-endpoint:${string}`;

/**
 * Deterministic idempotency token for one mutation of one CloudFormation request.
 *
 * The same (StackId, LogicalResourceId, RequestId, operation) always gives the same token, so a
 * re-delivered event or a retried call cannot create a second runtime. The result is 64 lower-case
 * hex characters, valid for the API's `ClientToken` (33–256 chars, `[a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}`).
 */
export function clientToken(stackId: string, logicalResourceId: string, requestId: string, operation: TokenOperation): string {
  return createHash('sha256').update(JSON.stringify([stackId, logicalResourceId, requestId, operation])).digest('hex');
}
