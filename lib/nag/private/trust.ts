import { CfnResource } from 'aws-cdk-lib';
import { asList, flatten, isIntrinsic, isPlainObject } from './cfn';
import { Statement, statementsOf, trustPolicyDocument } from './policy';
import { AGENTCORE_SERVICE_PRINCIPAL } from '../../private/agentcore-principal';

/** One principal named by a trust-policy statement. */
export interface PrincipalEntry {
  /** `Service`, `AWS`, `Federated`, `CanonicalUser`, `*` (the bare wildcard) or `unknown`. */
  readonly kind: string;
  /** The flattened principal value. */
  readonly value: string;
}

/** The principals of a statement's `Principal` element. An intrinsic gives one `unknown` entry. */
export function principalEntries(principal: any): PrincipalEntry[] {
  if (principal === undefined) {
    return [];
  }
  if (typeof principal === 'string') {
    return [{ kind: principal === '*' ? '*' : 'unknown', value: principal }];
  }
  if (!isPlainObject(principal) || isIntrinsic(principal)) {
    return [{ kind: 'unknown', value: flatten(principal) }];
  }
  const entries: PrincipalEntry[] = [];
  for (const [kind, value] of Object.entries(principal as { [key: string]: any })) {
    if (isIntrinsic(value)) {
      entries.push({ kind, value: flatten(value) });
      continue;
    }
    for (const v of asList(value)) {
      entries.push({ kind, value: flatten(v) });
    }
  }
  return entries;
}

/**
 * True for the AgentCore service principal, also when its DNS suffix is an unresolved
 * `AWS::URLSuffix` (`bedrock-agentcore.<token>`).
 */
export function isAgentCorePrincipal(entry: PrincipalEntry): boolean {
  if (entry.kind !== 'Service') {
    return false;
  }
  const value = entry.value.toLowerCase();
  return value === AGENTCORE_SERVICE_PRINCIPAL || value === 'bedrock-agentcore.\u0000';
}

/** The Allow statements of a role's trust policy, or undefined if the resource is not a role. */
export function trustStatements(node: CfnResource): Statement[] | undefined {
  const doc = trustPolicyDocument(node);
  if (doc === undefined) {
    return undefined;
  }
  return statementsOf(doc).filter((s) => s.allow);
}

/** The Allow statements of a trust policy that let AgentCore assume the role. */
export function agentCoreTrustStatements(statements: Statement[]): Statement[] {
  return statements.filter((s) => principalEntries(s.principal).some(isAgentCorePrincipal));
}
