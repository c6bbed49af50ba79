import { CfnResource, Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { asList, isPlainObject, prop, renderResource } from './cfn';
import { Statement, attachedAwsManagedPolicyNames, identityPolicyDocuments, statementsOf } from './policy';
import { NATIVE_TYPES } from '../../private/contract';

/** What the execution role of an online evaluation config is allowed, as far as the template shows. */
export interface EvaluationRolePolicies {
  /** The statements of the role's inline policies and of the policies attached to it in the same stack. */
  readonly statements: Statement[];
  /** The AWS managed policies the role attaches, by name. */
  readonly awsManagedPolicies: string[];
}

/**
 * The policies of the execution role of an `AWS::BedrockAgentCore::OnlineEvaluationConfig`: its inline policies,
 * the `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources of the stack attached to it (through their `Roles`
 * or the role's `ManagedPolicyArns`), and its AWS managed policies. Undefined when the resource is not a config or
 * its role is not defined in the same stack (an imported role, a parameter, another stack): nothing to judge.
 */
export function evaluationRolePolicies(node: CfnResource): EvaluationRolePolicies | undefined {
  if (node.cfnResourceType !== NATIVE_TYPES.onlineEvaluationConfig) return undefined;
  const roleArn = prop(renderResource(node).properties, 'EvaluationExecutionRoleArn');
  const getAtt = isPlainObject(roleArn) ? roleArn['Fn::GetAtt'] : undefined;
  if (!Array.isArray(getAtt) || getAtt[1] !== 'Arn') return undefined;
  const stack = Stack.of(node);
  const resources = stack.node.findAll().filter((c: IConstruct): c is CfnResource => CfnResource.isCfnResource(c));
  const logicalId = (r: CfnResource) => stack.resolve(r.logicalId);
  const role = resources.find((r) => r.cfnResourceType === 'AWS::IAM::Role' && logicalId(r) === getAtt[0]);
  if (role === undefined) return undefined;

  const isRef = (value: any, id: string) => isPlainObject(value) && value.Ref === id;
  const roleManaged = asList(prop(renderResource(role).properties, 'ManagedPolicyArns'));
  // Only the `roles` of each policy are resolved (not the whole resource), so that a stack with hundreds of
  // policies and configs stays cheap to check.
  const attached = resources.filter((r) => {
    if (r.cfnResourceType !== 'AWS::IAM::Policy' && r.cfnResourceType !== 'AWS::IAM::ManagedPolicy') return false;
    const id = logicalId(r);
    return asList(stack.resolve((r as iam.CfnPolicy | iam.CfnManagedPolicy).roles)).some((v) => isRef(v, getAtt[0]))
      || roleManaged.some((v) => isRef(v, id));
  });
  const statements = [role, ...attached].flatMap((r) => (identityPolicyDocuments(r) ?? []).flatMap(statementsOf));
  return { statements, awsManagedPolicies: attachedAwsManagedPolicyNames(role) };
}

/**
 * The shape of the evaluation-role rules: NOT_APPLICABLE unless the resource is an online evaluation config whose
 * role is in the stack; otherwise the findings of its statements plus `ManagedPolicy::<Name>` for the listed AWS
 * managed policies it attaches.
 */
export function evaluationRoleRule(
  node: CfnResource,
  statementFindings: (statement: Statement) => string[],
  managedPolicies: ReadonlySet<string>,
): NagRuleCompliance | string[] {
  const policies = evaluationRolePolicies(node);
  if (policies === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Set<string>(policies.statements.flatMap(statementFindings));
  policies.awsManagedPolicies.filter((n) => managedPolicies.has(n)).forEach((n) => findings.add(`ManagedPolicy::${n}`));
  return findings.size > 0 ? [...findings] : NagRuleCompliance.COMPLIANT;
}
