import { Stack, Token } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { SsmOutputsOptions } from './ssm-outputs-options';
import { checkSsmPrefix } from './ssm-prefix';
import { AgentCoreEnvironment } from '../environment/agentcore-environment';
import { defaultSsmPrefix } from '../private/contract';
import { ValidationErrors } from '../private/validation';

/** SSM parameter names are at most 1011 characters. */
const MAX_NAME_LENGTH = 1011;

/** Which construct wrote each parameter name, per stack: two outputs may never write one name. */
const written = new WeakMap<Stack, Map<string, string>>();

/**
 * Publishes identifiers as `AWS::SSM::Parameter` String parameters named `<prefix><key>`, under
 * `/agentcore/<environment>/<component>/` by default (the environment of `AgentCoreEnvironment.of(scope)`).
 *
 * @param scope the construct whose identifiers these are (parameters are created under it)
 * @param component the path segment of the default prefix, e.g. `runtime`
 * @param values snake_case key → value
 */
export function publishSsmOutputs(
  scope: Construct,
  component: string,
  values: Record<string, string>,
  options: SsmOutputsOptions = {},
): ssm.StringParameter[] {
  const prefix = options.prefix ?? defaultSsmPrefix(AgentCoreEnvironment.of(scope), component);
  const errors = new ValidationErrors();
  checkSsmPrefix('prefix', prefix, errors);
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
