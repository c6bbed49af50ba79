import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { AgentCoreEnvironment, BedrockModel, LlmJudgeEvaluator, LlmJudgeEvaluatorProps } from '../../lib';
import { placeholdersOf } from '../../lib/evaluation/placeholders';
import { testStack } from '../helpers/stack';

const SCALE = agentcore.EvaluatorRatingScale.categorical([
  { label: 'Polite', definition: 'Courteous throughout.' },
  { label: 'Impolite', definition: 'Rude or dismissive at least once.' },
]);
const MODEL = BedrockModel.inferenceProfile('us.anthropic.claude-sonnet-4-20250514-v1:0');

function judge(props: Partial<LlmJudgeEvaluatorProps> = {}) {
  const stack = testStack();
  const evaluator = new LlmJudgeEvaluator(stack, 'Politeness', {
    model: MODEL,
    instructions: 'Given the conversation {context}, rate whether the answer {assistant_turn} is polite.',
    ratingScale: SCALE,
    ...props,
  });
  return { stack, evaluator };
}

describe('LlmJudgeEvaluator', () => {
  test('synthesizes an AWS::BedrockAgentCore::Evaluator with the judge model, the level and the rating scale', () => {
    const { stack } = judge({
      evaluatorName: 'politeness',
      level: agentcore.EvaluationLevel.SESSION,
      instructions: 'Was the whole session {context} polite?',
      inferenceConfig: { maxTokens: 512, temperature: 0, topP: 0.9 },
      description: 'Politeness of the concierge',
      tags: { team: 'support' },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::Evaluator', {
      EvaluatorName: 'politeness',
      Level: 'SESSION',
      Description: 'Politeness of the concierge',
      EvaluatorConfig: {
        LlmAsAJudge: {
          Instructions: 'Was the whole session {context} polite?',
          ModelConfig: {
            BedrockEvaluatorModelConfig: {
              ModelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
              InferenceConfig: { MaxTokens: 512, Temperature: 0, TopP: 0.9 },
            },
          },
          RatingScale: { Categorical: [{ Label: 'Polite', Definition: 'Courteous throughout.' }, { Label: 'Impolite', Definition: 'Rude or dismissive at least once.' }] },
        },
      },
      Tags: [{ Key: 'team', Value: 'support' }],
    });
  });

  test('defaults: TRACE level and a stable generated name', () => {
    const { stack, evaluator } = judge();
    expect(evaluator.level.value).toBe('TRACE');
    expect(evaluator.evaluatorName).toMatch(/^TestStack_Politeness_[0-9A-F]{8}$/);
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::Evaluator', { Level: 'TRACE', EvaluatorName: evaluator.evaluatorName });
  });

  test("is an aws-cdk-lib IEvaluator: aws-cdk-lib's OnlineEvaluationConfig accepts it", () => {
    const { stack, evaluator } = judge();
    new agentcore.OnlineEvaluationConfig(stack, 'Theirs', {
      onlineEvaluationConfigName: 'theirs',
      evaluators: [agentcore.EvaluatorSelector.custom(evaluator)],
      dataSource: agentcore.DataSourceConfig.fromCloudWatchLogs({ logGroupNames: ['/aws/x'], serviceNames: ['x.DEFAULT'] }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::OnlineEvaluationConfig', {
      Evaluators: [{ EvaluatorId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Politeness'), 'EvaluatorId'] } }],
    });
  });

  test('publishes its identifiers to SSM', () => {
    const stack = testStack();
    AgentCoreEnvironment.set(stack, 'prod');
    new LlmJudgeEvaluator(stack, 'Politeness', {
      evaluatorName: 'politeness',
      model: MODEL,
      ratingScale: SCALE,
      instructions: 'Given the conversation {context}, rate whether the answer {assistant_turn} is polite.',
    }).addSsmOutputs();
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::SSM::Parameter', { Name: '/agentcore/prod/evaluator/evaluator_id', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Politeness'), 'EvaluatorId'] } });
    t.hasResourceProperties('AWS::SSM::Parameter', { Name: '/agentcore/prod/evaluator/evaluator_arn' });
    t.hasResourceProperties('AWS::SSM::Parameter', { Name: '/agentcore/prod/evaluator/evaluator_name', Value: 'politeness' });
  });

  test('bad configuration fails with every problem at once', () => {
    expect(() => judge({
      evaluatorName: 'polite-ness',
      description: 'x'.repeat(201),
      instructions: 'Is the answer polite?',
      inferenceConfig: { maxTokens: 0, temperature: 1.5, topP: -0.1 },
    })).toThrow(new RegExp([
      "Invalid LlmJudgeEvaluator props at 'TestStack/Politeness':",
      "  - evaluatorName 'polite-ness' must match \\[a-zA-Z\\]\\[a-zA-Z0-9_\\]\\{0,47\\}: '-' at character 7 is not allowed there",
      '  - description .* must be 1-200 characters long \\(it is 201\\)',
      "  - instructions 'Is the answer polite\\?' must use at least one placeholder of the TRACE level \\(\\{context\\}, \\{assistant_turn\\}\\); AgentCore replaces them.*",
      '  - inferenceConfig.maxTokens 0 must be a whole number of at least 1',
      '  - inferenceConfig.temperature 1.5 must be between 0 and 1',
      '  - inferenceConfig.topP -0.1 must be between 0 and 1',
    ].join('\n')));
  });

  test('empty instructions', () => {
    expect(() => judge({ instructions: '  ' })).toThrow(/instructions '  ' must not be empty/);
  });

  test('a placeholder of another level is not enough', () => {
    expect(() => judge({ level: agentcore.EvaluationLevel.TOOL_CALL, instructions: 'Rate {assistant_turn}.' }))
      .toThrow(/must use at least one placeholder of the TOOL_CALL level \(\{available_tools\}, \{context\}, \{tool_turn\}\)/);
  });

  test('an undocumented placeholder is a warning, not an error', () => {
    const { stack } = judge({ instructions: 'Rate {assistant_turn} against {house_style}.' });
    Annotations.fromStack(stack).hasWarning('/TestStack/Politeness', Match.stringLikeRegexp('instructions use \\{house_style\\}, which the TRACE level does not document'));
  });

  test('ground-truth placeholders are recorded (on-demand only)', () => {
    const { evaluator } = judge({ instructions: 'Compare {assistant_turn} with {expected_response}.' });
    expect(evaluator.groundTruthPlaceholders).toEqual(['expected_response']);
  });
});

describe('placeholdersOf', () => {
  test('sorts placeholders by level, ground truth and unknown, once each', () => {
    expect(placeholdersOf('{context} {context} {tool_turn} {assertions} {x_1} {not a placeholder} {}', 'TRACE')).toEqual({
      supported: ['context'],
      groundTruth: ['assertions'],
      unknown: ['tool_turn', 'x_1'],
    });
  });
});
