import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Dependable } from 'constructs';

/** The id of the warning for grants an immutable role cannot take. */
export const IMMUTABLE_ROLE_WARNING = 'cdk-agentcore:execution-role-immutable';

/**
 * Whether a grant to `role` reached a policy. An immutable role (`mutable: false`, `withoutPolicyUpdates()`) reports
 * success but drops the statements: then a warning on the role says exactly what to attach instead. A role of this
 * app (`iam.Role` or a subclass) always takes them, though its dependable is bound only at synthesis (so it has no
 * roots yet); an imported mutable role's policy is its dependable.
 *
 * @param more words appended to the list of what to attach
 */
export function grantLanded(role: iam.IRole, grant: iam.Grant, more = ''): boolean {
  if (grant.success && (role instanceof iam.Role || Dependable.of(grant).dependencyRoots.length > 0)) return true;
  const stack = Stack.of(role);
  const show = (v: string) => Token.isUnresolved(v) ? JSON.stringify(stack.resolve(v)) : v;
  const needs = grant.principalStatements.map((s) => {
    const json = s.toStatementJson();
    return `${[json.Action].flat().join(', ')} on ${[json.Resource].flat().map((r: string) => show(r)).join(', ')}`;
  }).join('; ');
  Annotations.of(role).addWarningV2(IMMUTABLE_ROLE_WARNING,
    `The role ${show(role.roleArn)} is immutable (imported with mutable: false), so this grant was not added to it. `
    + `Attach a policy to the role yourself that allows ${needs}${more}.`);
  return false;
}
