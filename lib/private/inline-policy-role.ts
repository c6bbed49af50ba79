import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * An `iam.Role` whose statements all go into its own inline policy instead of a separate `AWS::IAM::Policy` (one
 * CloudFormation resource instead of two). Only for roles whose policy cannot refer back to anything that depends on
 * the role (that cycle is what aws-cdk-lib's separate default policy breaks).
 */
export class InlinePolicyRole extends iam.Role {
  private readonly document: iam.PolicyDocument;

  constructor(scope: Construct, id: string, props: iam.RoleProps) {
    const document = new iam.PolicyDocument();
    super(scope, id, { ...props, inlinePolicies: { ...props.inlinePolicies, Policy: document } });
    this.document = document;
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.document.addStatements(statement);
    return { statementAdded: true, policyDependable: this };
  }
}
