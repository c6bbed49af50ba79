import type * as CedarWasm from '@cedar-policy/cedar-wasm/nodejs';
import { Annotations } from 'aws-cdk-lib';
import { catalogOf } from './catalog';
import { loadCedar } from './cedar-engine';
import { deriveCedarSchema } from './cedar-schema';
import { checkActions, checkEntityModel, checkPrincipalType, PolicyReferences, Problem, referencesOf } from './model-check';
import { gatewaysOf } from './registry';
import { PreparedText } from './statement-text';
import { Gateway } from '../../gateway/gateway';
import { CEDAR_MODEL, POLICY_LIMITS } from '../../private/contract';
import type { CedarPolicy } from '../cedar-policy';

/**
 * Checks a Cedar policy at synthesis (the validation of `CedarPolicy`): one static policy that the official Cedar
 * engine parses, within the CloudFormation length limits and, unless `againstGateways` is false, consistent with
 * AgentCore's entity model and with the tools of the gateways it applies to. Returns one message per problem, each
 * naming the policy, its source and the line and column.
 */
export function checkCedarPolicy(policy: CedarPolicy, againstGateways: boolean): string[] {
  const engineGateways = gatewaysOf(policy.policyEngine);
  const allGateways = policy.node.root.node.findAll().filter((c): c is Gateway => c instanceof Gateway);
  const standIns = new Map<string, Gateway>();
  let others = 0;
  const text = PreparedText.prepare(policy.statement.text, (token) => {
    const index = allGateways.findIndex((g) => g.gatewayArn === token);
    if (index < 0) return `cdk-token-${++others}`;
    const standIn = `arn:aws:bedrock-agentcore:us-east-1:000000000000:gateway/gateway${index}-${String(index).padStart(10, '0')}`;
    standIns.set(standIn, allGateways[index]);
    return standIn;
  });
  const where = `Cedar policy '${policy.policyName}' (${policy.statement.source})`;
  const report = (problems: Problem[]) => problems.map((p) => `${where}, ${positionOf(text, p.at)}: ${p.message}`);

  const length = text.text.length;
  if (!text.hasTokens && (length < POLICY_LIMITS.statementMin || length > POLICY_LIMITS.statementMax)) {
    return [`${where}: the statement is ${length} characters long; AgentCore accepts ${POLICY_LIMITS.statementMin}-${POLICY_LIMITS.statementMax}`];
  }
  if (text.hasTokens && length > POLICY_LIMITS.statementMax) {
    return [`${where}: the statement is about ${length} characters long; AgentCore accepts at most ${POLICY_LIMITS.statementMax}`];
  }

  const cedar = loadCedar();
  const parts = cedar.policySetTextToParts(text.text);
  if (parts.type === 'failure') return parts.errors.map((e) => `${where}, ${cedarError(text, e)}`);
  if (parts.policy_templates.length > 0) {
    return [`${where}: is a template (it has ?principal or ?resource slots); AgentCore policies are static policies`];
  }
  if (parts.policies.length !== 1) {
    return [`${where}: contains ${parts.policies.length} policies; an AgentCore policy holds exactly one permit or forbid statement (create one CedarPolicy per statement)`];
  }
  const json = cedar.policyToJson(text.text);
  if (json.type === 'failure') return json.errors.map((e) => `${where}, ${cedarError(text, e)}`);
  if (!againstGateways) return [];

  const refs = referencesOf(json.json);
  const modelProblems = checkEntityModel(refs);
  if (modelProblems.length > 0) return report(modelProblems);

  const scope = gatewaysInScope(refs, standIns, engineGateways, policy);
  if (typeof scope === 'string') return [`${where}, ${positionOf(text, /resource/)}: ${scope}`];
  const catalogs = scope.map(catalogOf);
  const problems = [...checkPrincipalType(refs, catalogs), ...checkActions(refs, catalogs)];
  if (problems.length > 0) return report(problems);

  const schema = catalogs.length > 0 ? deriveCedarSchema(catalogs) : undefined;
  return schema === undefined ? [] : validateAgainstSchema(cedar, schema, text, policy, where);
}

/**
 * The gateways a policy applies to: the one its resource scope names (which must use the policy's engine), else every
 * gateway of this app that uses the engine. A resource named by a literal ARN gives no gateway (nothing to check).
 */
function gatewaysInScope(refs: PolicyReferences, standIns: Map<string, Gateway>, engineGateways: Gateway[], policy: CedarPolicy): Gateway[] | string {
  const named = refs.resourceEntity;
  if (named === undefined || named.type !== CEDAR_MODEL.gateway) return engineGateways;
  const gateway = standIns.get(named.id);
  if (gateway === undefined) return [];
  if (!engineGateways.includes(gateway)) {
    return `the resource is gateway '${gateway.node.path}', which does not use policy engine '${policy.policyEngine.node.path}', so the policy never applies; attach the engine with gateway.addPolicyEngine(engine)`;
  }
  return [gateway];
}

/** Validates the policy with the Cedar validator (strict mode) against the schema derived from the gateways' tools. */
function validateAgainstSchema(cedar: typeof CedarWasm, schema: object, text: PreparedText, policy: CedarPolicy, where: string): string[] {
  const answer = cedar.validate({
    schema: schema as CedarWasm.Schema,
    policies: { staticPolicies: { [policy.policyName]: text.text } },
    validationSettings: { mode: 'strict' },
  });
  if (answer.type === 'failure') {
    return answer.errors.map((e) => `${where}: the Cedar schema derived from the gateways' tools was rejected (${e.message}); set validateAgainstGateways: false and report this`);
  }
  for (const warning of answer.validationWarnings) {
    Annotations.of(policy).addWarningV2('cdk-agentcore:cedar-validation', `${where}, ${cedarError(text, warning.error)}`);
  }
  return answer.validationErrors.map((e) => `${where}, ${cedarError(text, e.error)} (Cedar validation against the schema of the gateway's tools)`);
}

/** `line L, column C: <message> (<help>)` of a Cedar error. */
function cedarError(text: PreparedText, error: CedarWasm.DetailedError): string {
  const location = error.sourceLocations?.[0];
  const message = error.message.replace(/^for policy `[^`]*`, /, '');
  const label = location?.label ? `: ${location.label}` : '';
  const help = error.help ? ` (${error.help})` : '';
  const token = location && text.tokenAt(location.start) ? ' (a CDK token can only stand inside a Cedar string literal)' : '';
  return `${location ? text.position(location.start) : 'line 1, column 1'}: ${message}${label}${help}${token}`;
}

function positionOf(text: PreparedText, at: RegExp | undefined): string {
  const m = at ? at.exec(text.text) : null;
  return text.position(m ? m.index : 0);
}
