import type { JsonSchema, ToolCatalog } from './catalog';
import { CEDAR_MODEL } from '../../private/contract';

/** A Cedar type in the JSON schema format. */
type CedarType = { [key: string]: unknown };

/**
 * The Cedar schema AgentCore documents for a gateway's tool calls ("Schema constraints"), derived from the tools of
 * the gateways a policy can apply to: principals `OAuthUser` (with `id` and string tags) and `IamEntity` (with `id`),
 * the resource `Gateway`, one action per tool (`<target>___<tool>`, a member of its target's action group and of
 * `CallTool`, itself a member of `Mcp`) whose context is `{ input: <the tool's input> }`, with JSON Schema types
 * mapped as documented (string → String, integer → Long, boolean → Boolean, number → decimal) and, as the docs do not
 * say, arrays → Set of their items, objects → records, properties outside `required` → optional attributes.
 *
 * @returns the schema, or undefined when some tool's input schema is unknown or cannot be mapped (then only the
 * action names are checked)
 */
export function deriveCedarSchema(catalogs: ToolCatalog[]): { [namespace: string]: unknown } | undefined {
  const actions: { [id: string]: unknown } = {
    [CEDAR_MODEL.mcp]: {},
    [CEDAR_MODEL.callTool]: { memberOf: [{ id: CEDAR_MODEL.mcp }] },
  };
  const inputs = new Map<string, string>();
  const appliesTo = (input: CedarType) => ({
    principalTypes: ['OAuthUser', 'IamEntity'],
    resourceTypes: ['Gateway'],
    context: { type: 'Record', attributes: { input: { ...input, required: true } } },
  });
  for (const catalog of catalogs) {
    if (!catalog.complete) return undefined;
    if (catalog.search) {
      // AgentCore does not document the input of its search tool: it is declared without attributes.
      actions[CEDAR_MODEL.searchTool] = { memberOf: [{ id: CEDAR_MODEL.callTool }], appliesTo: appliesTo({ type: 'Record', attributes: {} }) };
    }
    for (const [target, tools] of catalog.targets) {
      if (tools === undefined) return undefined;
      actions[target] = {};
      for (const [tool, schema] of tools) {
        const input = schema === undefined ? undefined : toCedarType(schema);
        if (input === undefined || input.type !== 'Record') return undefined;
        const id = `${target}${CEDAR_MODEL.toolSeparator}${tool}`;
        const key = JSON.stringify(input);
        if (inputs.has(id) && inputs.get(id) !== key) return undefined; // the same action with two shapes on two gateways
        inputs.set(id, key);
        actions[id] = { memberOf: [{ id: target }, { id: CEDAR_MODEL.callTool }], appliesTo: appliesTo(input) };
      }
    }
  }
  return {
    [CEDAR_MODEL.namespace]: {
      entityTypes: {
        OAuthUser: { shape: { type: 'Record', attributes: { id: { type: 'String' } } }, tags: { type: 'String' } },
        IamEntity: { shape: { type: 'Record', attributes: { id: { type: 'String' } } } },
        Gateway: {},
      },
      actions,
    },
  };
}

/** A JSON Schema type as a Cedar type, or undefined when it cannot be mapped. */
function toCedarType(schema: JsonSchema): CedarType | undefined {
  switch (schema.type) {
    case 'string': return { type: 'String' };
    case 'integer': return { type: 'Long' };
    case 'boolean': return { type: 'Boolean' };
    case 'number': return { type: 'Extension', name: 'decimal' };
    case 'array': {
      const element = schema.items === undefined ? undefined : toCedarType(schema.items);
      return element === undefined ? undefined : { type: 'Set', element };
    }
    case 'object': {
      const attributes: { [name: string]: unknown } = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        const type = toCedarType(property);
        if (type === undefined) return undefined;
        attributes[name] = { ...type, required: (schema.required ?? []).includes(name) };
      }
      return { type: 'Record', attributes };
    }
    default: return undefined;
  }
}
