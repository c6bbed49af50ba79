import type * as CedarWasm from '@cedar-policy/cedar-wasm/nodejs';
import type { ToolCatalog } from './catalog';
import { CEDAR_MODEL } from '../../private/contract';
import { editDistance } from '../../private/edit-distance';

/** An entity `Type::"id"` written in a policy. */
export interface EntityRef {
  readonly type: string;
  readonly id: string;
}

/** What a policy refers to, read from Cedar's JSON form of it. */
export interface PolicyReferences {
  /** Entity types named in the scope or in `is` tests. */
  readonly types: string[];
  /** Entity literals anywhere in the policy. */
  readonly entities: EntityRef[];
  /** Attributes read from `context` (`context.<attr>`, `context has <attr>`). */
  readonly contextAttributes: string[];
  /** The entity type the principal scope pins, if any (`is`, `==` or `in`). */
  readonly principalType?: string;
  /** The entity type the resource scope pins, if any. */
  readonly resourceType?: string;
  /** The gateway the resource scope names (`resource == AgentCore::Gateway::"<arn>"`), if any. */
  readonly resourceEntity?: EntityRef;
}

/** Collects what a policy refers to. */
export function referencesOf(policy: CedarWasm.PolicyJson): PolicyReferences {
  const types: string[] = [];
  const entities: EntityRef[] = [];
  const contextAttributes: string[] = [];
  const entityOf = (uid: any): EntityRef => (uid.__entity ?? uid) as EntityRef;

  const scopeType = (c: any): string | undefined => {
    if (c.op === 'is') return c.entity_type;
    if ((c.op === '==' || c.op === 'in') && c.entity) return entityOf(c.entity).type;
    return undefined;
  };
  const principalType = scopeType(policy.principal);
  const resourceType = scopeType(policy.resource);
  for (const [c, t] of [[policy.principal as any, principalType], [policy.resource as any, resourceType]]) {
    if (t !== undefined) types.push(t);
    if (c.op === 'is' && c.in?.entity) entities.push(entityOf(c.in.entity));
    if ((c.op === '==' || c.op === 'in') && c.entity) entities.push(entityOf(c.entity));
  }
  const action = policy.action as any;
  const scopeActions: EntityRef[] = action.op === 'All' ? [] : action.entities ? action.entities.map(entityOf) : [entityOf(action.entity)];
  entities.push(...scopeActions);
  types.push(...scopeActions.map((a) => a.type));

  const walk = (node: any): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (node.__entity) {
      entities.push(node.__entity);
      types.push(node.__entity.type);
      return;
    }
    if (node.is && typeof node.is.entity_type === 'string') types.push(node.is.entity_type);
    for (const op of ['.', 'has']) {
      const access = node[op];
      if (access?.left?.Var === 'context') {
        const attrs = Array.isArray(access.attr) ? access.attr : [access.attr];
        contextAttributes.push(attrs[0]);
      }
    }
    Object.values(node).forEach(walk);
  };
  policy.conditions.forEach((c) => walk(c.body));

  const resource = policy.resource as any;
  return {
    types: [...new Set(types)],
    entities,
    contextAttributes: [...new Set(contextAttributes)],
    principalType,
    resourceType,
    resourceEntity: resource.op === '==' && resource.entity ? entityOf(resource.entity) : undefined,
  };
}

const PRINCIPAL_TYPES: string[] = [CEDAR_MODEL.oauthUser, CEDAR_MODEL.iamEntity];
const KNOWN_TYPES: string[] = [...PRINCIPAL_TYPES, CEDAR_MODEL.gateway, CEDAR_MODEL.action];

/** The principal type AgentCore sends for each inbound authorizer ("Policy scope"). */
const PRINCIPAL_OF_AUTHORIZER: { [authorizer: string]: string } = {
  AWS_IAM: CEDAR_MODEL.iamEntity,
  CUSTOM_JWT: CEDAR_MODEL.oauthUser,
};

/** A problem and the text it is about (to find its line and column). */
export interface Problem {
  readonly message: string;
  /** A regular expression that finds the offending text in the statement. */
  readonly at?: RegExp;
}

/**
 * Checks a policy against AgentCore's documented entity model: the entity types of the `AgentCore` namespace,
 * principal and resource types in their places, and `context.input` as the only context.
 */
export function checkEntityModel(refs: PolicyReferences): Problem[] {
  const principalScope = refs.principalType;
  const resourceScope = refs.resourceType;
  const problems: Problem[] = [];
  for (const type of refs.types) {
    if (!KNOWN_TYPES.includes(type)) {
      problems.push({
        message: `uses the entity type ${type}; AgentCore policies know only ${PRINCIPAL_TYPES.join(' and ')} (principals), ${CEDAR_MODEL.gateway} (the resource) and ${CEDAR_MODEL.action} (tool calls)`,
        at: new RegExp(escape(type).replace(/::/g, '\\s*::\\s*')),
      });
    }
  }
  if (principalScope !== undefined && KNOWN_TYPES.includes(principalScope) && !PRINCIPAL_TYPES.includes(principalScope)) {
    problems.push({ message: `constrains the principal to ${principalScope}; principals are ${PRINCIPAL_TYPES.join(' or ')}`, at: /principal/ });
  }
  if (resourceScope !== undefined && KNOWN_TYPES.includes(resourceScope) && resourceScope !== CEDAR_MODEL.gateway) {
    problems.push({ message: `constrains the resource to ${resourceScope}; the resource of every tool call is ${CEDAR_MODEL.gateway}`, at: /resource/ });
  }
  for (const attr of refs.contextAttributes) {
    if (attr !== 'input') {
      problems.push({ message: `reads context.${attr}; AgentCore puts only the tool's arguments in the context, as context.input`, at: new RegExp(`context\\s*(\\.\\s*|has\\s+)${escape(attr)}`) });
    }
  }
  return problems;
}

/**
 * Checks the principal scope against the authorizers of the gateways the policy applies to: a policy for
 * `AgentCore::OAuthUser` never matches a caller of an `AWS_IAM` gateway, and the other way round.
 */
export function checkPrincipalType(refs: PolicyReferences, catalogs: ToolCatalog[]): Problem[] {
  const type = refs.principalType;
  if (type === undefined || !PRINCIPAL_TYPES.includes(type) || catalogs.length === 0) return [];
  const sent = catalogs.map((c) => PRINCIPAL_OF_AUTHORIZER[c.authorizerType]);
  if (sent.some((t) => t === undefined || t === type)) return [];
  const names = catalogs.map((c) => `'${c.gateway.node.path}' (${c.authorizerType})`).join(', ');
  return [{
    message: `constrains the principal to ${type}, which never matches: ${names} send${catalogs.length === 1 ? 's' : ''} ${[...new Set(sent)].join(' and ')} principals`,
    at: new RegExp(escape(type).replace(/::/g, '\\s*::\\s*')),
  }];
}

/**
 * Checks that every action the policy names exists on at least one of the gateways it applies to: a tool
 * (`<target>___<tool>`), a target (an action group), `CallTool` or `Mcp`. Targets whose tools are unknown at synthesis
 * accept any tool name; a gateway whose target names are tokens accepts anything.
 */
export function checkActions(refs: PolicyReferences, catalogs: ToolCatalog[]): Problem[] {
  if (catalogs.length === 0 || catalogs.some((c) => !c.complete)) return [];
  const ids = [...new Set(refs.entities.filter((e) => e.type === CEDAR_MODEL.action).map((e) => e.id))];
  const problems: Problem[] = [];
  for (const id of ids) {
    const verdicts = catalogs.map((c) => actionOn(c, id));
    if (verdicts.some((v) => v.known !== false)) continue;
    const where = catalogs.length === 1 ? verdicts[0].why : verdicts.map((v, i) => `'${catalogs[i].gateway.node.path}' ${v.why}`).join('; ');
    const hint = suggestion(id, catalogs);
    problems.push({
      message: `names the action ${CEDAR_MODEL.action}::"${id}", which no gateway of this policy engine defines: ${where}.${hint}`,
      at: new RegExp(`(AgentCore\\s*::\\s*)?Action\\s*::\\s*"${escape(id)}"`),
    });
  }
  return problems;
}

/** Whether an action exists on a gateway (`known` undefined: cannot tell), and why not. */
function actionOn(catalog: ToolCatalog, id: string): { known: boolean | undefined; why: string } {
  if (id === CEDAR_MODEL.callTool || id === CEDAR_MODEL.mcp) return { known: true, why: '' };
  if (id === CEDAR_MODEL.searchTool) {
    return catalog.search ? { known: true, why: '' } : { known: false, why: `'${catalog.gateway.node.path}' has no semantic search` };
  }
  const targets = [...catalog.targets.keys()];
  const targetList = targets.length > 0 ? `its targets are ${targets.join(', ')}` : 'it has no targets';
  const sep = id.indexOf(CEDAR_MODEL.toolSeparator);
  if (sep < 0) {
    return catalog.targets.has(id) ? { known: true, why: '' } : { known: false, why: `it is neither a tool (<target>___<tool>) nor a target of gateway '${catalog.gateway.node.path}' (${targetList})` };
  }
  const target = id.slice(0, sep);
  const tool = id.slice(sep + CEDAR_MODEL.toolSeparator.length);
  if (!catalog.targets.has(target)) return { known: false, why: `gateway '${catalog.gateway.node.path}' has no target '${target}' (${targetList})` };
  const tools = catalog.targets.get(target);
  if (tools === undefined) return { known: undefined, why: '' };
  if (tools.has(tool)) return { known: true, why: '' };
  return { known: false, why: `target '${target}' of gateway '${catalog.gateway.node.path}' has no tool '${tool}' (its tools are ${[...tools.keys()].join(', ')})` };
}

/** ` Did you mean "X"?` for the closest known action, or a note on the three-underscore separator. */
function suggestion(id: string, catalogs: ToolCatalog[]): string {
  const known: string[] = [];
  for (const c of catalogs) {
    for (const [target, tools] of c.targets) {
      known.push(target, ...[...(tools?.keys() ?? [])].map((t) => `${target}${CEDAR_MODEL.toolSeparator}${t}`));
    }
  }
  const separatorFixed = id.replace(/(?<!_)__(?!_)/, CEDAR_MODEL.toolSeparator);
  if (separatorFixed !== id && known.includes(separatorFixed)) {
    return ` Tool actions are <target>___<tool> with three underscores: did you mean "${separatorFixed}"?`;
  }
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(id.length / 4)) + 1;
  for (const candidate of known) {
    const d = editDistance(id, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : ` Did you mean "${best}"?`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
