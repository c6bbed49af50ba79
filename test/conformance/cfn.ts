/**
 * What CloudFormation does to a template before a resource handler sees it, for the conformance tests: intrinsics
 * become concrete values of the right shape (an IAM role's `Arn` an IAM role ARN, a security group's `GroupId` an `sg-`
 * id, …), and for a custom resource every scalar becomes a string.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ACCOUNT, REGION } from '../helpers/stack';


/** A resource of a synthesized template. */
interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/** A synthesized template. */
export interface CfnTemplate {
  readonly Resources: Record<string, TemplateResource>;
}

/** A 17-character lower-case hex suffix derived from a logical id (stable, so requests compare across runs). */
function hex(logicalId: string, length = 17): string {
  const digest = createHash('sha256').update(logicalId).digest('hex');
  return digest.slice(0, length);
}

/** The value `Fn::GetAtt [logicalId, attribute]` takes for the resource types the library references. */
function attribute(template: CfnTemplate, logicalId: string, attr: string): string {
  const type = template.Resources[logicalId]?.Type;
  const key = `${type}.${attr}`;
  const id = hex(logicalId);
  const values: Record<string, string> = {
    'AWS::IAM::Role.Arn': `arn:aws:iam::${ACCOUNT}:role/${logicalId.slice(0, 60)}`,
    'AWS::EC2::SecurityGroup.GroupId': `sg-${id}`,
    'AWS::EFS::AccessPoint.Arn': `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:access-point/fsap-${id}`,
    'AWS::EFS::FileSystem.Arn': `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/fs-${id}`,
    'AWS::KMS::Key.Arn': `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id.slice(0, 8)}-0000-4000-8000-${id.slice(0, 12)}`,
    'AWS::BedrockAgentCore::Gateway.GatewayIdentifier': `gateway${id.slice(0, 8)}-${id.slice(0, 10)}`,
    'AWS::BedrockAgentCore::Gateway.GatewayArn': `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:gateway/gateway${id.slice(0, 8)}-${id.slice(0, 10)}`,
    'AWS::BedrockAgentCore::Gateway.GatewayUrl': `https://gateway${id.slice(0, 8)}-${id.slice(0, 10)}.gateway.bedrock-agentcore.${REGION}.amazonaws.com/mcp`,
    'AWS::Lambda::Function.Arn': `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${logicalId.slice(0, 64)}`,
    'AWS::Logs::LogGroup.Arn': `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${logicalId}:*`,
    'AWS::S3::Bucket.Arn': `arn:aws:s3:::${logicalId.toLowerCase().slice(0, 50)}`,
    'AWS::Cognito::UserPool.ProviderURL': `cognito-idp.${REGION}.amazonaws.com/${REGION}_${id.slice(0, 9)}`,
    'Custom::BedrockAgentCoreRuntime.AgentRuntimeArn': `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:runtime/agent-${id.slice(0, 10)}`,
    'Custom::BedrockAgentCoreRuntime.AgentRuntimeVersion': '1',
    'AWS::BedrockAgentCore::PolicyEngine.PolicyEngineId': `engine-${id.slice(0, 10)}`,
    'AWS::BedrockAgentCore::PolicyEngine.PolicyEngineArn': `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:policy-engine/engine-${id.slice(0, 10)}`,
    'AWS::BedrockAgentCore::Evaluator.EvaluatorId': `evaluator-${id.slice(0, 10)}`,
    'AWS::BedrockAgentCore::Evaluator.EvaluatorArn': `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:evaluator/evaluator-${id.slice(0, 10)}`,
    'AWS::BedrockAgentCore::RuntimeEndpoint.AgentRuntimeEndpointArn': `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:runtime/agent-${id.slice(0, 10)}/runtime-endpoint/e`,
  };
  return values[key] ?? `${logicalId}-${attr}`;
}

/** The value `Ref logicalId` takes. */
function ref(template: CfnTemplate, logicalId: string): string {
  const pseudo: Record<string, string> = {
    'AWS::Partition': 'aws', 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::URLSuffix': 'amazonaws.com', 'AWS::StackName': 'Stack',
  };
  if (pseudo[logicalId]) return pseudo[logicalId];
  const type = template.Resources[logicalId]?.Type;
  const id = hex(logicalId);
  const refs: Record<string, string> = {
    'AWS::EC2::VPC': `vpc-${id}`,
    'AWS::EC2::Subnet': `subnet-${id}`,
    'AWS::EC2::SecurityGroup': `sg-${id}`,
    'AWS::EFS::AccessPoint': `fsap-${id}`,
    'AWS::EFS::FileSystem': `fs-${id}`,
    'AWS::S3::Bucket': `bucket-${id}`,
    'AWS::Cognito::UserPool': `${REGION}_${id.slice(0, 9)}`,
    'AWS::Cognito::UserPoolClient': `client${id}`,
    'AWS::Logs::LogGroup': `log-group-${id}`,
    'Custom::BedrockAgentCoreRuntime': `agent-${id.slice(0, 10)}`,
  };
  return refs[type ?? ''] ?? `${logicalId}-ref`;
}

/**
 * Replaces intrinsics (`Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`, `Fn::Select`) with concrete values.
 */
export function concrete(template: CfnTemplate, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => concrete(template, v));
  if (value === null || typeof value !== 'object') return value;
  const v = value as Record<string, any>;
  if (v.Ref !== undefined) return ref(template, v.Ref);
  if (v['Fn::GetAtt'] !== undefined) return attribute(template, v['Fn::GetAtt'][0], v['Fn::GetAtt'][1]);
  if (v['Fn::Join'] !== undefined) return (concrete(template, v['Fn::Join'][1]) as unknown[]).join(v['Fn::Join'][0]);
  if (v['Fn::Select'] !== undefined) return (concrete(template, v['Fn::Select'][1]) as unknown[])[Number(v['Fn::Select'][0])];
  if (v['Fn::Sub'] !== undefined) {
    const text: string = typeof v['Fn::Sub'] === 'string' ? v['Fn::Sub'] : v['Fn::Sub'][0];
    return text.replace(/\$\{([^}]+)\}/g, (_m, name: string) => (name.includes('.') ? attribute(template, name.split('.')[0], name.split('.')[1]) : ref(template, name)));
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, concrete(template, x)]));
}

/** Every scalar as a string, the way CloudFormation hands a custom resource its properties. */
export function stringified(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringified);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringified(v)]));
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/** The vendored CloudFormation registry schema of a type (`AWS::BedrockAgentCore::Runtime` → `cfn/aws-bedrockagentcore-runtime.json`). */
export function cfnSchema(type: string): any {
  const file = path.join(__dirname, '..', 'fixtures', 'specs', 'cfn', `${type.toLowerCase().split('::').join('-')}.json`);
  if (!fs.existsSync(file)) throw new Error(`no vendored CloudFormation schema for ${type} (${file}): add it with test/fixtures/specs/extract.ts`);
  return JSON.parse(fs.readFileSync(file, 'utf-8'));
}
