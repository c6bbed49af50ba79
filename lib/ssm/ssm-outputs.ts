import { Stack, Token } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { SsmOutputsOptions } from './ssm-outputs-options';
import { ValidationErrors } from '../private/validation';

/** SSM allows at most 15 levels in a parameter name. */
const MAX_LEVELS = 15;
/** SSM parameter names are at most 1011 characters. */
const MAX_NAME_LENGTH = 1011;
const PREFIX = /\/([a-zA-Z0-9_.-]+\/)*/;

/** Which construct wrote each parameter name, per stack: two outputs may never write one name. */
const written = new WeakMap<Stack, Map<string, string>>();

/** The default prefix of a component, `/agentcore/<environment>/<component>/`. */
export function defaultSsmPrefix(environment: string, component: string): string {
  return `/agentcore/${environment}/${component}/`;
}

/**
 * Publishes identifiers as `AWS::SSM::Parameter` String parameters named `<prefix><key>`.
 *
 * @param scope the construct whose identifiers these are (parameters are created under it)
 * @param component the path segment of the default prefix, e.g. `runtime`
 * @param defaultEnvironment the environment when `options.environment` is not given
 * @param values snake_case key → value
 */
export function publishSsmOutputs(
  scope: Construct,
  component: string,
  defaultEnvironment: string,
  values: Record<string, string>,
  options: SsmOutputsOptions = {},
): ssm.StringParameter[] {
  const environment = options.environment ?? defaultEnvironment;
  const prefix = options.prefix ?? defaultSsmPrefix(environment, component);
  const errors = new ValidationErrors();
  errors.pattern('environment', options.environment, /[a-z0-9][a-z0-9-]{0,31}/, '[a-z0-9][a-z0-9-]{0,31}');
  if (!Token.isUnresolved(prefix)) {
    errors.pattern('prefix', prefix, PREFIX, "a path with a leading and a trailing '/' and segments of letters, digits, '_', '.', '-' (e.g. '/agentcore/dev/runtime/')");
    if (prefix.toLowerCase().startsWith('/aws') || prefix.toLowerCase().startsWith('/ssm')) {
      errors.add('prefix', prefix, "must not start with '/aws' or '/ssm' (reserved by AWS)");
    }
    const levels = prefix.split('/').filter(Boolean).length + 1;
    if (levels > MAX_LEVELS) errors.add('prefix', prefix, `has ${levels - 1} levels; SSM allows ${MAX_LEVELS} including the parameter name`);
  }
  errors.throwIfAny(scope, 'SSM outputs options');

  const stack = Stack.of(scope);
  const names = written.get(stack) ?? new Map<string, string>();
  written.set(stack, names);
  return Object.entries(values).map(([key, value]) => {
    const parameterName = `${prefix}${key}`;
    if (!Token.isUnresolved(parameterName)) {
      const owner = names.get(parameterName);
      if (owner !== undefined) {
        throw new Error(`${scope.node.path}: the SSM parameter '${parameterName}' is already written by ${owner}; pass a different prefix to addSsmOutputs(), e.g. '${prefix}${scope.node.id.toLowerCase()}/'.`);
      }
      if (parameterName.length > MAX_NAME_LENGTH) {
        throw new Error(`${scope.node.path}: the SSM parameter name '${parameterName}' is longer than ${MAX_NAME_LENGTH} characters; use a shorter prefix.`);
      }
      names.set(parameterName, scope.node.path);
    }
    return new ssm.StringParameter(scope, `Ssm_${key}`, {
      parameterName,
      stringValue: value,
      description: `${key.replace(/_/g, ' ')} of ${scope.node.path} (cdk-agentcore)`,
      simpleName: Token.isUnresolved(prefix) ? false : undefined,
    });
  });
}
