/**
 * Conformance (issue 9.4c): every native `AWS::BedrockAgentCore::*` resource the library synthesizes — in the example
 * app (runtimes, endpoints, resource policies, memory, gateway, targets, policy engine, policies, evaluator, online
 * evaluation configs) and in the props matrix of the runtime —
 * validates against its CloudFormation registry schema (vendored in test/fixtures/specs/cfn), with intrinsics resolved
 * the way CloudFormation resolves them.
 */
import Ajv from 'ajv';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnTemplate, cfnSchema, concrete } from './cfn';
import { MATRIX, synthesize } from './matrix';
import { exampleStack } from '../helpers/example-agent';

function exampleTemplate(): CfnTemplate {
  return Template.fromStack(exampleStack()).toJSON() as CfnTemplate;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

function validate(type: string, properties: unknown): string[] {
  if (!validators.has(type)) validators.set(type, ajv.compile(cfnSchema(type)));
  const check = validators.get(type)!;
  return check(properties) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '(properties)'} ${e.message} ${JSON.stringify(e.params)}`);
}

const templates: [string, CfnTemplate][] = [['example app', exampleTemplate()], ...MATRIX.map((entry) => [entry[0], synthesize(entry)] as [string, CfnTemplate])];
const resources = templates.flatMap(([source, template]) => Object.entries(template.Resources)
  .filter(([, r]) => r.Type.startsWith('AWS::BedrockAgentCore::'))
  .map(([id, r]) => [`${source}: ${r.Type} ${id}`, r.Type, concrete(template, r.Properties ?? {})] as const));

test('the library synthesizes native AgentCore resources of several types (the check below is not vacuous)', () => {
  expect(new Set(resources.map(([, type]) => type))).toEqual(new Set([
    'AWS::BedrockAgentCore::RuntimeEndpoint', 'AWS::BedrockAgentCore::ResourcePolicy', 'AWS::BedrockAgentCore::Memory',
    'AWS::BedrockAgentCore::Gateway', 'AWS::BedrockAgentCore::GatewayTarget', 'AWS::BedrockAgentCore::PolicyEngine',
    'AWS::BedrockAgentCore::Policy', 'AWS::BedrockAgentCore::Evaluator', 'AWS::BedrockAgentCore::OnlineEvaluationConfig',
  ]));
});

test.each(resources)('%s validates against its CloudFormation schema', (_name, type, properties) => {
  expect(validate(type, properties)).toEqual([]);
});

test('the validator refuses what the schema refuses', () => {
  expect(validate('AWS::BedrockAgentCore::ResourcePolicy', { ResourceArn: 'arn:aws:s3:::bucket-of-logs', Policy: '', Extra: 1 })).toEqual([
    expect.stringMatching(/^\(properties\) must NOT have additional properties/),
    expect.stringMatching(/^\/ResourceArn must match pattern/),
    expect.stringMatching(/^\/Policy must NOT have fewer than 1 characters/),
  ]);
});
