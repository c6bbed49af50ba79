/**
 * Generic conversion of CloudFormation-shaped properties (PascalCase keys, every scalar possibly a string) into an AWS
 * SDK request, driven by the bundled SDK's own schema of the request (`@smithy/core/schema`): keys become the SDK
 * member names, strings become numbers or booleans where the shape says so, and anything the schema does not know is
 * a problem that names its path. Pure: no I/O, never echoes values.
 */
// @smithy/core is the bundled SDK's own schema runtime (a dependency of @aws-sdk/client-bedrock-agentcore-control),
// imported for `NormalizedSchema`, the documented way to walk the SDK's static schemas.
// eslint-disable-next-line import/no-extraneous-dependencies
import { NormalizedSchema } from '@smithy/core/schema';

/** The PascalCase property key of an SDK member (`customJWTAuthorizer` → `CustomJWTAuthorizer`). */
export function pascalCase(member: string): string {
  return member.charAt(0).toUpperCase() + member.slice(1);
}

/** The members of a structure schema, by their PascalCase property key. */
export function membersByKey(schema: NormalizedSchema): Map<string, { member: string; schema: NormalizedSchema }> {
  const out = new Map<string, { member: string; schema: NormalizedSchema }>();
  for (const [member, memberSchema] of schema.structIterator()) out.set(pascalCase(member), { member, schema: memberSchema });
  return out;
}

/** Options of `toRequest`. */
export interface ConvertOptions {
  /**
   * Paths (PascalCase keys joined by `.`, list indices dropped) where a scalar stands for a structure with one member
   * (`SHAPE_ALIASES` of the contract).
   */
  readonly aliases?: ReadonlyMap<string, string>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function kind(schema: NormalizedSchema): string {
  if (schema.isStructSchema()) return 'an object';
  if (schema.isListSchema()) return 'a list';
  if (schema.isMapSchema()) return 'a map';
  if (schema.isBooleanSchema()) return 'true or false';
  if (schema.isNumericSchema() || schema.isBigIntegerSchema() || schema.isBigDecimalSchema()) return 'a number';
  return 'a string';
}

/**
 * Converts one property value to the SDK's shape. `path` names the property in problems (`A.B[2].C`); `aliasPath` is
 * the same without list indices. Returns undefined (and records a problem) when the value does not fit.
 */
export function toRequest(
  value: unknown, schema: NormalizedSchema, path: string, problems: string[], options: ConvertOptions = {}, aliasPath = path,
): unknown {
  const wrong = () => {
    problems.push(`${path} must be ${kind(schema)}`);
    return undefined;
  };
  if (schema.isStructSchema()) {
    const alias = options.aliases?.get(aliasPath);
    if (alias !== undefined && isScalar(value)) {
      const member = schema.getMemberSchema(alias);
      return { [alias]: toRequest(value, member, `${path}`, problems, options, `${aliasPath}.${pascalCase(alias)}`) };
    }
    if (!isObject(value)) return wrong();
    const members = membersByKey(schema);
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || v === null) continue;
      const m = members.get(key);
      if (!m) {
        problems.push(`${path}.${key} is not a member the bundled AWS SDK knows (${[...members.keys()].join(', ')})`);
        continue;
      }
      out[m.member] = toRequest(v, m.schema, `${path}.${key}`, problems, options, `${aliasPath}.${key}`);
    }
    return out;
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) return wrong();
    const item = schema.getValueSchema();
    return value.map((v, i) => toRequest(v, item, `${path}[${i}]`, problems, options, aliasPath));
  }
  if (schema.isMapSchema()) {
    if (!isObject(value)) return wrong();
    const item = schema.getValueSchema();
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toRequest(v, item, `${path}.${k}`, problems, options, `${aliasPath}.*`)]));
  }
  if (schema.isBooleanSchema()) {
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    return wrong();
  }
  if (schema.isNumericSchema() || schema.isBigIntegerSchema() || schema.isBigDecimalSchema()) {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && /^\s*-?[0-9]+(\.[0-9]+)?\s*$/.test(value)) return Number(value);
    return wrong();
  }
  if (schema.isDocumentSchema()) return value;
  if (schema.isStringSchema()) {
    return isScalar(value) ? String(value) : wrong();
  }
  problems.push(`${path} has a type the provider cannot send (blob or timestamp)`);
  return undefined;
}
