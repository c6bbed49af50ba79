import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { API_KEY_ACTIONS, OAUTH_COMPLETE_AUTH_ACTIONS, OAUTH_TOKEN_ACTIONS, SECRET_READ_ACTIONS } from './perms';
import { WORKLOAD_TOKEN_ACTIONS, WORKLOAD_TOKEN_FOR_USER_ID_ACTIONS } from '../execution-role/perms';
import type { ValidationErrors } from '../private/validation';

/** A token-vault credential provider of one kind (the API only asks for an ARN; the gateway needs this kind). */
function providerArnPattern(kind: 'apikeycredentialprovider' | 'oauth2credentialprovider'): RegExp {
  return new RegExp(`arn:[^:]+:[^:]+:[^:]*:[0-9]{12}:token-vault/[^/]+/${kind}/.+`);
}
const SECRET_ARN_PATTERN = /arn:aws(-[^:]+)?:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+/;

/**
 * The OAuth2 grant a gateway uses to obtain tokens for a target.
 */
export class OAuthGrantType {
  /** Machine-to-machine tokens (2-legged OAuth). */
  public static readonly CLIENT_CREDENTIALS = new OAuthGrantType('CLIENT_CREDENTIALS');

  /** Tokens on behalf of a user who consents in a browser (3-legged OAuth). */
  public static readonly AUTHORIZATION_CODE = new OAuthGrantType('AUTHORIZATION_CODE');

  /** Tokens exchanged for the caller's inbound token (RFC 8693). */
  public static readonly TOKEN_EXCHANGE = new OAuthGrantType('TOKEN_EXCHANGE');

  /** A grant type this library does not list yet. */
  public static of(value: string): OAuthGrantType {
    return new OAuthGrantType(value);
  }

  /** The grant type as the AgentCore API spells it. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}

/** Options of the gateway-IAM-role credential provider. */
export interface GatewayIamRoleCredentialOptions {
  /**
   * The service name to sign requests for with SigV4 (e.g. `execute-api`), for OpenAPI and MCP server targets that
   * are AWS endpoints. Lambda and Smithy targets need none.
   *
   * @default - no SigV4 signing configuration
   */
  readonly service?: string;

  /**
   * The Region to sign requests for.
   *
   * @default - the gateway's Region
   */
  readonly region?: string;
}

/** Options of an API key credential provider (an AgentCore Identity token-vault provider). */
export interface ApiKeyCredentialOptions {
  /**
   * The ARN of the API key credential provider, e.g.
   * `arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/weather`.
   */
  readonly providerArn: string;

  /**
   * The ARN of the Secrets Manager secret that holds the API key (returned when the provider is created).
   */
  readonly secretArn: string;

  /**
   * Where the key goes in outbound requests (aws-cdk-lib's `ApiKeyCredentialLocation`).
   *
   * @default - header `Authorization` with the prefix `Bearer `
   */
  readonly credentialLocation?: agentcore.ApiKeyCredentialLocation;
}

/** Options of an OAuth2 credential provider (an AgentCore Identity token-vault provider). */
export interface OAuthCredentialOptions {
  /**
   * The ARN of the OAuth2 credential provider, e.g.
   * `arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/github`.
   */
  readonly providerArn: string;

  /**
   * The ARN of the Secrets Manager secret that holds the OAuth client credentials.
   */
  readonly secretArn: string;

  /** The scopes to request (0-100 scopes of 1-64 characters). */
  readonly scopes: string[];

  /**
   * Extra parameters for the authorization server (at most 10).
   *
   * @default - none
   */
  readonly customParameters?: { [key: string]: string };

  /**
   * The OAuth2 grant. `AUTHORIZATION_CODE` also grants `CompleteResourceTokenAuth` and
   * `GetWorkloadAccessTokenForUserId` to the gateway role.
   *
   * @default - the provider's default (client credentials)
   */
  readonly grantType?: OAuthGrantType;

  /**
   * Where the user is sent after consenting. Only with `grantType: OAuthGrantType.AUTHORIZATION_CODE`.
   *
   * @default - none
   */
  readonly defaultReturnUrl?: string;
}

/**
 * How a gateway authenticates to a target (outbound authorization), with exactly the permissions it needs.
 *
 * Implements aws-cdk-lib's `ICredentialProviderConfig`. Targets of our `Gateway` put this provider's permissions in
 * the target's own policy, on the named provider, secret and the gateway's workload identity only.
 *
 * @example
 * TargetCredentialProvider.gatewayIamRole();
 * TargetCredentialProvider.apiKey({
 *   providerArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/weather',
 *   secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bedrock-agentcore-identity!default/apikey/weather-AbCdEf',
 * });
 */
export class TargetCredentialProvider implements agentcore.ICredentialProviderConfig {
  /** The gateway calls the target with its own IAM role (Lambda and Smithy targets, SigV4 endpoints). */
  public static gatewayIamRole(options: GatewayIamRoleCredentialOptions = {}): TargetCredentialProvider {
    if (options.region !== undefined && options.service === undefined) {
      throw new Error(`TargetCredentialProvider.gatewayIamRole(): region '${options.region}' needs service: the signing Region is sent only with the signing service name (e.g. { service: 'execute-api', region: '${options.region}' }).`);
    }
    return new TargetCredentialProvider(agentcore.CredentialProviderType.GATEWAY_IAM_ROLE, { iam: options });
  }

  /** The gateway sends an API key from an AgentCore Identity API key provider. */
  public static apiKey(options: ApiKeyCredentialOptions): TargetCredentialProvider {
    return new TargetCredentialProvider(agentcore.CredentialProviderType.API_KEY, { apiKey: options });
  }

  /** The gateway sends an OAuth2 access token from an AgentCore Identity OAuth2 provider. */
  public static oauth(options: OAuthCredentialOptions): TargetCredentialProvider {
    return new TargetCredentialProvider(agentcore.CredentialProviderType.OAUTH, { oauth: options });
  }

  /** The credential provider type. */
  public readonly credentialProviderType: agentcore.CredentialProviderType;

  /**
   * The ARN of the token-vault credential provider.
   *
   * @default - none for the gateway IAM role
   */
  public readonly providerArn?: string;

  /**
   * The ARN of the secret behind the provider.
   *
   * @default - none for the gateway IAM role
   */
  public readonly secretArn?: string;

  /**
   * The service the gateway signs requests for with its role (SigV4).
   *
   * @default - none
   */
  public readonly signingService?: string;

  private readonly options: { iam?: GatewayIamRoleCredentialOptions; apiKey?: ApiKeyCredentialOptions; oauth?: OAuthCredentialOptions };

  private constructor(
    type: agentcore.CredentialProviderType,
    options: { iam?: GatewayIamRoleCredentialOptions; apiKey?: ApiKeyCredentialOptions; oauth?: OAuthCredentialOptions },
  ) {
    this.credentialProviderType = type;
    this.options = options;
    this.providerArn = options.apiKey?.providerArn ?? options.oauth?.providerArn;
    this.secretArn = options.apiKey?.secretArn ?? options.oauth?.secretArn;
    this.signingService = options.iam?.service;
  }

  /**
   * Grants the gateway's role what this provider needs (for use with aws-cdk-lib's gateway targets).
   *
   * @param gateway the gateway whose role calls the target
   */
  public grantNeededPermissionsToRole(gateway: agentcore.IGateway): iam.Grant | undefined {
    const statements = this._statements(gateway);
    if (statements.length === 0) return undefined;
    return statements
      .map((s) => iam.Grant.addToPrincipal({ grantee: gateway.role, actions: s.actions, resourceArns: s.resources }))
      .reduce((a, b) => a.combine(b));
  }

  /**
   * The policy statements the gateway role needs for this provider.
   *
   * @internal
   */
  public _statements(gateway: agentcore.IGateway): iam.PolicyStatement[] {
    if (!this.options.apiKey && !this.options.oauth) return [];
    const stack = Stack.of(gateway);
    const directoryArn = stack.formatArn({
      service: 'bedrock-agentcore', resource: 'workload-identity-directory', resourceName: 'default', arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const identityArns = this._workloadIdentityArns(gateway);
    const providerArn = this.providerArn!;
    const resources = [tokenVaultArnOf(stack, providerArn), providerArn, directoryArn, ...identityArns];
    const threeLegged = this.options.oauth?.grantType?.value === OAuthGrantType.AUTHORIZATION_CODE.value;

    const statements = [
      new iam.PolicyStatement({
        sid: 'WorkloadAccessToken',
        actions: [...WORKLOAD_TOKEN_ACTIONS, ...(threeLegged ? WORKLOAD_TOKEN_FOR_USER_ID_ACTIONS : [])],
        resources: [directoryArn, ...identityArns],
      }),
      new iam.PolicyStatement({
        sid: this.options.apiKey ? 'ReadApiKey' : 'ReadOAuth2Token',
        actions: this.options.apiKey ? API_KEY_ACTIONS : [...OAUTH_TOKEN_ACTIONS, ...(threeLegged ? OAUTH_COMPLETE_AUTH_ACTIONS : [])],
        resources,
      }),
      new iam.PolicyStatement({ sid: 'ReadProviderSecret', actions: SECRET_READ_ACTIONS, resources: [this.secretArn!] }),
    ];
    return statements;
  }

  /**
   * The gateway's workload identities (`.../workload-identity/<gatewayName>-*`, also lower-cased when the name has
   * capitals, as gateway ids are), the only wildcards in the statements.
   *
   * @internal
   */
  public _workloadIdentityArns(gateway: agentcore.IGateway): string[] {
    const stack = Stack.of(gateway);
    const names = Token.isUnresolved(gateway.gatewayName)
      ? ['*']
      : [...new Set([gateway.gatewayName, gateway.gatewayName.toLowerCase()])].map((n) => `${n}-*`);
    return names.map((name) => stack.formatArn({
      service: 'bedrock-agentcore',
      resource: 'workload-identity-directory',
      resourceName: `default/workload-identity/${name}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    }));
  }

  /**
   * Records problems with the provider's settings (`prop` names it in messages).
   *
   * @internal
   */
  public _validate(errors: ValidationErrors, prop: string): void {
    const provider = this.options.apiKey ?? this.options.oauth;
    if (provider) {
      const kind = this.options.apiKey ? 'apikeycredentialprovider' : 'oauth2credentialprovider';
      errors.pattern(`${prop}.providerArn`, provider.providerArn, providerArnPattern(kind),
        `arn:<partition>:bedrock-agentcore:<region>:<account>:token-vault/<vault>/${kind}/<name> (the ARN of an ${kind})`);
      errors.pattern(`${prop}.secretArn`, provider.secretArn, SECRET_ARN_PATTERN, 'a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)');
    }
    const location = this.options.apiKey?.credentialLocation;
    if (location) {
      errors.length(`${prop}.credentialLocation.credentialParameterName`, location.credentialParameterName, 1, 64);
      errors.length(`${prop}.credentialLocation.credentialPrefix`, location.credentialPrefix, 1, 64);
    }
    const oauth = this.options.oauth;
    if (oauth) {
      if (!Token.isUnresolved(oauth.scopes) && oauth.scopes.length > 100) {
        errors.add(`${prop}.scopes`, `${oauth.scopes.length} scopes`, 'must have at most 100 scopes');
      }
      oauth.scopes.forEach((s, i) => errors.length(`${prop}.scopes[${i}]`, s, 1, 64));
      const params = Object.entries(oauth.customParameters ?? {});
      if (params.length > 10) errors.add(`${prop}.customParameters`, `${params.length} entries`, 'must have at most 10 entries');
      for (const [k, v] of params) {
        errors.length(`${prop}.customParameters key`, k, 1, 256);
        errors.length(`${prop}.customParameters['${k}']`, v, 1, 2048);
      }
      errors.pattern(`${prop}.defaultReturnUrl`, oauth.defaultReturnUrl, /\w+:(\/?\/?)[^\s]+/, 'a URL');
      if (oauth.defaultReturnUrl !== undefined && oauth.grantType !== OAuthGrantType.AUTHORIZATION_CODE) {
        errors.add(`${prop}.defaultReturnUrl`, oauth.defaultReturnUrl,
          'applies only to grantType AUTHORIZATION_CODE (where the browser returns after the user consents); remove it or set that grant');
      }
    }
  }

  /**
   * One entry of the target's `CredentialProviderConfigurations`.
   *
   * @internal
   */
  public _render(): any {
    const { iam: iamOptions, apiKey, oauth } = this.options;
    if (apiKey) {
      const location = apiKey.credentialLocation ?? agentcore.ApiKeyCredentialLocation.header();
      return {
        credentialProviderType: this.credentialProviderType,
        credentialProvider: {
          apiKeyCredentialProvider: {
            providerArn: apiKey.providerArn,
            credentialLocation: location.credentialLocationType,
            credentialParameterName: location.credentialParameterName,
            credentialPrefix: location.credentialPrefix,
          },
        },
      };
    }
    if (oauth) {
      return {
        credentialProviderType: this.credentialProviderType,
        credentialProvider: {
          oauthCredentialProvider: {
            providerArn: oauth.providerArn,
            scopes: oauth.scopes,
            // The API and the GatewayTarget schema require at least one entry when the map is given.
            customParameters: Object.keys(oauth.customParameters ?? {}).length > 0 ? oauth.customParameters : undefined,
            grantType: oauth.grantType?.value,
            defaultReturnUrl: oauth.defaultReturnUrl,
          },
        },
      };
    }
    return {
      credentialProviderType: this.credentialProviderType,
      ...(iamOptions?.service && {
        credentialProvider: { iamCredentialProvider: { service: iamOptions.service, region: iamOptions.region } },
      }),
    };
  }
}

/** The token vault that holds a provider: the ARN up to `/apikeycredentialprovider/` or `/oauth2credentialprovider/`. */
function tokenVaultArnOf(stack: Stack, providerArn: string): string {
  if (!Token.isUnresolved(providerArn)) {
    const m = /^(.*:token-vault\/[^/]+)\/(apikey|oauth2)credentialprovider\//.exec(providerArn);
    if (m) return m[1];
  }
  return stack.formatArn({ service: 'bedrock-agentcore', resource: 'token-vault', resourceName: 'default', arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
}
