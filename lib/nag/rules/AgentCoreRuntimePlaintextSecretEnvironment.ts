import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { plaintextCredentialIn } from '../../private/contract';
import { flatten, isIntrinsic, isPlainObject, OPAQUE, prop } from '../private/cfn';
import { runtimeProperties } from '../private/runtime';

/**
 * AgentCore-RT2: a runtime's environment variables do not carry credentials in plain text. A
 * variable is flagged when its name looks like a secret (`*_KEY`, `*SECRET*`, `*TOKEN`,
 * `*PASSWORD*`; see `looksLikeSecretName`) and its value is a literal, or when its value holds a
 * credential whatever the name (a password in a URL or connection string, an AWS access key id, a
 * private key, a bearer token, a JWT, a vendor token such as `sk-…`, `ghp_…`, `xoxb-…`; see
 * `findSecretsInValue`), or a dynamic reference to a secret. Findings are `EnvVar::<NAME>`. The
 * judgement is `plaintextCredentialIn`, the detector `AgentRuntime` fails synthesis with, so a
 * secret reference of `AgentRuntime`'s `secrets` (`agentcore-secret:<ARN>`) is never flagged.
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
      .filter(([name, value]) => typeof value !== 'number' && plaintextCredentialIn(name, flatten(value).split(OPAQUE)) !== undefined)
      .map(([name]) => `EnvVar::${name}`);
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
