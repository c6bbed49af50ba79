import { Names } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * A valid, stable name unique in the app (`[A-Za-z][A-Za-z0-9_]{0,47}`) from the construct path: stack names start
 * with a letter, and the unique name keeps letters, digits and `_` only. Policy engines and policies share the grammar.
 */
export function generatePolicyName(scope: IConstruct): string {
  return Names.uniqueResourceName(scope, { maxLength: 48, separator: '_', allowedSpecialCharacters: '_' });
}
