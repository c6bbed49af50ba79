import { Aws, Token } from 'aws-cdk-lib';
import type * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import type { Construct } from 'constructs';
import type { ValidationErrors } from '../../private/validation';
import { fullMatch } from '../../private/validation';

/**
 * Tool names as MCP clients and model APIs accept them (`^[a-zA-Z0-9_-]{1,64}$`). The gateway shows each tool
 * as `<targetName>___<toolName>`.
 */
export const TOOL_NAME_PATTERN = /[a-zA-Z0-9_-]{1,64}/;

/** A schema rendered for CloudFormation, and the S3 object it is read from (if any). */
export interface RenderedSchema {
  /** The `ToolSchema`/`ApiSchemaConfiguration` property value. */
  readonly config: any;
  /** `arn:<partition>:s3:::<bucket>/<key>` of the schema object, when the schema lives in S3. */
  readonly s3ObjectArn?: string;
}

/**
 * Binds an aws-cdk-lib `ToolSchema`/`ApiSchema` to `scope` (an asset schema creates its `Asset` there) and renders it.
 *
 * aws-cdk-lib exposes the S3 location of an asset schema only through its rendered form, so this is the one place
 * that reads it; the shape is `{ s3: { uri, bucketOwnerAccountId? } }` or `{ inlinePayload }`.
 */
export function renderSchema(schema: agentcore.ToolSchema | agentcore.ApiSchema, scope: Construct): RenderedSchema {
  schema.bind(scope);
  const config = schema._render();
  const uri: unknown = config?.s3?.uri;
  if (typeof uri === 'string' && uri.startsWith('s3://')) {
    return { config, s3ObjectArn: `arn:${Aws.PARTITION}:s3:::${uri.slice('s3://'.length)}` };
  }
  return { config };
}

/** Validates an inline tool schema and returns the tool names it defines (empty when the schema is in S3). */
export function validateToolSchema(errors: ValidationErrors, prop: string, schema: agentcore.ToolSchema): string[] {
  const tools = schema.inlineSchema;
  if (tools === undefined) return [];
  if (tools.length === 0) {
    errors.add(prop, '[]', 'must define at least one tool');
    return [];
  }
  const names: string[] = [];
  tools.forEach((tool, i) => {
    const at = `${prop}[${i}]`;
    if (typeof tool.name !== 'string' || (!Token.isUnresolved(tool.name) && !fullMatch(TOOL_NAME_PATTERN, tool.name))) {
      errors.add(`${at}.name`, tool.name, `must match /${TOOL_NAME_PATTERN.source}/ (letters, digits, '_' and '-', at most 64)`);
    } else if (names.includes(tool.name)) {
      errors.add(`${at}.name`, tool.name, 'is defined twice in this tool schema; tool names must be unique');
    } else {
      names.push(tool.name);
    }
    if (typeof tool.description !== 'string' || tool.description.trim().length === 0) {
      errors.add(`${at}.description`, tool.description, 'must be a non-empty string (models choose tools by their description)');
    }
    const inputType = tool.inputSchema?.type?.value;
    if (inputType !== 'object') {
      errors.add(`${at}.inputSchema.type`, inputType, "must be 'object' (MCP tool arguments are a JSON object)");
    } else {
      validateSchemaDefinition(errors, `${at}.inputSchema`, tool.inputSchema);
    }
    if (tool.outputSchema) validateSchemaDefinition(errors, `${at}.outputSchema`, tool.outputSchema);
  });
  return names;
}

const SCHEMA_TYPES = ['string', 'number', 'object', 'array', 'boolean', 'integer'];

/** Checks a (nested) schema definition: known types, and `required` naming only defined properties. */
function validateSchemaDefinition(errors: ValidationErrors, at: string, def: agentcore.SchemaDefinition): void {
  const type = def.type?.value;
  if (!SCHEMA_TYPES.includes(type)) {
    errors.add(`${at}.type`, type, `must be one of ${SCHEMA_TYPES.join(', ')}`);
  }
  const properties = def.properties ?? {};
  for (const required of def.required ?? []) {
    if (!Object.prototype.hasOwnProperty.call(properties, required)) {
      errors.add(`${at}.required`, required, 'names a property that is not defined in properties');
    }
  }
  for (const [key, value] of Object.entries(properties)) validateSchemaDefinition(errors, `${at}.properties.${key}`, value);
  if (def.items) validateSchemaDefinition(errors, `${at}.items`, def.items);
}

/**
 * Validates an inline OpenAPI schema: JSON (fully checked) or YAML (top-level keys only) with `openapi: 3.x` and at
 * least one path; every JSON operation needs a unique `operationId`, which becomes its tool name. Returns the tool names.
 */
export function validateOpenApiSchema(errors: ValidationErrors, prop: string, schema: agentcore.ApiSchema): string[] {
  const text = schema.inlineSchema;
  if (text === undefined || Token.isUnresolved(text)) return [];
  let doc: any;
  try {
    doc = JSON.parse(text);
  } catch {
    // Not JSON: accept YAML when its top-level keys say OpenAPI 3.x and there are paths.
    const yamlOpenApi = /^openapi:\s*['"]?3\.\d+(\.\d+)?['"]?\s*$/m.test(text);
    const yamlPaths = /^paths:\s*$/m.test(text);
    if (!yamlOpenApi || !yamlPaths) {
      errors.add(prop, text, "must be an OpenAPI 3.x document in JSON, or YAML with top-level 'openapi: 3.x' and 'paths:'");
    }
    return [];
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    errors.add(prop, text, 'must be a JSON object (an OpenAPI 3.x document)');
    return [];
  }
  if (typeof doc.openapi !== 'string' || !/^3\.\d+(\.\d+)?$/.test(doc.openapi)) {
    errors.add(`${prop}.openapi`, doc.openapi, "must be an OpenAPI 3.x version string such as '3.0.3' or '3.1.0'");
  }
  if (doc.paths === null || typeof doc.paths !== 'object' || Array.isArray(doc.paths) || Object.keys(doc.paths).length === 0) {
    errors.add(`${prop}.paths`, JSON.stringify(doc.paths), 'must be an object with at least one path');
    return [];
  }
  const names: string[] = [];
  const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    if (item === null || typeof item !== 'object') continue;
    for (const method of methods) {
      const op = item[method];
      if (op === undefined || op === null || typeof op !== 'object') continue;
      const at = `${prop}.paths['${path}'].${method}.operationId`;
      if (typeof op.operationId !== 'string' || op.operationId.length === 0) {
        errors.add(at, op.operationId, 'must be set: the gateway names each tool after its operationId');
      } else if (names.includes(op.operationId)) {
        errors.add(at, op.operationId, 'is used by two operations; operationIds must be unique');
      } else {
        names.push(op.operationId);
      }
    }
  }
  return names;
}

/** Validates an inline Smithy model: when it is JSON, it must be a Smithy JSON AST (`smithy` version and `shapes`). */
export function validateSmithyModel(errors: ValidationErrors, prop: string, schema: agentcore.ApiSchema): void {
  const text = schema.inlineSchema;
  if (text === undefined || Token.isUnresolved(text)) return;
  if (text.trim().length === 0) {
    errors.add(prop, text, 'must not be empty');
    return;
  }
  let doc: any;
  try {
    doc = JSON.parse(text);
  } catch {
    return; // Smithy IDL text: left to the service.
  }
  if (doc === null || typeof doc !== 'object' || typeof doc.smithy !== 'string' || doc.shapes === null || typeof doc.shapes !== 'object') {
    errors.add(prop, text, "must be a Smithy JSON AST with a 'smithy' version and a 'shapes' object");
  }
}
