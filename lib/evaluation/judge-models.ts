import { Token } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { LlmJudgeEvaluator } from './llm-judge-evaluator';
import { BedrockModel } from '../execution-role/bedrock-model';

/** What an evaluator needs from the evaluation role. */
export type JudgeModel =
  /** An LLM judge whose model is known. */
  | { readonly kind: 'model'; readonly model: BedrockModel }
  /** Code-based (a Lambda function the service invokes through the function's resource policy): nothing. */
  | { readonly kind: 'none' }
  /** An imported evaluator, or a model id only known at deploy time: the caller must name the model. */
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * The judge model of an evaluator: this library's `LlmJudgeEvaluator` carries it; aws-cdk-lib's `Evaluator` has it in
 * its L1 (`EvaluatorConfig` hides it, the synthesized resource does not); anything else is unknown.
 */
export function judgeModelOf(evaluator: agentcore.IEvaluator): JudgeModel {
  if (evaluator instanceof LlmJudgeEvaluator) return { kind: 'model', model: evaluator.model };
  const cfn = evaluator.node.defaultChild;
  if (!(evaluator instanceof agentcore.Evaluator) || !(cfn instanceof agentcore.CfnEvaluator)) {
    return { kind: 'unknown', reason: 'it is imported, so its judge model is not known here' };
  }
  const config = cfn.evaluatorConfig as agentcore.CfnEvaluator.EvaluatorConfigProperty;
  if (config.codeBased !== undefined) return { kind: 'none' };
  const judge = config.llmAsAJudge as agentcore.CfnEvaluator.LlmAsAJudgeEvaluatorConfigProperty | undefined;
  const modelConfig = judge?.modelConfig as agentcore.CfnEvaluator.EvaluatorModelConfigProperty | undefined;
  const bedrock = modelConfig?.bedrockEvaluatorModelConfig as agentcore.CfnEvaluator.BedrockEvaluatorModelConfigProperty | undefined;
  const modelId = bedrock?.modelId;
  if (modelId === undefined || Token.isUnresolved(modelId)) {
    return { kind: 'unknown', reason: 'its model id is only known at deploy time' };
  }
  return { kind: 'model', model: modelFromId(modelId) };
}

/** A Bedrock model reference from the id an evaluator names: an ARN, a cross-region inference profile or a model. */
function modelFromId(modelId: string): BedrockModel {
  if (modelId.startsWith('arn:')) return BedrockModel.fromArn(modelId);
  try {
    return BedrockModel.inferenceProfile(modelId);
  } catch {
    // Not a cross-region profile id ('us.', 'eu.', 'global.', ...): a foundation model id, which foundationModel() checks.
    return BedrockModel.foundationModel(modelId);
  }
}
