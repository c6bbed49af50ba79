import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { asList, flatten, globMatches, hasOpaque, isIntrinsic, isPlainObject, prop, renderResource } from './cfn';

/** One policy statement with its elements flattened (see `flatten`) and normalized to lists. */
export interface Statement {
  readonly allow: boolean;
  /** `Action` entries, flattened; undefined when the statement uses `NotAction`. */
  readonly actions?: string[];
  /** `NotAction` entries, flattened. */
  readonly notActions?: string[];
  /** `Resource` entries, flattened; undefined when the statement uses `NotResource`. */
  readonly resources?: string[];
  /** `NotResource` entries, flattened. */
  readonly notResources?: string[];
  /** The raw `Principal` element (trust policies). */
  readonly principal?: any;
  /** The raw `NotPrincipal` element (trust policies). */
  readonly notPrincipal?: any;
  /** The raw `Condition` element. */
  readonly condition?: any;
}

/** AWS::IAM resource types whose identity policies the IAM rules walk. */
const INLINE_POLICY_TYPES = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];
const DOCUMENT_POLICY_TYPES = [
  'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy',
];

/**
 * The identity-based policy documents that a resource defines, resolved: the inline `Policies`
 * of a role, user or group, or the `PolicyDocument` of an `AWS::IAM::Policy`,
 * `AWS::IAM::ManagedPolicy` or `AWS::IAM::{Role,User,Group}Policy`. Returns undefined for any
 * other resource type.
 */
export function identityPolicyDocuments(node: CfnResource): any[] | undefined {
  if (INLINE_POLICY_TYPES.includes(node.cfnResourceType)) {
    const policies = prop(renderResource(node).properties, 'Policies');
    return asList(policies).map((p) => prop(p, 'PolicyDocument')).filter((d) => d !== undefined);
  }
  if (DOCUMENT_POLICY_TYPES.includes(node.cfnResourceType)) {
    const doc = prop(renderResource(node).properties, 'PolicyDocument');
    return doc === undefined ? [] : [doc];
  }
  return undefined;
}

/**
 * The names of the AWS managed policies (`arn:<partition>:iam::aws:policy/[path/]<Name>`) that a
 * role, user or group attaches through `ManagedPolicyArns`, e.g. `AdministratorAccess`.
 * Customer managed policies and ARNs hidden by intrinsics are left out.
 */
export function attachedAwsManagedPolicyNames(node: CfnResource): string[] {
  if (!INLINE_POLICY_TYPES.includes(node.cfnResourceType)) {
    return [];
  }
  const arns = prop(renderResource(node).properties, 'ManagedPolicyArns');
  if (isIntrinsic(arns)) {
    return [];
  }
  const names: string[] = [];
  for (const arn of asList(arns).map(flatten)) {
    const match = /:iam::aws:policy\/(?:[^\u0000]*\/)?([^/\u0000]+)$/.exec(arn);
    if (match) {
      names.push(match[1]);
    }
  }
  return names;
}

/** The trust policy of an `AWS::IAM::Role`, resolved, or undefined for any other resource. */
export function trustPolicyDocument(node: CfnResource): any | undefined {
  if (node.cfnResourceType !== 'AWS::IAM::Role') {
    return undefined;
  }
  return prop(renderResource(node).properties, 'AssumeRolePolicyDocument');
}

/**
 * The statements of a resolved policy document. A document given as a JSON string is parsed.
 * Statements hidden behind an intrinsic (`Fn::If`, ...) cannot be judged and are skipped.
 */
export function statementsOf(document: any): Statement[] {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  const raw = prop(doc, 'Statement');
  if (isIntrinsic(raw)) {
    return [];
  }
  const result: Statement[] = [];
  for (const s of asList(raw)) {
    if (!isPlainObject(s) || isIntrinsic(s)) {
      continue;
    }
    const list = (key: string): string[] | undefined => {
      const value = prop(s, key);
      if (value === undefined) {
        return undefined;
      }
      return asList(value).map(flatten);
    };
    result.push({
      allow: flatten(prop(s, 'Effect')) === 'Allow',
      actions: list('Action'),
      notActions: list('NotAction'),
      resources: list('Resource'),
      notResources: list('NotResource'),
      principal: prop(s, 'Principal'),
      notPrincipal: prop(s, 'NotPrincipal'),
      condition: prop(s, 'Condition'),
    });
  }
  return result;
}

/** True if the action pattern (case-insensitive, may contain wildcards) grants `action`. */
export function actionMatches(pattern: string, action: string): boolean {
  return !hasOpaque(pattern) && globMatches(pattern, action, true);
}

/**
 * The labels of the parts of an Allow statement that grant at least one of `actions`:
 * each `Action` entry that matches (as written, e.g. `bedrock:*`), or `NotAction` when the
 * statement uses `NotAction` and does not exclude all of them.
 */
export function grantingActionLabels(statement: Statement, actions: string[]): string[] {
  if (!statement.allow) {
    return [];
  }
  if (statement.notActions !== undefined) {
    const excludedAll = actions.every((a) => statement.notActions!.some((p) => actionMatches(p, a)));
    return excludedAll ? [] : ['NotAction'];
  }
  return (statement.actions ?? []).filter((p) => actions.some((a) => actionMatches(p, a)));
}

/** True if the flattened value is a bare wildcard such as `*`. */
export function isWildcardOnly(flat: string): boolean {
  return /^\*+$/.test(flat);
}

/** What "every resource of a kind" means for `coversEveryResource`. */
export interface ResourceKind {
  /** The ARN service segment, e.g. `bedrock`. */
  readonly service: string;
  /**
   * The account segment of such ARNs: `''` for AWS-owned resources (foundation models), or
   * undefined when any account (including an unresolved `AWS::AccountId`) qualifies.
   */
  readonly account?: string;
  /** A made-up resource segment that only a wildcard can match, e.g. `foundation-model/x`. */
  readonly resourceProbe: string;
}

/**
 * True if the flattened resource pattern covers every resource of the kind: `*`, or an ARN whose
 * service, account and resource segments are wildcards broad enough to match a made-up
 * resource. Partition and region may be anything (literal, wildcard or unresolved), because
 * "every foundation model in this Region" is as broad as the rule cares about.
 * Unresolved pieces in the service, account or resource segments are treated as specific
 * values, so a token never causes a finding.
 */
export function coversEveryResource(flat: string, kind: ResourceKind): boolean {
  if (isWildcardOnly(flat)) {
    return true;
  }
  const parts = flat.split(':');
  if (parts.length < 6) {
    // Not a full ARN (for example `arn:aws:bedrock:*`): judge the whole string against a probe ARN.
    const probe = `arn:aws:${kind.service}:us-east-1:${kind.account ?? '123456789012'}:${kind.resourceProbe}`;
    return globMatches(flat, probe, false);
  }
  const [arn, , service, , account] = parts;
  const resource = parts.slice(5).join(':');
  return globMatches(arn, 'arn', false)
    && globMatches(service, kind.service, true)
    && (kind.account === undefined || globMatches(account, kind.account, false))
    && globMatches(resource, kind.resourceProbe, false);
}

/**
 * True if an Allow statement applies to every resource of the kind: through its `Resource`
 * element, or through `NotResource` unless a `NotResource` entry excludes the probe.
 */
export function statementCoversEveryResource(statement: Statement, kind: ResourceKind): boolean {
  if (statement.notResources !== undefined) {
    const probe = `arn:aws:${kind.service}:us-east-1:${kind.account ?? '123456789012'}:${kind.resourceProbe}`;
    return !statement.notResources.some((r) => isWildcardOnly(r) || globMatches(r, probe, false));
  }
  return (statement.resources ?? []).some((r) => coversEveryResource(r, kind));
}

/** True if the statement applies to `Resource: "*"` (or an equivalent `NotResource`). */
export function statementOnAllResources(statement: Statement): boolean {
  if (statement.notResources !== undefined) {
    return !statement.notResources.some(isWildcardOnly);
  }
  return (statement.resources ?? []).some(isWildcardOnly);
}

/** The condition operators that a rule accepts as binding a condition key. */
export const BINDING_OPERATORS = ['StringEquals', 'StringLike', 'ArnEquals', 'ArnLike'];

/**
 * True if the statement's `Condition` binds `key` (case-insensitive, as IAM treats keys) under
 * one of `operators`, with a value other than a bare `*`. Values that are tokens count as bound.
 * With `operators` undefined, any operator counts.
 */
export function conditionBindsKey(statement: Statement, key: string, operators?: string[]): boolean {
  const condition = statement.condition;
  if (!isPlainObject(condition) || isIntrinsic(condition)) {
    return false;
  }
  for (const [operator, block] of Object.entries(condition)) {
    if (operators !== undefined && !operators.includes(operator)) {
      continue;
    }
    if (!isPlainObject(block) || isIntrinsic(block)) {
      continue;
    }
    for (const [k, value] of Object.entries(block as { [key: string]: any })) {
      if (k.toLowerCase() !== key.toLowerCase()) {
        continue;
      }
      const values = asList(value).map(flatten);
      if (values.length > 0 && !values.every(isWildcardOnly)) {
        return true;
      }
    }
  }
  return false;
}

/**
 * The shape every identity-policy rule shares: the findings `statementFindings` reports for each statement of the
 * resource's identity policies, plus `ManagedPolicy::<Name>` for each attached AWS managed policy in
 * `managedPolicies`. NOT_APPLICABLE for resources without identity policies.
 */
export function identityPolicyRule(
  node: CfnResource,
  statementFindings: (statement: Statement) => string[],
  managedPolicies: ReadonlySet<string>,
): NagRuleCompliance | string[] {
  const documents = identityPolicyDocuments(node);
  if (documents === undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = new Set<string>();
  for (const statement of documents.flatMap(statementsOf)) {
    statementFindings(statement).forEach((f) => findings.add(f));
  }
  attachedAwsManagedPolicyNames(node)
    .filter((name) => managedPolicies.has(name))
    .forEach((name) => findings.add(`ManagedPolicy::${name}`));
  return findings.size > 0 ? [...findings] : NagRuleCompliance.COMPLIANT;
}

/** Findings for the labels `grantingActionLabels` returned: `Action::<action as written>`, or `NotAction`. */
export function actionFindings(labels: string[]): string[] {
  return labels.map((l) => (l === 'NotAction' ? l : `Action::${l}`));
}
