import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { agentCoreTrustStatements, isAgentCorePrincipal, principalEntries, trustStatements } from '../private/trust';

/**
 * AgentCore-ROLE2: an IAM role that AgentCore may assume is not also assumable by other
 * principals (other services, accounts, roles, federated identities, `*` or `NotPrincipal`).
 *
 * A `Service` principal hidden by an intrinsic cannot be judged and is ignored; an `AWS`,
 * `Federated` or `CanonicalUser` principal is never AgentCore, whatever its value.
 * NOT_APPLICABLE for resources that are not roles and for roles AgentCore cannot assume.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    const statements = trustStatements(node);
    if (statements === undefined || agentCoreTrustStatements(statements).length === 0) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    for (const statement of statements) {
      if (statement.notPrincipal !== undefined) {
        return NagRuleCompliance.NON_COMPLIANT;
      }
      for (const entry of principalEntries(statement.principal)) {
        if (isAgentCorePrincipal(entry)) {
          continue;
        }
        if (entry.kind === 'Service' && entry.value === '\u0000') {
          continue; // a service principal hidden by an intrinsic: cannot judge
        }
        if (entry.kind === 'unknown' && entry.value === '\u0000') {
          continue; // the whole Principal element is an intrinsic: cannot judge
        }
        return NagRuleCompliance.NON_COMPLIANT;
      }
    }
    return NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
