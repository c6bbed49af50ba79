import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { globMatches, hasOpaque, OPAQUE, prop, renderResource } from './cfn';

/**
 * The CloudFormation types of an AgentCore runtime: the native resource (aws-cdk-lib `CfnRuntime`)
 * and this library's custom resource, whose properties mirror the native schema (PascalCase).
 */
export const RUNTIME_RESOURCE_TYPES = ['AWS::BedrockAgentCore::Runtime', 'Custom::BedrockAgentCoreRuntime'];

/** The resolved properties of a runtime resource, or undefined if `node` is not a runtime. */
export function runtimeProperties(node: CfnResource): { [key: string]: any } | undefined {
  if (!RUNTIME_RESOURCE_TYPES.includes(node.cfnResourceType)) {
    return undefined;
  }
  return renderResource(node).properties;
}

/** The `ContainerUri` of a runtime's `AgentRuntimeArtifact`, or undefined (code artifact, absent). */
export function containerUri(properties: { [key: string]: any }): any {
  return prop(prop(prop(properties, 'AgentRuntimeArtifact'), 'ContainerConfiguration'), 'ContainerUri');
}

/**
 * Judge a flattened image reference (`registry/repo[:tag][@digest]`, unresolved pieces opaque):
 * COMPLIANT for a digest or a literal tag other than `latest`, NON_COMPLIANT for `:latest` or no
 * tag, NOT_APPLICABLE when an unresolved piece hides the tag.
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
