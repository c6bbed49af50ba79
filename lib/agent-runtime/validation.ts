import { Token } from 'aws-cdk-lib';
import type { RuntimeLifecycle, RuntimeJwtAuthorizerOptions } from './types';
import { ValidationErrors } from '../private/validation';

/** AgentCore runtime names. */
export const RUNTIME_NAME = /[a-zA-Z][a-zA-Z0-9_]{0,47}/;
/** Request header names (the CloudFormation pattern). */
const HEADER_NAME = /[A-Za-z][A-Za-z0-9_-]{0,255}/;
/** Environment variable names the runtime accepts (POSIX-style). */
const ENV_KEY = /[A-Za-z_][A-Za-z0-9_]{0,99}/;

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
  errors.length('description', inputs.description, 1, 4096);
  validateEnvironment(inputs.environmentVariables, errors);
  validateHeaders(inputs.requestHeaderAllowlist, errors);
  validateLifecycle(inputs.lifecycle, errors);
  validateJwt(inputs.jwt, errors);
  errors.tags(inputs.tags, { ownershipTags: true });
}

/** Environment variables: at most 50, keys 1-100 characters, values at most 5000 characters. */
export function validateEnvironment(env: Record<string, string>, errors: ValidationErrors): void {
  const keys = Object.keys(env);
  if (keys.length > 50) errors.addMessage(`environmentVariables has ${keys.length} entries; at most 50 are allowed`);
  for (const key of keys) {
    if (!Token.isUnresolved(key)) errors.pattern('environmentVariables key', key, ENV_KEY, '[A-Za-z_][A-Za-z0-9_]{0,99}');
    const value = env[key];
    if (!Token.isUnresolved(value) && value.length > 5000) {
      errors.addMessage(`environmentVariables['${key}'] is ${value.length} characters long; at most 5000 are allowed`);
    }
  }
}

function validateHeaders(headers: string[] | undefined, errors: ValidationErrors): void {
  if (headers === undefined) return;
  if (headers.length < 1 || headers.length > 20) errors.addMessage(`requestHeaderAllowlist has ${headers.length} entries; 1-20 are allowed`);
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
    errors.range(prop, s, 60, 28800, 'seconds');
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
  errors.pattern('authorizer.discoveryUrl', jwt.discoveryUrl, /https:\/\/[^\s/]+(\/[^\s]*)?\/\.well-known\/openid-configuration/,
    'https://<issuer>/.well-known/openid-configuration');
  for (const [prop, list] of [['allowedAudience', jwt.allowedAudience], ['allowedClients', jwt.allowedClients]] as const) {
    if (list !== undefined && list.length === 0) errors.addMessage(`authorizer.${prop} must not be empty when given (omit it to skip the check)`);
  }
}
