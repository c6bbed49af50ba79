import { Annotations, Token } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import type * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { LEVEL_PLACEHOLDERS, placeholdersOf } from './placeholders';
import type { BedrockModel } from '../execution-role/bedrock-model';
import { RUNTIME_NAME } from '../private/contract';
import { generatedName } from '../private/names';
import { ValidationErrors } from '../private/validation';
import { publishSsmOutputs } from '../ssm/ssm-outputs';
import type { SsmOutputsOptions } from '../ssm/ssm-outputs-options';

/** Properties of an `LlmJudgeEvaluator`. */
export interface LlmJudgeEvaluatorProps {
  /**
   * The judge: the Bedrock model that scores the agent. The online evaluation role may invoke exactly this model.
   */
  readonly model: BedrockModel;

  /**
   * What the judge is asked. It must use at least one placeholder of its level (`{context}` and `{assistant_turn}`
   * for TRACE, `{context}` and `{available_tools}` for SESSION, `{available_tools}`, `{context}` and `{tool_turn}` for
   * TOOL_CALL); ground-truth placeholders (`{expected_response}`, `{assertions}`) make it usable on demand only.
   */
  readonly instructions: string;

  /** How the judge scores: aws-cdk-lib's `EvaluatorRatingScale.categorical()` or `.numerical()`. */
  readonly ratingScale: agentcore.EvaluatorRatingScale;

  /**
   * What one score covers: a tool call, a trace (one request and response) or a whole session.
   *
   * @default EvaluationLevel.TRACE
   */
  readonly level?: agentcore.EvaluationLevel;

  /**
   * Inference parameters of the judge (`maxTokens` at least 1; `temperature` and `topP` between 0 and 1).
   *
   * @default - the model's defaults
   */
  readonly inferenceConfig?: agentcore.EvaluatorInferenceConfig;

  /**
   * The evaluator name (`[a-zA-Z][a-zA-Z0-9_]{0,47}`), unique in the account and Region. Changing it replaces the
   * evaluator.
   *
   * @default - a stable name generated from the construct path
   */
  readonly evaluatorName?: string;

  /**
   * A description (1-200 characters).
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * Tags (at most 50).
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * A custom LLM-as-a-judge evaluator (`AWS::BedrockAgentCore::Evaluator`) whose judge is a typed `BedrockModel`, so
 * the online evaluation that uses it grants invocation of exactly that model.
 *
 * It is an aws-cdk-lib `IEvaluator` (it extends `EvaluatorBase`), so aws-cdk-lib's
 * `EvaluatorSelector.custom(judge)` and `OnlineEvaluationConfig` accept it. It is built on the L1 rather than on
 * aws-cdk-lib's `Evaluator` because `EvaluatorConfig.llmAsAJudge()` keeps the model id private: nothing downstream
 * could grant the model. The instructions are checked against the placeholders of the level at synth time.
 *
 * @resource AWS::BedrockAgentCore::Evaluator
 * @example
 * const judge = new LlmJudgeEvaluator(this, 'Politeness', {
 *   model: BedrockModel.inferenceProfile('us.anthropic.claude-sonnet-4-20250514-v1:0'),
 *   instructions: 'Given the conversation {context}, rate whether the answer {assistant_turn} is polite.',
 *   ratingScale: agentcore.EvaluatorRatingScale.categorical([
 *     { label: 'Polite', definition: 'Courteous throughout.' },
 *     { label: 'Impolite', definition: 'Rude or dismissive at least once.' },
 *   ]),
 * });
 */
export class LlmJudgeEvaluator extends agentcore.EvaluatorBase {
  /** @attribute */
  public readonly evaluatorArn: string;
  /** @attribute */
  public readonly evaluatorId: string;
  /** The evaluator name. */
  public readonly evaluatorName: string;
  /** @attribute */
  public readonly status?: string;
  /** @attribute */
  public readonly createdAt?: string;
  /** @attribute */
  public readonly updatedAt?: string;
  /** The judge model. */
  public readonly model: BedrockModel;
  /** The evaluation level. */
  public readonly level: agentcore.EvaluationLevel;
  /**
   * The ground-truth placeholders the instructions use (`expected_response`, `assertions`). Non-empty means the
   * evaluator works on demand only: `OnlineEvaluation` refuses it.
   */
  public readonly groundTruthPlaceholders: string[];

  constructor(scope: Construct, id: string, props: LlmJudgeEvaluatorProps) {
    super(scope, id);
    const level = props.level ?? agentcore.EvaluationLevel.TRACE;
    const errors = new ValidationErrors();
    errors.pattern('evaluatorName', props.evaluatorName, RUNTIME_NAME, RUNTIME_NAME.source);
    errors.length('description', props.description, 1, 200);
    errors.tags(props.tags);
    const use = checkInstructions(props.instructions, level.value, errors);
    checkInferenceConfig(props.inferenceConfig, errors);
    errors.throwIfAny(this, 'LlmJudgeEvaluator props');
    if (use.unknown.length > 0) {
      Annotations.of(this).addWarningV2('cdk-agentcore:evaluator-unknown-placeholder',
        `instructions use ${use.unknown.map((p) => `{${p}}`).join(', ')}, which the ${level.value} level does not document `
        + `(${LEVEL_PLACEHOLDERS[level.value]?.map((p) => `{${p}}`).join(', ')}); AgentCore will not fill them.`);
    }

    this.model = props.model;
    this.level = level;
    this.groundTruthPlaceholders = use.groundTruth;
    this.evaluatorName = props.evaluatorName ?? generatedName(this, 'e');
    const inference = props.inferenceConfig;
    const resource = new agentcore.CfnEvaluator(this, 'Resource', {
      evaluatorName: this.evaluatorName,
      level: level.value,
      description: props.description,
      evaluatorConfig: {
        llmAsAJudge: {
          instructions: props.instructions,
          ratingScale: props.ratingScale._bind(),
          modelConfig: {
            bedrockEvaluatorModelConfig: {
              modelId: props.model.modelId,
              inferenceConfig: inference ? { maxTokens: inference.maxTokens, temperature: inference.temperature, topP: inference.topP } : undefined,
            },
          },
        },
      },
      tags: props.tags ? Object.entries(props.tags).map(([key, value]) => ({ key, value })) : undefined,
    });
    this.evaluatorArn = resource.attrEvaluatorArn;
    this.evaluatorId = resource.attrEvaluatorId;
    this.status = resource.attrStatus;
    this.createdAt = resource.attrCreatedAt;
    this.updatedAt = resource.attrUpdatedAt;
  }

  /**
   * Publishes the evaluator's identifiers as SSM String parameters (`evaluator_id`, `evaluator_arn`,
   * `evaluator_name`) under `/agentcore/<environment>/evaluator/` by default; give each evaluator of a stack its own
   * prefix.
   */
  public addSsmOutputs(options: SsmOutputsOptions = {}): ssm.StringParameter[] {
    return publishSsmOutputs(this, 'evaluator', {
      evaluator_id: this.evaluatorId,
      evaluator_arn: this.evaluatorArn,
      evaluator_name: this.evaluatorName,
    }, options);
  }
}

function checkInstructions(instructions: string, level: string, errors: ValidationErrors) {
  const use = placeholdersOf(Token.isUnresolved(instructions) ? '' : instructions, level);
  if (Token.isUnresolved(instructions)) return use;
  if (instructions.trim().length === 0) {
    errors.add('instructions', instructions, 'must not be empty');
  } else if (use.supported.length === 0) {
    const documented = (LEVEL_PLACEHOLDERS[level] ?? []).map((p) => `{${p}}`).join(', ');
    errors.add('instructions', instructions, `must use at least one placeholder of the ${level} level (${documented}); AgentCore replaces them with the trace data the judge scores`);
  }
  return use;
}

function checkInferenceConfig(config: agentcore.EvaluatorInferenceConfig | undefined, errors: ValidationErrors): void {
  if (!config) return;
  if (config.maxTokens !== undefined && !Token.isUnresolved(config.maxTokens) && (!Number.isInteger(config.maxTokens) || config.maxTokens < 1)) {
    errors.add('inferenceConfig.maxTokens', config.maxTokens, 'must be a whole number of at least 1');
  }
  errors.range('inferenceConfig.temperature', config.temperature, 0, 1);
  errors.range('inferenceConfig.topP', config.topP, 0, 1);
}
