/**
 * Values many suites share, with no dependency (the emulator and provider suites use them without aws-cdk-lib): the
 * account and Region of the tests (also the test stacks', see `stack.ts`), an execution role and a container image.
 */

/** The test account. */
export const ACCOUNT = '123456789012';
/** The test Region. */
export const REGION = 'us-east-1';
/** An execution role of the test account. */
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/AgentExecRole`;

/** An ECR image of the test account with the given tag. */
export function imageWithTag(tag: string): string {
  return `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/agent:${tag}`;
}

/** An ECR image of the test account (tag `v1`). */
export const IMAGE = imageWithTag('v1');
