/**
 * Conformance of the custom resource's property shape (issue 9.2): the properties take the names and nesting of the
 * native `AWS::BedrockAgentCore::Runtime` (vendored CloudFormation schema); the provider converts them generically by
 * the bundled SDK's request schemas; the only places the two shapes differ are `SHAPE_ALIASES`, and that list is
 * complete and exact.
 */
import { CreateAgentRuntimeRequest$, UpdateAgentRuntimeRequest$ } from '@aws-sdk/client-bedrock-agentcore-control';
// eslint-disable-next-line import/no-extraneous-dependencies
import { NormalizedSchema } from '@smithy/core/schema';
import { cfnSchema } from './cfn';
import { CONTROL_MODEL } from './model-validator';
import { membersByKey } from '../../lambda/agent-runtime/request-shape';
import { LIBRARY_KEY, SHAPE_ALIASES } from '../../lib/private/contract';

const RUNTIME = cfnSchema('AWS::BedrockAgentCore::Runtime');

type Kind = 'structure' | 'list' | 'map' | 'string' | 'number' | 'boolean';

/** The JSON kind of a CloudFormation schema node (`$ref` and `oneOf` resolved). */
function cfnNode(node: any): any {
  if (node.$ref) return cfnNode(RUNTIME.definitions[node.$ref.split('/').pop()]);
  if (node.oneOf) {
    const properties = Object.assign({}, ...node.oneOf.map((alt: any) => cfnNode(alt).properties ?? {}));
    return { type: 'object', properties };
  }
  return node;
}

function cfnKind(node: any): Kind {
  const n = cfnNode(node);
  if (n.type === 'object') return n.properties ? 'structure' : 'map';
  if (n.type === 'array') return 'list';
  if (n.type === 'integer' || n.type === 'number') return 'number';
  return n.type;
}

function sdkKind(s: NormalizedSchema): Kind {
  if (s.isStructSchema()) return 'structure';
  if (s.isListSchema()) return 'list';
  if (s.isMapSchema()) return 'map';
  if (s.isNumericSchema()) return 'number';
  if (s.isBooleanSchema()) return 'boolean';
  return 'string';
}

/** Every writable CloudFormation property path with its kind, and the SDK kind at the same PascalCase path. */
function compare(): { path: string; cfn: Kind; sdk: Kind | 'missing' }[] {
  const readOnly = new Set((RUNTIME.readOnlyProperties as string[]).map((p) => p.replace('/properties/', '')));
  const out: { path: string; cfn: Kind; sdk: Kind | 'missing' }[] = [];
  const walk = (cfn: any, sdk: NormalizedSchema | undefined, path: string) => {
    const kind = cfnKind(cfn);
    out.push({ path, cfn: kind, sdk: sdk ? sdkKind(sdk) : 'missing' });
    if (!sdk) return;
    const node = cfnNode(cfn);
    if (kind === 'structure' && sdk.isStructSchema()) {
      const members = membersByKey(sdk);
      for (const [key, child] of Object.entries<any>(node.properties)) walk(child, members.get(key)?.schema, `${path}.${key}`);
    } else if (kind === 'list' && sdk.isListSchema()) {
      walk(node.items, sdk.getValueSchema(), `${path}[]`);
    }
  };
  const top = new Map([
    ...membersByKey(NormalizedSchema.of(CreateAgentRuntimeRequest$)),
    ...membersByKey(NormalizedSchema.of(UpdateAgentRuntimeRequest$)),
  ]);
  for (const [key, node] of Object.entries<any>(RUNTIME.properties)) {
    if (!readOnly.has(key)) walk(node, top.get(key)?.schema, key);
  }
  return out;
}

describe('the custom resource speaks the native Runtime\'s shape', () => {
  const paths = compare();

  test('every writable property of AWS::BedrockAgentCore::Runtime is a member the bundled SDK knows, by the same PascalCase path', () => {
    expect(paths.filter((p) => p.sdk === 'missing').map((p) => p.path)).toEqual([]);
    expect(paths.length).toBeGreaterThan(60);
  });

  test('where the kinds differ, SHAPE_ALIASES says so (complete), and every alias is such a place (exact)', () => {
    const differing = paths.filter((p) => p.sdk !== 'missing' && p.cfn !== p.sdk).map((p) => `${p.path}: ${p.cfn} -> ${p.sdk}`);
    expect(differing).toEqual(SHAPE_ALIASES.map((a) => `${a.property}: string -> structure`));
    for (const alias of SHAPE_ALIASES) {
      const member = membersByKey(NormalizedSchema.of(CreateAgentRuntimeRequest$)).get(alias.property)!.schema;
      expect([...member.structIterator()].map(([m]) => m)).toEqual([alias.apiMember]);
    }
  });

  test('the library\'s own key can never be an API member', () => {
    expect(RUNTIME.properties).not.toHaveProperty(LIBRARY_KEY);
    expect(membersByKey(NormalizedSchema.of(CreateAgentRuntimeRequest$)).has(LIBRARY_KEY)).toBe(false);
  });

  test('the members the bundled SDK knows beyond the vendored model are named (they are allowed by name only)', () => {
    const model = CONTROL_MODEL.shapes.CreateAgentRuntimeRequest.members!;
    const sdk = [...NormalizedSchema.of(CreateAgentRuntimeRequest$).structIterator()].map(([m]) => m);
    expect(sdk.filter((m) => !(m in model))).toEqual(['platformVersion']);
  });
});
