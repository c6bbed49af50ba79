import { Stack } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { BedrockModel, EvaluationRole } from '../../lib';
import { namesFor, ruleErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';

const SOURCE = agentcore.DataSourceConfig.fromCloudWatchLogs({
  logGroupNames: ['/aws/bedrock-agentcore/runtimes/agent-AbCdEf1234-DEFAULT'],
  serviceNames: ['agent.DEFAULT'],
});

/** aws-cdk-lib's OnlineEvaluationConfig, with its default role unless one is given. */
function config(stack: Stack, executionRole?: iam.IRole, id = 'Config'): agentcore.OnlineEvaluationConfig {
  return new agentcore.OnlineEvaluationConfig(stack, id, {
    onlineEvaluationConfigName: id.toLowerCase(),
    executionRole,
    evaluators: [agentcore.EvaluatorSelector.builtin(agentcore.BuiltinEvaluator.HELPFULNESS)],
    dataSource: SOURCE,
  });
}

/** A role AgentCore may assume, with the given statements in its default policy. */
function role(stack: Stack, ...statements: iam.PolicyStatement[]): iam.Role {
  const r = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
  statements.forEach((s) => r.addToPolicy(s));
  return r;
}

describe('AgentCore-EVAL2 (evaluation role invokes every model)', () => {
  test("Noncompliance: aws-cdk-lib's default role (every foundation model and inference profile)", () => {
    const stack = testStack();
    config(stack);
    expect(namesFor(stack, 'EVAL2')).toEqual(['AgentCore-EVAL2[Action::bedrock:InvokeModel]', 'AgentCore-EVAL2[Action::bedrock:InvokeModelWithResponseStream]']);
    expect(namesFor(stack, 'IAM1')).not.toEqual([]); // every foundation model, on the role's policy
  });

  test('Noncompliance: every inference profile alone, through a wildcard action', () => {
    const stack = testStack();
    config(stack, role(stack, new iam.PolicyStatement({ actions: ['bedrock:Invoke*'], resources: ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/*'] })));
    expect(namesFor(stack, 'EVAL2')).toEqual(['AgentCore-EVAL2[Action::bedrock:Invoke*]']);
  });

  test('Noncompliance: an inline policy of the role, and an attached AWS managed policy', () => {
    const stack = testStack();
    const r = new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com'),
      inlinePolicies: { judge: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: ['*'] })] }) },
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonBedrockFullAccess')],
    });
    config(stack, r);
    expect(namesFor(stack, 'EVAL2')).toEqual(['AgentCore-EVAL2[Action::bedrock:InvokeModel]', 'AgentCore-EVAL2[ManagedPolicy::AmazonBedrockFullAccess]']);
  });

  test('Noncompliance: a customer managed policy attached through the role', () => {
    const stack = testStack();
    const policy = new iam.ManagedPolicy(stack, 'Judges', { statements: [new iam.PolicyStatement({ actions: ['bedrock:*'], resources: ['arn:aws:bedrock:*::foundation-model/*'] })] });
    const r = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com'), managedPolicies: [policy] });
    config(stack, r);
    expect(namesFor(stack, 'EVAL2')).toEqual(['AgentCore-EVAL2[Action::bedrock:*]']);
  });

  test('Compliance: EvaluationRole with an exact judge model; a role that is not in the stack is not applicable', () => {
    const stack = testStack();
    config(stack, new EvaluationRole(stack, 'ScopedRole', {
      onlineEvaluationConfigNames: ['scoped'],
      judgeModels: [BedrockModel.inferenceProfile('us.anthropic.claude-sonnet-4-20250514-v1:0')],
    }), 'Scoped');
    config(stack, iam.Role.fromRoleArn(stack, 'ImportedRole', 'arn:aws:iam::123456789012:role/evaluation'), 'Imported');
    expect(namesFor(stack, 'EVAL2')).toEqual([]);
    expect(ruleErrors(stack)).toEqual([]);
  });
});

describe('AgentCore-EVAL1 (evaluation role reads every log group)', () => {
  test("Noncompliance: the console's example policy (logs:StartQuery on *)", () => {
    const stack = testStack();
    config(stack, role(stack,
      new iam.PolicyStatement({ actions: ['logs:DescribeLogGroups', 'logs:GetQueryResults', 'logs:StartQuery'], resources: ['*'] }),
      new iam.PolicyStatement({ actions: ['logs:FilterLogEvents'], resources: ['arn:aws:logs:us-east-1:123456789012:log-group:*'] })));
    expect(namesFor(stack, 'EVAL1')).toEqual(['AgentCore-EVAL1[Action::logs:StartQuery]', 'AgentCore-EVAL1[Action::logs:FilterLogEvents]']);
  });

  test('Noncompliance: logs:* and NotAction; read-only managed policies', () => {
    const stack = testStack();
    const r = role(stack,
      new iam.PolicyStatement({ actions: ['logs:*'], resources: ['*'] }),
      new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] }));
    r.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchLogsReadOnlyAccess'));
    config(stack, r);
    expect(namesFor(stack, 'EVAL1')).toEqual([
      'AgentCore-EVAL1[Action::logs:*]', 'AgentCore-EVAL1[NotAction]', 'AgentCore-EVAL1[ManagedPolicy::CloudWatchLogsReadOnlyAccess]',
    ]);
  });

  test("Compliance: queries scoped to log groups (aws-cdk-lib's default role and EvaluationRole); DescribeLogGroups on * alone", () => {
    const stack = testStack();
    config(stack);
    config(stack, new EvaluationRole(stack, 'ScopedRole', { onlineEvaluationConfigNames: ['scoped'] }), 'Scoped');
    expect(namesFor(stack, 'EVAL1')).toEqual([]);
    expect(ruleErrors(stack)).toEqual([]);
  });

  test('Not applicable: resources other than online evaluation configs', () => {
    const stack = testStack();
    role(stack, new iam.PolicyStatement({ actions: ['logs:StartQuery'], resources: ['*'] }));
    expect(namesFor(stack, 'EVAL1')).toEqual([]);
  });
});
