import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';

/**
 * The protocol the agent's container speaks (`protocolConfiguration.serverProtocol`).
 *
 * | Protocol | Port | Path |
 * | --- | --- | --- |
 * | HTTP | 8080 | `/invocations`, `/ping`, `/ws` |
 * | MCP | 8000 | `/mcp` |
 * | A2A | 9000 | `/` |
 * | AGUI | 8080 | `/invocations` (SSE), `/ws` |
 */
export class ServerProtocol {
  /** HTTP: `POST /invocations` and `GET /ping` on port 8080. */
  public static readonly HTTP = new ServerProtocol('HTTP');
  /** Model Context Protocol on port 8000, path `/mcp`. */
  public static readonly MCP = new ServerProtocol('MCP');
  /** Agent-to-agent protocol on port 9000. */
  public static readonly A2A = new ServerProtocol('A2A');
  /** AG-UI (server-sent events and WebSocket) on port 8080. */
  public static readonly AGUI = new ServerProtocol('AGUI');

  /** A protocol this library does not list yet, by its API value. */
  public static of(value: string): ServerProtocol {
    return new ServerProtocol(value);
  }

  private constructor(
    /** The API value, e.g. `HTTP`. */
    public readonly value: string,
  ) {}
}

/** The managed language runtime of a direct code deployment (`codeConfiguration.runtime`). */
export class CodeRuntime {
  /** Python 3.10 (deprecated by AgentCore from 30 June 2026). */
  public static readonly PYTHON_3_10 = new CodeRuntime('PYTHON_3_10');
  /** Python 3.11 (deprecated by AgentCore from 30 June 2026). */
  public static readonly PYTHON_3_11 = new CodeRuntime('PYTHON_3_11');
  /** Python 3.12. */
  public static readonly PYTHON_3_12 = new CodeRuntime('PYTHON_3_12');
  /** Python 3.13. */
  public static readonly PYTHON_3_13 = new CodeRuntime('PYTHON_3_13');
  /** Python 3.14. */
  public static readonly PYTHON_3_14 = new CodeRuntime('PYTHON_3_14');
  /** Node.js 22. */
  public static readonly NODE_22 = new CodeRuntime('NODE_22');

  /** A runtime this library does not list yet, by its API value. */
  public static of(value: string): CodeRuntime {
    return new CodeRuntime(value);
  }

  private constructor(
    /** The API value, e.g. `PYTHON_3_13`. */
    public readonly value: string,
  ) {}
}

/** Options for a runtime in a VPC. */
export interface RuntimeVpcOptions {
  /**
   * The subnets the runtime's network interfaces are placed in.
   *
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Security groups of the runtime (at most 16).
   *
   * @default - a new security group that allows all outbound traffic and no inbound traffic
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/** The network configuration a runtime is rendered with. */
export interface RuntimeNetworkConfig {
  /** `PUBLIC` or `VPC`. */
  readonly networkMode: string;
  /**
   * Subnet ids (VPC mode only).
   *
   * @default - none
   */
  readonly subnetIds?: string[];
  /**
   * Security groups (VPC mode only).
   *
   * @default - none
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/** Where a runtime's network interfaces live: the AgentCore public network or your VPC. */
export abstract class RuntimeNetwork {
  /** The AgentCore-managed public network (the default). */
  public static public(): RuntimeNetwork {
    return new PublicNetwork();
  }

  /** Your VPC: the runtime gets network interfaces in your subnets and is reachable through `connections`. */
  public static vpc(vpc: ec2.IVpc, options: RuntimeVpcOptions = {}): RuntimeNetwork {
    return new VpcNetwork(vpc, options);
  }

  /** Renders the configuration, creating a security group in `scope` when needed. */
  public abstract bind(scope: Construct): RuntimeNetworkConfig;
}

class PublicNetwork extends RuntimeNetwork {
  public bind(): RuntimeNetworkConfig {
    return { networkMode: 'PUBLIC' };
  }
}

class VpcNetwork extends RuntimeNetwork {
  constructor(private readonly vpc: ec2.IVpc, private readonly options: RuntimeVpcOptions) {
    super();
  }

  public bind(scope: Construct): RuntimeNetworkConfig {
    const subnetIds = this.vpc.selectSubnets(this.options.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds;
    const securityGroups = this.options.securityGroups ?? [new ec2.SecurityGroup(scope, 'SecurityGroup', {
      vpc: this.vpc,
      description: 'AgentCore runtime network interfaces',
      allowAllOutbound: true,
    })];
    return { networkMode: 'VPC', subnetIds, securityGroups };
  }
}

/** Options for a custom JWT (OAuth 2.0) authorizer. */
export interface RuntimeJwtAuthorizerOptions {
  /**
   * The OpenID Connect discovery URL, `https://…/.well-known/openid-configuration`.
   */
  readonly discoveryUrl: string;

  /**
   * Accepted `aud` claim values.
   *
   * @default - the audience is not checked
   */
  readonly allowedAudience?: string[];

  /**
   * Accepted `client_id` claim values.
   *
   * @default - the client is not checked
   */
  readonly allowedClients?: string[];
}

/** How callers authenticate to the runtime: IAM SigV4 (the default) or a JWT bearer token. */
export abstract class RuntimeAuthorizer {
  /** IAM (SigV4): callers need `bedrock-agentcore:InvokeAgentRuntime` (see `grantInvoke`). */
  public static iam(): RuntimeAuthorizer {
    return new IamAuthorizer();
  }

  /** OAuth 2.0 bearer tokens validated against an OpenID Connect discovery URL. */
  public static customJwt(options: RuntimeJwtAuthorizerOptions): RuntimeAuthorizer {
    return new JwtAuthorizer(options);
  }

  /**
   * The custom JWT configuration, or undefined for IAM.
   */
  public abstract readonly jwt?: RuntimeJwtAuthorizerOptions;
}

class IamAuthorizer extends RuntimeAuthorizer {
  public readonly jwt = undefined;
}

class JwtAuthorizer extends RuntimeAuthorizer {
  constructor(public readonly jwt: RuntimeJwtAuthorizerOptions) {
    super();
  }
}

/** Session lifecycle limits of a runtime. */
export interface RuntimeLifecycle {
  /**
   * How long an idle session is kept (60 seconds to 8 hours, at most `maxLifetime`).
   *
   * @default - the service default, 15 minutes
   */
  readonly idleTimeout?: Duration;

  /**
   * The longest a session may live (60 seconds to 8 hours).
   *
   * @default - the service default, 8 hours
   */
  readonly maxLifetime?: Duration;
}
