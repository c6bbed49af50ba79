import { Token } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  KEY_ADMIN_ACTIONS,
  KEY_READ_ACTIONS,
  KEY_WRITE_ACTIONS,
  MEMORY_ADMIN_ACTIONS,
  MEMORY_DELETE_ACTIONS,
  MEMORY_DISCOVER_ACTIONS,
  MEMORY_READ_LONG_TERM_ACTIONS,
  MEMORY_READ_SHORT_TERM_ACTIONS,
  MEMORY_WRITE_ACTIONS,
} from './perms';

/** Actions that change the memory's configuration: they get the key permissions of the principal that sets it up. */
const KEY_ADMIN_TRIGGERS = ['bedrock-agentcore:CreateMemory', 'bedrock-agentcore:UpdateMemory'];
/** Actions that write encrypted content. */
const KEY_WRITE_TRIGGERS = [...MEMORY_WRITE_ACTIONS, 'bedrock-agentcore:BatchCreateMemoryRecords', 'bedrock-agentcore:BatchUpdateMemoryRecords'];
/** Actions that never decrypt nor encrypt content. */
const NO_KEY_ACTIONS = [...MEMORY_DELETE_ACTIONS, 'bedrock-agentcore:DeleteMemory', 'bedrock-agentcore:BatchDeleteMemoryRecords'];

/** An AgentCore action name, without wildcards. */
const ACTION = /^bedrock-agentcore:[A-Z][A-Za-z]+$/;

/**
 * What a principal may do with a memory: a named, fixed list of `bedrock-agentcore:` actions, plus the KMS
 * permissions they need when the memory has a customer managed key.
 *
 * `grant(memory, grantee)` is the one place that turns an access level into IAM: every `Memory.grantXxx()` method
 * and the runtime wiring (`runtime.addMemory(memory, { access })`) call it. It works for any `IMemory` of
 * aws-cdk-lib's `aws-bedrockagentcore` module, so also for `Memory.fromMemoryArn()` and aws-cdk-lib's own `Memory`.
 *
 * | Access | Actions |
 * |---|---|
 * | `READ_WRITE` | `CreateEvent`, short-term reads, long-term reads, `GetMemory` |
 * | `READ_ONLY` | short-term reads, long-term reads, `GetMemory` |
 * | `WRITE_ONLY` | `CreateEvent` |
 * | `SHORT_TERM` | `CreateEvent`, short-term reads |
 * | `SHORT_TERM_READ` | short-term reads (`GetEvent`, `ListEvents`, `ListActors`, `ListSessions`) |
 * | `LONG_TERM_READ` | long-term reads (`GetMemoryRecord`, `RetrieveMemoryRecords`, `ListMemoryRecords`), `GetMemory` |
 * | `DELETE` | `DeleteEvent`, `DeleteMemoryRecord` |
 * | `READ_WRITE_DELETE` | `READ_WRITE` plus `DELETE` (an agent that can also forget) |
 * | `ADMIN` | `GetMemory`, `UpdateMemory`, `DeleteMemory` (control plane) |
 *
 * Every level that reads long-term memory includes `bedrock-agentcore:GetMemory`: clients call it to discover the
 * strategy ids in the namespaces, and without it long-term recall silently returns nothing.
 *
 * When the memory has a customer managed key, the grant also allows, on exactly that key and only through AgentCore
 * (`kms:ViaService` = `bedrock-agentcore.<region>.amazonaws.com`): `kms:Decrypt` for reads, `kms:Decrypt` and
 * `kms:GenerateDataKey` for writes, and for `ADMIN` the key permissions AgentCore documents for the principal that
 * sets up an encrypted memory. Deletes need no key permission.
 *
 * @example
 * // what an agent that recalls but never writes may do
 * MemoryAccess.READ_ONLY.grant(memory, role);
 * // a custom level
 * const recallOnly = MemoryAccess.of('bedrock-agentcore:RetrieveMemoryRecords');
 */
export class MemoryAccess {
  /** Write events and read short- and long-term memory: what a conversational agent with memory uses. */
  public static readonly READ_WRITE = new MemoryAccess('READ_WRITE', [
    ...MEMORY_WRITE_ACTIONS, ...MEMORY_READ_SHORT_TERM_ACTIONS, ...MEMORY_READ_LONG_TERM_ACTIONS, ...MEMORY_DISCOVER_ACTIONS,
  ]);

  /** Read short- and long-term memory, never write. */
  public static readonly READ_ONLY = new MemoryAccess('READ_ONLY', [
    ...MEMORY_READ_SHORT_TERM_ACTIONS, ...MEMORY_READ_LONG_TERM_ACTIONS, ...MEMORY_DISCOVER_ACTIONS,
  ]);

  /** Write events only (for example an ingestion pipeline). */
  public static readonly WRITE_ONLY = new MemoryAccess('WRITE_ONLY', [...MEMORY_WRITE_ACTIONS]);

  /** Write events and read them back: conversation history without long-term recall. */
  public static readonly SHORT_TERM = new MemoryAccess('SHORT_TERM', [...MEMORY_WRITE_ACTIONS, ...MEMORY_READ_SHORT_TERM_ACTIONS]);

  /** Read events, actors and sessions. */
  public static readonly SHORT_TERM_READ = new MemoryAccess('SHORT_TERM_READ', [...MEMORY_READ_SHORT_TERM_ACTIONS]);

  /** Read and search long-term memory records, with the strategy discovery (`GetMemory`) that recall needs. */
  public static readonly LONG_TERM_READ = new MemoryAccess('LONG_TERM_READ', [...MEMORY_READ_LONG_TERM_ACTIONS, ...MEMORY_DISCOVER_ACTIONS]);

  /** Delete events and memory records. */
  public static readonly DELETE = new MemoryAccess('DELETE', [...MEMORY_DELETE_ACTIONS]);

  /** `READ_WRITE` plus `DELETE`. */
  public static readonly READ_WRITE_DELETE = new MemoryAccess('READ_WRITE_DELETE', [
    ...MemoryAccess.READ_WRITE.actions, ...MEMORY_DELETE_ACTIONS,
  ]);

  /** Control plane of the memory: `GetMemory`, `UpdateMemory`, `DeleteMemory`. */
  public static readonly ADMIN = new MemoryAccess('ADMIN', [...MEMORY_ADMIN_ACTIONS]);

  /**
   * A custom access level from exact `bedrock-agentcore:` actions (no wildcards).
   *
   * If the list reads long-term memory (`GetMemoryRecord`, `RetrieveMemoryRecords` or `ListMemoryRecords`),
   * `bedrock-agentcore:GetMemory` is added, because long-term recall needs it.
   *
   * @param actions e.g. `'bedrock-agentcore:RetrieveMemoryRecords'`
   */
  public static of(...actions: string[]): MemoryAccess {
    if (actions.length === 0) {
      throw new Error('MemoryAccess.of(): give at least one action, e.g. \'bedrock-agentcore:RetrieveMemoryRecords\'.');
    }
    const bad = actions.filter((a) => Token.isUnresolved(a) || !ACTION.test(a));
    if (bad.length > 0) {
      throw new Error(`MemoryAccess.of(): actions ${bad.map((a) => `'${a}'`).join(', ')} must be exact AgentCore actions such as 'bedrock-agentcore:CreateEvent' (no wildcards, no other services).`);
    }
    const list = [...actions];
    if (list.some((a) => MEMORY_READ_LONG_TERM_ACTIONS.includes(a))) list.push(...MEMORY_DISCOVER_ACTIONS);
    return new MemoryAccess(`CUSTOM(${unique(actions).join(',')})`, list);
  }

  /** The union of several access levels, e.g. `MemoryAccess.combine(MemoryAccess.SHORT_TERM, MemoryAccess.DELETE)`. */
  public static combine(...accesses: MemoryAccess[]): MemoryAccess {
    if (accesses.length === 0) {
      throw new Error('MemoryAccess.combine(): give at least one access level.');
    }
    return new MemoryAccess(accesses.map((a) => a.name).join('+'), accesses.flatMap((a) => a.actions));
  }

  /** A readable name of the level, e.g. `READ_WRITE`. */
  public readonly name: string;

  /** The `bedrock-agentcore:` actions granted on the memory ARN, without duplicates. */
  public readonly actions: string[];

  private constructor(name: string, actions: string[]) {
    this.name = name;
    this.actions = unique(actions);
  }

  /**
   * The KMS actions this level needs through AgentCore on a memory with a customer managed key.
   */
  public get keyActions(): string[] {
    const has = (list: string[]) => this.actions.some((a) => list.includes(a));
    if (has(KEY_ADMIN_TRIGGERS)) return [...KEY_ADMIN_ACTIONS];
    if (has(KEY_WRITE_TRIGGERS)) return [...KEY_WRITE_ACTIONS];
    if (this.actions.some((a) => !NO_KEY_ACTIONS.includes(a))) return [...KEY_READ_ACTIONS];
    return [];
  }

  /**
   * Grants this access level on `memory` to `grantee`: the actions on the memory ARN and, when the memory has a
   * customer managed key (`memory.kmsKey`), the key actions on that key through AgentCore only.
   *
   * @returns the grant; with a key, the combination of the memory and the key grants
   */
  public grant(memory: agentcore.IMemory, grantee: iam.IGrantable): iam.Grant {
    const memoryArn = memory.memoryRef.memoryArn;
    const grant = iam.Grant.addToPrincipal({ grantee, actions: this.actions, resourceArns: [memoryArn] });
    const keyActions = this.keyActions;
    if (!memory.kmsKey || keyActions.length === 0) return grant;
    const keyGrant = iam.Grant.addToPrincipal({
      grantee,
      actions: keyActions,
      resourceArns: [memory.kmsKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `bedrock-agentcore.${memory.env.region}.amazonaws.com` } },
    });
    return grant.combine(keyGrant);
  }

  /** Returns the name of the level. */
  public toString(): string {
    return this.name;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
