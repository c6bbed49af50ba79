/**
 * A small model-driven validator: the service's two validation phases, parsing (wrong JSON type ⇒ ValidationException
 * reason `CannotParse`) and constraints (required members, lengths, ranges, patterns, enums, union cardinality ⇒ reason
 * `FieldValidationFailed`, AWS wording "Value '…' at '…' failed to satisfy constraint: …").
 */
import { cannotParse, FieldError, fieldValidation } from './errors';

/** A string member. `pattern` is a model pattern, applied as a full-string match. */
export interface StringShape { readonly kind: 'string'; readonly min?: number; readonly max?: number; readonly pattern?: string; readonly enum?: readonly string[]; readonly sensitive?: boolean }
/** An integer member (JSON number without fraction). */
export interface IntegerShape { readonly kind: 'integer'; readonly min?: number; readonly max?: number }
/** A boolean member. */
export interface BooleanShape { readonly kind: 'boolean' }
/** A structure; unknown members are ignored like the service does. */
export interface StructureShape { readonly kind: 'structure'; readonly members: Readonly<Record<string, Shape>>; readonly required?: readonly string[] }
/** A union: exactly one member must be set. */
export interface UnionShape { readonly kind: 'union'; readonly members: Readonly<Record<string, Shape>> }
/** A list. */
export interface ListShape { readonly kind: 'list'; readonly member: Shape; readonly min?: number; readonly max?: number }
/** A map with string keys. */
export interface MapShape { readonly kind: 'map'; readonly key: StringShape; readonly value: Shape; readonly min?: number; readonly max?: number; readonly sensitive?: boolean }
/** Free-form JSON. */
export interface DocumentShape { readonly kind: 'document' }
/** Any modelled shape. */
export type Shape = StringShape | IntegerShape | BooleanShape | StructureShape | UnionShape | ListShape | MapShape | DocumentShape;

/**
 * Validates `input` against `shape` like the service: throws a `CannotParse` ValidationException on the first member of
 * the wrong JSON type, else a `FieldValidationFailed` ValidationException listing every constraint violation,
 * plus the errors returned by `extra` (semantic rules that the model cannot express).
 */
export function validate(input: unknown, shape: StructureShape, extra: (input: any) => FieldError[] = () => []): void {
  parse(input, shape, '');
  const errors = [...check(input, shape, ''), ...extra(input)];
  if (errors.length > 0) throw fieldValidation(errors);
}

/** Builds one AWS-style field error. `value` undefined/null renders as `Value null`; sensitive values are not shown. */
export function fieldError(path: string, constraint: string, value: unknown, sensitive = false): FieldError {
  return { name: path, message: `${renderValue(value, sensitive)} at '${path}' failed to satisfy constraint: ${constraint}` };
}

function renderValue(value: unknown, sensitive: boolean): string {
  if (value === undefined || value === null) return 'Value null';
  if (sensitive) return 'Value';
  if (Array.isArray(value)) return `Value '[${value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}]'`;
  return `Value '${typeof value === 'string' ? value : JSON.stringify(value)}'`;
}

function join(path: string, member: string): string {
  return path ? `${path}.${member}` : member;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function parse(value: unknown, shape: Shape, path: string): void {
  if (!present(value)) return;
  const fail = (expected: string): never => {
    throw cannotParse(`1 validation error detected: Value '${JSON.stringify(value)}' at '${path || 'body'}' cannot be parsed: expected ${expected}, got ${Array.isArray(value) ? 'array' : typeof value}`);
  };
  switch (shape.kind) {
    case 'string':
      if (typeof value !== 'string') fail('string');
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail('integer');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('boolean');
      return;
    case 'structure':
    case 'union':
      if (!isObject(value)) fail('object');
      for (const [name, member] of Object.entries(shape.members)) parse((value as any)[name], member, join(path, name));
      return;
    case 'list':
      if (!Array.isArray(value)) fail('array');
      (value as unknown[]).forEach((item, i) => parse(item, shape.member, join(path, String(i + 1))));
      return;
    case 'map':
      if (!isObject(value)) fail('object');
      for (const [k, v] of Object.entries(value as object)) parse(v, shape.value, join(path, k));
      return;
    case 'document':
      return;
  }
}

/** Constraint messages for a scalar value (used for members and, wrapped, for list items and map keys/values). */
function scalarConstraints(value: unknown, shape: Shape): string[] {
  const out: string[] = [];
  if (shape.kind === 'string' && typeof value === 'string') {
    if (shape.min !== undefined && value.length < shape.min) out.push(`Member must have length greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && value.length > shape.max) out.push(`Member must have length less than or equal to ${shape.max}`);
    if (shape.pattern !== undefined && !new RegExp(`^(?:${shape.pattern})$`).test(value)) out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
    if (shape.enum !== undefined && !shape.enum.includes(value)) out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  }
  if (shape.kind === 'integer' && typeof value === 'number') {
    if (shape.min !== undefined && value < shape.min) out.push(`Member must have value greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && value > shape.max) out.push(`Member must have value less than or equal to ${shape.max}`);
  }
  return out;
}

function sizeConstraints(size: number, shape: ListShape | MapShape): string[] {
  const out: string[] = [];
  if (shape.min !== undefined && size < shape.min) out.push(`Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && size > shape.max) out.push(`Member must have length less than or equal to ${shape.max}`);
  return out;
}

function isScalar(shape: Shape): boolean {
  return shape.kind === 'string' || shape.kind === 'integer' || shape.kind === 'boolean';
}

function check(value: unknown, shape: Shape, path: string): FieldError[] {
  if (!present(value)) return [];
  const sensitive = (shape.kind === 'string' || shape.kind === 'map') && shape.sensitive === true;
  switch (shape.kind) {
    case 'string':
    case 'integer':
    case 'boolean':
      return scalarConstraints(value, shape).map((c) => fieldError(path, c, value, sensitive));
    case 'structure': {
      const obj = value as Record<string, unknown>;
      const missing = (shape.required ?? []).filter((m) => !present(obj[m])).map((m) => fieldError(join(path, m), 'Member must not be null', null));
      return [...missing, ...Object.entries(shape.members).flatMap(([name, member]) => check(obj[name], member, join(path, name)))];
    }
    case 'union': {
      const obj = value as Record<string, unknown>;
      const names = Object.keys(shape.members);
      const set = names.filter((m) => present(obj[m]));
      if (set.length !== 1) {
        return [{ name: path, message: `Value at '${path}' failed to satisfy constraint: Member must have exactly one of [${names.join(', ')}] set, found ${set.length}` }];
      }
      return check(obj[set[0]], shape.members[set[0]], join(path, set[0]));
    }
    case 'list': {
      const items = value as unknown[];
      const errors = sizeConstraints(items.length, shape).map((c) => fieldError(path, c, items));
      if (isScalar(shape.member)) {
        const inner = [...new Set(items.flatMap((item) => scalarConstraints(item, shape.member)))];
        if (inner.length > 0) errors.push(fieldError(path, `Member must satisfy constraint: [${inner.join(', ')}]`, items));
        return errors;
      }
      return [...errors, ...items.flatMap((item, i) => check(item, shape.member, join(path, String(i + 1))))];
    }
    case 'map': {
      const entries = Object.entries(value as Record<string, unknown>);
      const errors = sizeConstraints(entries.length, shape).map((c) => fieldError(path, c, value, true));
      const keyErrors = [...new Set(entries.flatMap(([k]) => scalarConstraints(k, shape.key)))];
      if (keyErrors.length > 0) errors.push({ name: path, message: `Value at '${path}' failed to satisfy constraint: Map keys must satisfy constraint: [${keyErrors.join(', ')}]` });
      if (isScalar(shape.value)) {
        const valueErrors = [...new Set(entries.flatMap(([, v]) => scalarConstraints(v, shape.value)))];
        if (valueErrors.length > 0) errors.push({ name: path, message: `Value at '${path}' failed to satisfy constraint: Map value must satisfy constraint: [${valueErrors.join(', ')}]` });
        return errors;
      }
      return [...errors, ...entries.flatMap(([k, v]) => check(v, shape.value, join(path, k)))];
    }
    case 'document':
      return [];
  }
}
