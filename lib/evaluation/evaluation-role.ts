import { ArnFormat, Lazy, Stack, Token } from 'aws-cdk-lib';
import type * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import {
  EVALUATION_LOG_DISCOVERY_ACTIONS, EVALUATION_RESULTS_WRITE_ACTIONS, EVALUATION_SPANS_INDEX_ACTIONS, EVALUATION_TRACE_QUERY_ACTIONS,
} from './perms';
import type { BedrockModel } from '../execution-role/bedrock-model';
import { ExecutionRoleGrants } from '../execution-role/grants';
import { AGENTCORE_SERVICE_PRINCIPAL } from '../private/agentcore-principal';
import {
  DEFAULT_ENDPOINT, EVALUATION_RESULTS_LOG_GROUP_PREFIX, RUNTIME_NAME, SPANS_LOG_GROUP, runtimeLogGroupName,
} from '../private/contract';
import { acknowledgeFinding, acknowledgeWildcardResources } from '../private/nag';
import { ValidationErrors } from '../private/validation';

/** Properties of an `EvaluationRole`. */
export interface EvaluationRoleProps {
  /**
   * The names of the online evaluation configs that use the role (`[a-zA-Z][a-zA-Z0-9_]{0,47}`). They narrow who
   * may assume the role (`aws:SourceArn` = `online-evaluation-config/<name>-*`) and where it writes results
   * (`/aws/bedrock-agentcore/evaluations/results/<name>-*`). More can be added with `addOnlineEvaluationConfigName()`.
   */
  readonly onlineEvaluationConfigNames: string[];

  /**
   * The judge models of the custom LLM-as-a-judge evaluators the configs use. Built-in evaluators need none.
   *
   * @default - none
   */
  readonly judgeModels?: BedrockModel[];

  /**
   * A description of the role.
   *
   * @default 'Execution role of AgentCore online evaluation (cdk-agentcore)'
   */
  readonly description?: string;
}

/**
 * The role AgentCore assumes to run online evaluations, with the documented permissions narrowed to what the
 * evaluation reads and writes:
 *
 * | Permission | Resources |
 * | --- | --- |
 * | `logs:StartQuery` | the spans log group (`aws/spans`) and the log groups of the evaluated runtime endpoints |
 * | `logs:DescribeIndexPolicies`, `logs:PutIndexPolicy` | `aws/spans` |
 * | `logs:CreateLogGroup`, `logs:CreateLogStream`, `logs:PutLogEvents` | `/aws/bedrock-agentcore/evaluations/results/<config name>-*` |
 * | `logs:DescribeLogGroups`, `logs:GetQueryResults` | `*` (no resource-level permissions) |
 * | `bedrock:InvokeModel`, `bedrock:InvokeModelWithResponseStream` | exactly the judge models (none for built-in evaluators) |
 *
 * It trusts `bedrock-agentcore.amazonaws.com` only for this account (`aws:SourceAccount`, `aws:ResourceAccount`)
 * and for its own configs and this account's evaluators (`aws:SourceArn`). It is an `iam.Role`: pass it as
 * `executionRole` to aws-cdk-lib's `OnlineEvaluationConfig`, whose default role may invoke every foundation model and
 * inference profile. `OnlineEvaluation` creates one for you.
 *
 * @example
 * const role = new EvaluationRole(this, 'EvaluationRole', { onlineEvaluationConfigNames: ['support_quality'] });
 * role.addTraceSource(runtime);
 * new agentcore.OnlineEvaluationConfig(this, 'Quality', {
 *   onlineEvaluationConfigName: 'support_quality',
 *   executionRole: role,
 *   evaluators: [agentcore.EvaluatorSelector.builtin(agentcore.BuiltinEvaluator.HELPFULNESS)],
 *   dataSource: agentcore.DataSourceConfig.fromAgentRuntimeEndpoint(runtime),
 * });
 */
export class EvaluationRole extends iam.Role {
  private readonly configNames: string[];
  private readonly traceQuery: iam.PolicyStatement;
  private readonly resultsWrite: iam.PolicyStatement;
  private readonly modelGrants: ExecutionRoleGrants;
  private readonly traceSources = new Set<string>();

  constructor(scope: Construct, id: string, props: EvaluationRoleProps) {
    const stack = Stack.of(scope);
    // The trust policy lists the configs added so far, whenever it is rendered.
    const configNames: string[] = [];
    super(scope, id, {
      description: props.description ?? 'Execution role of AgentCore online evaluation (cdk-agentcore)',
      assumedBy: new iam.ServicePrincipal(AGENTCORE_SERVICE_PRINCIPAL, {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account, 'aws:ResourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': Lazy.list({
              produce: () => [
                stack.formatArn({ service: 'bedrock-agentcore', resource: 'evaluator', resourceName: '*' }),
                ...configNames.map((n) => stack.formatArn({ service: 'bedrock-agentcore', resource: 'online-evaluation-config', resourceName: `${n}-*` })),
              ],
            }),
          },
        },
      }),
    });
    this.configNames = configNames;
    const errors = new ValidationErrors();
    if (props.onlineEvaluationConfigNames.length === 0) {
      errors.addMessage('onlineEvaluationConfigNames must name at least one online evaluation config: they scope the trust policy and the results log groups');
    }
    props.onlineEvaluationConfigNames.forEach((n, i) => errors.pattern(`onlineEvaluationConfigNames[${i}]`, n, RUNTIME_NAME, RUNTIME_NAME.source));
    errors.throwIfAny(this, 'EvaluationRole props');

    this.modelGrants = ExecutionRoleGrants.fromRole(this);
    this.addToPolicy(new iam.PolicyStatement({ sid: 'LogDiscovery', actions: EVALUATION_LOG_DISCOVERY_ACTIONS, resources: ['*'] }));
    acknowledgeFinding(this, 'AwsSolutions-IAM5[Resource::*]',
      'logs:DescribeLogGroups and logs:GetQueryResults have no resource-level permissions; trace queries (logs:StartQuery) are scoped to the evaluated log groups.');
    const spans = this.logGroupArns(SPANS_LOG_GROUP);
    this.traceQuery = new iam.PolicyStatement({ sid: 'TraceQuery', actions: EVALUATION_TRACE_QUERY_ACTIONS, resources: spans });
    this.addToPolicy(this.traceQuery);
    this.addToPolicy(new iam.PolicyStatement({ sid: 'SpansIndexPolicy', actions: EVALUATION_SPANS_INDEX_ACTIONS, resources: spans }));
    acknowledgeWildcardResources(this, spans,
      'CloudWatch Logs authorizes queries and index policies on the log group ARN with its :* suffix; this is the aws/spans log group only.');
    this.resultsWrite = new iam.PolicyStatement({ sid: 'ResultsWrite', actions: EVALUATION_RESULTS_WRITE_ACTIONS });
    this.addToPolicy(this.resultsWrite);

    props.onlineEvaluationConfigNames.forEach((n) => this.addOnlineEvaluationConfigName(n));
    if (props.judgeModels && props.judgeModels.length > 0) this.grantInvokeModel(...props.judgeModels);
  }

  /**
   * Lets a further online evaluation config assume the role and write its results
   * (`/aws/bedrock-agentcore/evaluations/results/<name>-*`, the config id being `<name>-<10 characters>`).
   */
  public addOnlineEvaluationConfigName(name: string): void {
    const errors = new ValidationErrors();
    errors.pattern('name', name, RUNTIME_NAME, RUNTIME_NAME.source);
    if (Token.isUnresolved(name)) errors.add('name', name, 'must be a literal: it scopes the trust policy and the results log group');
    errors.throwIfAny(this, 'EvaluationRole.addOnlineEvaluationConfigName() argument');
    if (this.configNames.includes(name)) return;
    this.configNames.push(name);
    const results = Stack.of(this).formatArn({
      service: 'logs', resource: 'log-group', resourceName: `${EVALUATION_RESULTS_LOG_GROUP_PREFIX}${name}-*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.resultsWrite.addResources(results);
    acknowledgeWildcardResources(this, [results],
      'AgentCore writes the results of an online evaluation config to /aws/bedrock-agentcore/evaluations/results/<config id>, the id being the config name plus a service-generated suffix; the pattern covers that log group and its streams only.');
  }

  /**
   * Lets the evaluation read the traces of one runtime endpoint: `logs:StartQuery` on its log group
   * (`/aws/bedrock-agentcore/runtimes/<runtime id>-<endpoint>`).
   *
   * @param endpointName the endpoint whose traces are evaluated. Default: `DEFAULT`
   */
  public addTraceSource(runtime: agentcore.IBedrockAgentRuntime, endpointName: string = DEFAULT_ENDPOINT): void {
    const logGroup = runtimeLogGroupName(runtime.agentRuntimeId, endpointName);
    if (this.traceSources.has(logGroup)) return;
    this.traceSources.add(logGroup);
    const arns = this.logGroupArns(logGroup);
    this.traceQuery.addResources(...arns);
    acknowledgeWildcardResources(this, arns,
      'CloudWatch Logs authorizes queries on the log group ARN with its :* suffix; this is the log group of one evaluated runtime endpoint.');
  }

  /**
   * Lets the evaluation invoke judge models (`bedrock:InvokeModel`, `bedrock:InvokeModelWithResponseStream`), scoped
   * to exactly these models.
   */
  public grantInvokeModel(...models: BedrockModel[]): iam.Grant {
    return this.modelGrants.invokeModel(...models);
  }

  /** The ARN of a log group and of its `:*` form, which CloudWatch Logs authorizes queries on. */
  private logGroupArns(logGroupName: string): string[] {
    const arn = Stack.of(this).formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    return [arn, `${arn}:*`];
  }
}
