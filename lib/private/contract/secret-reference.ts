/**
 * How a runtime's container learns about a secret without receiving it: the environment variable carries a reference,
 * `agentcore-secret:<ARN>[#<JSON key>]`, and the agent resolves it at run time with its own role (Secrets Manager
 * `GetSecretValue` with the ARN as `SecretId`, or SSM `GetParameter` with the ARN as `Name` and `WithDecryption`).
 * The ARN says which service and Region to call; `#<JSON key>` (Secrets Manager only) picks one key of a JSON secret.
 * Neither a secret ARN nor a parameter ARN can contain `#`, so the first `#` always starts the key.
 */

/** The marker that starts every secret reference. */
export const SECRET_REFERENCE_PREFIX = 'agentcore-secret:';

/** The environment variable values of the secret references of a runtime's `secrets`. */
export function renderSecretReference(arn: string, jsonField?: string): string {
  return `${SECRET_REFERENCE_PREFIX}${arn}${jsonField === undefined ? '' : `#${jsonField}`}`;
}

/** Whether an environment variable value is a secret reference (it starts with the marker). */
export function isSecretReference(value: string): boolean {
  return value.startsWith(SECRET_REFERENCE_PREFIX);
}

/** A Secrets Manager secret ARN, complete or partial (the name without the 6 characters Secrets Manager appends). */
export const SECRET_ARN = /arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[a-zA-Z0-9/_+=.@-]{1,519}/;

/** An SSM parameter ARN (`…:parameter/<name>`; the name without its leading `/`). */
export const PARAMETER_ARN = /arn:aws[a-z-]*:ssm:[a-z0-9-]+:[0-9]{12}:parameter\/[a-zA-Z0-9_.\-/]{1,1011}/;

/** An SSM parameter name, with or without the leading `/` (`PutParameter`'s characters; at most 1011 of them). */
export const PARAMETER_NAME = /[a-zA-Z0-9_.\-/]{1,1011}/;
