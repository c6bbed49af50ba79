import { CfnResource, Stack } from 'aws-cdk-lib';

/**
 * A stand-in for any value that an intrinsic function or a token hides.
 *
 * `flatten` replaces every unresolvable piece of a value by this character. It never occurs in a
 * CloudFormation literal, so a pattern that contains it can never be mistaken for a wildcard, and
 * a probe string can never match it by accident.
 */
export const OPAQUE = '\u0000';

/** The CloudFormation view of a resource: resolved properties in PascalCase plus its policies. */
export interface RenderedResource {
  readonly properties: { [key: string]: any };
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
}

/**
 * Render a resource the way it will appear in the template: PascalCase properties, property
 * overrides applied, tokens resolved to intrinsics (`{ Ref }`, `{ 'Fn::GetAtt' }`, ...), and the
 * `DeletionPolicy` / `UpdateReplacePolicy` attributes.
 *
 * `_toCloudFormation()` is what the synthesizer itself calls and it gives PascalCase keys for L1s
 * and for custom resources alike (aws-cdk-lib 2.257). If rendering fails (an L1 property
 * validator throws), fall back to the raw `_cfnProperties`, whose keys are camelCase for L1s;
 * `prop()` reads both spellings.
 */
export function renderResource(node: CfnResource): RenderedResource {
  const stack = Stack.of(node);
  try {
    const rendered = stack.resolve((node as any)._toCloudFormation());
    const resources = rendered?.Resources ?? {};
    const entry = resources[Object.keys(resources)[0]] ?? {};
    return {
      properties: isPlainObject(entry.Properties) ? entry.Properties : {},
      deletionPolicy: entry.DeletionPolicy,
      updateReplacePolicy: entry.UpdateReplacePolicy,
    };
  } catch {
    const properties = stack.resolve((node as any)._cfnProperties);
    return {
      properties: isPlainObject(properties) ? properties : {},
      deletionPolicy: node.cfnOptions.deletionPolicy,
      updateReplacePolicy: node.cfnOptions.updateReplacePolicy,
    };
  }
}

/** Read `name` (PascalCase) from a resolved object, accepting the camelCase spelling too. */
export function prop(obj: any, name: string): any {
  if (!isPlainObject(obj) || isIntrinsic(obj)) {
    return undefined;
  }
  if (obj[name] !== undefined) {
    return obj[name];
  }
  return obj[name.charAt(0).toLowerCase() + name.slice(1)];
}

/** True for a non-null object that is not an array. */
export function isPlainObject(value: any): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a resolved intrinsic function or reference: `{ Ref }`, `{ 'Fn::…' }`, `{ Condition }`. */
export function isIntrinsic(value: any): boolean {
  if (!isPlainObject(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'));
}

/**
 * Turn a resolved value into a string in which every piece that is not known at synth time is
 * replaced by `OPAQUE`. Literal parts stay as they are, so rules can judge a value by them:
 * `{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:*::foundation-model/*']] }`
 * becomes `arn:\0:bedrock:*::foundation-model/*`.
 *
 * `${…}` in plain strings and in `Fn::Sub` templates (IAM policy variables, substitutions) is
 * opaque as well. Numbers and booleans become their string form; anything else (objects,
 * arrays, other intrinsics) becomes a single `OPAQUE`.
 */
export function flatten(value: any): string {
  if (typeof value === 'string') {
    return value.replace(/\$\{[^}]*\}/g, OPAQUE);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (isPlainObject(value)) {
    const join = value['Fn::Join'];
    if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
      return join[1].map(flatten).join(join[0]);
    }
    const sub = value['Fn::Sub'];
    if (typeof sub === 'string') {
      return flatten(sub);
    }
    if (Array.isArray(sub) && typeof sub[0] === 'string') {
      return flatten(sub[0]);
    }
  }
  return OPAQUE;
}

/** True if the flattened value contains a piece that is unknown at synth time. */
export function hasOpaque(flat: string): boolean {
  return flat.includes(OPAQUE);
}

/**
 * Compile an IAM-style glob (`*` = any run of characters, `?` = one character) into a regular
 * expression. `OPAQUE` stays a literal character, so an unknown piece never matches a probe.
 */
export function globRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') {
      source += '.*';
    } else if (ch === '?') {
      source += '.';
    } else if (ch === OPAQUE) {
      source += '\\u0000';
    } else {
      source += ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
}

/** True if the glob `pattern` matches `value`. */
export function globMatches(pattern: string, value: string, caseInsensitive: boolean): boolean {
  return globRegExp(pattern, caseInsensitive).test(value);
}

/** Normalize a value that CloudFormation allows as "string or list of strings" to a list. */
export function asList(value: any): any[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}
