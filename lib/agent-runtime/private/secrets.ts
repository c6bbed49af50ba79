import { Tokenization } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { plaintextCredentialIn, renderSecretReference } from '../../private/contract';
import type { ValidationErrors } from '../../private/validation';
import type { RuntimeSecret } from '../secret';

/** Stands for a token while a value is split into its literal parts. */
const TOKEN = '\u0000';

/** The literal text of a value between its tokens, in order (one part when it has no token). */
function literalParts(value: string): string[] {
  const flat = Tokenization.reverseString(value)
    .mapTokens({ mapToken: () => TOKEN })
    .join({ join: (left, right) => `${left ?? ''}${right ?? ''}` });
  return String(flat ?? '').split(TOKEN);
}

/**
 * Records an error for every environment variable whose value carries a credential in plain text (see
 * `plaintextCredentialIn`, the detector cdk-nag rule AgentCore-RT2 uses too), unless it is listed in `allowed`. The
 * error names the variable and what was found, never the value.
 *
 */
export function checkPlaintextSecrets(env: Record<string, string>, allowed: ReadonlySet<string>, errors: ValidationErrors): void {
  for (const [name, value] of Object.entries(env)) {
    if (allowed.has(name)) continue;
    const found = plaintextCredentialIn(name, literalParts(value));
    if (found === undefined) continue;
    errors.addMessage(`environmentVariables['${name}'] ${found}: every environment variable value is visible in the template, in the `
      + 'runtime configuration and in the provider\'s Step Functions execution history. Pass it with secrets '
      + `(RuntimeSecret.fromSecretsManager() or fromSsmParameterName()), or, if it is not a secret, list '${name}' in `
      + 'unsafePlaintextEnvironmentVariables');
  }
}

/** The environment variable value that references a secret, after granting `grantee` the right to read it. */
export function secretReference(scope: Construct, grantee: iam.IGrantable, secret: RuntimeSecret): string {
  const { arn, jsonField } = secret.bind(scope, grantee);
  return renderSecretReference(arn, jsonField);
}
