/**
 * The synthesized PolicyEngine, Policy and Gateway resources validate against their CloudFormation registry schemas.
 *
 * test/fixtures/specs/cfn/aws-bedrockagentcore-{policyengine,policy,gateway}.json are unmodified copies of the registry's
 * schemas (source and license: test/fixtures/specs/README.md).
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { addPolicy, ordersSetup } from './fixtures';
import { GatewayPolicyEngineMode, PolicyEnforcementMode, PolicyEngine } from '../../lib';

const SPECS = path.join(__dirname, '..', 'fixtures', 'specs', 'cfn');

/** Values CloudFormation would give the attributes the templates reference. */
const ATTRIBUTES: { [attr: string]: string } = {
  PolicyEngineArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/guardrails_of_the_tools-abcdefghij',
  PolicyEngineId: 'guardrails_of_the_tools-abcdefghij',
  GatewayArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/tools-abcdefghij',
  Arn: 'arn:aws:iam::123456789012:role/gateway-role',
};

/** Replaces intrinsics with concrete values, as CloudFormation resolves them before the resource handler sees them. */
function concrete(value: any): any {
  if (Array.isArray(value)) return value.map(concrete);
  if (value === null || typeof value !== 'object') return value;
  if (value['Fn::GetAtt']) return ATTRIBUTES[value['Fn::GetAtt'][1]] ?? `unknown-${value['Fn::GetAtt'][1]}`;
  if (value['Fn::Join']) return value['Fn::Join'][1].map(concrete).join(value['Fn::Join'][0]);
  if (value.Ref === 'AWS::Partition') return 'aws';
  if (value.Ref) return `ref-${value.Ref}`;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, concrete(v)]));
}

function validator(file: string) {
  const schema = JSON.parse(fs.readFileSync(path.join(SPECS, file), 'utf-8'));
  return new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
}

test('PolicyEngine, Policy and Gateway (with PolicyEngineConfiguration) match their CloudFormation schemas', () => {
  const { stack, engine, gateway } = ordersSetup({ policyEngineMode: GatewayPolicyEngineMode.LOG_ONLY });
  addPolicy(engine, 'read', `permit(principal is AgentCore::IamEntity, action == AgentCore::Action::"Orders___get_order", resource == AgentCore::Gateway::"${gateway.gatewayArn}");`);
  engine.addPolicy('Shadow', {
    policyName: 'shadow',
    description: 'A new rule, observed before it is enforced',
    enforcementMode: PolicyEnforcementMode.LOG_ONLY,
    statement: addPolicy(engine, 'base', 'forbid(principal, action, resource) when { context.input has secret };').statement,
  });
  new PolicyEngine(stack, 'Encrypted', {
    description: 'd',
    kmsKey: kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555'),
    tags: { team: 'support' },
  });
  const t = Template.fromStack(stack);
  const checks: Array<[string, string, number]> = [
    ['AWS::BedrockAgentCore::PolicyEngine', 'aws-bedrockagentcore-policyengine.json', 2],
    ['AWS::BedrockAgentCore::Policy', 'aws-bedrockagentcore-policy.json', 3],
    ['AWS::BedrockAgentCore::Gateway', 'aws-bedrockagentcore-gateway.json', 1],
  ];
  for (const [type, file, count] of checks) {
    const validate = validator(file);
    const resources = Object.values(t.findResources(type));
    expect(resources).toHaveLength(count);
    for (const r of resources) {
      const properties = concrete((r as any).Properties);
      const valid = validate(properties);
      expect({ type, properties, errors: valid ? [] : validate.errors }).toEqual({ type, properties, errors: [] });
    }
  }
});

test('the schema check catches what it should (a policy without Definition, a wrong gateway mode)', () => {
  expect(validator('aws-bedrockagentcore-policy.json')({ Name: 'p', PolicyEngineId: ATTRIBUTES.PolicyEngineId })).toBe(false);
  expect(validator('aws-bedrockagentcore-gateway.json')({
    Name: 'g', AuthorizerType: 'AWS_IAM', RoleArn: ATTRIBUTES.Arn, PolicyEngineConfiguration: { Arn: ATTRIBUTES.PolicyEngineArn, Mode: 'ACTIVE' },
  })).toBe(false);
});
