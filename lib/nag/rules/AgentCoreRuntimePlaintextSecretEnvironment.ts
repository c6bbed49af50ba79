import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { isIntrinsic, isPlainObject, prop } from '../private/cfn';
import { runtimeProperties } from '../private/runtime';
import { looksLikeSecretName } from '../private/secrets';

/**
 * True if the resolved value is a literal that would put a secret in plain text into the runtime
 * configuration: a non-empty string or a number, including a CloudFormation dynamic reference
 * (`{{resolve:secretsmanager:…}}`), which CloudFormation replaces by the plaintext before the
 * runtime is created. ARNs, booleans and tokens are not.
 */
function isLiteralSecretValue(value: any): boolean {
  if (typeof value === 'number') {
    return false; // counts, ports and sizes; never a credential on their own
  }
  if (typeof value !== 'string') {
    return false; // an intrinsic: the value is not in the template
  }
  const v = value.trim();
  if (v === '' || /^(true|false)$/i.test(v) || /^arn:/.test(v)) {
    return false;
  }
  return true;
}

/**
 * AgentCore-RT2: a runtime's environment variables do not carry credentials in plain text. A
 * variable whose name looks like a secret (`*_KEY`, `*SECRET*`, `*TOKEN`, `*PASSWORD*`; see
 * `looksLikeSecretName`) must not have a literal value. Findings are `EnvVar::<NAME>`.
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
      .filter(([name, value]) => looksLikeSecretName(name) && isLiteralSecretValue(value))
      .map(([name]) => `EnvVar::${name}`);
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
