import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { TargetCredentialProvider } from './credentials';
import { S3_READ_OBJECT_ACTIONS } from './perms';
import { LAMBDA_INVOKE_ACTIONS } from '../execution-role/perms';
import { renderSchema } from './private/schema';
import type { TargetSpec } from './private/target-spec';
import { acknowledgeWildcardResources } from '../private/nag';

/** Settings common to every kind of gateway target. */
export interface GatewayTargetCommonOptions {
  /**
   * The name of the target (`([0-9a-zA-Z][-]?){1,100}`), unique in the gateway. MCP clients see each tool as
   * `<gatewayTargetName>___<toolName>`, so keep it short.
   *
   * @default - the construct id, with characters other than letters, digits and `-` replaced by `-`
   */
  readonly gatewayTargetName?: string;

  /**
   * A description of the target (1-200 characters).
   *
   * @default - no description
   */
  readonly description?: string;
}

/** Options of `Gateway.addLambdaTarget`. */
export interface AddLambdaTargetOptions extends GatewayTargetCommonOptions {
  /**
   * The function that implements the tools. The gateway role may invoke exactly this function (the ARN as given: a
   * qualified ARN grants that version or alias only).
   */
  readonly lambdaFunction: lambda.IFunction;

  /**
   * The tools the function implements (aws-cdk-lib's `ToolSchema`: inline, S3 object or local asset). An S3 or asset
   * schema is read with `s3:GetObject` on exactly its object.
   */
  readonly toolSchema: agentcore.ToolSchema;
}

/** Options of `Gateway.addOpenApiTarget`. */
export interface AddOpenApiTargetOptions extends GatewayTargetCommonOptions {
  /**
   * The OpenAPI 3.x document of the API (aws-cdk-lib's `ApiSchema`: inline JSON/YAML, S3 object or local asset).
   * Every operation needs an `operationId`, which becomes its tool name.
   */
  readonly apiSchema: agentcore.ApiSchema;

  /**
   * How the gateway authenticates to the API: `TargetCredentialProvider.apiKey(...)` or `.oauth(...)` (or any
   * aws-cdk-lib `ICredentialProviderConfig`).
   */
  readonly credentialProvider: agentcore.ICredentialProviderConfig;
}

/** Options of `Gateway.addSmithyTarget`. */
export interface AddSmithyTargetOptions extends GatewayTargetCommonOptions {
  /**
   * The Smithy model of the AWS service API (aws-cdk-lib's `ApiSchema`: inline JSON AST, S3 object or local asset).
   * The gateway calls the service with its own role: grant the service actions with `target.addToRolePolicy(...)`.
   */
  readonly smithyModel: agentcore.ApiSchema;
}

/** Options of `Gateway.addMcpServerTarget`. */
export interface AddMcpServerTargetOptions extends GatewayTargetCommonOptions {
  /** The HTTPS URL of the MCP server (`https://...`). */
  readonly endpoint: string;

  /**
   * How the gateway authenticates to the server, usually `TargetCredentialProvider.oauth(...)`.
   *
   * @default - no outbound authentication (a public MCP server)
   */
  readonly credentialProvider?: agentcore.ICredentialProviderConfig;
}

/**
 * A target of a `Gateway`: a Lambda function, an OpenAPI or Smithy API or an MCP server whose tools the gateway
 * serves. Create it with `gateway.addLambdaTarget(...)` and the other `add*Target` methods.
 *
 * The gateway role's permissions for this target (and only them) live in the target's own policy
 * (`gatewayRolePolicy`), which the `AWS::BedrockAgentCore::GatewayTarget` depends on, so they exist before the
 * service validates the target.
 *
 * @resource AWS::BedrockAgentCore::GatewayTarget
 * @example
 * declare const gateway: Gateway;
 * declare const fn: lambda.IFunction;
 *
 * const target = gateway.addLambdaTarget('Weather', {
 *   lambdaFunction: fn,
 *   toolSchema: agentcore.ToolSchema.fromInline([{
 *     name: 'get_weather',
 *     description: 'Current weather for a city',
 *     inputSchema: {
 *       type: agentcore.SchemaDefinitionType.OBJECT,
 *       properties: { city: { type: agentcore.SchemaDefinitionType.STRING } },
 *       required: ['city'],
 *     },
 *   }]),
 * });
 */
export class GatewayTarget extends agentcore.GatewayTargetBase implements agentcore.IMcpGatewayTarget {
  /**
   * Creates a target; used by `Gateway`, which validates the spec first.
   *
   * @internal
   */
  public static _create(scope: Construct, id: string, spec: TargetSpec): GatewayTarget {
    return new GatewayTarget(scope, id, spec);
  }

  /**
   * The identifier of the target, as CloudFormation's `Ref` reports it.
   *
   * @attribute
   */
  public readonly targetArn: string;

  /**
   * The id of the target (10 characters).
   *
   * @attribute
   */
  public readonly targetId: string;

  /** The name of the target. */
  public readonly gatewayTargetName: string;

  /**
   * The description of the target.
   *
   * @default - no description
   */
  public readonly description?: string;

  /** The gateway this target belongs to. */
  public readonly gateway: agentcore.IGateway;

  /** The target protocol (MCP). */
  public readonly targetProtocolType = agentcore.GatewayTargetProtocolType.MCP;

  /** The kind of target (Lambda, OpenAPI, Smithy or MCP server). */
  public readonly targetType: agentcore.McpTargetType;

  /**
   * The outbound credential provider of the target.
   *
   * @default - none (an MCP server without outbound authentication)
   */
  public readonly credentialProviderConfigurations: agentcore.ICredentialProviderConfig[] | undefined;

  /**
   * The tool names this target defines, when they are known at synthesis (inline schemas); empty otherwise.
   */
  public readonly toolNames: string[];

  /**
   * The status of the target.
   *
   * @attribute
   */
  public readonly status?: string;

  /**
   * The status reasons of the target.
   *
   * @attribute
   */
  public readonly statusReasons?: string[];

  /**
   * When the target was created.
   *
   * @attribute
   */
  public readonly createdAt?: string;

  /**
   * When the target was last updated.
   *
   * @attribute
   */
  public readonly updatedAt?: string;

  private readonly resource: agentcore.CfnGatewayTarget;
  private policy?: iam.Policy;

  private constructor(scope: Construct, id: string, spec: TargetSpec) {
    super(scope, id);
    this.gateway = spec.gateway;
    this.gatewayTargetName = spec.name;
    this.description = spec.description;
    this.targetType = spec.kind;
    this.toolNames = [...spec.toolNames];
    this.credentialProviderConfigurations = spec.credentialProvider ? [spec.credentialProvider] : undefined;

    const statements: iam.PolicyStatement[] = [];
    let mcp: any;
    let schemaConfig: any;
    if (spec.schema) {
      const rendered = renderSchema(spec.schema, this);
      schemaConfig = rendered.config;
      if (rendered.s3ObjectArn) {
        statements.push(new iam.PolicyStatement({ sid: 'ReadSchema', actions: S3_READ_OBJECT_ACTIONS, resources: [rendered.s3ObjectArn] }));
      }
    }
    switch (spec.kind) {
      case agentcore.McpTargetType.LAMBDA:
        mcp = { lambda: { lambdaArn: spec.lambdaFunction!.functionArn, toolSchema: schemaConfig } };
        statements.push(new iam.PolicyStatement({
          sid: 'InvokeLambdaTarget', actions: LAMBDA_INVOKE_ACTIONS, resources: [spec.lambdaFunction!.functionArn],
        }));
        break;
      case agentcore.McpTargetType.OPENAPI_SCHEMA:
        mcp = { openApiSchema: schemaConfig };
        break;
      case agentcore.McpTargetType.SMITHY_MODEL:
        mcp = { smithyModel: schemaConfig };
        break;
      default:
        mcp = { mcpServer: { endpoint: spec.endpoint! } };
    }

    this.resource = new agentcore.CfnGatewayTarget(this, 'Resource', {
      gatewayIdentifier: spec.gateway.gatewayId,
      name: spec.name,
      description: spec.description,
      targetConfiguration: { mcp },
      credentialProviderConfigurations: spec.credentialProvider ? [spec.credentialProvider._render()] : undefined,
    });
    this.node.defaultChild = this.resource;

    for (const statement of statements) this.addToRolePolicy(statement);
    const provider = spec.credentialProvider;
    if (provider instanceof TargetCredentialProvider) {
      for (const statement of provider._statements(spec.gateway)) this.addToRolePolicy(statement);
      if (this.policy && provider.providerArn) {
        acknowledgeWildcardResources(this.policy, provider._workloadIdentityArns(spec.gateway),
          "The gateway's workload identity is created by AgentCore with a generated suffix (<gatewayName>-<suffix>); the prefix names this gateway only.");
      }
    } else if (provider) {
      // A provider from aws-cdk-lib grants on the role's default policy; the target still waits for it.
      provider.grantNeededPermissionsToRole(spec.gateway)?.applyBefore(this.resource);
    }

    this.targetId = this.resource.attrTargetId;
    this.targetArn = this.resource.ref;
    this.status = this.resource.attrStatus;
    this.statusReasons = this.resource.attrStatusReasons;
    this.createdAt = this.resource.attrCreatedAt;
    this.updatedAt = this.resource.attrUpdatedAt;
  }

  /**
   * The policy on the gateway role that holds this target's permissions.
   *
   * @default - none until a permission is needed
   */
  public get gatewayRolePolicy(): iam.Policy | undefined {
    return this.policy;
  }

  /**
   * Adds a statement to this target's policy on the gateway role. The target is created only after the policy, e.g.
   * the service actions of a Smithy target.
   */
  public addToRolePolicy(statement: iam.PolicyStatement): void {
    if (!this.policy) {
      this.policy = new iam.Policy(this, 'GatewayRolePolicy');
      this.gateway.role.attachInlinePolicy(this.policy);
      this.resource.node.addDependency(this.policy);
    }
    this.policy.addStatements(statement);
  }

  /**
   * Makes this target wait for another one (the gateway creates targets at most five at a time).
   *
   * @internal
   */
  public _createAfter(other: GatewayTarget): void {
    this.resource.node.addDependency(other.resource);
  }
}
