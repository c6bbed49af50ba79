/**
 * AgentCore Memory (CreateMemory, GetMemory, DeleteMemory; API reference §9.4): CREATING → ACTIVE, DELETING → gone,
 * epoch-second timestamps, strategies derived from `memoryStrategies`.
 */
import { conflict, notFound } from './errors';
import { Arns, resourceId } from './ids';
import { Handler } from './routes';
import { NAME_PATTERN, TAGS } from './shapes';
import { GONE, step, Transition } from './transition';
import { MemoryRecord } from './types';
import { StructureShape, validate } from './validation';

const NAMESPACE = { kind: 'string', min: 1, max: 512, pattern: '[a-zA-Z0-9\\-_\\/]*(\\{[a-zA-Z][a-zA-Z0-9]*\\}[a-zA-Z0-9\\-_\\/]*)*' } as const;
const ARN = { kind: 'string', pattern: 'arn:[a-z0-9-\\.]{1,63}:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[^/].{0,1023}' } as const;

/** Strategy union members and the strategy type each one creates. */
const STRATEGY_TYPES: Record<string, string> = {
  semanticMemoryStrategy: 'SEMANTIC',
  summaryMemoryStrategy: 'SUMMARIZATION',
  userPreferenceMemoryStrategy: 'USER_PREFERENCE',
  customMemoryStrategy: 'CUSTOM',
  episodicMemoryStrategy: 'EPISODIC',
};

const STRATEGY: StructureShape = {
  kind: 'structure',
  members: {
    name: { kind: 'string', pattern: NAME_PATTERN },
    description: { kind: 'string', min: 1, max: 4096, sensitive: true },
    namespaces: { kind: 'list', member: NAMESPACE, min: 1, max: 1 },
    namespaceTemplates: { kind: 'list', member: NAMESPACE, min: 1, max: 1 },
    configuration: { kind: 'document' },
    reflectionConfiguration: { kind: 'document' },
    memoryRecordSchema: { kind: 'document' },
  },
  required: ['name'],
};

/** CreateMemory body. */
const CREATE_MEMORY: StructureShape = {
  kind: 'structure',
  members: {
    clientToken: { kind: 'string', min: 0, max: 500 },
    name: { kind: 'string', pattern: NAME_PATTERN },
    description: { kind: 'string', min: 1, max: 4096, sensitive: true },
    encryptionKeyArn: ARN,
    memoryExecutionRoleArn: ARN,
    eventExpiryDuration: { kind: 'integer', min: 3, max: 365 },
    memoryStrategies: { kind: 'list', member: { kind: 'union', members: Object.fromEntries(Object.keys(STRATEGY_TYPES).map((k) => [k, STRATEGY])) } },
    indexedKeys: { kind: 'list', member: { kind: 'document' }, min: 1, max: 10 },
    namespaceKeys: { kind: 'list', member: { kind: 'document' }, min: 1, max: 5 },
    streamDeliveryResources: { kind: 'document' },
    tags: TAGS,
  },
  required: ['name', 'eventExpiryDuration'],
};

/** Path label and query of Get/DeleteMemory. */
const MEMORY_PATH: StructureShape = {
  kind: 'structure',
  members: {
    memoryId: { kind: 'string', min: 12, pattern: '[a-zA-Z][a-zA-Z0-9-_]{0,99}-[a-zA-Z0-9]{10}' },
    view: { kind: 'string', enum: ['full', 'without_decryption'] },
    clientToken: { kind: 'string', min: 0, max: 500 },
  },
};

/** Internal state of a memory. */
interface MemoryState extends MemoryRecord {
  readonly createdAt: number;
  updatedAt: number;
  transition?: Transition;
}

const epochSeconds = () => Date.now() / 1000;

/** The memories of one emulated account and region. */
export class MemoryStore {
  private readonly byId = new Map<string, MemoryState>();

  constructor(private readonly arns: Arns, private readonly transitionGets: number) {}

  /** Live memories as detached snapshots. */
  public all(): MemoryRecord[] {
    return [...this.byId.values()].map(({ id, arn, name, status, config, strategies, tags, resourcePolicy }) =>
      structuredClone({ id, arn, name, status, config, strategies, tags, ...(resourcePolicy !== undefined ? { resourcePolicy } : {}) }));
  }

  /** A memory by ARN (for tags and resource policies). */
  public findByArn(arn: string): MemoryState | undefined {
    return [...this.byId.values()].find((m) => m.arn === arn);
  }

  /** Forgets everything. */
  public clear(): void {
    this.byId.clear();
  }

  /** The CreateMemory, GetMemory and DeleteMemory handlers. */
  public handlers(): Record<string, Handler> {
    return {
      CreateMemory: (req) => {
        validate(req.body ?? {}, CREATE_MEMORY);
        return { status: 202, json: { memory: this.view(this.create(req.body)) } };
      },
      GetMemory: (req) => {
        validate({ ...req.params, view: req.query.view }, MEMORY_PATH);
        return { status: 200, json: { memory: this.view(this.get(req.params.memoryId)) } };
      },
      DeleteMemory: (req) => {
        validate({ ...req.params, clientToken: req.query.clientToken }, MEMORY_PATH);
        const memory = this.require(req.params.memoryId);
        if (memory.status !== 'DELETING') {
          memory.status = 'DELETING';
          memory.updatedAt = epochSeconds();
          memory.transition = { pendingGets: this.transitionGets, settle: GONE };
        }
        return { status: 202, json: { memoryId: memory.id, status: memory.status } };
      },
    };
  }

  private create(body: any): MemoryState {
    if ([...this.byId.values()].some((m) => m.name === body.name)) throw conflict(`Memory with name '${body.name}' already exists`);
    const id = resourceId(body.name);
    const now = epochSeconds();
    const config = { ...body };
    delete config.clientToken;
    delete config.tags;
    const strategies = (body.memoryStrategies ?? []).map((input: Record<string, any>) => {
      const [member, strategy] = Object.entries(input)[0];
      const namespaces = strategy.namespaces ?? ['/strategies/{memoryStrategyId}/actors/{actorId}'];
      return {
        strategyId: resourceId(strategy.name),
        name: strategy.name,
        ...(strategy.description !== undefined ? { description: strategy.description } : {}),
        type: STRATEGY_TYPES[member],
        namespaces,
        namespaceTemplates: strategy.namespaceTemplates ?? namespaces,
        status: 'ACTIVE',
      };
    });
    const memory: MemoryState = {
      id,
      arn: `arn:aws:bedrock-agentcore:${this.arns.region}:${this.arns.account}:memory/${id}`,
      name: body.name,
      status: 'CREATING',
      config,
      strategies,
      tags: { ...body.tags },
      createdAt: now,
      updatedAt: now,
      transition: { pendingGets: this.transitionGets, settle: 'ACTIVE' },
    };
    this.byId.set(id, memory);
    return memory;
  }

  private require(id: string): MemoryState {
    const memory = this.byId.get(id);
    if (!memory) throw notFound(`Memory not found: ${id}`);
    return memory;
  }

  private get(id: string): MemoryState {
    const memory = this.require(id);
    const settle = step(memory.transition);
    if (settle === undefined) return memory;
    memory.transition = undefined;
    if (settle === GONE) {
      this.byId.delete(id);
      throw notFound(`Memory not found: ${id}`);
    }
    memory.status = settle;
    memory.updatedAt = epochSeconds();
    return memory;
  }

  /** Wire shape of a memory: epoch-second timestamps. */
  private view(memory: MemoryState): Record<string, unknown> {
    const { config } = memory;
    return {
      arn: memory.arn,
      id: memory.id,
      name: memory.name,
      ...(config.description !== undefined ? { description: config.description } : {}),
      ...(config.encryptionKeyArn !== undefined ? { encryptionKeyArn: config.encryptionKeyArn } : {}),
      ...(config.memoryExecutionRoleArn !== undefined ? { memoryExecutionRoleArn: config.memoryExecutionRoleArn } : {}),
      eventExpiryDuration: config.eventExpiryDuration,
      status: memory.status,
      createdAt: memory.createdAt,
      updatedAt: memory.updatedAt,
      strategies: memory.strategies.map((s) => ({ ...s, createdAt: memory.createdAt, updatedAt: memory.updatedAt })),
    };
  }
}
