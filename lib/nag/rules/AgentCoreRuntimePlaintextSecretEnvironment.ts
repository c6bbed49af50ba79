import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { findSecretsInValue, looksLikeSecretName } from '../../private/contract';
import { flatten, isIntrinsic, isPlainObject, OPAQUE, prop } from '../private/cfn';
import { runtimeProperties } from '../private/runtime';

/**
 * A CloudFormation dynamic reference to a secret (`{{resolve:secretsmanager:…}}`, `{{resolve:ssm-secure:…}}`):
 * CloudFormation replaces it by the plaintext before the runtime is created.
 */
const SECRET_DYNAMIC_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):/;

/**
 * True if the resolved value is a literal that would put a secret in plain text into the runtime
 * configuration: a non-empty string, including a dynamic reference. ARNs, booleans, numbers and
 * tokens are not.
 */
function isLiteralSecretValue(value: any): boolean {
  if (typeof value !== 'string') {
    return false; // a number (counts, ports, sizes) or an intrinsic (the value is not in the template)
  }
  const v = value.trim();
  return v !== '' && !/^(true|false)$/i.test(v) && !/^arn:/.test(v);
}

/**
 * True if the literal parts of a value (a string, or the strings of an `Fn::Join` / `Fn::Sub`)
 * hold a credential that gives itself away (see `findSecretsInValue`), or a dynamic reference to
 * a secret. A piece that is a token is never judged.
 */
function holdsSecret(value: any): boolean {
  const flat = flatten(value);
  return SECRET_DYNAMIC_REFERENCE.test(flat) || flat.split(OPAQUE).some((literal) => findSecretsInValue(literal).length > 0);
}

/**
 * AgentCore-RT2: a runtime's environment variables do not carry credentials in plain text. A
 * variable is flagged when its name looks like a secret (`*_KEY`, `*SECRET*`, `*TOKEN`,
 * `*PASSWORD*`; see `looksLikeSecretName`) and its value is a literal, or when its value holds a
 * credential whatever the name (a password in a URL or connection string, an AWS access key id, a
 * private key, a bearer token, a JWT, a vendor token such as `sk-…`, `ghp_…`, `xoxb-…`; see
 * `findSecretsInValue`), or a dynamic reference to a secret. Findings are `EnvVar::<NAME>`.
 *
 * Values that are tokens (a `Ref`, a `Fn::GetAtt`, a secret's ARN built with `Fn::Join`) are not
 * flagged; a map hidden behind an intrinsic is NOT_APPLICABLE.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance | string[] => {
    const properties = runtimeProperties(node);
    if (properties === undefined) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const env = prop(properties, 'EnvironmentVariables');
    if (env === undefined) {
      return NagRuleCompliance.COMPLIANT;
    }
    if (!isPlainObject(env) || isIntrinsic(env)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const findings = Object.entries(env as { [key: string]: any })
      .filter(([name, value]) => (looksLikeSecretName(name) && isLiteralSecretValue(value)) || holdsSecret(value))
      .map(([name]) => `EnvVar::${name}`);
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
