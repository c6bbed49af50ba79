import { Resource, Token } from 'aws-cdk-lib';
import type { IResource } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { CedarPolicy, CedarPolicyOptions } from './cedar-policy';
import { POLICY_ENGINE_READ_ACTIONS } from './perms';
import { generatePolicyName } from './private/names';
import { gatewaysOf, policiesOf } from './private/registry';
import type { Gateway } from '../gateway/gateway';
import { POLICY_ENGINE_KMS_KEY_ARN, NAME_MAX_LENGTH, POLICY_LIMITS, POLICY_NAME, parsePolicyEngineArn } from '../private/contract';
import { ValidationErrors } from '../private/validation';
import { publishSsmOutputs } from '../ssm/ssm-outputs';
import type { SsmOutputsOptions } from '../ssm/ssm-outputs-options';

/**
 * An AgentCore policy engine, created here or imported: a container of Cedar policies that gateways consult before
 * every tool call. It is aws-cdk-lib's `IPolicyEngineRef`, so aws-cdk-lib's L1s accept it.
 */
export interface IPolicyEngine extends agentcore.IPolicyEngineRef, IResource {
  /**
   * The ARN of the policy engine (`arn:<partition>:bedrock-agentcore:<region>:<account>:policy-engine/<id>`).
   *
   * @attribute
   */
  readonly policyEngineArn: string;

  /**
   * The id of the policy engine (`<name>-<10 characters>`).
   *
   * @attribute
   */
  readonly policyEngineId: string;

  /** The name of the policy engine. */
  readonly policyEngineName: string;

  /** Grants the given actions on this policy engine (the escape hatch: exactly these actions on exactly its ARN). */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;

  /** Allows reading the engine's configuration: `bedrock-agentcore:GetPolicyEngine` on this engine. */
  grantRead(grantee: iam.IGrantable): iam.Grant;
}

/** Properties of a `PolicyEngine`. */
export interface PolicyEngineProps {
  /**
   * The name of the policy engine: a letter, then letters, digits or `_` (at most 48 characters). Changing it replaces
   * the engine.
   *
   * @default - a name generated from the construct path (stable, unique in the app, valid)
   */
  readonly policyEngineName?: string;

  /**
   * A description of the engine (1-4,096 characters): which gateways it guards and who maintains its policies.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * A customer managed KMS key (a key, not an alias) that encrypts the engine's data. Changing it replaces the
   * engine. The principal that deploys the stack needs `kms:CreateGrant`, `kms:Decrypt`, `kms:DescribeKey` and
   * `kms:GenerateDataKey` on the key (the CloudFormation handler's permissions); no grant is added here.
   *
   * @default - an AWS owned key
   */
  readonly kmsKey?: kms.IKey;

  /**
   * Tags of the engine (at most 50; keys 1-128 and values 0-256 characters of `[a-zA-Z0-9\s._:/=+@-]`).
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/** Attributes of an existing policy engine. */
export interface PolicyEngineAttributes {
  /** The ARN of the engine (`arn:<partition>:bedrock-agentcore:<region>:<account>:policy-engine/<id>`). */
  readonly policyEngineArn: string;

  /**
   * The id of the engine.
   *
   * @default - the last part of the ARN (required when the ARN is a token)
   */
  readonly policyEngineId?: string;

  /**
   * The name of the engine.
   *
   * @default - the id without its 10-character suffix (required when the id is a token)
   */
  readonly policyEngineName?: string;
}

/** Grants shared by created and imported policy engines. */
abstract class PolicyEngineBase extends Resource implements IPolicyEngine {
  public abstract readonly policyEngineArn: string;
  public abstract readonly policyEngineId: string;
  public abstract readonly policyEngineName: string;

  /** A reference to this engine, as aws-cdk-lib's L1s take it. */
  public get policyEngineRef(): agentcore.PolicyEngineReference {
    return { policyEngineArn: this.policyEngineArn };
  }

  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.policyEngineArn] });
  }

  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, ...POLICY_ENGINE_READ_ACTIONS);
  }
}

/**
 * An AgentCore policy engine (native `AWS::BedrockAgentCore::PolicyEngine`) with Cedar policies
 * (`AWS::BedrockAgentCore::Policy`).
 *
 * Attach it to gateways with `gateway.addPolicyEngine(engine)` (or the gateway's `policyEngine` prop): the gateway
 * then asks the engine before every tool call, and denies every call no policy permits. Its policies are created after
 * those gateways and their targets, and every policy is checked at synthesis with the official Cedar engine: syntax,
 * AgentCore's entity model, and the tool actions of the gateways that use the engine.
 *
 * @resource AWS::BedrockAgentCore::PolicyEngine
 * @example
 * declare const gateway: Gateway;
 *
 * const engine = new PolicyEngine(this, 'Guardrails', { description: 'Tool-call guardrails of the support agent' });
 * gateway.addPolicyEngine(engine);
 * engine.addPolicy('ReadOrders', {
 *   statement: CedarStatement.fromString(`permit(
 *     principal is AgentCore::IamEntity,
 *     action == AgentCore::Action::"Orders___get_order",
 *     resource == AgentCore::Gateway::"${gateway.gatewayArn}"
 *   );`),
 * });
 */
export class PolicyEngine extends PolicyEngineBase {
  /** Imports an existing policy engine. Grants work on it; policies can be added to it with `new CedarPolicy(...)`. */
  public static fromPolicyEngineAttributes(scope: Construct, id: string, attrs: PolicyEngineAttributes): IPolicyEngine {
    const parsed = Token.isUnresolved(attrs.policyEngineArn) ? undefined : parsePolicyEngineArn(attrs.policyEngineArn);
    if (!Token.isUnresolved(attrs.policyEngineArn) && parsed === undefined) {
      throw new Error(`PolicyEngine.fromPolicyEngineAttributes at '${scope.node.path}/${id}': policyEngineArn '${attrs.policyEngineArn}' is not a policy-engine ARN (arn:<partition>:bedrock-agentcore:<region>:<account>:policy-engine/<name>-<10 characters>).`);
    }
    const policyEngineId = attrs.policyEngineId ?? parsed?.policyEngineId;
    if (policyEngineId === undefined) {
      throw new Error(`PolicyEngine.fromPolicyEngineAttributes at '${scope.node.path}/${id}': policyEngineArn is a token, so policyEngineId is required.`);
    }
    const policyEngineName = attrs.policyEngineName
      ?? (Token.isUnresolved(policyEngineId) ? undefined : policyEngineId.replace(/-[a-zA-Z0-9_]{10}$/, ''));
    if (policyEngineName === undefined) {
      throw new Error(`PolicyEngine.fromPolicyEngineAttributes at '${scope.node.path}/${id}': policyEngineId is a token, so policyEngineName is required.`);
    }
    class Import extends PolicyEngineBase {
      public readonly policyEngineArn = attrs.policyEngineArn;
      public readonly policyEngineId = policyEngineId!;
      public readonly policyEngineName = policyEngineName!;
    }
    return new Import(scope, id, { environmentFromArn: attrs.policyEngineArn });
  }

  /** Imports an existing policy engine by its ARN (a literal ARN; use `fromPolicyEngineAttributes` for tokens). */
  public static fromPolicyEngineArn(scope: Construct, id: string, policyEngineArn: string): IPolicyEngine {
    return PolicyEngine.fromPolicyEngineAttributes(scope, id, { policyEngineArn });
  }

  /** @attribute */
  public readonly policyEngineArn: string;
  /** @attribute */
  public readonly policyEngineId: string;
  public readonly policyEngineName: string;

  /**
   * The description of the engine.
   *
   * @default - no description
   */
  public readonly description?: string;

  /**
   * The customer managed key of the engine.
   *
   * @default - an AWS owned key
   */
  public readonly kmsKey?: kms.IKey;

  /**
   * The status of the engine.
   *
   * @attribute
   */
  public readonly status: string;

  private readonly resource: agentcore.CfnPolicyEngine;

  constructor(scope: Construct, id: string, props: PolicyEngineProps = {}) {
    super(scope, id);
    this.policyEngineName = props.policyEngineName ?? generatePolicyName(this);
    this.description = props.description;
    this.kmsKey = props.kmsKey;
    validateEngineProps(this, this.policyEngineName, props);

    this.resource = new agentcore.CfnPolicyEngine(this, 'Resource', {
      name: this.policyEngineName,
      description: props.description,
      encryptionKeyArn: props.kmsKey?.keyArn,
      tags: props.tags ? Object.entries(props.tags).map(([key, value]) => ({ key, value })) : undefined,
    });
    this.node.defaultChild = this.resource;
    this.policyEngineArn = this.resource.attrPolicyEngineArn;
    this.policyEngineId = this.resource.attrPolicyEngineId;
    this.status = this.resource.attrStatus;
  }

  /** The gateways of this app that use the engine (added with `gateway.addPolicyEngine()`). */
  public get gateways(): Gateway[] {
    return gatewaysOf(this);
  }

  /** The policies of this app in the engine. */
  public get policies(): CedarPolicy[] {
    return policiesOf(this).filter((p): p is CedarPolicy => p instanceof CedarPolicy);
  }

  /**
   * Adds a Cedar policy to the engine, as a child construct. It is created after the gateways that use the engine
   * and checked at synthesis (see `CedarPolicy`).
   */
  public addPolicy(id: string, options: CedarPolicyOptions): CedarPolicy {
    return new CedarPolicy(this, id, { ...options, policyEngine: this });
  }

  /**
   * Publishes the engine's id and ARN as SSM String parameters, `policy_engine_id` and `policy_engine_arn`, under
   * `/agentcore/<environment>/policy-engine/` by default.
   */
  public addSsmOutputs(options: SsmOutputsOptions = {}): ssm.StringParameter[] {
    return publishSsmOutputs(this, 'policy-engine', {
      policy_engine_id: this.policyEngineId,
      policy_engine_arn: this.policyEngineArn,
    }, options);
  }
}

function validateEngineProps(scope: Construct, name: string, props: PolicyEngineProps): void {
  const errors = new ValidationErrors();
  errors.pattern('policyEngineName', name, POLICY_NAME, `${POLICY_NAME.source} (a letter, then letters, digits or _; at most ${NAME_MAX_LENGTH})`);
  errors.length('description', props.description, 1, POLICY_LIMITS.descriptionLength);
  errors.kmsKey('kmsKey', props.kmsKey, POLICY_ENGINE_KMS_KEY_ARN);
  errors.tags(props.tags, { max: POLICY_LIMITS.tags });
  errors.throwIfAny(scope, 'PolicyEngine props');
}
