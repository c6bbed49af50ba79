import { Names } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * A stable name from the construct path that fits `[a-zA-Z][a-zA-Z0-9_]{0,maxLength-1}`, the grammar of evaluator
 * and online evaluation config names.
 */
export function generatedName(scope: IConstruct, maxLength: number): string {
  const raw = Names.uniqueResourceName(scope, { maxLength, separator: '_', allowedSpecialCharacters: '_' });
  return /^[a-zA-Z]/.test(raw) ? raw : `e${raw}`.slice(0, maxLength);
}
