import type * as CedarWasm from '@cedar-policy/cedar-wasm/nodejs';
import { flatten, OPAQUE, prop } from './cfn';
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
