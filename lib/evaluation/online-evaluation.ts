import { createHash } from 'crypto';
import { Annotations, Duration, Token } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import type * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { EvaluationRole } from './evaluation-role';
import { judgeModelOf } from './judge-models';
import { LlmJudgeEvaluator } from './llm-judge-evaluator';
import type { BedrockModel } from '../execution-role/bedrock-model';
import {
  DEFAULT_ENDPOINT, ENDPOINT_NAME, EVALUATION_RESULTS_LOG_GROUP_PREFIX, RUNTIME_NAME, runtimeLogGroupName, runtimeServiceName,
} from '../private/contract';
import { generatedName } from '../private/names';
import { ValidationErrors } from '../private/validation';
import { publishSsmOutputs } from '../ssm/ssm-outputs';
import type { SsmOutputsOptions } from '../ssm/ssm-outputs-options';

/** An online evaluation config applies at most 10 evaluators (`EvaluatorList`). */
const MAX_EVALUATORS = 10;
/** Config names: `EvaluationConfigName`. */
const MAX_NAME_LENGTH = 48;

/** Properties of an `OnlineEvaluation`. */
export interface OnlineEvaluationProps {
  /**
   * The runtimes whose traces are evaluated: this library's `AgentRuntime`, aws-cdk-lib's `Runtime`, or imported
   * ones. AgentCore reads one runtime endpoint per config, so each runtime gets its own config (all with the same
   * evaluators, rule and role).
   */
  readonly runtimes: agentcore.IBedrockAgentRuntime[];

  /**
   * The endpoint whose traces are evaluated, on every runtime.
   *
   * @default 'DEFAULT'
   */
  readonly endpointName?: string;

  /**
   * Custom evaluators: `LlmJudgeEvaluator`s, aws-cdk-lib `Evaluator`s (LLM-as-a-judge or code-based) or imported
   * ones. Their judge models are granted to the evaluation role; for imported LLM judges, list the model in
   * `judgeModels`.
   *
   * @default - none
   */
  readonly evaluators?: agentcore.IEvaluator[];

  /**
   * Built-in evaluators (`BuiltinEvaluator.HELPFULNESS`, ...). They need no model permission. Together with
   * `evaluators`, 1 to 10 evaluators.
   *
   * @default - none
   */
  readonly builtinEvaluators?: agentcore.BuiltinEvaluator[];

  /**
   * Judge models to grant in addition to those read from `evaluators`: the models of imported LLM-as-a-judge
   * evaluators.
   *
   * @default - none
   */
  readonly judgeModels?: BedrockModel[];

  /**
   * The name of the config (`[a-zA-Z][a-zA-Z0-9_]{0,47}`); with several runtimes, each config is named
   * `<name>_<runtime name>` (or `<name>_<position>` when the runtime name is a token); a longer name is cut to 39
   * characters and ends with `_` and 8 hex characters of a hash of the runtime name.
   * Changing it replaces the configs.
   *
   * @default - a stable name generated from the construct path
   */
  readonly onlineEvaluationConfigName?: string;

  /**
   * The percentage of traces that are evaluated (0.01-100). Every evaluated trace costs judge-model tokens.
   *
   * @default 10
   */
  readonly samplingPercentage?: number;

  /**
   * How long a session must be idle before it counts as complete and is evaluated (1 minute to 24 hours).
   *
   * @default Duration.minutes(15)
   */
  readonly sessionTimeout?: Duration;

  /**
   * Filters on trace attributes (at most 5).
   *
   * @default - every sampled trace
   */
  readonly filters?: agentcore.FilterConfig[];

  /**
   * Whether the configs evaluate traces.
   *
   * @default ExecutionStatus.ENABLED
   */
  readonly executionStatus?: agentcore.ExecutionStatus;

  /**
   * A description (1-200 characters).
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * Tags of the configs.
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Online evaluation of one or more runtimes: AgentCore samples their traces and scores them with built-in and custom
 * (LLM-as-a-judge or code-based) evaluators.
 *
 * It creates one aws-cdk-lib `OnlineEvaluationConfig` per runtime (the service reads one runtime endpoint per
 * config) and one `EvaluationRole` for all of them, instead of aws-cdk-lib's default role, which may invoke every
 * foundation model and inference profile: the role reads only the evaluated runtimes' log groups and the spans log
 * group, writes only the configs' results log groups, and invokes only the judge models of the evaluators.
 * Evaluators whose instructions need ground truth (`{expected_response}`, `{assertions}`) fail the synthesis: live
 * traffic has none.
 *
 * @example
 * new OnlineEvaluation(this, 'Quality', {
 *   runtimes: [concierge, billing],
 *   builtinEvaluators: [agentcore.BuiltinEvaluator.HELPFULNESS, agentcore.BuiltinEvaluator.GOAL_SUCCESS_RATE],
 *   evaluators: [politenessJudge],
 *   samplingPercentage: 5,
 * });
 */
export class OnlineEvaluation extends Construct {
  /** The role AgentCore assumes to run the evaluations. */
  public readonly executionRole: EvaluationRole;

  /** The configs, one per runtime, in the order of `runtimes`. */
  public readonly configs: agentcore.IOnlineEvaluationConfig[];

  private readonly keys: string[];

  constructor(scope: Construct, id: string, props: OnlineEvaluationProps) {
    super(scope, id);
    const endpointName = props.endpointName ?? DEFAULT_ENDPOINT;
    const evaluators = props.evaluators ?? [];
    const builtins = props.builtinEvaluators ?? [];
    const baseName = props.onlineEvaluationConfigName ?? generatedName(this, 'e', 32);
    this.keys = props.runtimes.map((r, i) => (Token.isUnresolved(r.agentRuntimeName) ? String(i + 1) : r.agentRuntimeName));
    const names = props.runtimes.length === 1 ? [baseName] : this.keys.map((key) => configName(baseName, key));

    const errors = new ValidationErrors();
    validate(props, endpointName, baseName, names, errors);
    errors.throwIfAny(this, 'OnlineEvaluation props');

    this.executionRole = new EvaluationRole(this, 'ExecutionRole', { onlineEvaluationConfigNames: names });
    const models = [...(props.judgeModels ?? [])];
    for (const evaluator of evaluators) {
      const judge = judgeModelOf(evaluator);
      if (judge.kind === 'model') models.push(judge.model);
      if (judge.kind === 'unknown' && (props.judgeModels ?? []).length === 0) {
        Annotations.of(this).addWarningV2('cdk-agentcore:evaluation-unknown-judge-model',
          `The evaluation role may invoke no model for evaluator ${evaluator.node.path}: ${judge.reason}. If it is an LLM-as-a-judge evaluator, `
          + 'list its model in judgeModels, or its evaluations will fail with AccessDenied.');
      }
    }
    if (models.length > 0) this.executionRole.grantInvokeModel(...models);

    const selectors = [
      ...builtins.map((b) => agentcore.EvaluatorSelector.builtin(b)),
      ...evaluators.map((e) => agentcore.EvaluatorSelector.custom(e)),
    ];
    this.configs = props.runtimes.map((runtime, i) => {
      this.executionRole.addTraceSource(runtime, endpointName);
      const config = new agentcore.OnlineEvaluationConfig(this, props.runtimes.length === 1 ? 'Config' : `Config${this.keys[i]}`, {
        onlineEvaluationConfigName: names[i],
        executionRole: this.executionRole,
        evaluators: selectors,
        dataSource: agentcore.DataSourceConfig.fromCloudWatchLogs({
          logGroupNames: [runtimeLogGroupName(runtime.agentRuntimeId, endpointName)],
          serviceNames: [runtimeServiceName(runtime.agentRuntimeName, endpointName)],
        }),
        samplingPercentage: props.samplingPercentage,
        sessionTimeout: props.sessionTimeout,
        filters: props.filters,
        executionStatus: props.executionStatus,
        description: props.description,
        tags: props.tags,
      });
      // The role's policy must exist before the service checks it at creation.
      config.node.addDependency(this.executionRole);
      return config;
    });
  }

  /**
   * Publishes the evaluation as SSM String parameters under `/agentcore/<environment>/evaluation/` by default:
   * `execution_role_arn`, and per config `online_evaluation_config_id`, `online_evaluation_config_arn` and
   * `results_log_group_name` (where AgentCore writes the scores), prefixed with `<runtime name>_` when the evaluation
   * covers several runtimes.
   */
  public addSsmOutputs(options: SsmOutputsOptions = {}): ssm.StringParameter[] {
    const values: Record<string, string> = { execution_role_arn: this.executionRole.roleArn };
    this.configs.forEach((config, i) => {
      const prefix = this.configs.length === 1 ? '' : `${this.keys[i]}_`;
      values[`${prefix}online_evaluation_config_id`] = config.onlineEvaluationConfigId;
      values[`${prefix}online_evaluation_config_arn`] = config.onlineEvaluationConfigArn;
      values[`${prefix}results_log_group_name`] = `${EVALUATION_RESULTS_LOG_GROUP_PREFIX}${config.onlineEvaluationConfigId}`;
    });
    return publishSsmOutputs(this, 'evaluation', values, options);
  }
}

function validate(props: OnlineEvaluationProps, endpointName: string, baseName: string, names: string[], errors: ValidationErrors): void {
  const evaluators = props.evaluators ?? [];
  const builtins = props.builtinEvaluators ?? [];
  if (props.runtimes.length === 0) errors.addMessage('runtimes must list at least one runtime whose traces are evaluated');
  const arns = props.runtimes.map((r) => r.agentRuntimeArn);
  props.runtimes.forEach((r, i) => {
    if (arns.indexOf(r.agentRuntimeArn) !== i) errors.addMessage(`runtimes[${i}] (${r.node.path}) is listed twice`);
  });
  errors.pattern('endpointName', endpointName, ENDPOINT_NAME, ENDPOINT_NAME.source);
  errors.pattern('onlineEvaluationConfigName', baseName, RUNTIME_NAME, RUNTIME_NAME.source);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) errors.addMessage(`two runtimes get the config name '${n}'; give the runtimes distinct names or use a shorter onlineEvaluationConfigName`);
  });

  const count = evaluators.length + builtins.length;
  if (count === 0) errors.addMessage('no evaluators: list builtinEvaluators and/or evaluators (1-10 in total)');
  if (count > MAX_EVALUATORS) errors.addMessage(`${count} evaluators; an online evaluation config applies at most ${MAX_EVALUATORS}`);
  const builtinIds = builtins.map((b) => b.value);
  builtinIds.forEach((b, i) => {
    if (builtinIds.indexOf(b) !== i) errors.add('builtinEvaluators', b, 'is listed twice');
  });
  evaluators.forEach((e, i) => {
    if (evaluators.indexOf(e) !== i) errors.addMessage(`evaluators[${i}] (${e.node.path}) is listed twice`);
    if (e instanceof LlmJudgeEvaluator && e.groundTruthPlaceholders.length > 0) {
      errors.addMessage(`evaluators[${i}] (${e.node.path}) uses ground truth (${e.groundTruthPlaceholders.map((p) => `{${p}}`).join(', ')}), `
        + 'which live traffic does not have: use it for on-demand evaluation only');
    }
  });

  errors.range('samplingPercentage', props.samplingPercentage, 0.01, 100, 'percent');
  if (props.sessionTimeout && !props.sessionTimeout.isUnresolved()) {
    const minutes = props.sessionTimeout.toSeconds() / 60;
    if (!Number.isInteger(minutes)) errors.add('sessionTimeout', `${props.sessionTimeout.toSeconds()} seconds`, 'must be a whole number of minutes');
    errors.range('sessionTimeout', minutes, 1, 1440, 'minutes');
  }
  if ((props.filters ?? []).length > 5) errors.addMessage(`filters has ${props.filters!.length} entries; at most 5 are allowed`);
  errors.length('description', props.description, 1, 200);
}

/**
 * `<base>_<key>`; when that is longer than 48 characters, its first 39 characters, `_` and 8 hex characters of a hash
 * of the key, so that runtimes whose long names share a prefix still get distinct, stable names.
 */
function configName(base: string, key: string): string {
  const name = `${base}_${key}`;
  if (name.length <= MAX_NAME_LENGTH) return name;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_NAME_LENGTH - hash.length - 1)}_${hash}`;
}
