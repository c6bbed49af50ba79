import { Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/** What the library knows about an execution role it created. */
export interface ExecutionRoleFacts {
  /** Whether the role may send traces to X-Ray. */
  readonly tracing: boolean;
  /** Whether the role's `*` statements come from the stack's shared managed policies (`StackBaseline`). */
  readonly usesStackBaseline: boolean;
  /**
   * The ARN pattern that covers this role in the provider's one `iam:PassRole` statement (the IAM path of the stack's
   * execution roles), or undefined when the role must be listed by its own ARN.
   */
  readonly passRolePattern?: string;
  /** Narrows the role's runtime logs and workload identity to one more agent name. */
  addAgent(agentName: string): void;
}

const facts = new WeakMap<IConstruct, ExecutionRoleFacts>();

/** Records what an execution role created by this library is (called by `ExecutionRole`). */
export function registerExecutionRole(role: iam.IRole, roleFacts: ExecutionRoleFacts): void {
  facts.set(role, roleFacts);
}

/** What the library knows about a role, or undefined for a role it did not create. */
export function executionRoleFacts(role: iam.IRole): ExecutionRoleFacts | undefined {
  return facts.get(role);
}

/**
 * The IAM path of the execution roles whose names CloudFormation generates in `stack`, `/cdk-agentcore/<stack name>/`:
 * one `iam:PassRole` statement on `role/cdk-agentcore/<stack name>/*` covers all of them, however many there are.
 */
export function executionRolePath(stack: Stack): string {
  return `/cdk-agentcore/${stack.stackName}/`;
}

/** `arn:<partition>:iam::<account>:role<path>*`, the pattern of every role under an IAM path. */
export function rolePathPattern(stack: Stack, path: string): string {
  return stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: `${path.replace(/^\//, '')}*` });
}
