import { Token, Tokenization } from 'aws-cdk-lib';
import type * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { fullMatch, type ValidationErrors } from '../../private/validation';
import { MemoryStrategy } from '../memory-strategy';
import { STRATEGY_NAME_PATTERN } from './patterns';

/** AgentCore quota: strategies per memory. */
export const MAX_STRATEGIES = 6;

/** The variables a namespace template may contain. */
export const NAMESPACE_VARIABLES = ['{actorId}', '{sessionId}', '{memoryStrategyId}'];

/** The characters of a namespace besides its variables. */
const NAMESPACE_LITERAL = /[a-zA-Z0-9\-_/]*/;

/** What the memory needs to know about a strategy, read from its CloudFormation rendering. */
export interface StrategyShape {
  /** SEMANTIC, SUMMARIZATION, USER_PREFERENCE, EPISODIC or SELF_MANAGED (or UNKNOWN). */
  readonly kind: string;
  readonly name?: string;
  readonly namespaces: string[];
  readonly reflectionNamespaces: string[];
  /** Whether AgentCore runs the strategy with the memory execution role (overrides, self-managed). */
  readonly needsRole: boolean;
}

const BUILT_IN_KEYS: Record<string, string> = {
  semanticMemoryStrategy: 'SEMANTIC',
  summaryMemoryStrategy: 'SUMMARIZATION',
  userPreferenceMemoryStrategy: 'USER_PREFERENCE',
  episodicMemoryStrategy: 'EPISODIC',
};

const OVERRIDE_KEYS: Record<string, string> = {
  semanticOverride: 'SEMANTIC',
  summaryOverride: 'SUMMARIZATION',
  userPreferenceOverride: 'USER_PREFERENCE',
  episodicOverride: 'EPISODIC',
  selfManagedConfiguration: 'SELF_MANAGED',
};

/** Reads the shape of any `IMemoryStrategy` (this library's or aws-cdk-lib's) from `render()`. */
export function shapeOf(strategy: agentcore.IMemoryStrategy): StrategyShape {
  const rendered = plain(strategy.render()) ?? {};
  for (const [key, kind] of Object.entries(BUILT_IN_KEYS)) {
    const body = plain(rendered[key]);
    if (body) {
      return {
        kind,
        name: body.name,
        namespaces: namespacesOf(body),
        reflectionNamespaces: namespacesOf(plain(body.reflectionConfiguration)),
        needsRole: false,
      };
    }
  }
  const custom = plain(rendered.customMemoryStrategy);
  if (custom) {
    const configuration = plain(custom.configuration) ?? {};
    const key = Object.keys(OVERRIDE_KEYS).find((k) => configuration[k] !== undefined);
    const episodic = plain(configuration.episodicOverride);
    return {
      kind: key ? OVERRIDE_KEYS[key] : 'UNKNOWN',
      name: custom.name,
      namespaces: namespacesOf(custom),
      reflectionNamespaces: namespacesOf(plain(episodic?.reflection)),
      needsRole: true,
    };
  }
  return { kind: 'UNKNOWN', namespaces: [], reflectionNamespaces: [], needsRole: false };
}

/**
 * Checks a memory's strategies: the count (at most 6), unique names, the name pattern, and the namespace templates.
 *
 * Namespace rules (CreateMemory API reference and the AgentCore "Memory organization" guide):
 * - one namespace per list, 1-512 characters of letters, digits, `-`, `_` and `/`;
 * - the only variables are `{actorId}`, `{sessionId}` and `{memoryStrategyId}`; any other `{...}` or a lone brace is
 *   rejected (AgentCore would store records under a literal, unresolvable path or reject the memory);
 * - summary namespaces must contain `{sessionId}`: a summary is made per session and the service requires the
 *   session in its namespace.
 */
export function validateStrategies(strategies: agentcore.IMemoryStrategy[], errors: ValidationErrors): void {
  if (strategies.length > MAX_STRATEGIES) {
    errors.addMessage(`memoryStrategies has ${strategies.length} entries; a memory has at most ${MAX_STRATEGIES} strategies (the AgentCore quota per memory)`);
  }
  const seen = new Map<string, number>();
  strategies.forEach((strategy, i) => {
    const prop = `memoryStrategies[${i}]`;
    const shape = shapeOf(strategy);
    const name = shape.name ?? strategy.strategyName;
    if (strategy instanceof MemoryStrategy) {
      strategy._validate(prop, errors);
    } else {
      errors.pattern(`${prop}.strategyName`, name, STRATEGY_NAME_PATTERN, STRATEGY_NAME_PATTERN.source);
    }
    if (name !== undefined && !Token.isUnresolved(name)) {
      const first = seen.get(name);
      if (first !== undefined) {
        errors.add(`${prop}.strategyName`, name, `must be unique within the memory (memoryStrategies[${first}] has the same name)`);
      } else {
        seen.set(name, i);
      }
    }
    checkNamespaces(`${prop}.namespaces`, shape.namespaces, shape.kind === 'SUMMARIZATION', errors);
    checkNamespaces(`${prop}.reflectionNamespaces`, shape.reflectionNamespaces, false, errors);
  });
}

function checkNamespaces(prop: string, namespaces: string[], needsSession: boolean, errors: ValidationErrors): void {
  if (namespaces.length > 1) {
    errors.add(prop, namespaces.join(', '), 'must hold one namespace (AgentCore accepts one namespace template per strategy)');
  }
  namespaces.forEach((namespace, j) => {
    const p = `${prop}[${j}]`;
    if (Token.isUnresolved(namespace)) return;
    errors.length(p, namespace, 1, 512);
    let literal = namespace;
    for (const variable of NAMESPACE_VARIABLES) literal = literal.split(variable).join('');
    const unknown = literal.match(/\{[^}]*\}?|\}/g);
    if (unknown) {
      errors.add(p, namespace, `may only contain the variables ${NAMESPACE_VARIABLES.join(', ')} (found ${unknown.join(', ')})`);
    } else if (!fullMatch(NAMESPACE_LITERAL, literal)) {
      errors.add(p, namespace, 'must contain only letters, digits, \'-\', \'_\', \'/\' and the variables');
    }
    if (needsSession && !namespace.includes('{sessionId}')) {
      errors.add(p, namespace, 'must contain {sessionId}: summaries are made per session');
    }
  });
}

function namespacesOf(body: any): string[] {
  if (!body) return [];
  const lists = [body.namespaces, body.namespaceTemplates].filter((l) => Array.isArray(l));
  return lists.flat().filter((n) => typeof n === 'string');
}

/** The value if it is a plain object (not a token), else undefined. */
function plain(value: unknown): any {
  if (value === undefined || value === null || typeof value !== 'object') return undefined;
  if (Tokenization.isResolvable(value)) return undefined;
  return value;
}
