import { Token } from 'aws-cdk-lib';
import { SSM_PREFIX, SSM_PREFIX_RULE, isReservedSsmPrefix } from '../private/contract';
import type { ValidationErrors } from '../private/validation';

/**
 * Checks an SSM path prefix the way the library writes and reads them (see `SSM_PREFIX`): a leading and a trailing
 * `/`, segments of letters, digits, `_`, `.`, `-`, at most 15 levels including the parameter name, not under `/aws`
 * or `/ssm`. Tokens are not checked.
 */
export function checkSsmPrefix(prop: string, prefix: string | undefined, errors: ValidationErrors): void {
  if (prefix === undefined || Token.isUnresolved(prefix)) return;
  errors.pattern(prop, prefix, SSM_PREFIX,
    `a path with ${SSM_PREFIX_RULE} (e.g. '/agentcore/dev/runtime/')`);
  if (isReservedSsmPrefix(prefix)) errors.add(prop, prefix, "must not start with '/aws' or '/ssm' (reserved by AWS)");
}
