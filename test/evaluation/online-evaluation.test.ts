import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  AgentCoreChecks, AgentCoreEnvironment, BedrockModel, EvaluationRole, LlmJudgeEvaluator, OnlineEvaluation, OnlineEvaluationProps,
} from '../../lib';
import { testRuntime } from '../helpers/agent-runtime';
import { nagErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';

const SCALE = agentcore.EvaluatorRatingScale.categorical([{ label: 'Good', definition: 'Good.' }, { label: 'Bad', definition: 'Bad.' }]);
const SONNET = BedrockModel.inferenceProfile('us.anthropic.claude-sonnet-4-20250514-v1:0');

const agent = (stack: Stack, id: string) => testRuntime(stack, id);

function judge(stack: Stack, id = 'Judge', instructions = 'Rate {assistant_turn} given {context}.', model = SONNET): LlmJudgeEvaluator {
  return new LlmJudgeEvaluator(stack, id, { model, instructions, ratingScale: SCALE, evaluatorName: id.toLowerCase() });
}

/** The statements of the evaluation role, keyed by Sid (the model statement has none: `Models`). */
function roleStatements(stack: Stack): Record<string, any> {
  const policy = Object.entries(Template.fromStack(stack).findResources('AWS::IAM::Policy')).find(([id]) => id.includes('ExecutionRole') && id.startsWith('Quality'))![1];
  return Object.fromEntries(policy.Properties.PolicyDocument.Statement.map((s: any) => [s.Sid ?? 'Models', s]));
}

const arn = (service: string, rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:${rest}`]] });
const logGroupOf = (runtime: string, suffix = '') => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/runtimes/', { Ref: expect.stringMatching(new RegExp(`^${runtime}`)) }, `-DEFAULT${suffix}`]],
});

describe('OnlineEvaluation', () => {
  test('one runtime: one config over its DEFAULT endpoint, with built-in and custom evaluators', () => {
    const stack = testStack();
    const concierge = agent(stack, 'Concierge');
    new OnlineEvaluation(stack, 'Quality', {
      onlineEvaluationConfigName: 'quality',
      runtimes: [concierge],
      builtinEvaluators: [agentcore.BuiltinEvaluator.HELPFULNESS],
      evaluators: [judge(stack)],
      samplingPercentage: 5,
      sessionTimeout: Duration.minutes(30),
      description: 'Concierge quality',
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::BedrockAgentCore::OnlineEvaluationConfig', 1);
    t.hasResourceProperties('AWS::BedrockAgentCore::OnlineEvaluationConfig', {
      OnlineEvaluationConfigName: 'quality',
      Description: 'Concierge quality',
      DataSourceConfig: {
        CloudWatchLogs: {
          LogGroupNames: [{ 'Fn::Join': ['', ['/aws/bedrock-agentcore/runtimes/', { Ref: Match.stringLikeRegexp('^Concierge') }, '-DEFAULT']] }],
          ServiceNames: ['concierge.DEFAULT'],
        },
      },
      Evaluators: [{ EvaluatorId: 'Builtin.Helpfulness' }, { EvaluatorId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Judge'), 'EvaluatorId'] } }],
      EvaluationExecutionRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^QualityExecutionRole'), 'Arn'] },
      Rule: { SamplingConfig: { SamplingPercentage: 5 }, SessionConfig: { SessionTimeoutMinutes: 30 } },
    });
    // The role and its policy exist before the service validates the config.
    const config = Object.values(t.findResources('AWS::BedrockAgentCore::OnlineEvaluationConfig'))[0];
    expect(config.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^QualityExecutionRoleDefaultPolicy/), expect.stringMatching(/^QualityExecutionRole[0-9A-F]{8}$/)]));
  });

  test('the role reads only the evaluated log groups, writes only its results, and invokes only the judge model', () => {
    const stack = testStack();
    new OnlineEvaluation(stack, 'Quality', { onlineEvaluationConfigName: 'quality', runtimes: [agent(stack, 'Concierge')], evaluators: [judge(stack)] });
    const s = roleStatements(stack);
    expect(Object.keys(s)).toEqual(['LogDiscovery', 'TraceQuery', 'SpansIndexPolicy', 'ResultsWrite', 'Models']);
    expect(s.LogDiscovery).toMatchObject({ Action: ['logs:DescribeLogGroups', 'logs:GetQueryResults'], Resource: '*' });
    expect(s.TraceQuery).toMatchObject({
      Action: 'logs:StartQuery',
      Resource: [
        arn('logs', 'us-east-1:123456789012:log-group:aws/spans'), arn('logs', 'us-east-1:123456789012:log-group:aws/spans:*'),
        logGroupOf('Concierge'), logGroupOf('Concierge', ':*'),
      ],
    });
    expect(s.SpansIndexPolicy).toMatchObject({ Action: ['logs:DescribeIndexPolicies', 'logs:PutIndexPolicy'] });
    expect(s.ResultsWrite).toMatchObject({
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: arn('logs', 'us-east-1:123456789012:log-group:/aws/bedrock-agentcore/evaluations/results/quality-*'),
    });
    expect(s.Models).toMatchObject({
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: [
        arn('bedrock', 'us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0'),
        arn('bedrock', '*::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0'),
      ],
    });
  });

  test('the role trusts AgentCore only for this account, its configs and this account\'s evaluators', () => {
    const stack = testStack();
    new OnlineEvaluation(stack, 'Quality', { onlineEvaluationConfigName: 'quality', runtimes: [agent(stack, 'Concierge')], builtinEvaluators: [agentcore.BuiltinEvaluator.CORRECTNESS] });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'bedrock-agentcore.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': '123456789012', 'aws:ResourceAccount': '123456789012' },
            ArnLike: {
              'aws:SourceArn': [
                arn('bedrock-agentcore', 'us-east-1:123456789012:evaluator/*'),
                arn('bedrock-agentcore', 'us-east-1:123456789012:online-evaluation-config/quality-*'),
              ],
            },
          },
        }],
      },
    });
    // Built-in evaluators need no model permission.
    expect(Object.keys(roleStatements(stack))).not.toContain('Models');
  });

  test('several runtimes: one config each, named after the runtime, one role for all', () => {
    const stack = testStack();
    const evaluation = new OnlineEvaluation(stack, 'Quality', {
      onlineEvaluationConfigName: 'quality',
      runtimes: [agent(stack, 'Concierge'), agent(stack, 'Billing')],
      builtinEvaluators: [agentcore.BuiltinEvaluator.GOAL_SUCCESS_RATE],
    });
    expect(evaluation.configs.map((c) => c.onlineEvaluationConfigName)).toEqual(['quality_concierge', 'quality_billing']);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::BedrockAgentCore::OnlineEvaluationConfig', 2);
    t.resourceCountIs('AWS::IAM::Role', 1 + 2 + 4); // the evaluation role, two runtime roles, the provider's roles
    t.hasResourceProperties('AWS::BedrockAgentCore::OnlineEvaluationConfig', { OnlineEvaluationConfigName: 'quality_billing', DataSourceConfig: { CloudWatchLogs: { ServiceNames: ['billing.DEFAULT'] } } });
    const s = roleStatements(stack);
    expect(s.TraceQuery.Resource).toHaveLength(6);
    expect(s.ResultsWrite.Resource).toEqual([
      arn('logs', 'us-east-1:123456789012:log-group:/aws/bedrock-agentcore/evaluations/results/quality_concierge-*'),
      arn('logs', 'us-east-1:123456789012:log-group:/aws/bedrock-agentcore/evaluations/results/quality_billing-*'),
    ]);
  });

  test('long runtime names that share a prefix still give distinct, stable config names of at most 48 characters', () => {
    const stack = testStack();
    const evaluation = new OnlineEvaluation(stack, 'Quality', {
      onlineEvaluationConfigName: 'support_quality',
      runtimes: [
        testRuntime(stack, 'A', { runtimeName: 'customer_support_agent_for_orders' }),
        testRuntime(stack, 'B', { runtimeName: 'customer_support_agent_for_returns' }),
      ],
      builtinEvaluators: [agentcore.BuiltinEvaluator.HELPFULNESS],
    });
    const names = evaluation.configs.map((c) => c.onlineEvaluationConfigName);
    expect(names).toEqual([expect.stringMatching(/^support_quality_customer_support_agent__[0-9a-f]{8}$/), expect.stringMatching(/^support_quality_customer_support_agent__[0-9a-f]{8}$/)]);
    expect(new Set(names).size).toBe(2);
    expect(names.every((n) => n.length === 48)).toBe(true);
  });

  test('another endpoint can be evaluated', () => {
    const stack = testStack();
    new OnlineEvaluation(stack, 'Quality', { runtimes: [agent(stack, 'Concierge')], endpointName: 'production', builtinEvaluators: [agentcore.BuiltinEvaluator.HELPFULNESS] });
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::OnlineEvaluationConfig', {
      DataSourceConfig: { CloudWatchLogs: { ServiceNames: ['concierge.production'] } },
    });
  });

  test("aws-cdk-lib's Runtime and Evaluator work with it: the judge model is read from their evaluator", () => {
    const stack = testStack();
    const theirs = new agentcore.Runtime(stack, 'Theirs', {
      runtimeName: 'theirs',
      agentRuntimeArtifact: agentcore.AgentRuntimeArtifact.fromEcrRepository(ecr.Repository.fromRepositoryName(stack, 'TheirRepo', 'agents'), 'v1'),
    });
    const theirJudge = new agentcore.Evaluator(stack, 'TheirJudge', {
      evaluatorName: 'their_judge',
      level: agentcore.EvaluationLevel.TRACE,
      evaluatorConfig: agentcore.EvaluatorConfig.llmAsAJudge({ instructions: 'Rate {assistant_turn}.', modelId: 'amazon.nova-pro-v1:0', ratingScale: SCALE }),
    });
    const code = new agentcore.Evaluator(stack, 'Code', {
      evaluatorName: 'code',
      level: agentcore.EvaluationLevel.TRACE,
      evaluatorConfig: agentcore.EvaluatorConfig.codeBased({
        lambdaFunction: lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:score'),
      }),
    });
    new OnlineEvaluation(stack, 'Quality', { runtimes: [theirs], evaluators: [theirJudge, code] });
    expect(roleStatements(stack).Models.Resource).toEqual(arn('bedrock', 'us-east-1::foundation-model/amazon.nova-pro-v1:0'));
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::OnlineEvaluationConfig', {
      DataSourceConfig: { CloudWatchLogs: { ServiceNames: ['theirs.DEFAULT'] } },
    });
  });

  test('an imported evaluator: a warning until its judge model is named in judgeModels', () => {
    const stack = testStack();
    const imported = agentcore.Evaluator.fromEvaluatorId(stack, 'Shared', 'shared_judge-AbCdEf1234');
    new OnlineEvaluation(stack, 'Quality', { runtimes: [agent(stack, 'Concierge')], evaluators: [imported] });
    Annotations.fromStack(stack).hasWarning('/TestStack/Quality', Match.stringLikeRegexp('may invoke no model for evaluator TestStack/Shared: it is imported.*list its model in judgeModels'));

    const other = testStack();
    new OnlineEvaluation(other, 'Quality', {
      runtimes: [agent(other, 'Concierge')],
      evaluators: [agentcore.Evaluator.fromEvaluatorId(other, 'Shared', 'shared_judge-AbCdEf1234')],
      judgeModels: [BedrockModel.foundationModel('amazon.nova-pro-v1:0')],
    });
    Annotations.fromStack(other).hasNoWarning('*', Match.anyValue());
    expect(roleStatements(other).Models.Resource).toEqual(arn('bedrock', 'us-east-1::foundation-model/amazon.nova-pro-v1:0'));
  });

  test('is clean under AwsSolutions and AgentCoreChecks', () => {
    const stack = testStack();
    new OnlineEvaluation(stack, 'Quality', {
      runtimes: [agent(stack, 'Concierge'), agent(stack, 'Billing')],
      evaluators: [judge(stack)],
      builtinEvaluators: [agentcore.BuiltinEvaluator.HELPFULNESS],
    });
    expect(nagErrors(stack)).toEqual([]);
    expect(nagErrors(stack, new AgentCoreChecks())).toEqual([]);
  });

  test('publishes the role, the configs and their results log groups to SSM', () => {
    const stack = testStack();
    AgentCoreEnvironment.set(stack, 'prod');
    new OnlineEvaluation(stack, 'Quality', { runtimes: [agent(stack, 'Concierge')], builtinEvaluators: [agentcore.BuiltinEvaluator.HELPFULNESS] })
      .addSsmOutputs();
    const names = Object.values(Template.fromStack(stack).findResources('AWS::SSM::Parameter')).map((p: any) => p.Properties.Name);
    expect(names).toEqual([
      '/agentcore/prod/evaluation/execution_role_arn',
      '/agentcore/prod/evaluation/online_evaluation_config_id',
      '/agentcore/prod/evaluation/online_evaluation_config_arn',
      '/agentcore/prod/evaluation/results_log_group_name',
    ]);
    Template.fromStack(stack).hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/agentcore/prod/evaluation/results_log_group_name',
      Value: { 'Fn::Join': ['', ['/aws/bedrock-agentcore/evaluations/results/', { 'Fn::GetAtt': [Match.stringLikeRegexp('^QualityConfig'), 'OnlineEvaluationConfigId'] }]] },
    });
  });

  test('with several runtimes, each config\'s outputs are prefixed with the runtime name', () => {
    const stack = testStack();
    new OnlineEvaluation(stack, 'Quality', { runtimes: [agent(stack, 'Concierge'), agent(stack, 'Billing')], builtinEvaluators: [agentcore.BuiltinEvaluator.HELPFULNESS] })
      .addSsmOutputs();
    const names = Object.values(Template.fromStack(stack).findResources('AWS::SSM::Parameter')).map((p: any) => p.Properties.Name);
    expect(names).toContain('/agentcore/dev/evaluation/billing_results_log_group_name');
    expect(names).toContain('/agentcore/dev/evaluation/concierge_online_evaluation_config_id');
  });

  describe('bad input fails with every problem at once', () => {
    function evaluation(props: Partial<OnlineEvaluationProps>, stack = testStack()) {
      const runtimes = props.runtimes ?? [agent(stack, 'Concierge')];
      return () => new OnlineEvaluation(stack, 'Quality', { builtinEvaluators: [agentcore.BuiltinEvaluator.HELPFULNESS], ...props, runtimes });
    }

    test('no runtime and no evaluator', () => {
      expect(evaluation({ runtimes: [], builtinEvaluators: [] })).toThrow(new RegExp([
        "Invalid OnlineEvaluation props at 'TestStack/Quality':",
        '  - runtimes must list at least one runtime whose traces are evaluated',
        '  - no evaluators: list builtinEvaluators and/or evaluators \\(1-10 in total\\)',
      ].join('\n')));
    });

    test('more than 10 evaluators, a duplicate, a bad rule', () => {
      const all = [
        agentcore.BuiltinEvaluator.CORRECTNESS, agentcore.BuiltinEvaluator.FAITHFULNESS, agentcore.BuiltinEvaluator.HELPFULNESS,
        agentcore.BuiltinEvaluator.RESPONSE_RELEVANCE, agentcore.BuiltinEvaluator.CONCISENESS, agentcore.BuiltinEvaluator.COHERENCE,
        agentcore.BuiltinEvaluator.INSTRUCTION_FOLLOWING, agentcore.BuiltinEvaluator.REFUSAL, agentcore.BuiltinEvaluator.GOAL_SUCCESS_RATE,
        agentcore.BuiltinEvaluator.TOOL_SELECTION_ACCURACY, agentcore.BuiltinEvaluator.HELPFULNESS,
      ];
      expect(evaluation({ builtinEvaluators: all, samplingPercentage: 0, sessionTimeout: Duration.hours(25), description: '' })).toThrow(new RegExp([
        '  - 11 evaluators; an online evaluation config applies at most 10',
        "  - builtinEvaluators 'Builtin.Helpfulness' is listed twice",
        '  - samplingPercentage 0 must be between 0.01 percent and 100 percent',
        '  - sessionTimeout 1500 must be between 1 minutes and 1440 minutes',
        "  - description '' must be 1-200 characters long \\(it is 0\\)",
      ].join('\n')));
    });

    test('a runtime listed twice, a bad endpoint and config name', () => {
      const stack = testStack();
      const concierge = agent(stack, 'Concierge');
      expect(evaluation({ runtimes: [concierge, concierge], endpointName: 'prod-1', onlineEvaluationConfigName: 'my-eval' }, stack)).toThrow(new RegExp([
        '  - runtimes\\[1\\] \\(TestStack/Concierge\\) is listed twice',
        "  - endpointName 'prod-1' must match .*",
        "  - onlineEvaluationConfigName 'my-eval' must match .*",
        "  - two runtimes get the config name 'my-eval_concierge'",
      ].join('\n')));
    });

    test('an evaluator that needs ground truth cannot evaluate live traffic', () => {
      const stack = testStack();
      const reference = judge(stack, 'Reference', 'Compare {assistant_turn} with {expected_response}.');
      expect(evaluation({ evaluators: [reference] }, stack))
        .toThrow(/evaluators\[0\] \(TestStack\/Reference\) uses ground truth \(\{expected_response\}\), which live traffic does not have: use it for on-demand evaluation only/);
    });
  });
});

describe('EvaluationRole', () => {
  test("makes aws-cdk-lib's OnlineEvaluationConfig least-privilege", () => {
    const stack = testStack();
    const runtime = agent(stack, 'Concierge');
    const role = new EvaluationRole(stack, 'QualityExecutionRole', { onlineEvaluationConfigNames: ['support_quality'], judgeModels: [SONNET] });
    role.addTraceSource(runtime);
    new agentcore.OnlineEvaluationConfig(stack, 'Quality', {
      onlineEvaluationConfigName: 'support_quality',
      executionRole: role,
      evaluators: [agentcore.EvaluatorSelector.builtin(agentcore.BuiltinEvaluator.HELPFULNESS)],
      dataSource: agentcore.DataSourceConfig.fromAgentRuntimeEndpoint(runtime),
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::Role', 1 + 1 + 4);
    expect(roleStatements(stack).TraceQuery.Resource).toContainEqual(logGroupOf('Concierge', ':*'));
    expect(nagErrors(stack)).toEqual([]);
    expect(nagErrors(stack, new AgentCoreChecks())).toEqual([]);
  });

  test('needs at least one valid config name', () => {
    expect(() => new EvaluationRole(testStack(), 'Role', { onlineEvaluationConfigNames: [] }))
      .toThrow(/onlineEvaluationConfigNames must name at least one online evaluation config/);
    expect(() => new EvaluationRole(testStack(), 'Role', { onlineEvaluationConfigNames: ['bad name'] }))
      .toThrow(/onlineEvaluationConfigNames\[0\] 'bad name' must match/);
  });
});
