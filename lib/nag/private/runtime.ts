import { CfnResource } from 'aws-cdk-lib';
import { prop, renderResource } from './cfn';

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
