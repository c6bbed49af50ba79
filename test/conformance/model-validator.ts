/**
 * A validator driven by a botocore-format API model (the vendored subset of the control-plane model): it checks a
 * request body as the service's model describes it — required members, string lengths and patterns, enums, numeric
 * ranges, list and map sizes, union cardinality — and reports every violation with its path. Members the model does
 * not know are reported apart (`unknownMembers`), so a test can tell a member newer than the model from a typo.
 */

/** A shape of a botocore model (the members the validator reads). */
interface ModelShape {
  readonly type: string;
  readonly members?: Record<string, { readonly shape: string; readonly location?: string }>;
  readonly required?: readonly string[];
  readonly member?: { readonly shape: string };
  readonly key?: { readonly shape: string };
  readonly value?: { readonly shape: string };
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly union?: boolean;
}

/** A botocore model: its shapes by name. */
export interface ApiModel {
  readonly shapes: Record<string, ModelShape>;
}

/** The outcome of one validation. */
export interface ModelValidation {
  /** Constraint violations, `<path>: <rule>`. */
  readonly violations: string[];
  /** Paths of members the model does not know. */
  readonly unknownMembers: string[];
}

function fullMatch(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(value);
}

/** Validates `value` against shape `shapeName` of `model`; `skipMembers` are not validated (e.g. URI members). */
export function validateAgainstModel(model: ApiModel, shapeName: string, value: unknown, path = ''): ModelValidation {
  const violations: string[] = [];
  const unknownMembers: string[] = [];
  const at = (p: string) => p || '(request)';
  const visit = (name: string, v: unknown, p: string): void => {
    const shape = model.shapes[name];
    if (!shape) throw new Error(`the model has no shape ${name}`);
    switch (shape.type) {
      case 'structure': {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) {
          violations.push(`${at(p)}: must be an object (${name})`);
          return;
        }
        const obj = v as Record<string, unknown>;
        for (const r of shape.required ?? []) {
          if (obj[r] === undefined && shape.members?.[r]?.location === undefined) violations.push(`${at(p ? `${p}.${r}` : r)}: required (${name})`);
        }
        const set = Object.keys(obj).filter((k) => obj[k] !== undefined);
        if (shape.union && set.length !== 1) violations.push(`${at(p)}: a union takes exactly one member (${name}; got ${set.length})`);
        for (const k of set) {
          const member = shape.members?.[k];
          const mp = p ? `${p}.${k}` : k;
          if (!member) unknownMembers.push(mp);
          else visit(member.shape, obj[k], mp);
        }
        return;
      }
      case 'list': {
        if (!Array.isArray(v)) {
          violations.push(`${at(p)}: must be a list (${name})`);
          return;
        }
        size(name, shape, v.length, p, 'items');
        v.forEach((x, i) => visit(shape.member!.shape, x, `${p}[${i}]`));
        return;
      }
      case 'map': {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) {
          violations.push(`${at(p)}: must be a map (${name})`);
          return;
        }
        const entries = Object.entries(v as Record<string, unknown>);
        size(name, shape, entries.length, p, 'entries');
        for (const [k, x] of entries) {
          visit(shape.key!.shape, k, `${p}{key ${k}}`);
          visit(shape.value!.shape, x, `${p}.${k}`);
        }
        return;
      }
      case 'string': {
        if (typeof v !== 'string') {
          violations.push(`${at(p)}: must be a string (${name})`);
          return;
        }
        size(name, shape, [...v].length, p, 'characters');
        if (shape.pattern !== undefined && !fullMatch(shape.pattern, v)) violations.push(`${at(p)}: must match ${shape.pattern} (${name})`);
        if (shape.enum && !shape.enum.includes(v)) violations.push(`${at(p)}: must be one of ${shape.enum.join(', ')} (${name})`);
        return;
      }
      case 'integer':
      case 'long': {
        if (typeof v !== 'number' || !Number.isInteger(v)) violations.push(`${at(p)}: must be an integer (${name})`);
        else range(name, shape, v, p);
        return;
      }
      case 'float':
      case 'double': {
        if (typeof v !== 'number') violations.push(`${at(p)}: must be a number (${name})`);
        else range(name, shape, v, p);
        return;
      }
      case 'boolean':
        if (typeof v !== 'boolean') violations.push(`${at(p)}: must be true or false (${name})`);
        return;
      default:
        return; // document, timestamp, blob: not constrained by the model beyond their type
    }
  };
  const size = (name: string, shape: ModelShape, n: number, p: string, unit: string) => {
    if (shape.min !== undefined && n < shape.min) violations.push(`${at(p)}: at least ${shape.min} ${unit} (${name}; got ${n})`);
    if (shape.max !== undefined && n > shape.max) violations.push(`${at(p)}: at most ${shape.max} ${unit} (${name}; got ${n})`);
  };
  const range = (name: string, shape: ModelShape, n: number, p: string) => {
    if (shape.min !== undefined && n < shape.min) violations.push(`${at(p)}: at least ${shape.min} (${name}; got ${n})`);
    if (shape.max !== undefined && n > shape.max) violations.push(`${at(p)}: at most ${shape.max} (${name}; got ${n})`);
  };
  visit(shapeName, value, path);
  return { violations, unknownMembers };
}

/** The vendored control-plane model (a subset of the shapes, see test/fixtures/specs/README.md). */
export const CONTROL_MODEL: ApiModel = loadModel('bedrock-agentcore-control.shapes.json');

/** The vendored data-plane model (a subset of the shapes). */
export const DATA_MODEL: ApiModel = loadModel('bedrock-agentcore.shapes.json');

function loadModel(file: string): ApiModel {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`../fixtures/specs/${file}`) as ApiModel;
}
