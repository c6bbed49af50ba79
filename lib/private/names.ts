import { Names } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { NAME_MAX_LENGTH } from './contract';

/**
 * A stable name, unique in the app, from the construct path (stack name, ids and a hash of the path), in the grammar
 * AgentCore names share (`RUNTIME_NAME`): a letter, then letters, digits and `_`. The one generator of runtime,
 * memory, policy engine, policy, evaluator and online evaluation config names.
 *
 * @param lead the letter put in front when the path does not start with one (a runtime's `r`, a memory's `m`, …)
 * @param maxLength at most this many characters
 */
export function generatedName(scope: IConstruct, lead: string, maxLength: number = NAME_MAX_LENGTH): string {
  const raw = Names.uniqueResourceName(scope, { maxLength, separator: '_', allowedSpecialCharacters: '_' });
  return /^[a-zA-Z]/.test(raw) ? raw : `${lead}${raw}`.slice(0, maxLength);
}
