import { Stack } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { PrivateEndpointProperty } from '../private/contract';

/** How AgentCore reaches a private endpoint in your VPC: by IPv4 or IPv6 (`EndpointIpAddressType`). */
export enum EndpointIpAddressType {
  /** IPv4. */
  IPV4 = 'IPV4',
  /** IPv6. */
  IPV6 = 'IPV6',
}

/** Options for a private endpoint that AgentCore creates and manages in your VPC. */
export interface ManagedVpcEndpointOptions {
  /**
   * The subnets of the endpoint.
   *
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Security groups of the endpoint (at most 5).
   *
   * @default - none: the service default
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * The IP address type.
   *
   * @default EndpointIpAddressType.IPV4
   */
  readonly ipAddressType?: EndpointIpAddressType;

  /**
   * The routing domain (3-255 characters).
   *
   * @default - none
   */
  readonly routingDomain?: string;

  /**
   * Tags of the endpoint resources AgentCore creates.
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * A private path from AgentCore to an identity provider that is only reachable inside your network (the JWT
 * authorizer fetches the discovery document and keys through it): a VPC Lattice resource configuration you manage, or
 * an endpoint AgentCore manages in your VPC.
 */
export abstract class RuntimePrivateEndpoint {
  /**
   * A VPC Lattice resource configuration you manage, by id (`rcfg-…`) or ARN.
   */
  public static latticeResourceConfiguration(resourceConfigurationIdentifier: string): RuntimePrivateEndpoint {
    return new LatticeEndpoint(resourceConfigurationIdentifier);
  }

  /** An endpoint AgentCore creates and manages in your VPC. */
  public static managedVpc(vpc: ec2.IVpc, options: ManagedVpcEndpointOptions = {}): RuntimePrivateEndpoint {
    return new ManagedVpcEndpoint(vpc, options);
  }

  /**
   * The `PrivateEndpoint` property.
   * @internal
   */
  public abstract _render(): PrivateEndpointProperty;
}

class LatticeEndpoint extends RuntimePrivateEndpoint {
  constructor(private readonly identifier: string) {
    super();
  }

  public _render(): PrivateEndpointProperty {
    return { SelfManagedLatticeResource: { ResourceConfigurationIdentifier: this.identifier } };
  }
}

class ManagedVpcEndpoint extends RuntimePrivateEndpoint {
  constructor(private readonly vpc: ec2.IVpc, private readonly options: ManagedVpcEndpointOptions) {
    super();
  }

  public _render(): PrivateEndpointProperty {
    return {
      ManagedVpcResource: {
        VpcIdentifier: this.vpc.vpcId,
        SubnetIds: this.vpc.selectSubnets(this.options.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds,
        EndpointIpAddressType: this.options.ipAddressType ?? EndpointIpAddressType.IPV4,
        SecurityGroupIds: this.options.securityGroups?.map((sg) => sg.securityGroupId),
        RoutingDomain: this.options.routingDomain,
        Tags: this.options.tags,
      },
    };
  }
}

/** A private endpoint for one domain of the identity provider (`privateEndpointOverrides`). */
export interface RuntimePrivateEndpointOverride {
  /** The domain (1-253 characters). */
  readonly domain: string;
  /** How AgentCore reaches it. */
  readonly privateEndpoint: RuntimePrivateEndpoint;
}

/** Which workloads may call the runtime with a workload access token (`allowedWorkloadConfiguration`). */
export interface RuntimeAllowedWorkloads {
  /**
   * ARNs of AgentCore resources hosting the calling workloads (1-10, each 20-1011 characters).
   *
   * @default - not restricted by hosting environment
   */
  readonly hostingEnvironmentArns?: string[];

  /**
   * Names of the calling workload identities (1-10, each 3-255 characters of `[A-Za-z0-9_.-]`).
   *
   * @default - not restricted by workload identity
   */
  readonly workloadIdentities?: string[];
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

  /**
   * Scopes the token must carry (each 1-255 printable characters, no `"` or `\`).
   *
   * @default - scopes are not checked
   */
  readonly allowedScopes?: string[];

  /**
   * Further claims the token must carry, with aws-cdk-lib's `RuntimeCustomClaim`
   * (`RuntimeCustomClaim.withStringValue('tenant', 'acme')`, `.withStringArrayValue('groups', ['admins'])`).
   *
   * @default - no custom claims are checked
   */
  readonly customClaims?: agentcore.RuntimeCustomClaim[];

  /**
   * Scopes AgentCore advertises to clients, mapped to the scopes of the identity provider (1-50 entries).
   *
   * @default - none
   */
  readonly advertisedScopeMapping?: { [scope: string]: string };

  /**
   * How AgentCore reaches an identity provider that is only reachable inside your network.
   *
   * @default - over the internet
   */
  readonly privateEndpoint?: RuntimePrivateEndpoint;

  /**
   * Private endpoints for individual domains of the identity provider (at most 5).
   *
   * @default - none
   */
  readonly privateEndpointOverrides?: RuntimePrivateEndpointOverride[];

  /**
   * Which workloads may call with a workload access token.
   *
   * @default - not restricted
   */
  readonly allowedWorkloads?: RuntimeAllowedWorkloads;
}

/** Options for `RuntimeAuthorizer.cognito()`. */
export interface RuntimeCognitoAuthorizerOptions {
  /**
   * Accepted `aud` claim values.
   *
   * @default - the audience is not checked
   */
  readonly allowedAudience?: string[];

  /**
   * Scopes the token must carry.
   *
   * @default - scopes are not checked
   */
  readonly allowedScopes?: string[];

  /**
   * Further claims the token must carry.
   *
   * @default - no custom claims are checked
   */
  readonly customClaims?: agentcore.RuntimeCustomClaim[];
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
   * Tokens of an Amazon Cognito user pool, issued to the given app clients (the discovery URL and the allowed clients
   * are derived from them, as aws-cdk-lib's `RuntimeAuthorizerConfiguration.usingCognito` does).
   */
  public static cognito(
    userPool: cognito.IUserPool, clients: cognito.IUserPoolClient[], options: RuntimeCognitoAuthorizerOptions = {},
  ): RuntimeAuthorizer {
    const stack = Stack.of(userPool);
    return RuntimeAuthorizer.customJwt({
      ...options,
      discoveryUrl: `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${userPool.userPoolId}/.well-known/openid-configuration`,
      allowedClients: clients.map((c) => c.userPoolClientId),
    });
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
