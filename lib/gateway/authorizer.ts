import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import type * as cognito from 'aws-cdk-lib/aws-cognito';

/**
 * Options of a custom JWT inbound authorizer.
 *
 * Give at least one of `allowedAudiences`, `allowedClients` and `allowedScopes`: without them any token that the
 * identity provider signs (for any application) would be accepted.
 */
export interface CustomJwtAuthorizerOptions {
  /**
   * The OpenID Connect discovery URL of the identity provider, of the form
   * `https://<issuer>/.well-known/openid-configuration`.
   */
  readonly discoveryUrl: string;

  /**
   * Accepted values of the token's `aud` claim.
   *
   * @default - the audience is not checked
   */
  readonly allowedAudiences?: string[];

  /**
   * Accepted values of the token's `client_id` claim.
   *
   * @default - the client is not checked
   */
  readonly allowedClients?: string[];

  /**
   * Scopes a token must carry (each 1-255 printable ASCII characters without `"` and `\`).
   *
   * @default - scopes are not checked
   */
  readonly allowedScopes?: string[];
}

/**
 * Options of an inbound authorizer backed by an existing Amazon Cognito user pool.
 *
 * Give at least one of `clients`, `allowedAudiences` and `allowedScopes`. Cognito access tokens carry the app client
 * in `client_id` (and no `aud`), so `clients` is the usual choice.
 */
export interface CognitoAuthorizerOptions {
  /** The user pool that issues the tokens. The discovery URL is derived from its id and Region. */
  readonly userPool: cognito.IUserPool;

  /**
   * App clients whose tokens are accepted (their ids become the allowed clients).
   *
   * @default - the client is not checked
   */
  readonly clients?: cognito.IUserPoolClient[];

  /**
   * Accepted values of the token's `aud` claim (Cognito ID tokens carry the client id there).
   *
   * @default - the audience is not checked
   */
  readonly allowedAudiences?: string[];

  /**
   * Scopes a token must carry, e.g. `<resource-server-identifier>/invoke`.
   *
   * @default - scopes are not checked
   */
  readonly allowedScopes?: string[];
}

/**
 * How a gateway authenticates the callers of its MCP endpoint (inbound authorization).
 *
 * Implements aws-cdk-lib's `IGatewayAuthorizerConfig`, so it can also be given to aws-cdk-lib's `Gateway`; our
 * `Gateway` accepts aws-cdk-lib's `GatewayAuthorizer` values as well.
 *
 * @example
 * declare const userPool: cognito.IUserPool;
 * declare const client: cognito.IUserPoolClient;
 *
 * InboundAuthorizer.awsIam(); // SigV4, the default of `Gateway`
 * InboundAuthorizer.cognito({ userPool, clients: [client] });
 * InboundAuthorizer.customJwt({
 *   discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
 *   allowedAudiences: ['mcp-gateway'],
 * });
 */
export class InboundAuthorizer implements agentcore.IGatewayAuthorizerConfig {
  /**
   * Callers sign requests with SigV4 and need `bedrock-agentcore:InvokeGateway` on the gateway (see
   * `Gateway.grantInvoke`). No identity provider is created.
   */
  public static awsIam(): InboundAuthorizer {
    return new InboundAuthorizer(agentcore.GatewayAuthorizerType.AWS_IAM);
  }

  /** Callers send a bearer JWT issued by an OpenID Connect identity provider. */
  public static customJwt(options: CustomJwtAuthorizerOptions): InboundAuthorizer {
    return new InboundAuthorizer(agentcore.GatewayAuthorizerType.CUSTOM_JWT, {
      discoveryUrl: options.discoveryUrl,
      allowedAudiences: options.allowedAudiences,
      allowedClients: options.allowedClients,
      allowedScopes: options.allowedScopes,
    });
  }

  /**
   * Callers send a bearer JWT issued by an existing Cognito user pool. The discovery URL is
   * `https://cognito-idp.<region>.amazonaws.com/<userPoolId>/.well-known/openid-configuration`.
   */
  public static cognito(options: CognitoAuthorizerOptions): InboundAuthorizer {
    const region = options.userPool.env.region;
    return new InboundAuthorizer(agentcore.GatewayAuthorizerType.CUSTOM_JWT, {
      discoveryUrl: `https://cognito-idp.${region}.amazonaws.com/${options.userPool.userPoolId}/.well-known/openid-configuration`,
      allowedAudiences: options.allowedAudiences,
      allowedClients: options.clients?.map((c) => c.userPoolClientId),
      allowedScopes: options.allowedScopes,
    });
  }

  /** The authorizer type (`AWS_IAM` or `CUSTOM_JWT`). */
  public readonly authorizerType: agentcore.GatewayAuthorizerType;

  /**
   * The JWT settings (discovery URL and allowed audiences, clients and scopes).
   *
   * @default - none for `AWS_IAM`
   */
  public readonly jwt?: CustomJwtAuthorizerOptions;

  private constructor(authorizerType: agentcore.GatewayAuthorizerType, jwt?: CustomJwtAuthorizerOptions) {
    this.authorizerType = authorizerType;
    this.jwt = jwt;
  }

  /**
   * The `AuthorizerConfiguration` property of `AWS::BedrockAgentCore::Gateway`.
   *
   * @internal
   */
  public _render(): any {
    if (!this.jwt) return undefined;
    return {
      customJwtAuthorizer: {
        discoveryUrl: this.jwt.discoveryUrl,
        ...(this.jwt.allowedAudiences && { allowedAudience: this.jwt.allowedAudiences }),
        ...(this.jwt.allowedClients && { allowedClients: this.jwt.allowedClients }),
        ...(this.jwt.allowedScopes && { allowedScopes: this.jwt.allowedScopes }),
      },
    };
  }
}
