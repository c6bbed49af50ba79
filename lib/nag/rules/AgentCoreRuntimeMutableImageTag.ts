import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { flatten, globMatches, hasOpaque, OPAQUE } from '../private/cfn';
import { containerUri, runtimeProperties } from '../private/runtime';

/**
 * Judge a flattened image reference (`registry/repo[:tag][@digest]`, unresolved pieces opaque).
 * Exported for the rule only.
 */
export function judgeImageReference(flat: string): NagRuleCompliance {
  if (flat.includes('@sha256:')) {
    return NagRuleCompliance.COMPLIANT; // pinned by digest
  }
  const lastSlash = flat.lastIndexOf('/');
  const name = flat.slice(lastSlash + 1); // the last path component: `repo[:tag]`
  const colon = name.lastIndexOf(':');
  if (colon < 0) {
    // No tag means `latest`, unless an unresolved piece could carry the tag.
    return hasOpaque(name) ? NagRuleCompliance.NOT_APPLICABLE : NagRuleCompliance.NON_COMPLIANT;
  }
  const tag = name.slice(colon + 1);
  if (tag === 'latest') {
    return NagRuleCompliance.NON_COMPLIANT;
  }
  if (tag === '' || tag === OPAQUE) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  if (hasOpaque(tag)) {
    // Partly unresolved tag: flag nothing, but only call it compliant if it cannot be `latest`.
    const couldBeLatest = globMatches(tag.split(OPAQUE).join('*'), 'latest', false);
    return couldBeLatest ? NagRuleCompliance.NOT_APPLICABLE : NagRuleCompliance.COMPLIANT;
  }
  return NagRuleCompliance.COMPLIANT;
}

/**
 * AgentCore-RT1: a runtime (native `AWS::BedrockAgentCore::Runtime` or this library's
 * `Custom::BedrockAgentCoreRuntime`) does not reference its container image by a mutable tag:
 * `:latest` or no tag at all. A `@sha256:` digest or a literal tag other than `latest` (such as
 * the asset hash of a `DockerImageAsset`) is compliant.
 *
 * Values built from tokens are judged by their literal parts: `<repositoryUri>:latest` is flagged,
 * `<repositoryUri>:<tag parameter>` is NOT_APPLICABLE. Code artifacts are NOT_APPLICABLE.
 *
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    const properties = runtimeProperties(node);
    if (properties === undefined) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const uri = containerUri(properties);
    if (uri === undefined || uri === null || uri === '') {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return judgeImageReference(flatten(uri));
  },
  'name',
  { value: parse(__filename).name },
);
