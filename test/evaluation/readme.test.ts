import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { AgentCoreChecks, AgentRuntime, AgentRuntimeArtifact, BedrockModel, LlmJudgeEvaluator, OnlineEvaluation } from '../../lib';
import { nagErrors } from '../helpers/nag';

/** The example of README.md, 'Evaluations', verbatim inside the constructor. */
class ReadmeEvaluationStack extends Stack {
  constructor(app: App) {
    super(app, 'Readme', { env: { account: '123456789012', region: 'us-east-1' } });
    const artifact = AgentRuntimeArtifact.fromEcrRepository(ecr.Repository.fromRepositoryName(this, 'Repo', 'agents'), { digest: `sha256:${'a'.repeat(64)}` });
    const agent = new AgentRuntime(this, 'Agent', { artifact });

    const politeness = new LlmJudgeEvaluator(this, 'Politeness', {
      model: BedrockModel.inferenceProfile('us.anthropic.claude-sonnet-4-20250514-v1:0'), // the judge
      instructions: 'Given the conversation {context}, rate whether the answer {assistant_turn} is polite.',
      ratingScale: agentcore.EvaluatorRatingScale.categorical([
        { label: 'Polite', definition: 'Courteous throughout.' },
        { label: 'Impolite', definition: 'Rude or dismissive at least once.' },
      ]),
    });
    const quality = new OnlineEvaluation(this, 'Quality', {
      runtimes: [agent], // several runtimes: one config each (AgentCore reads one endpoint per config)
      builtinEvaluators: [agentcore.BuiltinEvaluator.HELPFULNESS, agentcore.BuiltinEvaluator.GOAL_SUCCESS_RATE],
      evaluators: [politeness],
      samplingPercentage: 5,
    });
    quality.addSsmOutputs(); // role ARN, config ids and ARNs, results log groups
  }
}

test('the README evaluation example synthesizes clean', () => {
  const stack = new ReadmeEvaluationStack(new App());
  const t = Template.fromStack(stack);
  t.resourceCountIs('AWS::BedrockAgentCore::OnlineEvaluationConfig', 1);
  t.resourceCountIs('AWS::BedrockAgentCore::Evaluator', 1);
  expect(nagErrors(stack)).toEqual([]);
  expect(nagErrors(stack, new AgentCoreChecks())).toEqual([]);
});
