import { Token } from 'aws-cdk-lib';
import type { RuntimeLifecycle, RuntimeJwtAuthorizerOptions } from './types';
import { DISCOVERY_URL, ENV_KEY, HEADER_NAME, isReservedEnvName, LIMITS, RESERVED_ENV_PREFIXES, RUNTIME_NAME } from '../private/contract';
import { ValidationErrors } from '../private/validation';

/** Everything about a runtime's props that can be checked at synth time. */
export interface RuntimeInputs {
  readonly runtimeName?: string;
  readonly description?: string;
  readonly environmentVariables: Record<string, string>;
  readonly requestHeaderAllowlist?: string[];
  readonly lifecycle?: RuntimeLifecycle;
  readonly jwt?: RuntimeJwtAuthorizerOptions;
  readonly tags?: Record<string, string>;
}

/** Checks every constraint of the CreateAgentRuntime API that is known at synth time. */
export function validateRuntimeInputs(inputs: RuntimeInputs, errors: ValidationErrors): void {
  errors.pattern('runtimeName', inputs.runtimeName, RUNTIME_NAME, '[a-zA-Z][a-zA-Z0-9_]{0,47} (a letter, then up to 47 letters, digits or underscores)');
  errors.length('description', inputs.description, 1, LIMITS.descriptionLength);
  validateEnvironment(inputs.environmentVariables, errors);
  validateHeaders(inputs.requestHeaderAllowlist, errors);
  validateLifecycle(inputs.lifecycle, errors);
  validateJwt(inputs.jwt, errors);
  errors.tags(inputs.tags, { ownershipTags: true });
}

/** Checks the number of entries of a list (tokens for the whole list are skipped). */
export function validateCount(prop: string, list: readonly unknown[] | undefined, min: number, max: number, errors: ValidationErrors): void {
  if (list === undefined || Token.isUnresolved(list)) return;
  if (list.length < min || list.length > max) {
    errors.addMessage(`${prop} has ${list.length} entries; ${min === max ? min : `${min}-${max}`} are allowed`);
  }
}

/**
 * Environment variables: at most 50; keys `[A-Za-z_][A-Za-z0-9_]{0,99}` and not reserved (`AWS_*`); values at most
 * 5000 characters.
 */
export function validateEnvironment(env: Record<string, string>, errors: ValidationErrors): void {
  const keys = Object.keys(env);
  if (keys.length > LIMITS.environmentVariables) {
    errors.addMessage(`environmentVariables has ${keys.length} entries; at most ${LIMITS.environmentVariables} are allowed`);
  }
  for (const key of keys) {
    if (!Token.isUnresolved(key)) {
      errors.pattern('environmentVariables key', key, ENV_KEY, `[A-Za-z_][A-Za-z0-9_]{0,${LIMITS.environmentVariableKeyLength - 1}}`);
      if (isReservedEnvName(key)) errors.add('environmentVariables key', key, `is reserved (names starting with ${RESERVED_ENV_PREFIXES.join(', ')} belong to the runtime environment)`);
    }
    const value = env[key];
    if (!Token.isUnresolved(value) && value.length > LIMITS.environmentVariableValueLength) {
      errors.addMessage(`environmentVariables['${key}'] is ${value.length} characters long; at most ${LIMITS.environmentVariableValueLength} are allowed`);
    }
  }
}

function validateHeaders(headers: string[] | undefined, errors: ValidationErrors): void {
  if (headers === undefined) return;
  validateCount('requestHeaderAllowlist', headers, 1, LIMITS.requestHeaders, errors);
  headers.forEach((h, i) => errors.pattern(`requestHeaderAllowlist[${i}]`, h, HEADER_NAME, '[A-Za-z][A-Za-z0-9_-]{0,255}'));
  const lower = headers.filter((h) => !Token.isUnresolved(h)).map((h) => h.toLowerCase());
  const duplicates = lower.filter((h, i) => lower.indexOf(h) !== i);
  if (duplicates.length > 0) errors.add('requestHeaderAllowlist', duplicates.join(', '), 'must not repeat a header (names are case-insensitive)');
}

function validateLifecycle(lifecycle: RuntimeLifecycle | undefined, errors: ValidationErrors): void {
  if (!lifecycle) return;
  const seconds = (prop: string, d: RuntimeLifecycle['idleTimeout']): number | undefined => {
    if (!d || d.isUnresolved()) return undefined;
    const s = d.toSeconds({ integral: false });
    if (!Number.isInteger(s)) errors.addMessage(`${prop} (${s} seconds) must be a whole number of seconds`);
    errors.range(prop, s, LIMITS.lifecycleMinSeconds, LIMITS.lifecycleMaxSecondsMicroVm, 'seconds');
    return s;
  };
  const idle = seconds('lifecycle.idleTimeout', lifecycle.idleTimeout);
  const max = seconds('lifecycle.maxLifetime', lifecycle.maxLifetime);
  if (idle !== undefined && max !== undefined && idle > max) {
    errors.addMessage(`lifecycle.idleTimeout (${idle} seconds) must not exceed lifecycle.maxLifetime (${max} seconds)`);
  }
}

function validateJwt(jwt: RuntimeJwtAuthorizerOptions | undefined, errors: ValidationErrors): void {
  if (!jwt) return;
  errors.pattern('authorizer.discoveryUrl', jwt.discoveryUrl, DISCOVERY_URL, 'https://<issuer>/.well-known/openid-configuration');
  for (const [prop, list] of [['allowedAudience', jwt.allowedAudience], ['allowedClients', jwt.allowedClients]] as const) {
    if (list !== undefined && list.length === 0) errors.addMessage(`authorizer.${prop} must not be empty when given (omit it to skip the check)`);
  }
}
