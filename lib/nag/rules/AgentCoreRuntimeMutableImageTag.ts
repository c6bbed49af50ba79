import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { flatten } from '../private/cfn';
import { containerUri, judgeImageReference, runtimeProperties } from '../private/runtime';

/**
 * AgentCore-RT1: a runtime (native `AWS::BedrockAgentCore::Runtime` or this library's
 * `Custom::BedrockAgentCoreRuntime`) does not reference its container image by a mutable tag:
 * one that pipelines move (`latest`, `main`, `prod`, `stable`, ...; the contract's
 * `isMutableImageTag`, which the artifact warning uses too) or no tag at all. A `@sha256:` digest
 * or another literal tag (such as the asset hash of a `DockerImageAsset`) is compliant.
 *
 * Values built from tokens are judged by their literal parts: `<repositoryUri>:main` is flagged,
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
