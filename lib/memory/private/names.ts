import type { IConstruct } from 'constructs';
import { NAME_MAX_LENGTH } from '../../private/contract';
import { generatedName } from '../../private/names';

/** Turns any candidate into a valid memory name (`[a-zA-Z][a-zA-Z0-9_]{0,47}`), keeping its end (the hash) intact. */
export function toMemoryName(candidate: string): string {
  let name = candidate.replace(/[^a-zA-Z0-9_]/g, '');
  if (!/^[a-zA-Z]/.test(name)) name = `m${name}`;
  if (name.length > NAME_MAX_LENGTH) name = name.slice(0, NAME_MAX_LENGTH / 2) + name.slice(name.length - NAME_MAX_LENGTH / 2);
  return name;
}

/** A stable name, unique in the app, from the construct path (stack name, ids and a hash of the path). */
export function generateMemoryName(scope: IConstruct): string {
  return toMemoryName(generatedName(scope, 'm', NAME_MAX_LENGTH - 1));
}
