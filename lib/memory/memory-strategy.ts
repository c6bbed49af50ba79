import { Duration, Token } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, type IConstruct } from 'constructs';
import { KEY_PRODUCER_ACTIONS, S3_PAYLOAD_BUCKET_ACTIONS, S3_PAYLOAD_OBJECT_ACTIONS, SNS_PUBLISH_ACTIONS } from './perms';
import type { BedrockModel } from '../execution-role/bedrock-model';
import { MODEL_INVOKE_ACTIONS } from '../execution-role/perms';
import { LIMITS } from '../private/contract';
import { acknowledgeWildcardResources } from '../private/nag';
import { STRATEGY_NAME_PATTERN } from './private/patterns';
import type { ValidationErrors } from '../private/validation';

/**
 * A model and prompt addition that replace the built-in model of one step of a built-in strategy ("built-in with
 * overrides"). AgentCore invokes the model with the memory's execution role, so a strategy with an override makes the
 * memory create (or use) an execution role that may invoke exactly this model.
 */
export interface ModelOverride {
  /**
   * The Bedrock model AgentCore invokes for this step, e.g.
   * `BedrockModel.inferenceProfile('us.anthropic.claude-3-5-haiku-20241022-v1:0')`.
   */
  readonly model: BedrockModel;

  /**
   * Text appended to the built-in system prompt of this step (1-30,000 characters).
   *
   * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/system-prompts.html
   */
  readonly appendToPrompt: string;
}

/** Options shared by the built-in strategies. */
export interface BuiltInStrategyOptions {
  /**
   * The strategy name, unique within the memory (`[a-zA-Z][a-zA-Z0-9_]{0,47}`).
   *
   * @default - the type's name: `semantic`, `summary`, `user_preference` or `episodic`
   */
  readonly strategyName?: string;

  /**
   * A description of the strategy (1-4,096 characters).
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * The namespace the extracted records are stored under: one template of letters, digits, `-`, `_` and `/`, with
   * the variables `{actorId}`, `{sessionId}` and `{memoryStrategyId}` (1-512 characters). Summary namespaces must
   * contain `{sessionId}`. AgentCore accepts one namespace per strategy.
   *
   * @default - `/strategies/{memoryStrategyId}/actors/{actorId}/` (semantic, user preference) or
   * `/strategies/{memoryStrategyId}/actors/{actorId}/sessions/{sessionId}/` (summary, episodic)
   */
  readonly namespaces?: string[];
}

/** Properties of a semantic (facts) strategy. */
export interface SemanticStrategyProps extends BuiltInStrategyOptions {
  /**
   * Replaces the model of the extraction step.
   *
   * @default - the built-in model
   */
  readonly extraction?: ModelOverride;

  /**
   * Replaces the model of the consolidation step.
   *
   * @default - the built-in model
   */
  readonly consolidation?: ModelOverride;
}

/** Properties of a summary (per-session summaries) strategy. */
export interface SummaryStrategyProps extends BuiltInStrategyOptions {
  /**
   * Replaces the model of the consolidation step (the only step of this strategy that can be overridden).
   *
   * @default - the built-in model
   */
  readonly consolidation?: ModelOverride;
}

/** Properties of a user preference strategy. */
export interface UserPreferenceStrategyProps extends BuiltInStrategyOptions {
  /**
   * Replaces the model of the extraction step.
   *
   * @default - the built-in model
   */
  readonly extraction?: ModelOverride;

  /**
   * Replaces the model of the consolidation step.
   *
   * @default - the built-in model
   */
  readonly consolidation?: ModelOverride;
}

/** Properties of an episodic strategy (episodes, and reflections across episodes). */
export interface EpisodicStrategyProps extends BuiltInStrategyOptions {
  /**
   * Replaces the model of the extraction step.
   *
   * @default - the built-in model
   */
  readonly extraction?: ModelOverride;

  /**
   * Replaces the model of the consolidation step.
   *
   * @default - the built-in model
   */
  readonly consolidation?: ModelOverride;

  /**
   * Replaces the model of the reflection step. With any override, reflections are configured only through this
   * override, so `reflectionNamespaces` needs it.
   *
   * @default - the built-in model
   */
  readonly reflection?: ModelOverride;

  /**
   * The namespace reflections are stored under; it can be less nested than the episode namespace (same template
   * rules).
   *
   * @default - `/strategies/{memoryStrategyId}/actors/{actorId}/` (none when overrides are given without `reflection`)
   */
  readonly reflectionNamespaces?: string[];
}

/**
 * Properties of a self-managed strategy: AgentCore notifies your pipeline (an SNS topic) and delivers the events to
 * extract (an S3 bucket) when a trigger fires; your pipeline writes the records back with `BatchCreateMemoryRecords`.
 * The memory's execution role gets `sns:Publish`/`sns:GetTopicAttributes` on the topic and `s3:PutObject` in the
 * bucket (and the producer actions on their KMS keys, if any).
 */
export interface SelfManagedStrategyProps {
  /**
   * The strategy name, unique within the memory (`[a-zA-Z][a-zA-Z0-9_]{0,47}`).
   *
   * @default 'self_managed'
   */
  readonly strategyName?: string;

  /**
   * A description of the strategy (1-4,096 characters).
   *
   * @default - no description
   */
  readonly description?: string;

  /** The SNS topic AgentCore publishes a notification to when a trigger fires. */
  readonly topic: sns.ITopic;

  /** The S3 bucket AgentCore delivers the payload (the events to process) to. */
  readonly payloadBucket: s3.IBucket;

  /**
   * Trigger after this many new messages (1-50).
   *
   * @default - 1 when no trigger is given, otherwise no message trigger
   */
  readonly messageCount?: number;

  /**
   * Trigger after this many new tokens (100-500,000).
   *
   * @default - 100 when no trigger is given, otherwise no token trigger
   */
  readonly tokenCount?: number;

  /**
   * Trigger when a session has been idle this long (10-3,000 seconds).
   *
   * @default - 10 seconds when no trigger is given, otherwise no idle trigger
   */
  readonly idleSessionTimeout?: Duration;

  /**
   * How many earlier events are delivered with the new ones, as context (0-50).
   *
   * @default 4
   */
  readonly historicalContextWindowSize?: number;
}

interface StrategyConfig {
  readonly type: agentcore.MemoryStrategyType;
  readonly name: string;
  readonly description?: string;
  readonly namespaces: string[];
  readonly reflectionNamespaces: string[];
  readonly reflectionNamespacesGiven: boolean;
  readonly extraction?: ModelOverride;
  readonly consolidation?: ModelOverride;
  readonly reflection?: ModelOverride;
  readonly selfManaged?: SelfManagedStrategyProps;
}

const ACTOR_NAMESPACE = '/strategies/{memoryStrategyId}/actors/{actorId}/';
const SESSION_NAMESPACE = '/strategies/{memoryStrategyId}/actors/{actorId}/sessions/{sessionId}/';

/**
 * A long-term memory strategy: how AgentCore turns the events of a memory into long-term records.
 *
 * Built-in strategies (`semantic`, `summary`, `userPreference`, `episodic`) run on AgentCore's models and need no
 * execution role. With a model override ("built-in with overrides") or a `selfManaged` pipeline, AgentCore acts
 * with the memory's execution role, which gets exactly the permissions the strategy needs.
 *
 * It implements aws-cdk-lib's `IMemoryStrategy`, so it can also be given to aws-cdk-lib's `Memory`.
 *
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/memory-strategies.html
 *
 * @example
 * new Memory(this, 'Memory', {
 *   memoryStrategies: [
 *     MemoryStrategy.semantic(),
 *     MemoryStrategy.summary({ namespaces: ['/summaries/{actorId}/{sessionId}/'] }),
 *     MemoryStrategy.userPreference({
 *       extraction: {
 *         model: BedrockModel.inferenceProfile('us.anthropic.claude-3-5-haiku-20241022-v1:0'),
 *         appendToPrompt: 'Only keep preferences about travel.',
 *       },
 *     }),
 *   ],
 * });
 */
export class MemoryStrategy implements agentcore.IMemoryStrategy {
  /**
   * Extracts facts and knowledge from conversations ("semantic memory").
   */
  public static semantic(props: SemanticStrategyProps = {}): MemoryStrategy {
    return MemoryStrategy.builtIn(agentcore.MemoryStrategyType.SEMANTIC, 'semantic', ACTOR_NAMESPACE, props, props);
  }

  /**
   * Summarizes each session. Its namespace must contain `{sessionId}`.
   */
  public static summary(props: SummaryStrategyProps = {}): MemoryStrategy {
    return MemoryStrategy.builtIn(agentcore.MemoryStrategyType.SUMMARIZATION, 'summary', SESSION_NAMESPACE, props, { consolidation: props.consolidation });
  }

  /**
   * Extracts the user's preferences.
   */
  public static userPreference(props: UserPreferenceStrategyProps = {}): MemoryStrategy {
    return MemoryStrategy.builtIn(agentcore.MemoryStrategyType.USER_PREFERENCE, 'user_preference', ACTOR_NAMESPACE, props, props);
  }

  /**
   * Records episodes of interactions and reflects on them across episodes.
   */
  public static episodic(props: EpisodicStrategyProps = {}): MemoryStrategy {
    const overridden = props.extraction !== undefined || props.consolidation !== undefined || props.reflection !== undefined;
    const defaultReflection = overridden && !props.reflection ? [] : [ACTOR_NAMESPACE];
    return new MemoryStrategy({
      type: agentcore.MemoryStrategyType.EPISODIC,
      name: props.strategyName ?? 'episodic',
      description: props.description,
      namespaces: props.namespaces ?? [SESSION_NAMESPACE],
      reflectionNamespaces: props.reflectionNamespaces ?? defaultReflection,
      reflectionNamespacesGiven: props.reflectionNamespaces !== undefined,
      extraction: props.extraction,
      consolidation: props.consolidation,
      reflection: props.reflection,
    });
  }

  /**
   * Hands extraction to your own pipeline (see `SelfManagedStrategyProps`).
   */
  public static selfManaged(props: SelfManagedStrategyProps): MemoryStrategy {
    return new MemoryStrategy({
      type: agentcore.MemoryStrategyType.CUSTOM,
      name: props.strategyName ?? 'self_managed',
      description: props.description,
      namespaces: [],
      reflectionNamespaces: [],
      reflectionNamespacesGiven: false,
      selfManaged: props,
    });
  }

  private static builtIn(
    type: agentcore.MemoryStrategyType, defaultName: string, defaultNamespace: string,
    options: BuiltInStrategyOptions, overrides: { extraction?: ModelOverride; consolidation?: ModelOverride },
  ): MemoryStrategy {
    return new MemoryStrategy({
      type,
      name: options.strategyName ?? defaultName,
      description: options.description,
      namespaces: options.namespaces ?? [defaultNamespace],
      reflectionNamespaces: [],
      reflectionNamespacesGiven: false,
      extraction: overrides.extraction,
      consolidation: overrides.consolidation,
    });
  }

  /** The strategy name. */
  public readonly strategyName: string;

  /** The description of the strategy. */
  public readonly description?: string;

  /** The strategy type (`CUSTOM` for a self-managed strategy). */
  public readonly strategyType: agentcore.MemoryStrategyType;

  /** The namespaces records are stored under (none for a self-managed strategy). */
  public readonly namespaces: string[];

  /** The namespaces reflections are stored under (episodic strategies only). */
  public readonly reflectionNamespaces: string[];

  /** Whether AgentCore acts with the memory's execution role for this strategy (model overrides, self-managed). */
  public readonly needsExecutionRole: boolean;

  private readonly config: StrategyConfig;

  private constructor(config: StrategyConfig) {
    this.config = config;
    this.strategyName = config.name;
    this.description = config.description;
    this.strategyType = config.type;
    this.namespaces = config.namespaces;
    this.reflectionNamespaces = config.reflectionNamespaces;
    this.needsExecutionRole = config.selfManaged !== undefined || this.overrides.length > 0;
  }

  /** The models this strategy makes AgentCore invoke with the execution role. */
  public get models(): BedrockModel[] {
    return this.overrides.map((o) => o.model);
  }

  /** Renders the strategy as the `AWS::BedrockAgentCore::Memory` `MemoryStrategies` item. */
  public render(): agentcore.CfnMemory.MemoryStrategyProperty {
    const c = this.config;
    const namespaces = c.namespaces.length > 0 ? c.namespaces : undefined;
    const common = { name: c.name, description: c.description };
    if (c.selfManaged) {
      return { customMemoryStrategy: { ...common, configuration: { selfManagedConfiguration: renderSelfManaged(c.selfManaged) } } };
    }
    if (this.overrides.length === 0) {
      switch (c.type) {
        case agentcore.MemoryStrategyType.SEMANTIC: return { semanticMemoryStrategy: { ...common, namespaces } };
        case agentcore.MemoryStrategyType.SUMMARIZATION: return { summaryMemoryStrategy: { ...common, namespaces } };
        case agentcore.MemoryStrategyType.USER_PREFERENCE: return { userPreferenceMemoryStrategy: { ...common, namespaces } };
        default: return {
          episodicMemoryStrategy: {
            ...common,
            namespaces,
            reflectionConfiguration: c.reflectionNamespaces.length > 0 ? { namespaces: c.reflectionNamespaces } : undefined,
          },
        };
      }
    }
    const step = (o?: ModelOverride) => (o ? { modelId: o.model.modelId, appendToPrompt: o.appendToPrompt } : undefined);
    const steps = { extraction: step(c.extraction), consolidation: step(c.consolidation) };
    let configuration: agentcore.CfnMemory.CustomConfigurationInputProperty;
    switch (c.type) {
      case agentcore.MemoryStrategyType.SEMANTIC: configuration = { semanticOverride: steps }; break;
      case agentcore.MemoryStrategyType.SUMMARIZATION: configuration = { summaryOverride: { consolidation: steps.consolidation } }; break;
      case agentcore.MemoryStrategyType.USER_PREFERENCE: configuration = { userPreferenceOverride: steps }; break;
      default: configuration = {
        episodicOverride: {
          ...steps,
          reflection: c.reflection ? {
            ...step(c.reflection)!,
            namespaces: c.reflectionNamespaces.length > 0 ? c.reflectionNamespaces : undefined,
          } : undefined,
        },
      };
    }
    return { customMemoryStrategy: { ...common, namespaces, configuration } };
  }

  /**
   * Grants `grantee` (the memory's execution role) what AgentCore needs to run this strategy with it:
   * `bedrock:InvokeModel` and `bedrock:InvokeModelWithResponseStream` on the override models, or the SNS and S3
   * permissions of a self-managed pipeline.
   *
   * @returns the grant, or `undefined` when the strategy needs no permission
   */
  public grant(grantee: iam.IGrantable): iam.Grant | undefined {
    const scope = scopeOf(grantee);
    const grants: iam.Grant[] = [];
    const acks: Array<{ resources: string[]; reason: string }> = [];
    const models = this.models;
    if (models.length > 0) {
      const resourceArns = unique(models.flatMap((m) => m.resourceArns(scope)));
      grants.push(iam.Grant.addToPrincipal({ grantee, actions: MODEL_INVOKE_ACTIONS, resourceArns }));
      acks.push({
        resources: models.filter((m) => m.anyRegion).flatMap((m) => m.resourceArns(scope)),
        reason: 'Cross-region inference profiles route to the same foundation model in Regions chosen by Bedrock; the model id is exact and only the Region is a wildcard.',
      });
    }
    const selfManaged = this.config.selfManaged;
    if (selfManaged) {
      const { topic, payloadBucket: bucket } = selfManaged;
      grants.push(iam.Grant.addToPrincipal({ grantee, actions: SNS_PUBLISH_ACTIONS, resourceArns: [topic.topicArn] }));
      grants.push(iam.Grant.addToPrincipal({ grantee, actions: S3_PAYLOAD_BUCKET_ACTIONS, resourceArns: [bucket.bucketArn] }));
      const objects = bucket.arnForObjects('*');
      grants.push(iam.Grant.addToPrincipal({ grantee, actions: S3_PAYLOAD_OBJECT_ACTIONS, resourceArns: [objects] }));
      acks.push({ resources: [objects], reason: 'AgentCore writes each payload as a new object with a name it chooses; the permission is s3:PutObject in this one bucket.' });
      const keys = unique([topic.masterKey?.keyArn, bucket.encryptionKey?.keyArn].filter((k): k is string => k !== undefined));
      if (keys.length > 0) grants.push(iam.Grant.addToPrincipal({ grantee, actions: KEY_PRODUCER_ACTIONS, resourceArns: keys }));
    }
    if (grants.length === 0) return undefined;
    // The grants go to the role's policies, which are children of the role: acknowledge there, finding by finding.
    for (const ack of acks) acknowledgeWildcardResources(scope, ack.resources, ack.reason);
    return grants.reduce((a, b) => a.combine(b));
  }

  /**
   * Checks the strategy's own limits (name, description, prompts, triggers) and records problems under `prop`.
   *
   * @internal
   */
  public _validate(prop: string, errors: ValidationErrors): void {
    const c = this.config;
    errors.pattern(`${prop}.strategyName`, c.name, STRATEGY_NAME_PATTERN, STRATEGY_NAME_PATTERN.source);
    errors.length(`${prop}.description`, c.description, 1, LIMITS.descriptionLength);
    for (const [step, o] of [['extraction', c.extraction], ['consolidation', c.consolidation], ['reflection', c.reflection]] as const) {
      errors.length(`${prop}.${step}.appendToPrompt`, o?.appendToPrompt, 1, 30000);
    }
    if (c.reflectionNamespacesGiven && this.overrides.length > 0 && !c.reflection) {
      errors.add(`${prop}.reflectionNamespaces`, c.reflectionNamespaces.join(', '),
        'needs a reflection override: with model overrides, AgentCore configures reflections only through the reflection override');
    }
    const s = c.selfManaged;
    if (s) {
      errors.range(`${prop}.messageCount`, s.messageCount, 1, 50);
      errors.range(`${prop}.tokenCount`, s.tokenCount, 100, 500000);
      if (s.idleSessionTimeout && !s.idleSessionTimeout.isUnresolved()) {
        errors.range(`${prop}.idleSessionTimeout`, s.idleSessionTimeout.toSeconds(), 10, 3000, 'seconds');
      }
      errors.range(`${prop}.historicalContextWindowSize`, s.historicalContextWindowSize, 0, 50);
      for (const [key, value] of [['messageCount', s.messageCount], ['tokenCount', s.tokenCount], ['historicalContextWindowSize', s.historicalContextWindowSize]] as const) {
        if (value !== undefined && !Token.isUnresolved(value) && !Number.isInteger(value)) {
          errors.add(`${prop}.${key}`, value, 'must be a whole number');
        }
      }
    }
  }

  private get overrides(): ModelOverride[] {
    const c = this.config;
    return [c.extraction, c.consolidation, c.reflection].filter((o): o is ModelOverride => o !== undefined);
  }
}

function renderSelfManaged(s: SelfManagedStrategyProps): agentcore.CfnMemory.SelfManagedConfigurationProperty {
  const none = s.messageCount === undefined && s.tokenCount === undefined && s.idleSessionTimeout === undefined;
  const messageCount = none ? 1 : s.messageCount;
  const tokenCount = none ? 100 : s.tokenCount;
  const idle = none ? Duration.seconds(10) : s.idleSessionTimeout;
  const triggerConditions: agentcore.CfnMemory.TriggerConditionInputProperty[] = [];
  if (messageCount !== undefined) triggerConditions.push({ messageBasedTrigger: { messageCount } });
  if (tokenCount !== undefined) triggerConditions.push({ tokenBasedTrigger: { tokenCount } });
  if (idle !== undefined) triggerConditions.push({ timeBasedTrigger: { idleSessionTimeout: idle.toSeconds() } });
  return {
    historicalContextWindowSize: s.historicalContextWindowSize ?? 4,
    invocationConfiguration: { topicArn: s.topic.topicArn, payloadDeliveryBucketName: s.payloadBucket.bucketName },
    triggerConditions,
  };
}

function scopeOf(grantee: iam.IGrantable): IConstruct {
  const principal = grantee.grantPrincipal as unknown;
  if (Construct.isConstruct(principal)) return principal;
  if (Construct.isConstruct(grantee)) return grantee;
  throw new Error('MemoryStrategy.grant(): the grantee must be a construct (for example an iam.Role), so that model ARNs can be formed in its stack.');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
