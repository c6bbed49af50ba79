/**
 * Ownership tags. Every runtime the provider creates carries the stack id and logical id of its CloudFormation
 * resource, so a runtime left behind by an earlier attempt of the same resource is recognised (and a foreign one is
 * never touched). Users cannot set tags with this prefix.
 */

/** Tag keys with this prefix are reserved for ownership tags. */
export const RESERVED_TAG_PREFIX = 'cdk-agentcore:';
/** Tag holding the CloudFormation StackId. */
export const STACK_ID_TAG = `${RESERVED_TAG_PREFIX}stack-id`;
/** Tag holding the CloudFormation LogicalResourceId. */
export const LOGICAL_ID_TAG = `${RESERVED_TAG_PREFIX}logical-id`;
/** Number of ownership tags the provider adds to every runtime (they count toward the tag limit). */
export const OWNERSHIP_TAG_COUNT = 2;
