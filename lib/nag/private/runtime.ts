import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { globMatches, hasOpaque, OPAQUE, prop, renderResource } from './cfn';
import { isMutableImageTag, MUTABLE_IMAGE_TAGS, RUNTIME_TYPES } from '../../private/contract';

/**
 * The resolved properties of a runtime resource (the native `AWS::BedrockAgentCore::Runtime` or
 * this library's custom resource, whose properties mirror the native schema in PascalCase), or
 * undefined if `node` is not a runtime.
 */
export function runtimeProperties(node: CfnResource): { [key: string]: any } | undefined {
  if (!RUNTIME_TYPES.includes(node.cfnResourceType)) {
    return undefined;
  }
  return renderResource(node).properties;
}

/** The `ContainerUri` of a runtime's `AgentRuntimeArtifact`, or undefined (code artifact, absent). */
export function containerUri(properties: { [key: string]: any }): any {
  return prop(prop(prop(properties, 'AgentRuntimeArtifact'), 'ContainerConfiguration'), 'ContainerUri');
}

/**
 * Judge a flattened image reference (`registry/repo[:tag][@digest]`, unresolved pieces opaque) by
 * the contract's mutable-tag rule (`isMutableImageTag`): COMPLIANT for a digest or an immutable
 * literal tag, NON_COMPLIANT for a mutable tag (`latest`, `main`, `prod`, ...) or no tag,
 * NOT_APPLICABLE when an unresolved piece hides the tag.
 */
export function judgeImageReference(flat: string): NagRuleCompliance {
  if (flat.includes('@sha256:')) {
    return NagRuleCompliance.COMPLIANT; // pinned by digest
  }
  const lastSlash = flat.lastIndexOf('/');
  const name = flat.slice(lastSlash + 1); // the last path component: `repo[:tag]`
  const colon = name.lastIndexOf(':');
  if (colon < 0) {
    // No tag (which means `latest`), unless an unresolved piece could carry the tag.
    if (hasOpaque(name)) return NagRuleCompliance.NOT_APPLICABLE;
    return isMutableImageTag(undefined) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  }
  const tag = name.slice(colon + 1);
  if (tag === '' || tag === OPAQUE) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  if (hasOpaque(tag)) {
    // Partly unresolved tag: flag nothing, but only call it compliant if it cannot be a mutable tag.
    const pattern = tag.split(OPAQUE).join('*');
    const couldBeMutable = MUTABLE_IMAGE_TAGS.some((mutable) => globMatches(pattern, mutable, true));
    return couldBeMutable ? NagRuleCompliance.NOT_APPLICABLE : NagRuleCompliance.COMPLIANT;
  }
  return isMutableImageTag(tag) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}
