import { AWS_LIMITS } from './contract';

/**
 * The CloudFormation and IAM limits a synthesized template must stay within, checked on the resolved template so
 * that a stack that would fail to deploy fails at synth, saying which limit, by how much and what to do.
 *
 * Pure: it reads a template object (as `Stack` renders it) and its size in bytes.
 */

/** One limit a template exceeds. */
export interface LimitViolation {
  /** What is over the limit, e.g. `resources` or `role policy of MyRole`. */
  readonly limit: string;
  /** How much there is. */
  readonly actual: number;
  /** How much is allowed. */
  readonly max: number;
  /** The whole message: the limit, the overshoot and what to do. */
  readonly message: string;
}

/**
 * Characters an unresolved value is taken to have once deployed, where the template cannot tell: the longest
 * partition (`aws-us-gov`), Region (`ap-southeast-3` and the like) and URL suffix (`amazonaws.com.cn`); names and
 * ARNs of resources are estimated generously. Estimates err on the side of a bigger policy.
 */
const PSEUDO_PARAMETER_CHARS: Record<string, number> = {
  'AWS::Partition': 10,
  'AWS::Region': 14,
  'AWS::AccountId': 12,
  'AWS::URLSuffix': 16,
  'AWS::StackName': 128,
  'AWS::StackId': 128,
  'AWS::NoValue': 0,
};
/** A `Ref` to a resource: a name or id. */
const REF_CHARS = 64;
/** An `Fn::GetAtt` or any other function: typically an ARN. */
const ATTRIBUTE_CHARS = 128;

const SPLIT_FIX = 'Split the runtimes over several stacks (a stack per team or per group of agents), or let runtimes that have a role each share one ExecutionRole (1 resource per runtime instead of 2).';

/** Checks a resolved template against CloudFormation's resource and size limits and IAM's policy limits. */
export function checkTemplateLimits(template: any, templateBytes: number): LimitViolation[] {
  const resources: Record<string, any> = template?.Resources ?? {};
  const violations: LimitViolation[] = [];
  const count = Object.keys(resources).length;
  if (count > AWS_LIMITS.stackResources) {
    violations.push(violation('resources', count, AWS_LIMITS.stackResources,
      `The stack has ${count} CloudFormation resources; CloudFormation allows ${AWS_LIMITS.stackResources} (${count - AWS_LIMITS.stackResources} too many). ${SPLIT_FIX}`));
  }
  if (templateBytes > AWS_LIMITS.templateBytes) {
    violations.push(violation('template bytes', templateBytes, AWS_LIMITS.templateBytes,
      `The template is ${templateBytes} bytes; CloudFormation accepts ${AWS_LIMITS.templateBytes} (${templateBytes - AWS_LIMITS.templateBytes} too many). ${SPLIT_FIX}`));
  }
  violations.push(...checkRolePolicies(resources));
  return violations;
}

/**
 * The size of a policy document as IAM counts it: characters of its JSON without white space, with unresolved
 * values estimated (see `PSEUDO_PARAMETER_CHARS`).
 */
export function policyChars(document: unknown): number {
  return JSON.stringify(estimate(document)).replace(/\s/g, '').length;
}

/** How much of IAM's per-role and per-policy limits each role and managed policy of a template uses. */
export interface PolicyUsage {
  /** Characters of each role's inline policies together (its `Policies` and the `AWS::IAM::Policy` resources attached). */
  readonly inlineChars: Map<string, number>;
  /** Managed policies attached to each role (`ManagedPolicyArns` and `AWS::IAM::ManagedPolicy` resources naming it). */
  readonly managedPolicies: Map<string, number>;
  /** Characters of each `AWS::IAM::ManagedPolicy`. */
  readonly managedPolicyChars: Map<string, number>;
}

/** Measures every role and managed policy of a template's resources (logical id → value). */
export function policyUsage(resources: Record<string, any>): PolicyUsage {
  const inlineChars = new Map<string, number>();
  const managedPolicies = new Map<string, number>();
  const managedPolicyChars = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  const isRole = (id: string) => resources[id]?.Type === 'AWS::IAM::Role';
  for (const [id, resource] of Object.entries(resources)) {
    const props = resource?.Properties ?? {};
    if (resource?.Type === 'AWS::IAM::Role') {
      add(inlineChars, id, (props.Policies ?? []).reduce((sum: number, p: any) => sum + policyChars(p.PolicyDocument), 0));
      add(managedPolicies, id, (props.ManagedPolicyArns ?? []).length);
    } else if (resource?.Type === 'AWS::IAM::Policy') {
      const size = policyChars(props.PolicyDocument);
      for (const role of refs(props.Roles).filter(isRole)) add(inlineChars, role, size);
    } else if (resource?.Type === 'AWS::IAM::ManagedPolicy') {
      managedPolicyChars.set(id, policyChars(props.PolicyDocument));
      for (const role of refs(props.Roles).filter(isRole)) add(managedPolicies, role, 1);
    }
  }
  return { inlineChars, managedPolicies, managedPolicyChars };
}

function checkRolePolicies(resources: Record<string, any>): LimitViolation[] {
  const usage = policyUsage(resources);
  const violations: LimitViolation[] = [];
  for (const [policy, size] of usage.managedPolicyChars) {
    if (size > AWS_LIMITS.managedPolicyChars) {
      violations.push(violation(`managed policy ${policy}`, size, AWS_LIMITS.managedPolicyChars,
        `The managed policy ${policy} has about ${size} characters; IAM allows ${AWS_LIMITS.managedPolicyChars} per managed policy (${size - AWS_LIMITS.managedPolicyChars} too many). Split its statements over several policies, or scope them with fewer, broader resources.`));
    }
  }
  for (const [role, size] of usage.inlineChars) {
    if (size > AWS_LIMITS.rolePolicyChars) {
      violations.push(violation(`inline policies of role ${role}`, size, AWS_LIMITS.rolePolicyChars,
        `The inline policies of the role ${role} have about ${size} characters; IAM allows ${AWS_LIMITS.rolePolicyChars} per role (${size - AWS_LIMITS.rolePolicyChars} too many). `
        + 'Grant fewer, broader resources (an ExecutionRole shared by many runtimes stays the same size when their names share a prefix: see agentNamePrefix), give runtimes their own roles, or move statements to managed policies.'));
    }
  }
  for (const [role, count] of usage.managedPolicies) {
    if (count > AWS_LIMITS.managedPoliciesPerRole) {
      violations.push(violation(`managed policies of role ${role}`, count, AWS_LIMITS.managedPoliciesPerRole,
        `The role ${role} has ${count} managed policies attached; IAM allows ${AWS_LIMITS.managedPoliciesPerRole} by default (${count - AWS_LIMITS.managedPoliciesPerRole} too many). Merge policies, or raise the quota "Managed policies per role" before deploying.`));
    }
  }
  return violations;
}

function violation(limit: string, actual: number, max: number, message: string): LimitViolation {
  return { limit, actual, max, message };
}

/** The logical ids a `Roles` list refers to with `Ref`. */
function refs(list: unknown): string[] {
  return Array.isArray(list) ? list.flatMap((r) => (r && typeof r === 'object' && typeof r.Ref === 'string' ? [r.Ref] : [])) : [];
}

/** Replaces intrinsic functions with strings of their estimated deployed length. */
function estimate(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(estimate);
  if (value === null || typeof value !== 'object') return value;
  const node = value as Record<string, unknown>;
  const keys = Object.keys(node);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return 'x'.repeat(intrinsicChars(keys[0], node[keys[0]]));
  return Object.fromEntries(keys.map((k) => [k, estimate(node[k])]));
}

function intrinsicChars(fn: string, arg: unknown): number {
  if (fn === 'Ref') return typeof arg === 'string' && arg in PSEUDO_PARAMETER_CHARS ? PSEUDO_PARAMETER_CHARS[arg] : REF_CHARS;
  if (fn === 'Fn::Join' && Array.isArray(arg) && Array.isArray(arg[1])) {
    const parts = arg[1].map((p: unknown) => {
      const e = estimate(p);
      return typeof e === 'string' ? e.length : ATTRIBUTE_CHARS;
    });
    return parts.reduce((a: number, b: number) => a + b, 0) + String(arg[0]).length * Math.max(parts.length - 1, 0);
  }
  if (fn === 'Fn::Sub') {
    const text = Array.isArray(arg) ? arg[0] : arg;
    if (typeof text === 'string') {
      return text.replace(/\$\{([^}!]+)\}/g, (_m, name: string) => 'x'.repeat(PSEUDO_PARAMETER_CHARS[name] ?? ATTRIBUTE_CHARS)).length;
    }
  }
  return ATTRIBUTE_CHARS;
}
