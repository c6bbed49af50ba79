/**
 * Facts of AgentCore Policy (policy engines, Cedar policies) and of the Cedar entity model AgentCore Gateway
 * evaluates tool calls in. Grammars and limits come from the CloudFormation registry schemas
 * `AWS::BedrockAgentCore::PolicyEngine` / `::Policy` / `::Gateway` and the control-plane API model; the entity model
 * from the AgentCore developer guide ("Policy scope", "Schema constraints").
 */
import { KMS_KEY_ARN } from './grammar';
import { LIMITS } from './limits';

/** `PolicyEngineName` and `PolicyName`: a letter, then letters, digits or `_` (1-48 characters). */
export const POLICY_NAME = /[A-Za-z][A-Za-z0-9_]{0,47}/;

/** `PolicyEngineId` (and `PolicyId`): `<name>-<10 characters of [a-z0-9_]>`. */
export const POLICY_ENGINE_ID = /[A-Za-z][A-Za-z0-9_]*-[a-z0-9_]{10}/;

/** `KmsKeyArn` of a policy engine: a key, never an alias. */
export const POLICY_ENGINE_KMS_KEY_ARN = KMS_KEY_ARN;

/** Length limits of policy engines and policies. */
export const POLICY_LIMITS = {
  /** `Description` of a policy engine or a policy: the API's one `Description` shape. */
  descriptionLength: LIMITS.descriptionLength,
  /** `CedarPolicy.Statement` (CloudFormation schema: minLength 35, maxLength 10000). */
  statementMin: 35,
  statementMax: 10_000,
  /** Tags of a policy engine: the API's one `TagsMap` shape. */
  tags: LIMITS.tags,
} as const;

/** What a policy-engine ARN addresses. */
export interface PolicyEngineArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** `<name>-<10 characters>`. */
  readonly policyEngineId: string;
  /** The name part of the id. */
  readonly policyEngineName: string;
}

const POLICY_ENGINE_ARN = /^arn:(aws(?:-[a-z]+)*):bedrock-agentcore:([a-z0-9-]+):([0-9]{12}):policy-engine\/(([A-Za-z][A-Za-z0-9_]{0,47})-[a-zA-Z0-9_]{10})$/;

/** The parts of `arn:<partition>:bedrock-agentcore:<region>:<account>:policy-engine/<id>`; undefined otherwise. */
export function parsePolicyEngineArn(arn: string | undefined): PolicyEngineArnParts | undefined {
  const m = arn === undefined ? null : POLICY_ENGINE_ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1], region: m[2], account: m[3], policyEngineId: m[4], policyEngineName: m[5] };
}

/**
 * The Cedar entity model of gateway tool calls (AgentCore developer guide, "Policy scope" and "Schema constraints").
 * Every entity lives in the `AgentCore` namespace.
 */
export const CEDAR_MODEL = {
  namespace: 'AgentCore',
  /** Callers of a `CUSTOM_JWT` gateway: `id` is the JWT `sub`, the claims are tags. */
  oauthUser: 'AgentCore::OAuthUser',
  /** Callers of an `AWS_IAM` gateway: `id` is the caller's IAM ARN; no tags. */
  iamEntity: 'AgentCore::IamEntity',
  /** The resource of every request: the gateway, identified by its ARN. */
  gateway: 'AgentCore::Gateway',
  /** Tool calls and action groups. */
  action: 'AgentCore::Action',
  /** Every tool action is a `CallTool`, every `CallTool` an `Mcp` action. */
  callTool: 'CallTool',
  mcp: 'Mcp',
  /** Tool actions are `<target name>___<tool name>` (three underscores, as the gateway names tools for MCP clients). */
  toolSeparator: '___',
  /** The tool AgentCore adds to a gateway with semantic search. */
  searchTool: 'x_amz_bedrock_agentcore_search',
} as const;

/** The enforcement modes of a gateway's policy engine (`GatewayPolicyEngineMode`). */
export const GATEWAY_POLICY_ENGINE_MODES: readonly string[] = ['LOG_ONLY', 'ENFORCE'];

/** The enforcement modes of one policy (`EnforcementMode`). */
export const POLICY_ENFORCEMENT_MODES: readonly string[] = ['ACTIVE', 'LOG_ONLY'];

/** The validation modes of `CreatePolicy` (`PolicyValidationMode`). */
export const POLICY_VALIDATION_MODES: readonly string[] = ['FAIL_ON_ANY_FINDINGS', 'IGNORE_ALL_FINDINGS'];

/**
 * Whether an environment name (`AgentCoreEnvironment`, e.g. `prod`, `eu-prod`, `production`) is a production
 * environment: one of its `-`-separated words is `prod` or `production` (`preprod` is not).
 */
export function isProductionEnvironment(environment: string): boolean {
  return environment.split('-').some((word) => word === 'prod' || word === 'production');
}
