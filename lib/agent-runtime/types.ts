import { Duration, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { MANAGED_RUNTIMES, SERVER_PROTOCOLS } from '../private/contract';

/** Throws unless `value` is one of `known` (tokens pass: they are only known at deploy time). */
function known(what: string, value: string, values: readonly string[]): void {
  if (Token.isUnresolved(value) || values.includes(value)) return;
  throw new Error(`${what}.of('${value}'): not a value the AgentCore API knows (${values.join(', ')}). `
    + `For a value newer than this library, use ${what}.unchecked('${value}'): it is passed to the service as is.`);
}

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

  /** A protocol by its API value, which must be one the API knows (`HTTP`, `MCP`, `A2A`, `AGUI`). */
  public static of(value: string): ServerProtocol {
    known('ServerProtocol', value, SERVER_PROTOCOLS);
    return new ServerProtocol(value);
  }

  /**
   * A protocol newer than this library, by its API value, passed through without a check: a wrong value fails at
   * deploy time, when the service rejects it.
   */
  public static unchecked(value: string): ServerProtocol {
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

  /** A runtime by its API value, which must be one the API knows (`PYTHON_3_10` … `PYTHON_3_14`, `NODE_22`). */
  public static of(value: string): CodeRuntime {
    known('CodeRuntime', value, MANAGED_RUNTIMES);
    return new CodeRuntime(value);
  }

  /**
   * A runtime newer than this library, by its API value, passed through without a check: a wrong value fails at deploy
   * time, when the service rejects it.
   */
  public static unchecked(value: string): CodeRuntime {
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
   * The subnets the runtime's network interfaces are placed in (1-16).
   *
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Security groups of the runtime (1-16).
   *
   * @default - a new security group with no inbound rule and one outbound rule, HTTPS (TCP 443) to anywhere, which
   * is what the runtime needs to reach ECR, Bedrock and AgentCore through VPC endpoints or a NAT gateway; open other
   * destinations with `runtime.connections.allowTo(...)`
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * Whether AgentCore must reach Amazon S3 through an S3 endpoint in your VPC (`requireServiceS3Endpoint`), e.g. for a
   * code artifact or S3 Files in a VPC without internet access.
   *
   * @default - the service default (not required)
   */
  readonly requireServiceS3Endpoint?: boolean;
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
  /**
   * Whether AgentCore must reach Amazon S3 through an S3 endpoint in the VPC (VPC mode only).
   *
   * @default - the service default
   */
  readonly requireServiceS3Endpoint?: boolean;
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
    return {
      networkMode: 'VPC',
      subnetIds,
      securityGroups: this.options.securityGroups ?? [this.defaultSecurityGroup(scope)],
      requireServiceS3Endpoint: this.options.requireServiceS3Endpoint,
    };
  }

  /**
   * No inbound rule, and outbound HTTPS only: what the runtime needs to reach ECR, Bedrock and AgentCore (through VPC
   * endpoints or a NAT gateway). Other destinations are opened with `runtime.connections.allowTo(...)`, which adds
   * rules to this group (a group that allowed all outbound traffic would ignore them).
   */
  private defaultSecurityGroup(scope: Construct): ec2.SecurityGroup {
    const group = new ec2.SecurityGroup(scope, 'SecurityGroup', {
      vpc: this.vpc,
      description: 'AgentCore runtime network interfaces',
      allowAllOutbound: false,
    });
    group.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to AWS APIs (ECR, Bedrock, AgentCore) through VPC endpoints or NAT');
    return group;
  }
}

/** Session lifecycle limits of a runtime. */
export interface RuntimeLifecycle {
  /**
   * How long an idle session is kept (60 seconds to 8 hours, or to 14 days on a capacity provider; at most
   * `maxLifetime`).
   *
   * @default - the service default, 15 minutes
   */
  readonly idleTimeout?: Duration;

  /**
   * The longest a session may live (60 seconds to 8 hours, or to 14 days on a capacity provider).
   *
   * @default - the service default, 8 hours
   */
  readonly maxLifetime?: Duration;
}
