import type { IConstruct } from 'constructs';
import { generatedName } from '../../private/names';

/** A valid, stable name unique in the app from the construct path: policy engines and policies share the grammar. */
export function generatePolicyName(scope: IConstruct): string {
  return generatedName(scope, 'p');
}
