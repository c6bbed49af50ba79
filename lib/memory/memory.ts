import { Annotations, Arn, ArnFormat, Duration, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Stats } from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { MemoryAccess } from './memory-access';
import { KEY_EXECUTION_ROLE_ACTIONS } from './perms';
import { generateMemoryName } from './private/names';
import { MEMORY_ID_PATTERN, MEMORY_NAME_PATTERN } from './private/patterns';
import { replacingChanges, validateDeployedMemory } from './private/replacement';
import { shapeOf, validateStrategies } from './private/strategy-rules';
import { agentCorePrincipal } from '../private/agentcore-principal';
import { LIMITS } from '../private/contract';
import { grantLanded } from '../private/grant-landing';
import { fullMatch, ValidationErrors } from '../private/validation';
import { publishSsmOutputs } from '../ssm/ssm-outputs';
import type { SsmOutputsOptions } from '../ssm/ssm-outputs-options';

/** The id of the synth-time warning about replacements. */
const REPLACEMENT_WARNING = 'cdk-agentcore:memory-replacement';

/**
 * An Amazon Bedrock AgentCore memory, created here or imported, with grants that name the memory exactly.
 *
 * It extends aws-cdk-lib's `IMemory`, so it can be used wherever aws-cdk-lib expects a memory. The inherited
 * grants behave as in `MemoryAccess`: `grantWrite` (`CreateEvent`), `grantDelete` (`DeleteEvent`,
 * `DeleteMemoryRecord`), `grantAdmin` (`GetMemory`, `UpdateMemory`, `DeleteMemory`), `grantRead` (short- and
 * long-term reads with `GetMemory`), `grantReadShortTermMemory` (`GetEvent`, `ListEvents`, `ListActors`,
 * `ListSessions`), `grantReadLongTermMemory` (long-term reads with `GetMemory`), and on an encrypted memory they add the key permissions through AgentCore only.
 * `grant(grantee, ...actions)` is the escape hatch: exactly the given actions on the memory ARN, nothing on the key.
 */
export interface IMemory extends agentcore.IMemory {
  /** Allows writing events and reading short- and long-term memory (`MemoryAccess.READ_WRITE`). */
  grantReadWrite(grantee: iam.IGrantable): iam.Grant;

  /** Grants an access level, e.g. `memory.grantAccess(role, MemoryAccess.LONG_TERM_READ)`. */
  grantAccess(grantee: iam.IGrantable, access: MemoryAccess): iam.Grant;
}

/**
 * A memory as it is deployed, recorded in the app once it holds data you must keep (`MemoryProps.deployed`).
 */
export interface DeployedMemory {
  /**
   * The id of the deployed memory, e.g. `support_memory-a1B2c3D4e5`: the `memory_id` SSM output
   * (`addSsmOutputs()`), the `memoryId` attribute, or `aws bedrock-agentcore-control list-memories`.
   */
  readonly memoryId: string;

  /**
   * The ARN of the customer managed key the deployed memory is encrypted with.
   *
   * @default - the deployed memory is encrypted with a key that AWS owns
   */
  readonly kmsKeyArn?: string;
}

/** Properties of a `Memory`. */
export interface MemoryProps {
  /**
   * The memory name (`[a-zA-Z][a-zA-Z0-9_]{0,47}`). Changing it replaces the memory.
   *
   * @default - a name generated from the construct path: stable, unique in the app, and valid
   */
  readonly memoryName?: string;

  /**
   * A description of the memory (1-4,096 characters).
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * How long raw events (short-term memory) are kept: whole days, 3 to 365. It applies to events written after a
   * change; long-term records are not affected.
   *
   * @default Duration.days(90)
   */
  readonly expirationDuration?: Duration;

  /**
   * A customer managed KMS key that encrypts the memory's data. Changing it replaces the memory.
   *
   * AgentCore uses the key with the credentials of its callers, through the service (`kms:ViaService`
   * `bedrock-agentcore.<region>.amazonaws.com`): the grants of this construct and `MemoryAccess` add the key
   * permissions each caller needs, on exactly this key and only through AgentCore; the execution role (if any) gets
   * the key actions of the AgentCore documentation on this key. The principal that deploys the stack (the
   * CloudFormation execution role) needs the same key actions; the CDK bootstrap role has them when the key policy
   * lets IAM policies grant access (the default key policy of `kms.Key`).
   *
   * @default - data is encrypted with a key that AWS owns
   */
  readonly kmsKey?: kms.IKey;

  /**
   * Long-term memory strategies (at most 6, unique names): `MemoryStrategy.semantic()`, `summary()`,
   * `userPreference()`, `episodic()` or `selfManaged()`, or aws-cdk-lib's strategies.
   *
   * @default - none: short-term memory only
   */
  readonly memoryStrategies?: agentcore.IMemoryStrategy[];

  /**
   * The role AgentCore assumes to run strategies with model overrides or a self-managed pipeline. The strategies'
   * permissions are added to it.
   *
   * @default - a role is created only when a strategy needs one; it trusts `bedrock-agentcore.amazonaws.com` for
   * this account and this memory only (`aws:SourceAccount`, `aws:SourceArn`)
   */
  readonly executionRole?: iam.IRole;

  /**
   * What happens to the memory when it is removed from the stack or replaced.
   *
   * @default RemovalPolicy.RETAIN - a memory holds user data
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * The memory this construct manages in the account, recorded once it holds data you must keep. CloudFormation
   * cannot change a memory's name or key: a different one replaces the memory with a new, empty one. With this
   * record, synthesis warns (`cdk-agentcore:memory-replacement`) when the code would do that: a `memoryName` (or, for
   * a generated name, a construct path) that does not match the recorded id, or a key other than the recorded one.
   * After an intended replacement, record the new memory.
   *
   * @default - nothing recorded: no replacement check and no warning
   */
  readonly deployed?: DeployedMemory;

  /**
   * Tags of the memory, at most 50.
   *
   * Keys are 1-128 and values 0-256 characters of `[a-zA-Z0-9\s._:/=+@-]`; keys may not start with `aws:`.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/** Attributes of an existing memory, for `Memory.fromMemoryAttributes()`. */
export interface MemoryAttributes {
  /** The memory ARN: `arn:<partition>:bedrock-agentcore:<region>:<account>:memory/<memoryId>`. */
  readonly memoryArn: string;

  /**
   * The memory id. Required when `memoryArn` is a token.
   *
   * @default - parsed from `memoryArn`
   */
  readonly memoryId?: string;

  /**
   * The memory's customer managed key, so that grants add the key permissions.
   *
   * @default - the memory uses a key that AWS owns
   */
  readonly kmsKey?: kms.IKey;

  /**
   * The memory's execution role.
   *
   * @default - none
   */
  readonly executionRole?: iam.IRole;
}

/**
 * The grants of created and imported memories, on aws-cdk-lib's `MemoryBase`. Each one goes through a
 * `MemoryAccess`, the one place that turns an access level into IAM.
 */
export abstract class AgentCoreMemoryBase extends agentcore.MemoryBase implements IMemory {
  /** Allows creating events (`CreateEvent`, `MemoryAccess.WRITE_ONLY`), the only write to a memory. */
  public grantWrite(grantee: iam.IGrantable): iam.Grant {
    return MemoryAccess.WRITE_ONLY.grant(this, grantee);
  }

  /** Allows reading short-term memory: `GetEvent`, `ListEvents`, `ListActors`, `ListSessions` (`MemoryAccess.SHORT_TERM_READ`). */
  public grantReadShortTermMemory(grantee: iam.IGrantable): iam.Grant {
    return MemoryAccess.SHORT_TERM_READ.grant(this, grantee);
  }

  /**
   * Allows reading long-term memory: `GetMemoryRecord`, `RetrieveMemoryRecords`, `ListMemoryRecords` and `GetMemory`
   * (`MemoryAccess.LONG_TERM_READ`). aws-cdk-lib's grant of the same name has no `GetMemory`, without which
   * long-term recall silently returns nothing.
   */
  public grantReadLongTermMemory(grantee: iam.IGrantable): iam.Grant {
    return MemoryAccess.LONG_TERM_READ.grant(this, grantee);
  }

  /** Allows writing events and reading short- and long-term memory (`MemoryAccess.READ_WRITE`). */
  public grantReadWrite(grantee: iam.IGrantable): iam.Grant {
    return MemoryAccess.READ_WRITE.grant(this, grantee);
  }

  /** Allows deleting events and memory records (`DeleteEvent`, `DeleteMemoryRecord`; `MemoryAccess.DELETE`). */
  public grantDelete(grantee: iam.IGrantable): iam.Grant {
    return MemoryAccess.DELETE.grant(this, grantee);
  }

  /** Allows managing the memory (`GetMemory`, `UpdateMemory`, `DeleteMemory`; `MemoryAccess.ADMIN`). */
  public grantAdmin(grantee: iam.IGrantable): iam.Grant {
    return MemoryAccess.ADMIN.grant(this, grantee);
  }

  /** Grants an access level, e.g. `memory.grantAccess(role, MemoryAccess.LONG_TERM_READ)`. */
  public grantAccess(grantee: iam.IGrantable, access: MemoryAccess): iam.Grant {
    return access.grant(this, grantee);
  }

  /** Allows reading short- and long-term memory (`MemoryAccess.READ_ONLY`, which includes `GetMemory`). */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return MemoryAccess.READ_ONLY.grant(this, grantee);
  }

  /** Allows deleting events (`DeleteEvent`). */
  public grantDeleteShortTermMemory(grantee: iam.IGrantable): iam.Grant {
    return MemoryAccess.of('bedrock-agentcore:DeleteEvent').grant(this, grantee);
  }

  /** Allows deleting memory records (`DeleteMemoryRecord`). */
  public grantDeleteLongTermMemory(grantee: iam.IGrantable): iam.Grant {
    return MemoryAccess.of('bedrock-agentcore:DeleteMemoryRecord').grant(this, grantee);
  }

  /** Allows every data-plane action and the control plane of this memory. */
  public grantFullAccess(grantee: iam.IGrantable): iam.Grant {
    return MemoryAccess.combine(MemoryAccess.READ_WRITE_DELETE, MemoryAccess.ADMIN).grant(this, grantee);
  }
}

/**
 * An Amazon Bedrock AgentCore memory (`AWS::BedrockAgentCore::Memory`): short-term events and, with strategies,
 * long-term records, with least-privilege grants and a removal policy that keeps user data.
 *
 * - The memory is **retained** by default when removed from the stack. Changing `memoryName` or `kmsKey`
 *   replaces it with a new, empty memory. Record the deployed memory in `deployed` once it holds data: synthesis then
 *   warns (`cdk-agentcore:memory-replacement`) when a change would replace it.
 * - An execution role exists only when a strategy needs one (model overrides, self-managed), with exactly the
 *   permissions the strategies need.
 * - Grants name the memory ARN; on an encrypted memory they add the key permissions through AgentCore only.
 *
 * @resource AWS::BedrockAgentCore::Memory
 *
 * @example
 * const memory = new Memory(this, 'Memory', {
 *   expirationDuration: Duration.days(30),
 *   memoryStrategies: [MemoryStrategy.semantic(), MemoryStrategy.summary()],
 * });
 * memory.grantReadWrite(role);
 * // or, from the runtime side:
 * MemoryAccess.READ_ONLY.grant(memory, otherRole);
 */
export class Memory extends AgentCoreMemoryBase {
  /**
   * Imports a memory from its attributes.
   */
  public static fromMemoryAttributes(scope: Construct, id: string, attrs: MemoryAttributes): IMemory {
    let memoryId = attrs.memoryId;
    if (memoryId === undefined) {
      if (Token.isUnresolved(attrs.memoryArn)) {
        throw new Error(`Memory.fromMemoryAttributes('${id}'): memoryArn is a token, so memoryId cannot be parsed from it; pass memoryId as well.`);
      }
      memoryId = parseMemoryId(id, attrs.memoryArn, 'Memory.fromMemoryAttributes');
    } else if (!Token.isUnresolved(attrs.memoryArn)) {
      parseMemoryId(id, attrs.memoryArn, 'Memory.fromMemoryAttributes');
    }
    return new ImportedMemory(scope, id, attrs.memoryArn, memoryId, attrs.kmsKey, attrs.executionRole);
  }

  /**
   * Imports a memory from its ARN (`arn:<partition>:bedrock-agentcore:<region>:<account>:memory/<memoryId>`).
   * The ARN must be a literal; for a token, use `fromMemoryAttributes({ memoryArn, memoryId })`.
   */
  public static fromMemoryArn(scope: Construct, id: string, memoryArn: string): IMemory {
    if (Token.isUnresolved(memoryArn)) {
      throw new Error(`Memory.fromMemoryArn('${id}'): memoryArn is a late-bound value (a token), so the memory id cannot be parsed from it. Use Memory.fromMemoryAttributes(scope, id, { memoryArn, memoryId }) instead.`);
    }
    return Memory.fromMemoryAttributes(scope, id, { memoryArn });
  }

  /**
   * The ARN of the memory.
   * @attribute
   */
  public readonly memoryArn: string;

  /**
   * The id of the memory (the `AGENTCORE_MEMORY_ID` an agent uses).
   * @attribute
   */
  public readonly memoryId: string;

  /** The name of the memory. */
  public readonly memoryName: string;

  /**
   * The status of the memory.
   * @attribute
   */
  public readonly status?: string;

  /**
   * When the memory was created.
   * @attribute
   */
  public readonly createdAt?: string;

  /**
   * When the memory was last updated.
   * @attribute
   */
  public readonly updatedAt?: string;

  /**
   * Why the memory failed, if it did.
   * @attribute
   */
  public readonly failureReason: string;

  /** The description of the memory. */
  public readonly description?: string;

  /** How long raw events are kept. */
  public readonly expirationDuration: Duration;

  /** The customer managed key of the memory, if any. */
  public readonly kmsKey?: kms.IKey;

  private readonly resource: agentcore.CfnMemory;
  private readonly strategyList: agentcore.IMemoryStrategy[] = [];
  private role?: iam.IRole;

  constructor(scope: Construct, id: string, props: MemoryProps = {}) {
    super(scope, id, {
      physicalName: props.memoryName ?? Lazy.string({ produce: () => generateMemoryName(this) }),
    });
    const errors = new ValidationErrors();
    errors.pattern('memoryName', props.memoryName, MEMORY_NAME_PATTERN, `${MEMORY_NAME_PATTERN.source} (a letter, then letters, digits or '_', 48 characters at most)`);
    errors.length('description', props.description, 1, LIMITS.descriptionLength);
    const expirationDuration = props.expirationDuration ?? Duration.days(90);
    if (!expirationDuration.isUnresolved()) {
      const days = expirationDuration.toDays({ integral: false });
      if (!Number.isInteger(days)) {
        errors.add('expirationDuration', expirationDuration.toString(), `must be a whole number of days (it is ${days} days)`);
      } else {
        errors.range('expirationDuration', days, 3, 365, 'days');
      }
    }
    if (props.removalPolicy === RemovalPolicy.SNAPSHOT) {
      errors.add('removalPolicy', 'SNAPSHOT', 'is not supported by AWS::BedrockAgentCore::Memory (use RETAIN, RETAIN_ON_UPDATE_OR_DELETE or DESTROY)');
    }
    errors.tags(props.tags);
    validateStrategies(props.memoryStrategies ?? [], errors);
    if (props.deployed) validateDeployedMemory(props.deployed, errors);
    errors.throwIfAny(this, `Memory '${id}' props`);

    this.memoryName = this.physicalName;
    this.description = props.description;
    this.expirationDuration = expirationDuration;
    this.kmsKey = props.kmsKey;
    this.role = props.executionRole;

    this.resource = new agentcore.CfnMemory(this, 'Resource', {
      name: this.memoryName,
      description: props.description,
      eventExpiryDuration: expirationDuration.toDays(),
      encryptionKeyArn: props.kmsKey?.keyArn,
      memoryExecutionRoleArn: Lazy.string({ produce: () => this.role?.roleArn }),
      memoryStrategies: Lazy.any({ produce: () => this.strategyList.map((s) => s.render()) }, { omitEmptyArray: true }),
      tags: props.tags,
    });
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.resource.applyRemovalPolicy(removalPolicy);

    this.memoryArn = this.resource.attrMemoryArn;
    this.memoryId = this.resource.attrMemoryId;
    this.status = this.resource.attrStatus;
    this.createdAt = this.resource.attrCreatedAt;
    this.updatedAt = this.resource.attrUpdatedAt;
    this.failureReason = this.resource.attrFailureReason;

    if (this.kmsKey && this.role) this.grantKeyToExecutionRole();
    for (const strategy of props.memoryStrategies ?? []) this.bindStrategy(strategy);

    if (props.deployed) this.warnOnReplacement(props.deployed, props.memoryName === undefined, removalPolicy);
  }

  /** The strategies of the memory. */
  public get memoryStrategies(): agentcore.IMemoryStrategy[] {
    return [...this.strategyList];
  }

  /**
   * The execution role AgentCore uses for strategies with model overrides or a self-managed pipeline.
   *
   * @default - none, until a strategy needs one
   */
  public get executionRole(): iam.IRole | undefined {
    return this.role;
  }

  /** The execution role, or an `UnknownPrincipal` when the memory has none. */
  public get grantPrincipal(): iam.IPrincipal {
    return this.role ?? new iam.UnknownPrincipal({ resource: this });
  }

  /**
   * Publishes the memory's id and ARN as SSM String parameters, `memory_id` and `memory_arn`, under
   * `/agentcore/<environment>/memory/` by default, so that SDK scripts and other stacks can find them.
   */
  public addSsmOutputs(options: SsmOutputsOptions = {}): ssm.StringParameter[] {
    return publishSsmOutputs(this, 'memory', { memory_id: this.memoryId, memory_arn: this.memoryArn }, options);
  }

  /**
   * Adds a long-term memory strategy (and the execution role and permissions it needs).
   */
  public addMemoryStrategy(memoryStrategy: agentcore.IMemoryStrategy): void {
    const errors = new ValidationErrors();
    validateStrategies([...this.strategyList, memoryStrategy], errors);
    errors.throwIfAny(this, 'Memory.addMemoryStrategy() argument');
    this.bindStrategy(memoryStrategy);
  }

  /**
   * The number of throttled requests of an API operation on this memory (e.g. `CreateEvent`), summed.
   */
  public metricThrottlesForApiOperation(operation: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metricForApiOperation('Throttles', operation, { statistic: Stats.SUM, ...props });
  }

  /**
   * The number of server-side errors of an API operation on this memory, summed.
   */
  public metricSystemErrorsForApiOperation(operation: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metricForApiOperation('SystemErrors', operation, { statistic: Stats.SUM, ...props });
  }

  /**
   * The number of client-side errors (validation, access denied, ...) of an API operation on this memory, summed.
   */
  public metricUserErrorsForApiOperation(operation: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metricForApiOperation('UserErrors', operation, { statistic: Stats.SUM, ...props });
  }

  /** Warns when this code would replace the recorded memory (see `MemoryProps.deployed`). */
  private warnOnReplacement(deployed: DeployedMemory, nameGenerated: boolean, removalPolicy: RemovalPolicy): void {
    const name: unknown = Stack.of(this).resolve(this.memoryName);
    const keyArn = this.kmsKey?.keyArn;
    const { changes, unknown } = replacingChanges(deployed, {
      memoryName: typeof name === 'string' ? name : undefined,
      nameGenerated,
      hasKey: this.kmsKey !== undefined,
      kmsKeyArn: keyArn !== undefined && !Token.isUnresolved(keyArn) ? keyArn : undefined,
    });
    if (changes.length > 0) {
      const fate = removalPolicy === RemovalPolicy.DESTROY ? 'deleted, with its data'
        : `retained, as removalPolicy is ${removalPolicy === RemovalPolicy.RETAIN ? 'RETAIN' : 'RETAIN_ON_UPDATE_OR_DELETE'}`;
      Annotations.of(this).addWarningV2(REPLACEMENT_WARNING,
        `This deployment replaces the AgentCore memory '${deployed.memoryId}' recorded in deployed: ${changes.join('; ')}. `
        + 'CloudFormation creates a new, empty memory with a new id, and this stack no longer uses the events and long-term '
        + `records of '${deployed.memoryId}' (the old memory is ${fate}). Restore the name and key to keep the memory; `
        + 'if the replacement is intended, record the new memory in deployed after the deployment.');
    }
    if (unknown.length > 0) {
      Annotations.of(this).addInfo(`cdk-agentcore: the ${unknown.join(' and ')} of this memory ${unknown.length > 1 ? 'are' : 'is'} known only at deploy time, so deployed could not be compared with it.`);
    }
  }

  private bindStrategy(strategy: agentcore.IMemoryStrategy): void {
    this.strategyList.push(strategy);
    if (!shapeOf(strategy).needsRole) return;
    if (!this.role) {
      this.role = this.createExecutionRole();
      if (this.kmsKey) this.grantKeyToExecutionRole();
    }
    const grant = strategy.grant(this.role);
    if (grant === undefined) return;
    grantLanded(this.role, grant);
    grant.applyBefore(this.resource);
  }

  private createExecutionRole(): iam.IRole {
    const stack = Stack.of(this);
    return new iam.Role(this, 'ExecutionRole', {
      description: 'Lets Amazon Bedrock AgentCore run the long-term strategies of one memory',
      assumedBy: agentCorePrincipal(this, stack.formatArn({ service: 'bedrock-agentcore', resource: 'memory', resourceName: `${this.memoryName}-*` })),
    });
  }

  private grantKeyToExecutionRole(): void {
    // Key.grant() also writes the key policy when the key is in another account.
    this.kmsKey!.grant(this.role!, ...KEY_EXECUTION_ROLE_ACTIONS).applyBefore(this.resource);
  }
}

/** A memory defined outside this stack. */
class ImportedMemory extends AgentCoreMemoryBase {
  public readonly memoryArn: string;
  public readonly memoryId: string;
  public readonly status?: string = undefined;
  public readonly createdAt?: string = undefined;
  public readonly updatedAt?: string = undefined;
  public readonly kmsKey?: kms.IKey;
  public readonly executionRole?: iam.IRole;
  public readonly grantPrincipal: iam.IPrincipal;

  constructor(scope: Construct, id: string, memoryArn: string, memoryId: string, key?: kms.IKey, role?: iam.IRole) {
    super(scope, id, { environmentFromArn: memoryArn });
    this.memoryArn = memoryArn;
    this.memoryId = memoryId;
    this.kmsKey = key;
    this.executionRole = role;
    this.grantPrincipal = role ?? new iam.UnknownPrincipal({ resource: this });
  }
}

function parseMemoryId(id: string, memoryArn: string, method: string): string {
  const parts = Arn.split(memoryArn, ArnFormat.SLASH_RESOURCE_NAME);
  const memoryId = parts.resourceName ?? '';
  if (parts.service !== 'bedrock-agentcore' || parts.resource !== 'memory' || !fullMatch(MEMORY_ID_PATTERN, memoryId)) {
    throw new Error(`${method}('${id}'): memoryArn '${memoryArn}' is not an AgentCore memory ARN (expected arn:<partition>:bedrock-agentcore:<region>:<account>:memory/<memoryId>, with a memory id such as 'my_memory-a1b2c3d4e5').`);
  }
  return memoryId;
}
