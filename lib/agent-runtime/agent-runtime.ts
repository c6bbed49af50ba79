import { CfnResource, CustomResource, Fn, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { AgentRuntimeArtifact } from './artifact';
import type { RuntimeAuthorizer } from './authorizer';
import { AgentRuntimeEndpoint, AgentRuntimeEndpointOptions, EndpointVersion, IAgentRuntimeEndpoint } from './endpoint';
import type { RuntimeFilesystem } from './filesystem';
import type { HealthCheck } from './health-check';
import type { RuntimeLoggingConfig } from './observability';
import { RUNTIME_INVOKE_ACTIONS, RUNTIME_INVOKE_FOR_USER_ACTIONS, RUNTIME_INVOKE_HTTP_ACTIONS } from './perms';
import { deliverLogs, deliverTraces } from './private/delivery';
import { renderHealthCheck } from './private/health-check';
import { renderArtifact, renderJwtAuthorizer, renderLifecycle, renderNetwork } from './private/render';
import { checkPlaintextSecrets, secretReference } from './private/secrets';
import { AgentRuntimeProvider } from './provider';
import type { RuntimeSecret } from './secret';
import { RuntimeLifecycle, RuntimeNetwork, ServerProtocol } from './types';
import { validateEnvironment, validateRendered, validateRenderedAuthorizer, validateRuntimeInputs } from './validation';
import { AgentCoreEnvironment } from '../environment/agentcore-environment';
import { ExecutionRole, ExecutionRoleGrants } from '../execution-role';
import { executionRoleFacts } from '../execution-role/role-registry';
import { Gateway } from '../gateway/gateway';
import { MemoryAccess } from '../memory/memory-access';
import { wirePolicyEngine } from '../policy/private/runtime-wiring';
import type { PolicyEngineWiringOptions } from '../policy/types';
import {
  defaultSsmPrefix, ENVIRONMENT_NAME, fullMatch, LIBRARY_KEY, LIMITS, NATIVE_TYPES, OWNED_ENDPOINTS_PROPERTY, parseRuntimeArn,
  RUNTIME_ARN_PARAMETER, RUNTIME_NAME, RUNTIME_RESOURCE_TYPE, RUNTIME_SSM_COMPONENT, runtimeLogGroupName, runtimeNameOf,
} from '../private/contract';
import type { RuntimeAttribute, RuntimeResourceProperties } from '../private/contract';
import { acknowledgeWildcardResources } from '../private/nag';
import { generatedName } from '../private/names';
import { ValidationErrors } from '../private/validation';
import { publishSsmOutputs } from '../ssm/ssm-outputs';
import type { SsmOutputsOptions } from '../ssm/ssm-outputs-options';
import { checkSsmPrefix } from '../ssm/ssm-prefix';
import type { PeerOptions } from '../team/peer-options';
import { addPeer } from '../team/peers';
import type { BrowserWiringOptions, CodeInterpreterWiringOptions } from '../tools/options';
import { addBrowser, addCodeInterpreter } from '../tools/wiring';

/** AgentCore allows 10 endpoints per runtime, DEFAULT included. */
const MAX_NAMED_ENDPOINTS = LIMITS.endpointsPerRuntime - 1;

/**
 * An Amazon Bedrock AgentCore runtime, created by this library or imported.
 *
 * It is an aws-cdk-lib `IBedrockAgentRuntime`, so it works wherever aws-cdk-lib's AgentCore module expects one.
 */
export interface IAgentRuntime extends agentcore.IBedrockAgentRuntime, iam.IResourceWithPolicy {}

/** Attributes to import a runtime defined elsewhere. */
export interface AgentRuntimeAttributes {
  /** The runtime ARN, `arn:<partition>:bedrock-agentcore:<region>:<account>:runtime/<id>`. */
  readonly agentRuntimeArn: string;

  /**
   * The runtime id.
   *
   * @default - parsed from the ARN (required when the ARN is a token)
   */
  readonly agentRuntimeId?: string;

  /**
   * The runtime name.
   *
   * @default - parsed from the id (required when the id is a token)
   */
  readonly agentRuntimeName?: string;

  /**
   * The ARN of the runtime's execution role.
   *
   * @default - the role is unknown; `role` refers to an immutable placeholder and `addToRolePolicy` does nothing
   */
  readonly roleArn?: string;

  /**
   * The runtime version.
   *
   * @default - unknown
   */
  readonly agentRuntimeVersion?: string;

  /**
   * The runtime's security groups, if it runs in a VPC.
   *
   * @default - not in a VPC; `connections` throws
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/**
 * Grants shared by created and imported runtimes. `grantInvoke` is narrower than aws-cdk-lib's: it gives
 * `InvokeAgentRuntime` and the WebSocket stream, not `InvokeAgentRuntimeForUser`, which has its own grant
 * (`grantInvokeRuntimeForUser`). Every invoke grant covers the runtime and its endpoints and, for a principal of
 * another account, the runtime's resource-based policy.
 */
export abstract class AgentRuntimeBase extends agentcore.RuntimeBase implements IAgentRuntime {
  /**
   * Allows invoking the runtime over HTTP and WebSocket (`InvokeAgentRuntime`,
   * `InvokeAgentRuntimeWithWebSocketStream`) on the runtime **and** its endpoints (`<arn>/*`), where AgentCore
   * authorizes invocations. A principal of another account is also added to the runtime's resource-based policy.
   *
   * **Narrower than aws-cdk-lib's `grantInvoke`**, which also grants `InvokeAgentRuntimeForUser`: the right to
   * name any user in the `X-Amzn-Bedrock-AgentCore-Runtime-User-Id` header and act as that user. Grant that on
   * purpose, to the principals that need it, with `grantInvokeRuntimeForUser`.
   */
  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return this.grantOnRuntimeAndEndpoints(grantee, RUNTIME_INVOKE_ACTIONS);
  }

  /**
   * Allows invoking the runtime over HTTP (`InvokeAgentRuntime`, as aws-cdk-lib's grant of this name) on the
   * runtime and its endpoints; a principal of another account is also added to the resource-based policy.
   */
  public grantInvokeRuntime(grantee: iam.IGrantable): iam.Grant {
    return this.grantOnRuntimeAndEndpoints(grantee, RUNTIME_INVOKE_HTTP_ACTIONS);
  }

  /**
   * Allows invoking the runtime on behalf of a user (`InvokeAgentRuntimeForUser`, needed to send the
   * `X-Amzn-Bedrock-AgentCore-Runtime-User-Id` header) on the runtime and its endpoints; a principal of another
   * account is also added to the resource-based policy.
   */
  public grantInvokeRuntimeForUser(grantee: iam.IGrantable): iam.Grant {
    return this.grantOnRuntimeAndEndpoints(grantee, RUNTIME_INVOKE_FOR_USER_ACTIONS);
  }

  /**
   * Adds a statement to the runtime's resource-based policy. Imported runtimes cannot: the statement is not added.
   */
  public addToResourcePolicy(_statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    return { statementAdded: false };
  }

  private grantOnRuntimeAndEndpoints(grantee: iam.IGrantable, actions: string[]): iam.Grant {
    const endpoints = `${this.agentRuntimeArn}/*`;
    // Principals of other accounts also need the runtime's resource-based policy to allow them.
    const grant = iam.Grant.addToPrincipalOrResource({ grantee, actions, resourceArns: [this.agentRuntimeArn, endpoints], resource: this });
    const principal = grantee.grantPrincipal;
    if (grant.principalStatements.length > 0 && Construct.isConstruct(principal)) {
      acknowledgeWildcardResources(principal, [endpoints],
        'AgentCore authorizes invocations on the endpoint sub-resource (<runtime ARN>/runtime-endpoint/<name>); the wildcard covers only the endpoints of this runtime.');
    }
    return grant;
  }
}

/** How `AgentRuntime.addMemory()` wires a memory into a runtime. */
export interface MemoryWiringOptions {
  /**
   * What the agent may do with the memory.
   *
   * @default MemoryAccess.READ_WRITE (write events, read short- and long-term memory, discover strategies)
   */
  readonly access?: MemoryAccess;

  /**
   * The environment variable that carries the memory id.
   *
   * @default 'AGENTCORE_MEMORY_ID'
   */
  readonly environmentVariable?: string;
}

/** How `AgentRuntime.addGateway()` wires a gateway into a runtime. */
export interface GatewayWiringOptions {
  /**
   * The environment variable that carries the gateway's MCP URL.
   *
   * @default 'AGENTCORE_GATEWAY_URL'
   */
  readonly environmentVariable?: string;
}

/** Where `AgentRuntime.fromSsm()` finds the parameters. */
export interface AgentRuntimeSsmOptions {
  /**
   * The environment the runtime was published for, when it is not the reader's own.
   *
   * @default AgentCoreEnvironment.of(scope)
   */
  readonly environment?: string;

  /**
   * The prefix the runtime was published under (the whole path: give it or `environment`, not both).
   *
   * @default `/agentcore/<environment>/runtime/`
   */
  readonly prefix?: string;
}

/** Properties of an `AgentRuntime`. */
export interface AgentRuntimeProps {
  /**
   * What the runtime runs: `AgentRuntimeArtifact.fromEcrRepository()`, `.fromAsset()`, `.fromImageUri()`,
   * `.fromS3Code()` or `.fromCodeAsset()`.
   */
  readonly artifact: AgentRuntimeArtifact;

  /**
   * The runtime name, `[a-zA-Z][a-zA-Z0-9_]{0,47}`. Changing it replaces the runtime (a new one is created, then the
   * old one deleted).
   *
   * @default - a stable name derived from the construct path
   */
  readonly runtimeName?: string;

  /**
   * The role the runtime assumes. An `ExecutionRole` is narrowed to the logs and workload identities of the runtimes
   * that use it (by their names' common prefix, so one role can serve many runtimes at a constant policy size); any
   * other role gets the artifact grants and nothing else.
   *
   * @default - a new `ExecutionRole` scoped to this runtime
   */
  readonly executionRole?: iam.IRole;

  /**
   * The network of the runtime.
   *
   * @default RuntimeNetwork.public()
   */
  readonly network?: RuntimeNetwork;

  /**
   * The protocol the container speaks.
   *
   * @default ServerProtocol.HTTP
   */
  readonly protocol?: ServerProtocol;

  /**
   * Environment variables of the container (at most 50 with `secrets`; keys `[A-Za-z_][A-Za-z0-9_]{0,99}`, values up
   * to 5000 characters). Their values are visible in the template, in the provider's Step Functions execution history
   * and to anyone who can read the runtime, so a value that looks like a credential fails synthesis (see
   * `unsafePlaintextEnvironmentVariables`): pass secrets with `secrets`.
   *
   * @default - none
   */
  readonly environmentVariables?: { [key: string]: string };

  /**
   * Secrets the agent reads at run time, by environment variable name. Each variable holds only a reference,
   * `agentcore-secret:<ARN>[#<JSON key>]`, which the agent resolves with its role (see `RuntimeSecret` and the README
   * section "Secrets"); the role may read exactly these secrets. Names share the 50 variables and the name rule of
   * `environmentVariables`, and must not repeat one of them.
   *
   * @default - none
   */
  readonly secrets?: { [name: string]: RuntimeSecret };

  /**
   * Environment variables whose values look like credentials (a password in a URL, an access key id, a token, a
   * literal under a name such as `*_API_KEY`) but are meant to be plain text: a public demo key, a test fixture.
   * Without them listed, such a value fails synthesis. Their values stay visible wherever `environmentVariables` are.
   * Each name must be an environment variable of the runtime by synthesis (from the props or `addEnvironment()`).
   *
   * @default - none: every value that looks like a credential fails synthesis
   */
  readonly unsafePlaintextEnvironmentVariables?: string[];

  /**
   * How callers authenticate.
   *
   * @default RuntimeAuthorizer.iam()
   */
  readonly authorizer?: RuntimeAuthorizer;

  /**
   * Session idle timeout and maximum lifetime.
   *
   * @default - the service defaults (15 minutes idle, 8 hours maximum)
   */
  readonly lifecycle?: RuntimeLifecycle;

  /**
   * Request headers passed through to the container (1-20 names, `[A-Za-z][A-Za-z0-9_-]{0,255}`).
   *
   * @default - none
   */
  readonly requestHeaderAllowlist?: string[];

  /**
   * A description (1-4096 characters).
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * Tags of the runtime, at most 48 (the provider adds two ownership tags).
   *
   * Keys are 1-128 and values 0-256 characters of `[a-zA-Z0-9\s._:/=+@-]`; keys may not start with `aws:` or
   * `cdk-agentcore:`.
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };

  /**
   * A check the provider runs against every new version before reporting success (see `HealthCheck`).
   *
   * @default - no check: the deployment succeeds when the version is READY
   */
  readonly healthCheck?: HealthCheck;

  /**
   * What happens to the runtime when it is removed from the stack. `RETAIN` leaves it in place.
   *
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Filesystems mounted into the runtime's sessions (at most 5): session storage, an EFS or S3 Files access point, or
   * a capacity provider volume (`filesystemConfigurations`).
   *
   * @default - none
   */
  readonly filesystems?: RuntimeFilesystem[];

  /**
   * The capacity provider that runs the runtime on the Instances compute type (`capacityProviderConfiguration`), by ARN
   * (`arn:<partition>:bedrock-agentcore:<region>:<account>:capacity-provider/<name>-<10 characters>`). Sessions may then
   * last up to 14 days.
   *
   * @default - AgentCore-managed microVMs
   */
  readonly capacityProviderArn?: string;

  /**
   * The version of the runtime platform (`platformVersion`), e.g. `V2`. The vendored API model predates this member;
   * the service checks the value.
   *
   * @default - the service default
   */
  readonly platformVersion?: string;

  /**
   * Vended logs of the runtime (application logs, usage logs) and where they go: CloudWatch Logs, S3 or Firehose
   * (`AWS::Logs::DeliverySource`, `DeliveryDestination` and `Delivery`, as aws-cdk-lib's `Runtime` does). Each
   * destination is opened to the log delivery service for that destination only.
   *
   * @default - no vended log delivery
   */
  readonly loggingConfigs?: RuntimeLoggingConfig[];

  /**
   * Whether the runtime's traces are delivered to X-Ray (a `TRACES` delivery source, as aws-cdk-lib's `Runtime` does).
   * One X-Ray resource policy per stack allows the log delivery service to write traces of this account's runtimes.
   *
   * @default false
   */
  readonly tracingEnabled?: boolean;
}

/**
 * An Amazon Bedrock AgentCore runtime, deployed by a custom resource that waits until it is READY.
 *
 * The provider (one per stack) creates the runtime with a client token derived from the CloudFormation request,
 * retries while the execution role propagates, reports the service's failure reason when the runtime fails, deletes a
 * runtime whose creation failed, sends the full configuration on every update (each update is a new runtime version),
 * and treats a name change as a replacement.
 *
 * @resource Custom::BedrockAgentCoreRuntime
 * @example
 * const runtime = new AgentRuntime(this, 'Agent', {
 *   artifact: AgentRuntimeArtifact.fromAsset(path.join(__dirname, 'agent')),
 *   environmentVariables: { LOG_LEVEL: 'info' },
 * });
 * runtime.agentGrants.invokeModel(BedrockModel.inferenceProfile('us.anthropic.claude-sonnet-4-20250514-v1:0'));
 * runtime.grantInvoke(callerRole);
 */
export class AgentRuntime extends AgentRuntimeBase {
  /** Imports a runtime from its attributes. */
  public static fromAgentRuntimeAttributes(scope: Construct, id: string, attrs: AgentRuntimeAttributes): IAgentRuntime {
    const arnId = Token.isUnresolved(attrs.agentRuntimeArn) ? undefined : runtimeIdOfArn(attrs.agentRuntimeArn);
    const runtimeId = attrs.agentRuntimeId ?? arnId;
    if (runtimeId === undefined) {
      throw new Error(`AgentRuntime.fromAgentRuntimeAttributes: agentRuntimeArn is a token, so agentRuntimeId is required (at ${scope.node.path}/${id}).`);
    }
    const runtimeName = attrs.agentRuntimeName ?? (Token.isUnresolved(runtimeId) ? undefined : runtimeNameOf(runtimeId));
    if (runtimeName === undefined) {
      const why = Token.isUnresolved(runtimeId)
        ? 'agentRuntimeId is a token, so agentRuntimeName is required'
        : `agentRuntimeId '${runtimeId}' is not an AgentCore runtime id (<name>-<10 letters or digits>); give a valid id or agentRuntimeName`;
      throw new Error(`AgentRuntime.fromAgentRuntimeAttributes: ${why} (at ${scope.node.path}/${id}).`);
    }
    return new ImportedAgentRuntime(scope, id, attrs, runtimeId, runtimeName);
  }

  /**
   * Imports a runtime from the SSM parameters another stack or app published with `addSsmOutputs()`. Only
   * `<prefix>agent_runtime_arn` is read, by CloudFormation at deploy time, and only once an attribute is used: the id
   * and the name are parts of the ARN. The prefix follows the rule of `addSsmOutputs()`.
   */
  public static fromSsm(scope: Construct, id: string, options: AgentRuntimeSsmOptions = {}): IAgentRuntime {
    const errors = new ValidationErrors();
    errors.pattern('environment', options.environment, ENVIRONMENT_NAME, ENVIRONMENT_NAME.source);
    checkSsmPrefix('prefix', options.prefix, errors);
    if (options.prefix !== undefined && options.environment !== undefined) {
      errors.addMessage('give environment or prefix, not both: prefix replaces the whole path, so the environment would be ignored');
    }
    errors.throwIfAny(scope, `AgentRuntime.fromSsm('${id}') options`);
    const prefix = options.prefix ?? defaultSsmPrefix(options.environment ?? AgentCoreEnvironment.of(scope), RUNTIME_SSM_COMPONENT);
    return new SsmImportedAgentRuntime(scope, id, `${prefix}${RUNTIME_ARN_PARAMETER}`);
  }

  /** Imports a runtime by ARN (a literal ARN; use `fromAgentRuntimeAttributes` for tokens). */
  public static fromAgentRuntimeArn(scope: Construct, id: string, agentRuntimeArn: string): IAgentRuntime {
    if (Token.isUnresolved(agentRuntimeArn)) {
      throw new Error('AgentRuntime.fromAgentRuntimeArn: the ARN is a token, so the id and name cannot be parsed; use fromAgentRuntimeAttributes() with agentRuntimeId and agentRuntimeName.');
    }
    return AgentRuntime.fromAgentRuntimeAttributes(scope, id, { agentRuntimeArn });
  }

  /** @attribute */
  public readonly agentRuntimeArn: string;
  /** @attribute */
  public readonly agentRuntimeId: string;
  /** The runtime name. */
  public readonly agentRuntimeName: string;
  /**
   * The version the last deployment produced (`1` after create, incremented by every update). Always set; typed
   * optional only because aws-cdk-lib's `IBedrockAgentRuntime` declares it so.
   * @attribute
   */
  public readonly agentRuntimeVersion?: string;
  /**
   * The version that was live before the last deployment (equal to `agentRuntimeVersion` after a create). Rolling
   * an endpoint back is one call:
   * `aws bedrock-agentcore-control update-agent-runtime-endpoint --agent-runtime-id <id> --endpoint-name <name> --agent-runtime-version <previousVersion>`.
   * @attribute
   */
  public readonly previousVersion: string;
  /**
   * The status the provider saw when the deployment completed (always `READY`).
   * @attribute
   */
  public readonly status: string;
  /** The status, as aws-cdk-lib's `IBedrockAgentRuntime` names it. */
  public readonly agentStatus?: string;
  /** Not reported by the provider. */
  public readonly createdAt?: string;
  /** Not reported by the provider. */
  public readonly lastUpdatedAt?: string;
  /** The role the runtime assumes. */
  public readonly role: iam.IRole;
  /** What the agent may do, granted to its role (`invokeModel`, `pullImage`, `readParameters`, `invokeLambda`). */
  public readonly agentGrants: ExecutionRoleGrants;
  public readonly grantPrincipal: iam.IPrincipal;

  private readonly environmentVariables: { [key: string]: string };
  private readonly unsafePlaintextVariables: ReadonlySet<string>;
  private readonly resource: CustomResource;
  private readonly resourcePolicy = new iam.PolicyDocument();
  private readonly endpoints: AgentRuntimeEndpoint[] = [];

  constructor(scope: Construct, id: string, props: AgentRuntimeProps) {
    super(scope, id);
    const errors = new ValidationErrors();
    this.environmentVariables = { ...props.environmentVariables };
    this.unsafePlaintextVariables = new Set(props.unsafePlaintextEnvironmentVariables);
    checkPlaintextSecrets(this.environmentVariables, this.unsafePlaintextVariables, errors);
    if (props.removalPolicy === RemovalPolicy.SNAPSHOT) {
      errors.add('removalPolicy', 'SNAPSHOT', 'is not supported by a runtime (use RETAIN, RETAIN_ON_UPDATE_OR_DELETE or DESTROY): CloudFormation would only warn and delete it');
    }
    validateRuntimeInputs({
      runtimeName: props.runtimeName,
      description: props.description,
      environmentVariables: this.environmentVariables,
      requestHeaderAllowlist: props.requestHeaderAllowlist,
      lifecycle: props.lifecycle,
      onCapacityProvider: props.capacityProviderArn !== undefined,
      jwt: props.authorizer?.jwt,
      tags: props.tags,
      platformVersion: props.platformVersion,
      capacityProviderArn: props.capacityProviderArn,
    }, errors);
    const healthCheck = renderHealthCheck(props.healthCheck, errors);
    const jwt = props.authorizer?.jwt;
    const authorizer = jwt ? renderJwtAuthorizer(jwt) : undefined;
    validateRenderedAuthorizer(authorizer, errors);
    errors.throwIfAny(this, 'AgentRuntime props');

    this.agentRuntimeName = props.runtimeName ?? generateRuntimeName(this);
    this.role = props.executionRole ?? new ExecutionRole(this, 'ExecutionRole');
    executionRoleFacts(this.role)?.addAgent(this.agentRuntimeName);
    this.grantPrincipal = this.role;
    this.agentGrants = ExecutionRoleGrants.fromRole(this.role);

    const artifact = props.artifact.bind(this, this.role);
    const network = (props.network ?? RuntimeNetwork.public()).bind(this);
    if (network.securityGroups) {
      this._connections = new ec2.Connections({ securityGroups: network.securityGroups });
    }

    const provider = AgentRuntimeProvider.getOrCreate(this);
    provider.allowPassRole(this.role);
    if (healthCheck) provider.allowHealthChecks(this.agentRuntimeName);
    const properties: RuntimeResourceProperties = {
      AgentRuntimeName: this.agentRuntimeName,
      RoleArn: this.role.roleArn,
      AgentRuntimeArtifact: renderArtifact(artifact),
      NetworkConfiguration: renderNetwork(network),
      ProtocolConfiguration: (props.protocol ?? ServerProtocol.HTTP).value,
      EnvironmentVariables: Lazy.any({
        produce: () => Object.keys(this.environmentVariables).length > 0 ? this.environmentVariables : undefined,
      }) as any,
      AuthorizerConfiguration: authorizer,
      LifecycleConfiguration: renderLifecycle(props.lifecycle),
      RequestHeaderConfiguration: props.requestHeaderAllowlist ? { RequestHeaderAllowlist: props.requestHeaderAllowlist } : undefined,
      FilesystemConfigurations: props.filesystems?.map((f) => f._bind(this.role, network.securityGroups ? this : undefined)),
      CapacityProviderConfiguration: props.capacityProviderArn ? { CapacityProviderArn: props.capacityProviderArn } : undefined,
      PlatformVersion: props.platformVersion,
      Description: props.description,
      Tags: props.tags,
      [LIBRARY_KEY]: Lazy.any({
        produce: () => {
          // Statements without resources: the provider applies them to this runtime and its endpoints.
          const policy = this.resourcePolicy.isEmpty ? undefined : Stack.of(this).toJsonString(this.resourcePolicy);
          // The endpoints of this stack: on Delete the provider deletes only these (others block the delete, named).
          const endpoints = this.endpoints.length > 0 ? this.endpoints.map((e) => e.endpointName) : undefined;
          const settings = { HealthCheck: healthCheck, ResourcePolicy: policy, [OWNED_ENDPOINTS_PROPERTY]: endpoints };
          return healthCheck || policy || endpoints ? settings : undefined;
        },
      }) as any,
    };
    validateRendered(properties, errors);
    errors.throwIfAny(this, 'AgentRuntime props');
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: RUNTIME_RESOURCE_TYPE,
      serviceTimeout: provider.serviceTimeout,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
      properties: { ...properties },
    });
    this.node.addValidation({ validate: () => this.resourcePolicy.validateForResourcePolicy() });
    // An escape that names no variable is a typo that would let the real variable fail later, or a leftover.
    this.node.addValidation({
      validate: () => [...this.unsafePlaintextVariables].filter((name) => !(name in this.environmentVariables)).map((name) =>
        `unsafePlaintextEnvironmentVariables names '${name}', which is not an environment variable of this runtime: fix the name or remove it.`),
    });
    // The L1 (its CfnResource), as aws-cdk-lib's constructs do: `addPropertyOverride` on it is the escape hatch.
    this.node.defaultChild = this.resource.node.defaultChild;
    // The role, its policies (ECR, logs) and the provider's PassRole grant must exist before CreateAgentRuntime.
    this.resource.node.addDependency(this.role, provider.handlerRole);

    this.agentRuntimeId = this.resource.ref;
    this.agentRuntimeArn = this.resource.getAttString('AgentRuntimeArn' satisfies RuntimeAttribute);
    this.agentRuntimeVersion = this.resource.getAttString('AgentRuntimeVersion' satisfies RuntimeAttribute);
    this.previousVersion = this.resource.getAttString('PreviousVersion' satisfies RuntimeAttribute);
    this.status = this.resource.getAttString('Status' satisfies RuntimeAttribute);
    this.agentStatus = this.status;

    if (props.tracingEnabled) deliverTraces(this, this.agentRuntimeArn);
    if (props.loggingConfigs && props.loggingConfigs.length > 0) deliverLogs(this, this.agentRuntimeArn, props.loggingConfigs);
    for (const [name, secret] of Object.entries(props.secrets ?? {})) this.addSecret(name, secret);
  }

  /**
   * Adds an environment variable to the container. A change is deployed as a new runtime version. A value that looks
   * like a credential fails (see `AgentRuntimeProps.unsafePlaintextEnvironmentVariables`); pass secrets with
   * `addSecret()`.
   */
  public addEnvironment(key: string, value: string): AgentRuntime {
    const errors = new ValidationErrors();
    checkPlaintextSecrets({ [key]: value }, this.unsafePlaintextVariables, errors);
    return this.putEnvironment(key, value, errors, 'AgentRuntime.addEnvironment() argument');
  }

  private putEnvironment(key: string, value: string, errors: ValidationErrors, what: string): AgentRuntime {
    if (!Token.isUnresolved(key) && key in this.environmentVariables) {
      errors.add('key', key, 'is already set; environment variable names must be unique');
    }
    validateEnvironment({ ...this.environmentVariables, [key]: value }, errors);
    errors.throwIfAny(this, what);
    this.environmentVariables[key] = value;
    return this;
  }

  /**
   * Wires a memory into the runtime: sets the environment variable the agent reads (`AGENTCORE_MEMORY_ID` by default)
   * to the memory id, grants the runtime's role exactly the chosen access, and creates the runtime after the memory.
   *
   * @returns the grant on the runtime's role
   */
  public addMemory(memory: agentcore.IMemory, options: MemoryWiringOptions = {}): iam.Grant {
    this.addEnvironment(options.environmentVariable ?? 'AGENTCORE_MEMORY_ID', memory.memoryId);
    const grant = (options.access ?? MemoryAccess.READ_WRITE).grant(memory, this.role);
    this.resource.node.addDependency(memory);
    return grant;
  }

  /**
   * Wires a gateway into the runtime: sets the environment variable the agent reads (`AGENTCORE_GATEWAY_URL` by
   * default) to the gateway's MCP URL, grants the runtime's role `bedrock-agentcore:InvokeGateway` on it when the
   * gateway authorizes with IAM (JWT gateways take a bearer token instead, so nothing is granted), and creates the
   * runtime after the gateway and its targets.
   *
   * @returns the grant on the runtime's role (a no-op grant for a JWT gateway)
   */
  public addGateway(gateway: agentcore.IGateway, options: GatewayWiringOptions = {}): iam.Grant {
    this.addEnvironment(options.environmentVariable ?? 'AGENTCORE_GATEWAY_URL', Gateway.urlOf(gateway));
    this.resource.node.addDependency(gateway);
    if (gateway.authorizerConfiguration.authorizerType !== agentcore.GatewayAuthorizerType.AWS_IAM) {
      return iam.Grant.drop(this.role, `invoke gateway ${gateway.node.path} (it authorizes bearer tokens, not IAM)`);
    }
    return gateway.grantInvoke(this.role);
  }

  /**
   * Adds a named endpoint (alias). `EndpointVersion.latest()` moves with every deploy, after the new version is
   * READY and has passed the health check; `EndpointVersion.pinned('3')` stays on that version. `DEFAULT` is managed
   * by AgentCore and cannot be added; a runtime has at most 10 endpoints including `DEFAULT`. When the runtime is
   * deleted, its named endpoints are deleted first.
   */
  public addEndpoint(endpointName: string, options: AgentRuntimeEndpointOptions = {}): IAgentRuntimeEndpoint {
    if (!Token.isUnresolved(endpointName) && this.endpoints.some((e) => e.endpointName === endpointName)) {
      throw new Error(`${this.node.path}: addEndpoint(): an endpoint named '${endpointName}' already exists on this runtime.`);
    }
    if (this.endpoints.length >= MAX_NAMED_ENDPOINTS) {
      throw new Error(`${this.node.path}: addEndpoint('${endpointName}'): a runtime has at most 10 endpoints including DEFAULT, so at most ${MAX_NAMED_ENDPOINTS} named ones.`);
    }
    // A literal name keeps the id (and so the logical id) it always had; a token cannot be part of an id.
    const id = Token.isUnresolved(endpointName) ? `Endpoint${this.endpoints.length + 1}` : `Endpoint${endpointName}`;
    const endpoint = new AgentRuntimeEndpoint(this, id, {
      ...options,
      version: options.version ?? EndpointVersion.latest(),
      endpointName,
      agentRuntimeId: this.agentRuntimeId,
      agentRuntimeArn: this.agentRuntimeArn,
      latestVersion: this.agentRuntimeVersion,
    });
    this.endpoints.push(endpoint);
    this.applyResourcePolicyToEndpoints();
    return endpoint;
  }

  /**
   * Adds a statement to the runtime's resource-based policy, which the provider applies with `PutResourcePolicy` before
   * the runtime counts as deployed. It always applies to this runtime, its DEFAULT endpoint and the endpoints added
   * with `addEndpoint()` (each of which gets a copy, a native `AWS::BedrockAgentCore::ResourcePolicy`, once it
   * exists), so the statement names no resource, or only this runtime (`agentRuntimeArn`, `${agentRuntimeArn}/*`) or
   * `*`; any other resource, or a `NotResource`, fails instead of being dropped. Use it, or `grantInvoke` with a
   * principal of another account, for cross-account invocation.
   */
  public addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    const own = new Set([this.agentRuntimeArn, `${this.agentRuntimeArn}/*`, '*']);
    const foreign = statement.resources.filter((r) => !own.has(r));
    if (foreign.length > 0 || statement.notResources.length > 0) {
      const named = [...foreign, ...statement.notResources.map((r) => `NotResource ${r}`)].map((r) => Token.isUnresolved(r) ? '<token>' : r);
      throw new Error(`${this.node.path}: addToResourcePolicy() statement names ${named.join(', ')}: a runtime's resource-based policy applies to this runtime and its endpoints only. Omit Resource (or use agentRuntimeArn), and grant other resources on their own policies.`);
    }
    const json = { ...statement.toStatementJson() };
    delete json.Resource;
    delete json.NotResource;
    this.resourcePolicy.addStatements(iam.PolicyStatement.fromJson(json));
    this.applyResourcePolicyToEndpoints();
    return { statementAdded: true, policyDependable: this.resource };
  }

  /**
   * AgentCore checks the policy of the endpoint an invocation goes through as well as the runtime's. Named endpoints
   * are created after the runtime, so each gets its own copy of the policy, a native
   * `AWS::BedrockAgentCore::ResourcePolicy` (every statement's `Resource` set to the endpoint ARN) created once the
   * endpoint exists.
   */
  private applyResourcePolicyToEndpoints(): void {
    if (this.resourcePolicy.isEmpty) return;
    for (const endpoint of this.endpoints) {
      if (endpoint.node.tryFindChild('ResourcePolicy')) continue;
      const policy = new CfnResource(endpoint, 'ResourcePolicy', {
        type: NATIVE_TYPES.resourcePolicy,
        properties: {
          ResourceArn: endpoint.agentRuntimeEndpointArn,
          Policy: Lazy.string({ produce: () => Stack.of(this).toJsonString(policyFor(this.resourcePolicy, endpoint.agentRuntimeEndpointArn)) }),
        },
      });
      policy.node.addDependency(endpoint);
    }
  }

  /**
   * Publishes the runtime's identifiers as SSM String parameters (`agent_runtime_arn`, `agent_runtime_id`,
   * `agent_runtime_name`, `log_group_name` of the DEFAULT endpoint, and `xray_enabled` when the role is an
   * `ExecutionRole`), under `/agentcore/<environment>/runtime/` by default. Give each runtime of a stack its own
   * prefix.
   */
  public addSsmOutputs(options: SsmOutputsOptions = {}): ssm.StringParameter[] {
    const tracing = executionRoleFacts(this.role)?.tracing;
    return publishSsmOutputs(this, RUNTIME_SSM_COMPONENT, {
      [RUNTIME_ARN_PARAMETER]: this.agentRuntimeArn,
      agent_runtime_id: this.agentRuntimeId,
      agent_runtime_name: this.agentRuntimeName,
      log_group_name: runtimeLogGroupName(this.agentRuntimeId),
      ...(tracing === undefined ? {} : { xray_enabled: String(tracing) }),
    }, options);
  }

  // --- secrets (logic in ./secret.ts and ./private/secrets.ts) ---

  /**
   * Gives the agent a secret by reference: the environment variable `name` holds `agentcore-secret:<ARN>[#<JSON key>]`
   * (never the value), and the runtime's role may read exactly that secret. The agent resolves it at run time (see the
   * README section "Secrets"). A change is deployed as a new runtime version.
   */
  public addSecret(name: string, secret: RuntimeSecret): AgentRuntime {
    return this.putEnvironment(name, secretReference(this, this.role, secret), new ValidationErrors(), `AgentRuntime secret '${name}'`);
  }

  // --- end secrets ---

  // --- cedar: policy engine wiring (logic in lib/policy/private/runtime-wiring.ts) ---

  /**
   * Wires a policy engine into the runtime: sets the environment variable the agent reads
   * (`AGENTCORE_POLICY_ENGINE_ARN` by default) to the engine's ARN, grants the runtime's role
   * `bedrock-agentcore:GetPolicyEngine` on exactly that engine (the gateway, not the agent, evaluates the policies),
   * and creates the runtime after the engine and its policies, so that the guardrails hold from the first invocation.
   *
   * @returns the grant on the runtime's role
   */
  public addPolicyEngine(engine: agentcore.IPolicyEngineRef, options: PolicyEngineWiringOptions = {}): iam.Grant {
    return wirePolicyEngine(this, this.resource, engine, options);
  }

  // --- end cedar ---

  // --- agents: peers and built-in tools (logic in lib/team/peers.ts and lib/tools/wiring.ts) ---

  /**
   * Makes another runtime a peer of this (entry) agent, for multi-agent teams (agent-to-agent). The entry gets
   * `AGENTCORE_PEERS = {"<name>": "<peer runtime ARN>", ...}` (one variable for all its peers, rendered with
   * CloudFormation references so one deployment suffices), its role may invoke exactly the peer and the peer's
   * endpoints, and it is created after the peer. The peer may be any runtime, in this stack, another stack
   * (`AgentRuntime.fromSsm()`) or speaking `ServerProtocol.A2A`. An agent cannot be its own peer, names are unique
   * per entry, and peer cycles fail the synthesis.
   *
   * @returns the grant on this runtime's role
   */
  public addPeer(peer: agentcore.IBedrockAgentRuntime, options: PeerOptions = {}): iam.Grant {
    return addPeer(this, peer, options);
  }

  /**
   * Gives the agent a browser: aws-cdk-lib's `BrowserCustom`, or, without an argument, the AWS-managed
   * `aws.browser.v1`. The browser id goes into `AGENTCORE_BROWSER_ID` and the role may start, read and stop sessions
   * of exactly that browser and connect to their automation stream (plus the live view with `liveView: true`).
   *
   * @returns the grant on this runtime's role
   */
  public addBrowser(browser?: agentcore.IBrowserCustom, options: BrowserWiringOptions = {}): iam.Grant {
    return addBrowser(this, browser, options);
  }

  /**
   * Gives the agent a code interpreter: aws-cdk-lib's `CodeInterpreterCustom`, or, without an argument, the
   * AWS-managed `aws.codeinterpreter.v1`. Its id goes into `AGENTCORE_CODE_INTERPRETER_ID` and the role may start,
   * read, invoke and stop sessions of exactly that code interpreter.
   *
   * @returns the grant on this runtime's role
   */
  public addCodeInterpreter(interpreter?: agentcore.ICodeInterpreterCustom, options: CodeInterpreterWiringOptions = {}): iam.Grant {
    return addCodeInterpreter(this, interpreter, options);
  }

  // --- end agents ---
}

/** What every imported runtime has: the role it runs as (when known) and no deploy-time attributes. */
abstract class ImportedRuntimeBase extends AgentRuntimeBase {
  public readonly role: iam.IRole;
  public readonly agentRuntimeVersion?: string;
  public readonly agentStatus?: string;
  public readonly createdAt?: string;
  public readonly lastUpdatedAt?: string;
  public readonly grantPrincipal: iam.IPrincipal;

  constructor(scope: Construct, id: string, roleArn?: string) {
    super(scope, id);
    this.role = roleArn ? iam.Role.fromRoleArn(this, 'Role', roleArn) : unknownRole(this);
    this.grantPrincipal = this.role;
  }
}

class ImportedAgentRuntime extends ImportedRuntimeBase {
  public readonly agentRuntimeArn: string;
  public readonly agentRuntimeId: string;
  public readonly agentRuntimeName: string;
  public readonly agentRuntimeVersion?: string;

  constructor(scope: Construct, id: string, attrs: AgentRuntimeAttributes, runtimeId: string, runtimeName: string) {
    super(scope, id, attrs.roleArn);
    this.agentRuntimeArn = attrs.agentRuntimeArn;
    this.agentRuntimeId = runtimeId;
    this.agentRuntimeName = runtimeName;
    this.agentRuntimeVersion = attrs.agentRuntimeVersion;
    if (attrs.securityGroups) this._connections = new ec2.Connections({ securityGroups: attrs.securityGroups });
  }
}

/**
 * A runtime imported from the ARN another stack published in SSM. The parameter is declared when an attribute is
 * first used, so a reader stack declares only what it reads (an unused template parameter is a CloudFormation
 * warning); the id and the name are taken from the ARN (`…:runtime/<name>-<10 characters>`, and names have no `-`).
 */
class SsmImportedAgentRuntime extends ImportedRuntimeBase {
  private arn?: string;

  constructor(scope: Construct, id: string, private readonly parameterName: string) {
    super(scope, id);
  }

  public get agentRuntimeArn(): string {
    this.arn ??= ssm.StringParameter.valueForStringParameter(this, this.parameterName);
    return this.arn;
  }

  public get agentRuntimeId(): string {
    return Fn.select(1, Fn.split('/', this.agentRuntimeArn));
  }

  public get agentRuntimeName(): string {
    return Fn.select(0, Fn.split('-', this.agentRuntimeId));
  }
}

/** The role of an imported runtime whose role is unknown: an immutable placeholder, so grants to it do nothing. */
function unknownRole(scope: Construct): iam.IRole {
  return iam.Role.fromRoleName(scope, 'Role', 'unknown-agentcore-runtime-role', { mutable: false });
}

/** The runtime id of a runtime ARN; throws for anything else. */
function runtimeIdOfArn(arn: string): string {
  const parsed = parseRuntimeArn(arn);
  if (!parsed || parsed.endpointName !== undefined) {
    throw new Error(`'${arn}' is not an AgentCore runtime ARN (arn:<partition>:bedrock-agentcore:<region>:<account>:runtime/<name>-<10 characters>).`);
  }
  return parsed.runtimeId;
}

/**
 * The policy document of one resource: every statement of `doc` with its `Resource` set to `resourceArn` (the rule the
 * provider applies to the runtime's own copy).
 */
function policyFor(doc: iam.PolicyDocument, resourceArn: string): Record<string, unknown> {
  const json = doc.toJSON() as { Version?: string; Statement: Record<string, unknown>[] };
  return {
    ...json,
    Statement: json.Statement.map(({ Resource: _r, NotResource: _n, ...rest }) => ({ ...rest, Resource: resourceArn })),
  };
}

/** A stable, unique runtime name from the construct path that matches `[a-zA-Z][a-zA-Z0-9_]{0,47}`. */
function generateRuntimeName(scope: Construct): string {
  const name = generatedName(scope, 'r');
  if (!fullMatch(RUNTIME_NAME, name)) {
    throw new Error(`cdk-agentcore: generated runtime name '${name}' is invalid; set runtimeName explicitly.`);
  }
  return name;
}
