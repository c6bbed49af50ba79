import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import type { Construct } from 'constructs';
import { AgentRuntime, AgentRuntimeArtifact, AgentRuntimeProps } from '../../lib';

/**
 * A runtime from an existing ECR repository (`agents`), pinned by digest, named after its construct id in lower case
 * unless `props` say otherwise.
 */
export function testRuntime(scope: Construct, id: string, props: Partial<AgentRuntimeProps> = {}): AgentRuntime {
  const repository = ecr.Repository.fromRepositoryName(scope, `${id}Repo`, 'agents');
  const artifact = AgentRuntimeArtifact.fromEcrRepository(repository, { digest: `sha256:${'e'.repeat(64)}` });
  return new AgentRuntime(scope, id, { runtimeName: id.toLowerCase(), artifact, ...props });
}

/** The synthesized `Custom::BedrockAgentCoreRuntime` whose logical id starts with `idPrefix`. */
export function runtimeResource(stack: Stack, idPrefix: string): any {
  const found = Object.entries(Template.fromStack(stack).findResources('Custom::BedrockAgentCoreRuntime')).find(([id]) => id.startsWith(idPrefix));
  if (!found) throw new Error(`no runtime whose logical id starts with '${idPrefix}'`);
  return found[1];
}
