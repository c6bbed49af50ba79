import { Names } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Turns any candidate into a valid memory name (`[a-zA-Z][a-zA-Z0-9_]{0,47}`), keeping its end (the hash) intact. */
export function toMemoryName(candidate: string): string {
  let name = candidate.replace(/[^a-zA-Z0-9_]/g, '');
  if (!/^[a-zA-Z]/.test(name)) name = `m${name}`;
  if (name.length > 48) name = name.slice(0, 24) + name.slice(name.length - 24);
  return name;
}

/** A stable name, unique in the app, from the construct path (stack name, ids and a hash of the path). */
export function generateMemoryName(scope: IConstruct): string {
  return toMemoryName(Names.uniqueResourceName(scope, { maxLength: 47, separator: '_', allowedSpecialCharacters: '_' }));
}
