import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { addPolicy, ordersSetup } from './fixtures';
import { AgentCoreEnvironment, CedarPolicy, CedarStatement, PolicyEnforcementMode, PolicyEngine, PolicyValidationMode } from '../../lib';
import { nagErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';

const ENGINE_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/shared_engine-abcdefghij';
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const STATEMENT = CedarStatement.fromString('forbid(principal, action, resource) when { context.input has secret };');

function only(stack: Stack, type: string): any {
  const resources = Object.values(Template.fromStack(stack).findResources(type));
  expect(resources).toHaveLength(1);
  return resources[0];
}

describe('PolicyEngine', () => {
  test('defaults: a generated valid name and nothing else', () => {
    const stack = testStack();
    const engine = new PolicyEngine(stack, 'Guardrails');
    const props = only(stack, 'AWS::BedrockAgentCore::PolicyEngine').Properties;
    expect(props).toEqual({ Name: engine.policyEngineName });
    expect(engine.policyEngineName).toMatch(/^TestStack_Guardrails_[0-9A-F]{8}$/);
    expect(stack.resolve(engine.policyEngineArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Guardrails/), 'PolicyEngineArn'] });
    expect(stack.resolve(engine.policyEngineId)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Guardrails/), 'PolicyEngineId'] });
    expect(stack.resolve(engine.policyEngineRef.policyEngineArn)).toEqual(stack.resolve(engine.policyEngineArn));
  });

  test('a generated name is valid for long and odd paths (a letter first, at most 48)', () => {
    const stack = new Stack(testStack().node.root as any, 'A-Very-Long-Stack-Name-With-Many-Words-That-Goes-On-And-On');
    const engine = new PolicyEngine(stack, 'Engine-With--Odd__Id');
    expect(engine.policyEngineName).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,47}$/);
  });

  test('description, key and tags are rendered', () => {
    const stack = testStack();
    new PolicyEngine(stack, 'Engine', {
      policyEngineName: 'guardrails',
      description: 'Guards the support tools',
      kmsKey: kms.Key.fromKeyArn(stack, 'Key', KEY_ARN),
      tags: { team: 'support' },
    });
    expect(only(stack, 'AWS::BedrockAgentCore::PolicyEngine').Properties).toEqual({
      Name: 'guardrails',
      Description: 'Guards the support tools',
      EncryptionKeyArn: KEY_ARN,
      Tags: [{ Key: 'team', Value: 'support' }],
    });
  });

  test('invalid props are all reported, each with the property, the value and the rule', () => {
    const stack = testStack();
    const alias = kms.Alias.fromAliasName(stack, 'Alias', 'alias/guardrails');
    expect(() => new PolicyEngine(stack, 'Engine', {
      policyEngineName: '1-bad-name',
      description: '',
      kmsKey: alias,
      tags: { 'aws:reserved': 'x' },
    })).toThrow([
      "Invalid PolicyEngine props at 'TestStack/Engine':",
      "  - policyEngineName '1-bad-name' must match [A-Za-z][A-Za-z0-9_]{0,47} (a letter, then letters, digits or _; at most 48): '1' at character 1 is not allowed there",
      "  - description '' must be 1-4096 characters long (it is 0)",
      `  - kmsKey '${alias.keyArn}' must be a key, not an alias (AgentCore accepts key ARNs only)`,
      "  - tags key 'aws:reserved' must not start with 'aws:' (reserved by AWS)",
    ].join('\n'));
    expect(() => new PolicyEngine(testStack(), 'Engine', { policyEngineName: 'a'.repeat(49) })).toThrow(/policyEngineName 'a{49}' must match/);
  });

  test('grantRead gives GetPolicyEngine on exactly this engine; grant gives the given actions', () => {
    const stack = testStack();
    const engine = new PolicyEngine(stack, 'Engine');
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    engine.grantRead(role);
    engine.grant(role, 'bedrock-agentcore:ListPolicies');
    expect(only(stack, 'AWS::IAM::Policy').Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: 'bedrock-agentcore:GetPolicyEngine', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Engine/), 'PolicyEngineArn'] } },
      { Effect: 'Allow', Action: 'bedrock-agentcore:ListPolicies', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Engine/), 'PolicyEngineArn'] } },
    ]);
  });

  test('fromPolicyEngineArn parses the id and name; bad ARNs and token ARNs without ids are errors', () => {
    const stack = testStack();
    const engine = PolicyEngine.fromPolicyEngineArn(stack, 'Shared', ENGINE_ARN);
    expect(engine.policyEngineId).toBe('shared_engine-abcdefghij');
    expect(engine.policyEngineName).toBe('shared_engine');
    expect(engine.env).toEqual(expect.objectContaining({ account: '123456789012', region: 'us-east-1' }));
    expect(() => PolicyEngine.fromPolicyEngineArn(stack, 'Bad', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/g-abcdefghij'))
      .toThrow(/policyEngineArn 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway\/g-abcdefghij' is not a policy-engine ARN/);
    const param = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() }).roleArn;
    expect(() => PolicyEngine.fromPolicyEngineAttributes(stack, 'Token', { policyEngineArn: param })).toThrow(/policyEngineArn is a token, so policyEngineId is required/);
    const imported = PolicyEngine.fromPolicyEngineAttributes(stack, 'Token2', { policyEngineArn: param, policyEngineId: 'e-abcdefghij' });
    expect(imported.policyEngineName).toBe('e');
  });

  test('addSsmOutputs publishes the id and the ARN under /agentcore/<environment>/policy-engine/', () => {
    const stack = testStack();
    AgentCoreEnvironment.set(stack, 'prod');
    new PolicyEngine(stack, 'Engine').addSsmOutputs();
    const names = Object.values(Template.fromStack(stack).findResources('AWS::SSM::Parameter')).map((p: any) => p.Properties.Name);
    expect(names).toEqual(['/agentcore/prod/policy-engine/policy_engine_id', '/agentcore/prod/policy-engine/policy_engine_arn']);
  });
});

describe('CedarPolicy', () => {
  test('renders name, engine id, Cedar definition, description and the validation mode (FAIL_ON_ANY_FINDINGS by default)', () => {
    const stack = testStack();
    const engine = new PolicyEngine(stack, 'Engine');
    const policy = engine.addPolicy('NoSecrets', { statement: STATEMENT, description: 'Never pass secrets to tools' });
    expect(only(stack, 'AWS::BedrockAgentCore::Policy').Properties).toEqual({
      Name: policy.policyName,
      PolicyEngineId: { 'Fn::GetAtt': [expect.stringMatching(/^Engine/), 'PolicyEngineId'] },
      Definition: { Cedar: { Statement: STATEMENT.text } },
      Description: 'Never pass secrets to tools',
      ValidationMode: 'FAIL_ON_ANY_FINDINGS',
    });
    expect(policy.policyName).toMatch(/^TestStack_Engine_NoSecrets_[0-9A-F]{8}$/);
    expect(engine.policies).toEqual([policy]);
  });

  test('the enforcement mode is set only when given (EnforcementMode of the CloudFormation schema)', () => {
    const stack = testStack();
    const engine = new PolicyEngine(stack, 'Engine');
    engine.addPolicy('Shadow', { statement: STATEMENT, enforcementMode: PolicyEnforcementMode.LOG_ONLY, validationMode: PolicyValidationMode.IGNORE_ALL_FINDINGS });
    const props = only(stack, 'AWS::BedrockAgentCore::Policy').Properties;
    expect(props.EnforcementMode).toBe('LOG_ONLY');
    expect(props.ValidationMode).toBe('IGNORE_ALL_FINDINGS');
  });

  test('wrong modes (from untyped languages), a bad name and a duplicate name are reported', () => {
    const stack = testStack();
    const engine = new PolicyEngine(stack, 'Engine');
    engine.addPolicy('First', { statement: STATEMENT, policyName: 'no_secrets' });
    expect(() => engine.addPolicy('Second', {
      statement: STATEMENT,
      policyName: 'no_secrets',
      enforcementMode: 'ENFORCE' as PolicyEnforcementMode,
      validationMode: 'STRICT' as PolicyValidationMode,
    })).toThrow([
      "Invalid CedarPolicy props at 'TestStack/Engine/Second':",
      "  - policyName 'no_secrets' is already used by TestStack/Engine/First in this policy engine; policy names must be unique in an engine",
      "  - enforcementMode 'ENFORCE' must be one of ACTIVE, LOG_ONLY (PolicyEnforcementMode)",
      "  - validationMode 'STRICT' must be one of FAIL_ON_ANY_FINDINGS, IGNORE_ALL_FINDINGS (PolicyValidationMode)",
    ].join('\n'));
    expect(() => engine.addPolicy('Third', { statement: STATEMENT, policyName: 'has-hyphen' })).toThrow(/policyName 'has-hyphen' must match/);
  });

  test('a policy of an imported engine uses its id; grantRead names exactly the policy', () => {
    const stack = testStack();
    const engine = PolicyEngine.fromPolicyEngineArn(stack, 'Shared', ENGINE_ARN);
    const policy = new CedarPolicy(stack, 'Policy', { policyEngine: engine, statement: STATEMENT });
    const role = new iam.Role(stack, 'Auditor', { assumedBy: new iam.AccountRootPrincipal() });
    policy.grantRead(role);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::BedrockAgentCore::Policy', { PolicyEngineId: 'shared_engine-abcdefghij' });
    expect(only(stack, 'AWS::IAM::Policy').Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: 'bedrock-agentcore:GetPolicy', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Policy/), 'PolicyArn'] } },
    ]);
  });

  test('fromCedarPolicyAttributes parses the id from the ARN', () => {
    const stack = testStack();
    const policy = CedarPolicy.fromCedarPolicyAttributes(stack, 'P', { policyArn: `${ENGINE_ARN}/policy/no_secrets-0123456789` });
    expect(policy.policyId).toBe('no_secrets-0123456789');
    expect(policy.policyRef.policyArn).toBe(`${ENGINE_ARN}/policy/no_secrets-0123456789`);
    expect(() => CedarPolicy.fromCedarPolicyAttributes(stack, 'Q', { policyArn: ENGINE_ARN })).toThrow(/so policyId is required/);
  });

  test('a complete setup is clean under AwsSolutions and AgentCoreChecks', () => {
    const { stack, engine, gateway } = ordersSetup();
    addPolicy(engine, 'read', `permit(principal is AgentCore::IamEntity, action == AgentCore::Action::"Orders___get_order", resource == AgentCore::Gateway::"${gateway.gatewayArn}");`);
    expect(nagErrors(stack)).toEqual([]);
  });
});
