/**
 * AgentCore Gateway and GatewayTarget (Create/Get/Delete; API reference §9.5): CREATING → READY, DELETING → gone,
 * a gateway with targets cannot be deleted ("Gateway has targets associated").
 */
import { randomInt } from 'crypto';
import { conflict, notFound, ServiceError } from './errors';
import { Arns, rfc3339 } from './ids';
import { Handler } from './routes';
import { AUTHORIZER, CLIENT_TOKEN, ROLE_ARN, TAGS } from './shapes';
import { GONE, step, Transition } from './transition';
import { GatewayRecord } from './types';
import { fieldError, StructureShape, validate } from './validation';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
const doc = { kind: 'document' } as const;

/** CreateGateway body. */
const CREATE_GATEWAY: StructureShape = {
  kind: 'structure',
  members: {
    name: { kind: 'string', pattern: '([0-9a-zA-Z][-]?){1,48}' },
    description: { kind: 'string', min: 1, max: 200, sensitive: true },
    clientToken: CLIENT_TOKEN,
    roleArn: ROLE_ARN,
    protocolType: { kind: 'string', enum: ['MCP'] },
    protocolConfiguration: { kind: 'union', members: { mcp: doc } },
    authorizerType: { kind: 'string', enum: ['CUSTOM_JWT', 'AWS_IAM', 'NONE', 'AUTHENTICATE_ONLY'] },
    authorizerConfiguration: AUTHORIZER,
    kmsKeyArn: { kind: 'string', min: 1, max: 2048, pattern: 'arn:aws(|-cn|-us-gov):kms:[a-zA-Z0-9-]*:[0-9]{12}:key/[a-zA-Z0-9-]{36}' },
    interceptorConfigurations: { kind: 'list', member: doc, min: 1, max: 2 },
    policyEngineConfiguration: doc,
    exceptionLevel: { kind: 'string', enum: ['DEBUG'] },
    tags: TAGS,
  },
  required: ['name', 'roleArn', 'authorizerType'],
};

/** CreateGatewayTarget body. */
const CREATE_TARGET: StructureShape = {
  kind: 'structure',
  members: {
    name: { kind: 'string', pattern: '([0-9a-zA-Z][-]?){1,100}', sensitive: true },
    description: { kind: 'string', min: 1, max: 200, sensitive: true },
    clientToken: CLIENT_TOKEN,
    targetConfiguration: {
      kind: 'union',
      members: {
        mcp: { kind: 'union', members: { openApiSchema: doc, smithyModel: doc, lambda: doc, mcpServer: doc, apiGateway: doc, connector: doc } },
        http: doc,
        inference: doc,
      },
    },
    credentialProviderConfigurations: {
      kind: 'list',
      min: 1,
      max: 1,
      member: {
        kind: 'structure',
        members: {
          credentialProviderType: { kind: 'string', enum: ['GATEWAY_IAM_ROLE', 'OAUTH', 'API_KEY', 'CALLER_IAM_CREDENTIALS', 'JWT_PASSTHROUGH'] },
          credentialProvider: doc,
        },
        required: ['credentialProviderType'],
      },
    },
    metadataConfiguration: doc,
    privateEndpoint: doc,
  },
  required: ['targetConfiguration'],
};

/** Path labels of the gateway operations. */
const GATEWAY_PATH: StructureShape = {
  kind: 'structure',
  members: {
    gatewayIdentifier: { kind: 'string', pattern: '([0-9a-z][-]?){1,100}-[0-9a-z]{10}' },
    targetId: { kind: 'string', pattern: '[0-9a-zA-Z]{10}' },
  },
};

/** CUSTOM_JWT needs a JWT authorizer. */
function gatewayRules(body: any) {
  return body?.authorizerType === 'CUSTOM_JWT' && (body.authorizerConfiguration === undefined || body.authorizerConfiguration === null)
    ? [fieldError('authorizerConfiguration', 'Member must not be null when authorizerType is CUSTOM_JWT', null)]
    : [];
}

interface TargetState {
  readonly targetId: string;
  readonly name: string;
  status: string;
  readonly config: any;
  readonly createdAt: string;
  updatedAt: string;
  transition?: Transition;
}

interface GatewayState {
  readonly gatewayId: string;
  readonly arn: string;
  readonly name: string;
  status: string;
  readonly config: any;
  tags: Record<string, string>;
  resourcePolicy?: string;
  readonly createdAt: string;
  updatedAt: string;
  transition?: Transition;
  readonly targets: Map<string, TargetState>;
}

/** The gateways of one emulated account and region. */
export class GatewayStore {
  private readonly byId = new Map<string, GatewayState>();

  constructor(private readonly arns: Arns, private readonly transitionGets: number) {}

  /** Live gateways as detached snapshots. */
  public all(): GatewayRecord[] {
    return [...this.byId.values()].map((g) => structuredClone({
      gatewayId: g.gatewayId,
      arn: g.arn,
      name: g.name,
      status: g.status,
      config: g.config,
      tags: g.tags,
      ...(g.resourcePolicy !== undefined ? { resourcePolicy: g.resourcePolicy } : {}),
      targets: Object.fromEntries([...g.targets.values()].map((t) => [
        t.targetId, { targetId: t.targetId, name: t.name, status: t.status, config: t.config },
      ])),
    }));
  }

  /** A gateway by ARN (for tags and resource policies). */
  public findByArn(arn: string): GatewayState | undefined {
    return [...this.byId.values()].find((g) => g.arn === arn);
  }

  /** Forgets everything. */
  public clear(): void {
    this.byId.clear();
  }

  /** The gateway and gateway-target handlers. */
  public handlers(): Record<string, Handler> {
    return {
      CreateGateway: (req) => {
        validate(req.body ?? {}, CREATE_GATEWAY, gatewayRules);
        return { status: 202, json: this.gatewayView(this.createGateway(req.body)) };
      },
      GetGateway: (req) => {
        validate(req.params, GATEWAY_PATH);
        return { status: 200, json: this.gatewayView(this.getGateway(req.params.gatewayIdentifier)) };
      },
      DeleteGateway: (req) => {
        validate(req.params, GATEWAY_PATH);
        const gateway = this.deleteGateway(req.params.gatewayIdentifier);
        return { status: 202, json: { gatewayId: gateway.gatewayId, status: gateway.status, statusReasons: [] } };
      },
      CreateGatewayTarget: (req) => {
        validate(req.params, GATEWAY_PATH);
        validate(req.body ?? {}, CREATE_TARGET);
        const gateway = this.requireGateway(req.params.gatewayIdentifier);
        return { status: 202, json: this.targetView(gateway, this.createTarget(gateway, req.body)) };
      },
      GetGatewayTarget: (req) => {
        validate(req.params, GATEWAY_PATH);
        const gateway = this.requireGateway(req.params.gatewayIdentifier);
        return { status: 200, json: this.targetView(gateway, this.getTarget(gateway, req.params.targetId)) };
      },
      DeleteGatewayTarget: (req) => {
        validate(req.params, GATEWAY_PATH);
        const gateway = this.requireGateway(req.params.gatewayIdentifier);
        const target = this.requireTarget(gateway, req.params.targetId);
        if (target.status !== 'DELETING') this.begin(target, 'DELETING', GONE);
        return { status: 202, json: { gatewayArn: gateway.arn, targetId: target.targetId, status: target.status, statusReasons: [] } };
      },
    };
  }

  private begin(resource: GatewayState | TargetState, status: string, settle: string): void {
    resource.status = status;
    resource.updatedAt = rfc3339();
    resource.transition = { pendingGets: this.transitionGets, settle };
  }

  private createGateway(body: any): GatewayState {
    if ([...this.byId.values()].some((g) => g.name === body.name)) throw conflict(`Gateway name '${body.name}' already exists`);
    const gatewayId = `${String(body.name).toLowerCase()}-${pick(LOWER_ALNUM, 10)}`;
    const config = { ...body };
    delete config.clientToken;
    delete config.tags;
    const gateway: GatewayState = {
      gatewayId,
      arn: `arn:aws:bedrock-agentcore:${this.arns.region}:${this.arns.account}:gateway/${gatewayId}`,
      name: body.name,
      status: 'CREATING',
      config,
      tags: { ...body.tags },
      createdAt: rfc3339(),
      updatedAt: rfc3339(),
      targets: new Map(),
    };
    this.begin(gateway, 'CREATING', 'READY');
    this.byId.set(gatewayId, gateway);
    return gateway;
  }

  private requireGateway(id: string): GatewayState {
    const gateway = this.byId.get(id);
    if (!gateway) throw notFound(`Gateway not found: ${id}`);
    return gateway;
  }

  private getGateway(id: string): GatewayState {
    const gateway = this.requireGateway(id);
    const settle = step(gateway.transition);
    if (settle === undefined) return gateway;
    gateway.transition = undefined;
    if (settle === GONE) {
      this.byId.delete(id);
      throw notFound(`Gateway not found: ${id}`);
    }
    gateway.status = settle;
    gateway.updatedAt = rfc3339();
    return gateway;
  }

  private deleteGateway(id: string): GatewayState {
    const gateway = this.requireGateway(id);
    if (gateway.status === 'CREATING' || gateway.status === 'UPDATING') {
      throw conflict(`Gateway ${id} cannot be deleted while it is ${gateway.status}`);
    }
    if ([...gateway.targets.values()].some((t) => t.status !== 'DELETING')) {
      throw new ServiceError('ValidationException', 'Gateway has targets associated', 400, 'ResourceConflict');
    }
    if (gateway.status !== 'DELETING') this.begin(gateway, 'DELETING', GONE);
    return gateway;
  }

  private createTarget(gateway: GatewayState, body: any): TargetState {
    const targetId = pick(UPPER_ALNUM, 10);
    const name: string = body.name ?? `target-${targetId.toLowerCase()}`;
    if ([...gateway.targets.values()].some((t) => t.name === name)) throw conflict(`Target name '${name}' already exists in gateway ${gateway.gatewayId}`);
    const config = { ...body };
    delete config.clientToken;
    const target: TargetState = { targetId, name, status: 'CREATING', config, createdAt: rfc3339(), updatedAt: rfc3339() };
    this.begin(target, 'CREATING', 'READY');
    gateway.targets.set(targetId, target);
    return target;
  }

  private requireTarget(gateway: GatewayState, targetId: string): TargetState {
    const target = gateway.targets.get(targetId);
    if (!target) throw notFound(`Target ${targetId} of gateway ${gateway.gatewayId} not found`);
    return target;
  }

  private getTarget(gateway: GatewayState, targetId: string): TargetState {
    const target = this.requireTarget(gateway, targetId);
    const settle = step(target.transition);
    if (settle === undefined) return target;
    target.transition = undefined;
    if (settle === GONE) {
      gateway.targets.delete(targetId);
      throw notFound(`Target ${targetId} of gateway ${gateway.gatewayId} not found`);
    }
    target.status = settle;
    target.updatedAt = rfc3339();
    return target;
  }

  /** Wire shape of a gateway (same members for Create and Get). */
  private gatewayView(g: GatewayState): Record<string, unknown> {
    return {
      ...g.config,
      gatewayArn: g.arn,
      gatewayId: g.gatewayId,
      gatewayUrl: `https://${g.gatewayId}.gateway.bedrock-agentcore.${this.arns.region}.amazonaws.com/mcp`,
      createdAt: g.createdAt,
      updatedAt: g.updatedAt,
      status: g.status,
      statusReasons: [],
      name: g.name,
      workloadIdentityDetails: { workloadIdentityArn: this.arns.workloadIdentity(g.gatewayId) },
    };
  }

  /** Wire shape of a target (same members for Create and Get). */
  private targetView(gateway: GatewayState, t: TargetState): Record<string, unknown> {
    return {
      ...t.config,
      gatewayArn: gateway.arn,
      targetId: t.targetId,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
      status: t.status,
      statusReasons: [],
      name: t.name,
      credentialProviderConfigurations: t.config.credentialProviderConfigurations ?? [],
    };
  }
}
