import { Token } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { RUNTIME_INVOKE_ACTIONS } from './perms';
import { DEFAULT_ENDPOINT, ENDPOINT_NAME, fullMatch, LIMITS, RUNTIME_VERSION } from '../private/contract';
import { ValidationErrors } from '../private/validation';

/**
 * Which runtime version a named endpoint serves. Named endpoints do not follow new versions on their own (only
 * `DEFAULT` does), so the choice is always explicit.
 */
export class EndpointVersion {
  /**
   * The version of the current deployment: the endpoint moves with every deploy, after the new version is READY and
   * has passed the runtime's health check (e.g. a staging endpoint).
   */
  public static latest(): EndpointVersion {
    return new EndpointVersion(undefined);
  }

  /** A fixed version (e.g. a production endpoint promoted by hand); it never moves on deploy. */
  public static pinned(version: string): EndpointVersion {
    if (!Token.isUnresolved(version) && !fullMatch(RUNTIME_VERSION, version)) {
      throw new Error(`EndpointVersion.pinned: version '${version}' must be a runtime version number such as '3' (1-99999).`);
    }
    return new EndpointVersion(version);
  }

  private constructor(
    /** The pinned version, or undefined for `latest()`. */
    public readonly pinnedVersion?: string,
  ) {}
}

/** A named endpoint of an AgentCore runtime. */
export interface IAgentRuntimeEndpoint extends agentcore.IRuntimeEndpoint {
  /**
   * Allows invoking the runtime through this endpoint (`InvokeAgentRuntime` and the WebSocket stream on the runtime
   * ARN and this endpoint's ARN, no wildcard).
   */
  grantInvoke(grantee: iam.IGrantable): iam.Grant;
}

/** Attributes to import an endpoint. */
export interface AgentRuntimeEndpointAttributes {
  /** The endpoint ARN, `<runtime ARN>/runtime-endpoint/<name>`. */
  readonly agentRuntimeEndpointArn: string;
  /** The endpoint name. */
  readonly endpointName: string;
  /** The runtime ARN. */
  readonly agentRuntimeArn: string;
}

/** Options for `AgentRuntime.addEndpoint()`. */
export interface AgentRuntimeEndpointOptions {
  /**
   * The version the endpoint serves.
   *
   * @default EndpointVersion.latest()
   */
  readonly version?: EndpointVersion;

  /**
   * A description (1-256 characters).
   *
   * @default - none
   */
  readonly description?: string;
}

/** Properties of an `AgentRuntimeEndpoint`. */
export interface AgentRuntimeEndpointProps extends AgentRuntimeEndpointOptions {
  /** The runtime's id. */
  readonly agentRuntimeId: string;
  /** The runtime's ARN. */
  readonly agentRuntimeArn: string;
  /**
   * The version of the runtime's current deployment, which `EndpointVersion.latest()` follows.
   *
   * @default - `latest()` is not available
   */
  readonly latestVersion?: string;
  /** The endpoint name, `[a-zA-Z][a-zA-Z0-9_]{0,47}`, not `DEFAULT`. */
  readonly endpointName: string;
}

abstract class EndpointBase extends agentcore.RuntimeEndpointBase implements IAgentRuntimeEndpoint {
  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: RUNTIME_INVOKE_ACTIONS, resourceArns: [this.agentRuntimeArn, this.agentRuntimeEndpointArn] });
  }
}

/**
 * A named endpoint (alias) of an AgentCore runtime, on the native `AWS::BedrockAgentCore::RuntimeEndpoint` resource.
 * Usually created with `AgentRuntime.addEndpoint()`.
 *
 * @resource AWS::BedrockAgentCore::RuntimeEndpoint
 */
export class AgentRuntimeEndpoint extends EndpointBase {
  /** Imports an endpoint. */
  public static fromAgentRuntimeEndpointAttributes(scope: Construct, id: string, attrs: AgentRuntimeEndpointAttributes): IAgentRuntimeEndpoint {
    class Imported extends EndpointBase {
      public readonly agentRuntimeEndpointArn = attrs.agentRuntimeEndpointArn;
      public readonly endpointName = attrs.endpointName;
      public readonly agentRuntimeArn = attrs.agentRuntimeArn;
      public readonly status = undefined;
      public readonly liveVersion = undefined;
      public readonly targetVersion = undefined;
      public readonly createdAt = undefined;
      public readonly description = undefined;
    }
    return new Imported(scope, id);
  }

  /** @attribute */
  public readonly agentRuntimeEndpointArn: string;
  public readonly endpointName: string;
  public readonly agentRuntimeArn: string;
  /** @attribute */
  public readonly status?: string;
  /**
   * The version serving traffic.
   * @attribute
   */
  public readonly liveVersion?: string;
  /**
   * The version being rolled out.
   * @attribute
   */
  public readonly targetVersion?: string;
  /** @attribute */
  public readonly createdAt?: string;
  public readonly description?: string;
  /** The version the endpoint was configured with (a token for `latest()`). */
  public readonly version: string;

  constructor(scope: Construct, id: string, props: AgentRuntimeEndpointProps) {
    super(scope, id, { physicalName: props.endpointName });
    const errors = new ValidationErrors();
    errors.pattern('endpointName', props.endpointName, ENDPOINT_NAME, ENDPOINT_NAME.source);
    if (!Token.isUnresolved(props.endpointName) && props.endpointName.toUpperCase() === DEFAULT_ENDPOINT) {
      errors.add('endpointName', props.endpointName, `is reserved: AgentCore manages the ${DEFAULT_ENDPOINT} endpoint, which always serves the latest version`);
    }
    errors.length('description', props.description, 1, LIMITS.endpointDescriptionLength);
    const pinned = props.version?.pinnedVersion;
    if (pinned === undefined && props.latestVersion === undefined) {
      errors.addMessage('version: EndpointVersion.latest() needs the runtime\'s current version; pass EndpointVersion.pinned(...) for an imported runtime');
    }
    errors.throwIfAny(this, 'AgentRuntimeEndpoint props');

    this.version = pinned ?? props.latestVersion!;
    const resource = new agentcore.CfnRuntimeEndpoint(this, 'Resource', {
      agentRuntimeId: props.agentRuntimeId,
      name: props.endpointName,
      agentRuntimeVersion: this.version,
      description: props.description,
    });
    this.agentRuntimeEndpointArn = resource.attrAgentRuntimeEndpointArn;
    this.endpointName = props.endpointName;
    this.agentRuntimeArn = props.agentRuntimeArn;
    this.status = resource.attrStatus;
    this.liveVersion = resource.attrLiveVersion;
    this.targetVersion = resource.attrTargetVersion;
    this.createdAt = resource.attrCreatedAt;
    this.description = props.description;
  }
}
