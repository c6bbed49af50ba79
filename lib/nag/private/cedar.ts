import type * as CedarWasm from '@cedar-policy/cedar-wasm/nodejs';
import type { CfnResource } from 'aws-cdk-lib';
import { flatten, OPAQUE, prop, renderResource } from './cfn';
import { loadCedar } from '../../policy/private/cedar-engine';

/**
 * The policies of an `AWS::BedrockAgentCore::Policy` Cedar statement in Cedar's JSON form, or undefined when the
 * statement is missing, hidden by an intrinsic or does not parse (the construct's own validation reports that).
 * Pieces that intrinsics hide (a gateway ARN) become `x`, which only ever stands inside string literals.
 *
 * The Cedar engine is loaded only here, i.e. only for templates that have a policy.
 */
export function cedarPoliciesOf(properties: any): CedarWasm.PolicyJson[] | undefined {
  const statement = prop(prop(prop(properties, 'Definition'), 'Cedar'), 'Statement');
  if (statement === undefined) return undefined;
  const text = flatten(statement).split(OPAQUE).join('x');
  if (text.trim() === 'x') return undefined;
  const cedar = loadCedar();
  const parts = cedar.policySetTextToParts(text);
  if (parts.type === 'failure') return undefined;
  const policies: CedarWasm.PolicyJson[] = [];
  for (const policy of parts.policies) {
    const json = cedar.policyToJson(policy);
    if (json.type === 'failure') return undefined;
    policies.push(json.json);
  }
  return policies;
}

/**
 * Whether a string property of a resource (`path` of PascalCase names, e.g. `['PolicyEngineConfiguration', 'Mode']`)
 * equals `value`: `true`/`false`, or `undefined` when an intrinsic hides it (the rule is then not applicable).
 */
export function propertyEquals(node: CfnResource, path: string[], value: string): boolean | undefined {
  let current: any = renderResource(node).properties;
  for (const name of path) current = prop(current, name);
  if (current === undefined) return false;
  return typeof current === 'string' ? current === value : undefined;
}
