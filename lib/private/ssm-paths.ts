import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { SSM_PREFIX, SSM_PREFIX_RULE } from './contract';
import { acknowledgeWildcardResources } from './nag';
import { ValidationErrors } from './validation';

/** SSM actions that read parameters under a path. */
export const SSM_READ_ACTIONS = ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'];

/**
 * Allows reading the parameters under one path prefix: the path itself (for `GetParametersByPath`) and everything
 * below it. The wildcard below the path is acknowledged for cdk-nag on the grantee, for exactly this path.
 *
 * @param scope where errors are reported and the stack comes from
 */
export function grantReadParameterPath(grantee: iam.IGrantable, scope: IConstruct, prefix: string): iam.Grant {
  const errors = new ValidationErrors();
  errors.pattern('path', prefix, SSM_PREFIX, `an SSM path prefix such as '/agentcore/dev/': ${SSM_PREFIX_RULE}`);
  errors.throwIfAny(scope, 'SSM parameter path');
  const base = Token.isUnresolved(prefix) ? prefix : prefix.replace(/^\//, '').replace(/\/$/, '');
  const stack = Stack.of(scope);
  const resourceArns = [
    stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: base }),
    stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: `${base}/*` }),
  ];
  const grant = iam.Grant.addToPrincipal({ grantee, actions: SSM_READ_ACTIONS, resourceArns });
  const principal = grantee.grantPrincipal;
  if (grant.principalStatements.length > 0) {
    acknowledgeWildcardResources(Construct.isConstruct(principal) ? principal : scope, resourceArns,
      `Reads the parameters published under ${prefix} (GetParametersByPath needs the path itself; the wildcard stays below the path).`);
  }
  return grant;
}
