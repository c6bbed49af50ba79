import { Arn, ArnFormat, Resource, Token } from 'aws-cdk-lib';
import type { IResource } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { POLICY_READ_ACTIONS } from './perms';
import type { IPolicyEngine } from './policy-engine';
import { checkCedarPolicy } from './private/check';
import { generatePolicyName } from './private/names';
import { policiesOf, registerPolicy } from './private/registry';
import type { CedarStatement } from './statement';
import { PolicyEnforcementMode, PolicyValidationMode } from './types';
import { POLICY_ENFORCEMENT_MODES, NAME_MAX_LENGTH, POLICY_LIMITS, POLICY_NAME, POLICY_VALIDATION_MODES } from '../private/contract';
import { ValidationErrors } from '../private/validation';

/** A Cedar policy of an AgentCore policy engine, created here or imported. */
export interface ICedarPolicy extends agentcore.IPolicyRef, IResource {
  /**
   * The ARN of the policy (`arn:…:policy-engine/<engineId>/policy/<policyId>`).
   *
   * @attribute
   */
  readonly policyArn: string;

  /**
   * The id of the policy (`<name>-<10 characters>`).
   *
   * @attribute
   */
  readonly policyId: string;

  /** Allows reading the policy (`bedrock-agentcore:GetPolicy` on this policy). */
  grantRead(grantee: iam.IGrantable): iam.Grant;
}

/** Settings of a Cedar policy, for `PolicyEngine.addPolicy()`. */
export interface CedarPolicyOptions {
  /**
   * The Cedar statement: exactly one `permit` or `forbid` policy (35-10,000 characters), from
   * `CedarStatement.fromString()` or `CedarStatement.fromFile()`. Name the gateway by its ARN token
   * (`resource == AgentCore::Gateway::"${gateway.gatewayArn}"`) and tools as `AgentCore::Action::"<target>___<tool>"`.
   */
  readonly statement: CedarStatement;

  /**
   * The name of the policy, unique in the engine: a letter, then letters, digits or `_` (at most 48). Changing it
   * replaces the policy.
   *
   * @default - a name generated from the construct path
   */
  readonly policyName?: string;

  /**
   * A description (1-4,096 characters): why the policy exists and which business rule it enforces.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * What AgentCore does with the findings of its policy analyzer (overly permissive, never applies, ...) when it
   * creates or updates the policy.
   *
   * @default PolicyValidationMode.FAIL_ON_ANY_FINDINGS
   */
  readonly validationMode?: PolicyValidationMode;

  /**
   * Whether the policy takes part in decisions (`ACTIVE`) or is only evaluated and logged (`LOG_ONLY`).
   *
   * @default - not set: AgentCore's default, `ACTIVE`
   */
  readonly enforcementMode?: PolicyEnforcementMode;

  /**
   * Whether synthesis checks the statement against AgentCore's entity model and the tools of the gateways that use the
   * engine (tool actions that exist, principal types that match the gateway's authorizer, and, where the gateways'
   * tool schemas are all known, Cedar validation against the schema derived from them). Syntax is always checked.
   * Turn it off only where the derived schema disagrees with the one AgentCore generates (say why in a comment).
   *
   * @default true
   */
  readonly validateAgainstGateways?: boolean;
}

/** Properties of a `CedarPolicy`. */
export interface CedarPolicyProps extends CedarPolicyOptions {
  /** The policy engine that holds the policy. */
  readonly policyEngine: IPolicyEngine;
}

/** Attributes of an existing policy. */
export interface CedarPolicyAttributes {
  /** The ARN of the policy (`arn:…:policy-engine/<engineId>/policy/<policyId>`). */
  readonly policyArn: string;

  /**
   * The id of the policy.
   *
   * @default - the last part of the ARN (required when the ARN is a token)
   */
  readonly policyId?: string;
}

abstract class CedarPolicyBase extends Resource implements ICedarPolicy {
  public abstract readonly policyArn: string;
  public abstract readonly policyId: string;

  /** A reference to this policy, as aws-cdk-lib's L1s take it. */
  public get policyRef(): agentcore.PolicyReference {
    return { policyArn: this.policyArn };
  }

  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: POLICY_READ_ACTIONS, resourceArns: [this.policyArn] });
  }
}

/**
 * One Cedar policy of an AgentCore policy engine (native `AWS::BedrockAgentCore::Policy`).
 *
 * The statement is checked when the app is synthesized, with the official Cedar engine (`@cedar-policy/cedar-wasm`,
 * loaded only then): a syntax error, an entity type outside AgentCore's model, a principal type the gateway never
 * sends, or a tool action that no gateway of the engine defines fails `cdk synth` with the construct path, the
 * policy's name and source, and the line and column. Where every tool schema of the gateways is known at synthesis
 * (inline Lambda tool schemas), the policy is also validated against the Cedar schema derived from them.
 *
 * The policy is created after every gateway of this app that uses its engine, and after their targets.
 *
 * @resource AWS::BedrockAgentCore::Policy
 * @example
 * declare const engine: PolicyEngine;
 * declare const gateway: Gateway;
 *
 * new CedarPolicy(this, 'NoRefundsOver500', {
 *   policyEngine: engine,
 *   statement: CedarStatement.fromFile('policies/refunds.cedar'),
 *   description: 'Refunds above 500 need a human',
 * });
 */
export class CedarPolicy extends CedarPolicyBase {
  /** Imports an existing policy. */
  public static fromCedarPolicyAttributes(scope: Construct, id: string, attrs: CedarPolicyAttributes): ICedarPolicy {
    const policyId = attrs.policyId ?? policyIdOfArn(attrs.policyArn);
    if (policyId === undefined) {
      throw new Error(`CedarPolicy.fromCedarPolicyAttributes at '${scope.node.path}/${id}': policyArn '${attrs.policyArn}' is a token or not a policy ARN (arn:<partition>:bedrock-agentcore:<region>:<account>:policy-engine/<engineId>/policy/<policyId>), so policyId is required.`);
    }
    class Import extends CedarPolicyBase {
      public readonly policyArn = attrs.policyArn;
      public readonly policyId = policyId!;
    }
    return new Import(scope, id, { environmentFromArn: attrs.policyArn });
  }

  /** @attribute */
  public readonly policyArn: string;
  /** @attribute */
  public readonly policyId: string;
  /** The name of the policy. */
  public readonly policyName: string;
  /** The engine that holds the policy. */
  public readonly policyEngine: IPolicyEngine;
  /** The Cedar statement. */
  public readonly statement: CedarStatement;

  /**
   * The enforcement mode set on the policy.
   *
   * @default - AgentCore's default, `ACTIVE`
   */
  public readonly enforcementMode?: PolicyEnforcementMode;

  /** The validation mode of the policy. */
  public readonly validationMode: PolicyValidationMode;

  /**
   * The status of the policy.
   *
   * @attribute
   */
  public readonly status: string;

  private readonly resource: agentcore.CfnPolicy;

  constructor(scope: Construct, id: string, props: CedarPolicyProps) {
    super(scope, id);
    this.policyEngine = props.policyEngine;
    this.statement = props.statement;
    this.policyName = props.policyName ?? generatePolicyName(this);
    this.enforcementMode = props.enforcementMode;
    this.validationMode = props.validationMode ?? PolicyValidationMode.FAIL_ON_ANY_FINDINGS;
    this.validateProps(props);

    this.resource = new agentcore.CfnPolicy(this, 'Resource', {
      name: this.policyName,
      policyEngineId: props.policyEngine.policyEngineId,
      definition: { cedar: { statement: props.statement.text } },
      description: props.description,
      validationMode: this.validationMode,
    });
    if (props.enforcementMode !== undefined) {
      // aws-cdk-lib 2.258's L1 predates the EnforcementMode property of the CloudFormation schema.
      this.resource.addPropertyOverride('EnforcementMode', props.enforcementMode);
    }
    this.node.defaultChild = this.resource;
    this.policyArn = this.resource.attrPolicyArn;
    this.policyId = this.resource.attrPolicyId;
    this.status = this.resource.attrStatus;

    registerPolicy(props.policyEngine, this);
    const againstGateways = props.validateAgainstGateways ?? true;
    this.node.addValidation({ validate: () => checkCedarPolicy(this, againstGateways) });
  }

  private validateProps(props: CedarPolicyProps): void {
    const errors = new ValidationErrors();
    errors.pattern('policyName', this.policyName, POLICY_NAME, `${POLICY_NAME.source} (a letter, then letters, digits or _; at most ${NAME_MAX_LENGTH})`);
    if (!Token.isUnresolved(this.policyName)) {
      const clash = policiesOf(props.policyEngine).find((p) => p instanceof CedarPolicy && p.policyName === this.policyName);
      if (clash) errors.add('policyName', this.policyName, `is already used by ${clash.node.path} in this policy engine; policy names must be unique in an engine`);
    }
    errors.length('description', props.description, 1, POLICY_LIMITS.descriptionLength);
    if (props.enforcementMode !== undefined && !POLICY_ENFORCEMENT_MODES.includes(props.enforcementMode)) {
      errors.add('enforcementMode', props.enforcementMode, `must be one of ${POLICY_ENFORCEMENT_MODES.join(', ')} (PolicyEnforcementMode)`);
    }
    if (!POLICY_VALIDATION_MODES.includes(this.validationMode)) {
      errors.add('validationMode', this.validationMode, `must be one of ${POLICY_VALIDATION_MODES.join(', ')} (PolicyValidationMode)`);
    }
    errors.throwIfAny(this, 'CedarPolicy props');
  }
}

/** The id part of a literal policy ARN (`…:policy-engine/<engineId>/policy/<policyId>`). */
function policyIdOfArn(arn: string): string | undefined {
  if (Token.isUnresolved(arn)) return undefined;
  const parts = Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME);
  if (parts.service !== 'bedrock-agentcore' || parts.resource !== 'policy-engine') return undefined;
  const m = /^[^/]+\/policy\/([^/]+)$/.exec(parts.resourceName ?? '');
  return m ? m[1] : undefined;
}
