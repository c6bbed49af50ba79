import { Annotations, Arn, ArnFormat, Fn, Names, Stack, Token } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { InboundAuthorizer } from './authorizer';
import { TargetCredentialProvider } from './credentials';
import { GATEWAY_KMS_ACTIONS } from './perms';
import { validateOpenApiSchema, validateSmithyModel, validateToolSchema } from './private/schema';
import type { TargetSpec } from './private/target-spec';
import type { AddLambdaTargetOptions, AddMcpServerTargetOptions, AddOpenApiTargetOptions, AddSmithyTargetOptions, GatewayTargetCommonOptions } from './target';
import { GatewayTarget } from './target';
import { attachPolicyEngine } from '../policy/private/gateway-wiring';
import type { GatewayPolicyEngineMode, GatewayPolicyEngineOptions } from '../policy/types';
import { agentCorePrincipal } from '../private/agentcore-principal';
import { KMS_KEY_ARN, LIMITS, SCOPE } from '../private/contract';
import { ValidationErrors } from '../private/validation';
import { publishSsmOutputs } from '../ssm/ssm-outputs';
import type { SsmOutputsOptions } from '../ssm/ssm-outputs-options';

/** Gateway names as AgentCore accepts them: letters, digits and single hyphens, at most 48 characters. */
const GATEWAY_NAME_PATTERN = /([0-9a-zA-Z][-]?){1,48}/;
/** Target names as AgentCore accepts them. */
const TARGET_NAME_PATTERN = /([0-9a-zA-Z][-]?){1,100}/;
/** The discovery URL of an OpenID Connect provider. */
const DISCOVERY_URL_PATTERN = /https:\/\/.+\/\.well-known\/openid-configuration/;
/** AgentCore creates at most five targets of one gateway at a time. */
const CONCURRENT_TARGET_OPERATIONS = 5;

/**
 * A Bedrock AgentCore gateway: aws-cdk-lib's `IGateway`, so that aws-cdk-lib's targets and grants work with it.
 *
 * `gatewayUrl` is always set on gateways of this library (defined or imported), although jsii makes it optional
 * because aws-cdk-lib declares it so.
 */
export interface IGateway extends agentcore.IGateway {}

/** Properties of a `Gateway`. */
export interface GatewayProps {
  /**
   * The name of the gateway: letters, digits and single hyphens (`([0-9a-zA-Z][-]?){1,48}`), unique in the account
   * and Region. Changing it replaces the gateway.
   *
   * @default - a lower-case name generated from the construct path (stable, unique, at most 48 characters)
   */
  readonly gatewayName?: string;

  /**
   * A description of the gateway (1-200 characters).
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * The MCP protocol settings, made with aws-cdk-lib's `GatewayProtocol.mcp({ supportedVersions, searchType,
   * instructions })` (`MCPProtocolVersion`, `McpGatewaySearchType`). Instructions are 1-2048 characters.
   *
   * @default - MCP with the service's default versions, no semantic search and no instructions
   */
  readonly protocolConfiguration?: agentcore.IGatewayProtocolConfig;

  /**
   * Who may call the gateway: `InboundAuthorizer.awsIam()` (SigV4, see `grantInvoke`), `.customJwt(...)` or
   * `.cognito(...)`; aws-cdk-lib's `GatewayAuthorizer` values are accepted too. No Cognito resources are created.
   *
   * @default InboundAuthorizer.awsIam()
   */
  readonly authorizerConfiguration?: agentcore.IGatewayAuthorizerConfig;

  /**
   * A customer managed KMS key that encrypts the gateway's data at rest. The gateway role gets `kms:CreateGrant`,
   * `kms:DescribeKey`, `kms:Decrypt` and `kms:GenerateDataKey` on this key through `bedrock-agentcore` only
   * (`kms:ViaService`). A key in another account must also allow the role in its key policy.
   *
   * @default - an AWS owned key
   */
  readonly kmsKey?: kms.IKey;

  /**
   * How much detail error messages of the gateway carry. `GatewayExceptionLevel.DEBUG` returns the target's errors
   * to callers; use it only while developing.
   *
   * @default - sanitized error messages
   */
  readonly exceptionLevel?: agentcore.GatewayExceptionLevel;

  /**
   * The role the gateway assumes to call its targets. Targets add their permissions to it (as policies of their own),
   * unless it is an immutable imported role.
   *
   * @default - a role trusted by `bedrock-agentcore.amazonaws.com` for this gateway only (`aws:SourceAccount` and
   * `aws:SourceArn` conditions), with no permissions until targets are added
   */
  readonly role?: iam.IRole;

  /**
   * Tags of the gateway (at most 50; keys 1-128 and values 0-256 characters of `[a-zA-Z0-9\s._:/=+@-]`; keys may not
   * start with `aws:`).
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * A policy engine whose Cedar policies authorize every tool call (see `addPolicyEngine`).
   *
   * @default - no policy engine: every caller the authorizer lets in may call every tool
   */
  readonly policyEngine?: agentcore.IPolicyEngineRef;

  /**
   * Whether the gateway enforces the policy engine's decisions or only logs them. Only with `policyEngine`.
   *
   * @default GatewayPolicyEngineMode.ENFORCE
   */
  readonly policyEngineMode?: GatewayPolicyEngineMode;
}

/** Attributes of an existing gateway. */
export interface GatewayAttributes {
  /** The ARN of the gateway (`arn:<partition>:bedrock-agentcore:<region>:<account>:gateway/<gatewayId>`). */
  readonly gatewayArn: string;

  /**
   * The id of the gateway.
   *
   * @default - the last part of `gatewayArn`
   */
  readonly gatewayId?: string;

  /**
   * The name of the gateway.
   *
   * @default - the id without its 10-character suffix (lower-case, as AgentCore derives ids from names)
   */
  readonly gatewayName?: string;

  /**
   * The MCP URL of the gateway.
   *
   * @default - `https://<gatewayId>.gateway.bedrock-agentcore.<region>.<urlSuffix>/mcp`, with the Region of the ARN
   */
  readonly gatewayUrl?: string;

  /**
   * The role of the gateway; needed only to read `role`.
   *
   * @default - unknown; reading `role` throws
   */
  readonly role?: iam.IRole;

  /**
   * How the gateway authenticates callers (informational: an agent uses `grantInvoke` only with `AWS_IAM`).
   *
   * @default InboundAuthorizer.awsIam()
   */
  readonly authorizerConfiguration?: agentcore.IGatewayAuthorizerConfig;
}

/**
 * A Bedrock AgentCore gateway (MCP) with targets, on the native `AWS::BedrockAgentCore::Gateway` and
 * `AWS::BedrockAgentCore::GatewayTarget` resources.
 *
 * Unlike aws-cdk-lib's `Gateway`, callers authenticate with IAM (SigV4) by default and no Cognito user pool, client,
 * domain or resource server is created. Its service role trusts AgentCore for this gateway only, and each target
 * grants it exactly what that target needs, in a policy the target waits for.
 *
 * @resource AWS::BedrockAgentCore::Gateway
 * @example
 * declare const fn: lambda.IFunction;
 * declare const agentRole: iam.IRole;
 *
 * const gateway = new Gateway(this, 'Tools', { description: 'Tools of the support agent' });
 * gateway.addLambdaTarget('Orders', {
 *   lambdaFunction: fn,
 *   toolSchema: agentcore.ToolSchema.fromInline([{
 *     name: 'get_order',
 *     description: 'Looks up an order by id',
 *     inputSchema: {
 *       type: agentcore.SchemaDefinitionType.OBJECT,
 *       properties: { orderId: { type: agentcore.SchemaDefinitionType.STRING } },
 *       required: ['orderId'],
 *     },
 *   }]),
 * });
 * gateway.grantInvoke(agentRole);
 */
export class Gateway extends agentcore.GatewayBase implements IGateway {
  /**
   * Imports an existing gateway. `grantInvoke` and the metrics work on it; targets cannot be added.
   */
  public static fromGatewayAttributes(scope: Construct, id: string, attrs: GatewayAttributes): IGateway {
    const arnParts = Arn.split(attrs.gatewayArn, ArnFormat.SLASH_RESOURCE_NAME);
    const gatewayId = attrs.gatewayId ?? arnParts.resourceName!;
    const gatewayName = attrs.gatewayName
      ?? (Token.isUnresolved(gatewayId) ? gatewayId : gatewayId.replace(/-[0-9a-z]{10}$/, ''));
    const gatewayUrl = attrs.gatewayUrl ?? gatewayUrlOf(gatewayId, arnParts.region ?? Stack.of(scope).region, Stack.of(scope).urlSuffix);
    class Import extends agentcore.GatewayBase implements IGateway {
      public readonly gatewayArn = attrs.gatewayArn;
      public readonly gatewayId = gatewayId;
      public readonly gatewayName = gatewayName;
      public readonly gatewayUrl = gatewayUrl;
      public readonly description = undefined;
      public readonly protocolConfiguration = agentcore.GatewayProtocol.mcp();
      public readonly authorizerConfiguration = attrs.authorizerConfiguration ?? InboundAuthorizer.awsIam();
      public readonly exceptionLevel = undefined;
      public readonly kmsKey = undefined;
      public readonly status = undefined;
      public readonly statusReason = undefined;
      public readonly createdAt = undefined;
      public readonly updatedAt = undefined;
      public get role(): iam.IRole {
        if (!attrs.role) {
          throw new Error(`Gateway.fromGatewayAttributes at '${this.node.path}': the role is unknown; pass 'role' to read it`);
        }
        return attrs.role;
      }
    }
    return new Import(scope, id, { environmentFromArn: attrs.gatewayArn });
  }

  /**
   * The MCP URL of any gateway, including aws-cdk-lib's: its `gatewayUrl`, or else
   * `https://<gatewayId>.gateway.bedrock-agentcore.<region>.<urlSuffix>/mcp` from its id and Region. Never empty.
   *
   * @param gateway the gateway (ours or aws-cdk-lib's, defined or imported)
   */
  public static urlOf(gateway: agentcore.IGateway): string {
    return gateway.gatewayUrl ?? gatewayUrlOf(gateway.gatewayId, gateway.env.region, Stack.of(gateway).urlSuffix);
  }

  /**
   * The ARN of the gateway.
   *
   * @attribute
   */
  public readonly gatewayArn: string;

  /**
   * The id of the gateway (`<lower-case name>-<10 characters>`).
   *
   * @attribute
   */
  public readonly gatewayId: string;

  /** The name of the gateway. */
  public readonly gatewayName: string;

  /**
   * The MCP endpoint of the gateway (`https://<gatewayId>.gateway.bedrock-agentcore.<region>.amazonaws.com/mcp`).
   * Always set; typed optional only because aws-cdk-lib's `IGateway` declares it so.
   *
   * @default - always set
   * @attribute
   */
  public readonly gatewayUrl?: string;

  /**
   * The description of the gateway.
   *
   * @default - no description
   */
  public readonly description?: string;

  /** The protocol settings of the gateway. */
  public readonly protocolConfiguration: agentcore.IGatewayProtocolConfig;

  /** How the gateway authenticates its callers. */
  public readonly authorizerConfiguration: agentcore.IGatewayAuthorizerConfig;

  /**
   * The exception level of the gateway.
   *
   * @default - sanitized error messages
   */
  public readonly exceptionLevel?: agentcore.GatewayExceptionLevel;

  /**
   * The customer managed key of the gateway.
   *
   * @default - an AWS owned key
   */
  public readonly kmsKey?: kms.IKey;

  /** The role the gateway assumes to call its targets. */
  public readonly role: iam.IRole;

  /**
   * The status of the gateway.
   *
   * @attribute
   */
  public readonly status?: string;

  /**
   * The status reasons of the gateway.
   *
   * @attribute
   */
  public readonly statusReason?: string[];

  /**
   * When the gateway was created.
   *
   * @attribute
   */
  public readonly createdAt?: string;

  /**
   * When the gateway was last updated.
   *
   * @attribute
   */
  public readonly updatedAt?: string;

  private readonly resource: agentcore.CfnGateway;
  private readonly targetList: GatewayTarget[] = [];
  /** tool name -> name of the target that defines it */
  private readonly toolOwners = new Map<string, string>();

  constructor(scope: Construct, id: string, props: GatewayProps = {}) {
    super(scope, id);
    this.gatewayName = props.gatewayName ?? generateGatewayName(this);
    this.description = props.description;
    this.protocolConfiguration = props.protocolConfiguration ?? agentcore.GatewayProtocol.mcp();
    this.authorizerConfiguration = props.authorizerConfiguration ?? InboundAuthorizer.awsIam();
    this.exceptionLevel = props.exceptionLevel;
    this.kmsKey = props.kmsKey;

    const authorizerConfig = this.authorizerConfiguration._render();
    const protocolConfig = renderProtocol(this.protocolConfiguration);
    this.validate(props, authorizerConfig, protocolConfig);
    if (this.authorizerConfiguration.authorizerType === agentcore.GatewayAuthorizerType.NONE) {
      Annotations.of(this).addWarningV2('cdk-agentcore:gateway-no-inbound-auth',
        'This gateway has no inbound authorization: anyone who knows its URL can list and call its tools.');
    }

    this.role = props.role ?? new iam.Role(this, 'ServiceRole', {
      assumedBy: agentCorePrincipal(this, this.sourceArnPattern()),
      description: `Service role of the Bedrock AgentCore gateway ${this.gatewayName}`,
    });

    this.resource = new agentcore.CfnGateway(this, 'Resource', {
      name: this.gatewayName,
      description: props.description,
      roleArn: this.role.roleArn,
      protocolType: this.protocolConfiguration.protocolType,
      protocolConfiguration: protocolConfig,
      authorizerType: this.authorizerConfiguration.authorizerType,
      authorizerConfiguration: authorizerConfig,
      kmsKeyArn: props.kmsKey?.keyArn,
      exceptionLevel: props.exceptionLevel?.value,
      tags: props.tags,
    });
    this.node.defaultChild = this.resource;
    // The role and its policies exist before the gateway is created.
    this.resource.node.addDependency(this.role);

    if (props.kmsKey) {
      iam.Grant.addToPrincipal({
        grantee: this.role,
        actions: GATEWAY_KMS_ACTIONS,
        resourceArns: [props.kmsKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `bedrock-agentcore.${Stack.of(this).region}.amazonaws.com` } },
      }).applyBefore(this.resource);
    }

    this.gatewayArn = this.resource.attrGatewayArn;
    this.gatewayId = this.resource.attrGatewayIdentifier;
    this.gatewayUrl = this.resource.attrGatewayUrl;
    this.status = this.resource.attrStatus;
    this.statusReason = this.resource.attrStatusReasons;
    this.createdAt = this.resource.attrCreatedAt;
    this.updatedAt = this.resource.attrUpdatedAt;

    if (props.policyEngine) {
      this.addPolicyEngine(props.policyEngine, { mode: props.policyEngineMode });
    } else if (props.policyEngineMode !== undefined) {
      throw new Error(`Invalid Gateway at '${this.node.path}':\n  - policyEngineMode '${props.policyEngineMode}' needs a policyEngine`);
    }
  }

  /**
   * Makes the gateway ask a policy engine before every tool call (one engine per gateway). With
   * `GatewayPolicyEngineMode.ENFORCE` (the default) a call no Cedar policy permits is denied. The gateway role gets
   * `GetPolicyEngine` on the engine and `AuthorizeAction` and `PartiallyAuthorizeActions` on the engine and this
   * gateway, in a policy the gateway waits for; the engine's policies (of this app) are created after the gateway and
   * its targets, and their tool actions are checked against this gateway's tools at synthesis.
   *
   * @returns the policy on the gateway role
   */
  public addPolicyEngine(engine: agentcore.IPolicyEngineRef, options: GatewayPolicyEngineOptions = {}): iam.Policy {
    return attachPolicyEngine({ gateway: this, resource: this.resource, role: this.role }, engine, options.mode);
  }

  /** The targets added to this gateway, in the order they were added. */
  public get targets(): GatewayTarget[] {
    return [...this.targetList];
  }

  /**
   * Publishes the gateway's id, ARN and MCP URL as SSM String parameters, `gateway_id`, `gateway_arn` and
   * `gateway_url`, under `/agentcore/<environment>/gateway/` by default, so that SDK scripts and other stacks can find
   * them.
   */
  public addSsmOutputs(options: SsmOutputsOptions = {}): ssm.StringParameter[] {
    return publishSsmOutputs(this, 'gateway', {
      gateway_id: this.gatewayId,
      gateway_arn: this.gatewayArn,
      gateway_url: Gateway.urlOf(this),
    }, options);
  }

  /**
   * Adds a Lambda function whose tools the gateway serves. The gateway role may invoke exactly this function (and read
   * exactly the schema object, for an S3 or asset schema); the gateway calls it with its role (`GATEWAY_IAM_ROLE`).
   */
  public addLambdaTarget(id: string, options: AddLambdaTargetOptions): GatewayTarget {
    return this.addTarget(id, options, 'Lambda target', (errors) => validateToolSchema(errors, 'toolSchema', options.toolSchema), {
      kind: agentcore.McpTargetType.LAMBDA,
      lambdaFunction: options.lambdaFunction,
      schema: options.toolSchema,
      credentialProvider: TargetCredentialProvider.gatewayIamRole(),
    });
  }

  /**
   * Adds a REST API described by an OpenAPI 3.x document. The gateway role gets the credential provider's token-vault
   * and secret permissions (and `s3:GetObject` on the schema object, if any), nothing else.
   */
  public addOpenApiTarget(id: string, options: AddOpenApiTargetOptions): GatewayTarget {
    return this.addTarget(id, options, 'OpenAPI target', (errors) => {
      validateCredentialProvider(errors, options.credentialProvider);
      return validateOpenApiSchema(errors, 'apiSchema', options.apiSchema);
    }, {
      kind: agentcore.McpTargetType.OPENAPI_SCHEMA,
      schema: options.apiSchema,
      credentialProvider: options.credentialProvider,
    });
  }

  /**
   * Adds an AWS service API described by a Smithy model, called with the gateway role (`GATEWAY_IAM_ROLE`). Grant the
   * service actions the tools use with `target.addToRolePolicy(...)`.
   */
  public addSmithyTarget(id: string, options: AddSmithyTargetOptions): GatewayTarget {
    return this.addTarget(id, options, 'Smithy target', (errors) => {
      validateSmithyModel(errors, 'smithyModel', options.smithyModel);
      return [];
    }, {
      kind: agentcore.McpTargetType.SMITHY_MODEL,
      schema: options.smithyModel,
      credentialProvider: TargetCredentialProvider.gatewayIamRole(),
    });
  }

  /**
   * Adds a remote MCP server (HTTPS). The gateway role gets only the credential provider's permissions.
   */
  public addMcpServerTarget(id: string, options: AddMcpServerTargetOptions): GatewayTarget {
    return this.addTarget(id, options, 'MCP server target', (errors) => {
      if (!Token.isUnresolved(options.endpoint)) {
        let valid = /^https:\/\/[^\s/?#]+[^\s]*$/.test(options.endpoint);
        try {
          valid = valid && new URL(options.endpoint).protocol === 'https:';
        } catch {
          valid = false;
        }
        if (!valid) errors.add('endpoint', options.endpoint, 'must be an https:// URL (AgentCore calls MCP servers over TLS only)');
      }
      if (options.credentialProvider) {
        validateCredentialProvider(errors, options.credentialProvider);
      }
      return [];
    }, {
      kind: agentcore.McpTargetType.MCP_SERVER,
      endpoint: options.endpoint,
      credentialProvider: options.credentialProvider,
    });
  }

  private addTarget(
    id: string,
    common: GatewayTargetCommonOptions,
    what: string,
    validateKind: (errors: ValidationErrors) => string[],
    spec: Pick<TargetSpec, 'kind' | 'lambdaFunction' | 'schema' | 'endpoint' | 'credentialProvider'>,
  ): GatewayTarget {
    const errors = new ValidationErrors();
    const name = common.gatewayTargetName ?? defaultTargetName(id);
    errors.pattern('gatewayTargetName', name, TARGET_NAME_PATTERN, '/([0-9a-zA-Z][-]?){1,100}/ (letters, digits and single hyphens, at most 100)');
    if (!Token.isUnresolved(name) && this.targetList.some((t) => t.gatewayTargetName === name)) {
      errors.add('gatewayTargetName', name, `is already used by another target of this gateway; target names must be unique${common.gatewayTargetName ? '' : ' (set gatewayTargetName)'}`);
    }
    errors.length('description', common.description, 1, 200);
    const toolNames = validateKind(errors);
    for (const tool of toolNames) {
      const owner = this.toolOwners.get(tool);
      if (owner !== undefined) {
        errors.add('tool name', tool, `is already defined by target '${owner}' of this gateway; tool names must be unique across the gateway's targets`);
      }
    }
    errors.throwIfAny(this, `${what} '${id}'`);

    const target = GatewayTarget._create(this, id, { ...spec, gateway: this, name, description: common.description, toolNames });
    for (const tool of toolNames) this.toolOwners.set(tool, name);
    const earlier = this.targetList[this.targetList.length - CONCURRENT_TARGET_OPERATIONS];
    if (earlier) target._createAfter(earlier);
    this.targetList.push(target);
    return target;
  }

  private validate(props: GatewayProps, authorizerConfig: any, protocolConfig: any): void {
    const errors = new ValidationErrors();
    errors.pattern('gatewayName', this.gatewayName, GATEWAY_NAME_PATTERN, '/([0-9a-zA-Z][-]?){1,48}/ (letters, digits and single hyphens, at most 48)');
    errors.length('description', props.description, 1, 200);

    const mcp = protocolConfig?.mcp;
    if (mcp) {
      errors.length('protocolConfiguration.instructions', mcp.instructions, 1, 2048);
      (mcp.supportedVersions as string[] | undefined)?.forEach((v, i) =>
        errors.pattern(`protocolConfiguration.supportedVersions[${i}]`, v, /\d{4}-\d{2}-\d{2}/, 'an MCP version date such as 2025-06-18'));
    }

    const type = this.authorizerConfiguration.authorizerType;
    if (type === agentcore.GatewayAuthorizerType.CUSTOM_JWT) {
      const jwt = authorizerConfig?.customJwtAuthorizer;
      if (!jwt) {
        errors.add('authorizerConfiguration', type, 'needs a customJwtAuthorizer configuration');
      } else {
        errors.pattern('authorizerConfiguration.discoveryUrl', jwt.discoveryUrl, DISCOVERY_URL_PATTERN, 'https://<issuer>/.well-known/openid-configuration');
        const lists: Array<[string, unknown]> = [
          ['allowedAudiences', jwt.allowedAudience], ['allowedClients', jwt.allowedClients], ['allowedScopes', jwt.allowedScopes], ['customClaims', jwt.customClaims],
        ];
        for (const [prop, list] of lists) {
          if (Array.isArray(list) && list.length === 0) errors.add(`authorizerConfiguration.${prop}`, '[]', 'must not be empty when given (omit it instead)');
        }
        if (!lists.some(([, list]) => list !== undefined && (!Array.isArray(list) || list.length > 0))) {
          errors.add('authorizerConfiguration', 'CUSTOM_JWT', 'must restrict tokens with at least one of allowedAudiences, allowedClients or allowedScopes (any token of the identity provider would be accepted otherwise)');
        }
        (jwt.allowedScopes as string[] | undefined)?.forEach((s, i) => {
          errors.length(`authorizerConfiguration.allowedScopes[${i}]`, s, 1, LIMITS.scopeLength);
          errors.pattern(`authorizerConfiguration.allowedScopes[${i}]`, s, SCOPE, `1-${LIMITS.scopeLength} printable ASCII characters without '"' or '\\'`);
        });
      }
    }

    errors.kmsKey('kmsKey', props.kmsKey, KMS_KEY_ARN);
    errors.tags(props.tags);
    errors.throwIfAny(this, 'Gateway');
  }

  /** `arn:...:gateway/<lower-case name>-*`: gateway ids are the lower-cased name plus a suffix. */
  private sourceArnPattern(): string {
    const name = Token.isUnresolved(this.gatewayName) ? '*' : `${this.gatewayName.toLowerCase()}-*`;
    return Stack.of(this).formatArn({ service: 'bedrock-agentcore', resource: 'gateway', resourceName: name });
  }
}

/**
 * A valid, stable and unique name: the construct path and a hash, lower-cased (so that it equals the id prefix
 * AgentCore derives from it), with single hyphens only.
 */
function generateGatewayName(scope: Construct): string {
  const raw = Names.uniqueResourceName(scope, { maxLength: 48, separator: '-' });
  return raw.toLowerCase().replace(/-+/g, '-').replace(/^-/, '');
}

function defaultTargetName(id: string): string {
  const name = id.replace(/[^0-9a-zA-Z-]/g, '-').replace(/-+/g, '-').replace(/^-/, '').slice(0, 100);
  return name.length > 0 ? name : 'target';
}

function gatewayUrlOf(gatewayId: string, region: string, urlSuffix: string): string {
  return Fn.join('', ['https://', gatewayId, '.gateway.bedrock-agentcore.', region, '.', urlSuffix, '/mcp']);
}

/** The protocol configuration as CloudFormation takes it (`{ mcp: {...} }`), or undefined when there is nothing to set. */
function renderProtocol(protocol: agentcore.IGatewayProtocolConfig): any {
  if (protocol instanceof agentcore.McpProtocolConfiguration) {
    const mcp = {
      ...(protocol.supportedVersions && { supportedVersions: protocol.supportedVersions.map((v) => v.value) }),
      ...(protocol.searchType !== undefined && { searchType: protocol.searchType }),
      ...(protocol.instructions !== undefined && { instructions: protocol.instructions }),
    };
    return Object.keys(mcp).length > 0 ? { mcp } : undefined;
  }
  return protocol._render();
}

function validateCredentialProvider(errors: ValidationErrors, provider: agentcore.ICredentialProviderConfig): void {
  if (!(provider instanceof TargetCredentialProvider)) return;
  provider._validate(errors, 'credentialProvider');
  if (provider.credentialProviderType === agentcore.CredentialProviderType.GATEWAY_IAM_ROLE && provider.signingService === undefined) {
    errors.add('credentialProvider', provider.credentialProviderType,
      "needs a 'service' to sign requests for (SigV4) on OpenAPI and MCP server targets: TargetCredentialProvider.gatewayIamRole({ service })");
  }
}
