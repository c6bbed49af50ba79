import { Stack } from 'aws-cdk-lib';
import type * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { DEFAULT_PEERS_VARIABLE, peersOf, peersVariableOf } from './peers';
import type { AgentRuntime } from '../agent-runtime/agent-runtime';
import { publishSsmOutputs } from '../ssm/ssm-outputs';
import type { SsmOutputsOptions } from '../ssm/ssm-outputs-options';

/** A peer of an `AgentTeam`'s entry agent. */
export interface TeamPeer {
  /**
   * The peer: an `AgentRuntime`, aws-cdk-lib's `Runtime`, or a runtime of another stack or app
   * (`AgentRuntime.fromSsm()`, `AgentRuntime.fromAgentRuntimeAttributes()`). It may speak any protocol, including
   * `ServerProtocol.A2A`.
   */
  readonly runtime: agentcore.IBedrockAgentRuntime;

  /**
   * The peer's key in the entry's peer map (`[a-zA-Z][a-zA-Z0-9_-]{0,47}`).
   *
   * @default - the peer's runtime name (required for peers imported from SSM, whose name is a token)
   */
  readonly name?: string;
}

/** Properties of an `AgentTeam`. */
export interface AgentTeamProps {
  /** The agent that users call and that calls the peers. */
  readonly entry: AgentRuntime;

  /**
   * The peers. More can be added with `addPeer()`.
   *
   * @default - none
   */
  readonly peers?: TeamPeer[];

  /**
   * The entry's environment variable that carries the peer map.
   *
   * @default 'AGENTCORE_PEERS'
   */
  readonly environmentVariable?: string;
}

/**
 * A multi-agent team (agent-to-agent): an entry agent and the peers it may call. The entry gets
 * `AGENTCORE_PEERS = {"<name>": "<peer runtime ARN>", ...}`, rendered with CloudFormation references so that one
 * deployment suffices; its role may invoke exactly those peers and their endpoints; and it is created after them.
 *
 * The team is a thin grouping over `entry.addPeer()`: both build the same wiring. Its own addition is
 * `addSsmOutputs()`, which publishes the team for SDK scripts and other apps.
 *
 * @example
 * const team = new AgentTeam(this, 'Support', {
 *   entry: concierge,
 *   peers: [{ runtime: billing }, { runtime: AgentRuntime.fromSsm(this, 'Shipping', { prefix: '/agentcore/prod/runtime/shipping/' }), name: 'shipping' }],
 * });
 * team.addSsmOutputs();
 */
export class AgentTeam extends Construct {
  /** The entry agent. */
  public readonly entry: AgentRuntime;

  private readonly environmentVariable?: string;

  constructor(scope: Construct, id: string, props: AgentTeamProps) {
    super(scope, id);
    this.entry = props.entry;
    this.environmentVariable = props.environmentVariable;
    for (const peer of props.peers ?? []) this.addPeer(peer);
  }

  /**
   * Adds a peer to the entry agent (see `AgentRuntime.addPeer()`).
   *
   * @returns the grant that lets the entry's role invoke the peer
   */
  public addPeer(peer: TeamPeer): iam.Grant {
    return this.entry.addPeer(peer.runtime, { name: peer.name, environmentVariable: this.environmentVariable });
  }

  /** The peers of the entry agent by name, in the order they were added (including peers added with `entry.addPeer()`). */
  public get peers(): Record<string, agentcore.IBedrockAgentRuntime> {
    return peersOf(this.entry);
  }

  /**
   * Publishes the team as SSM String parameters under `/agentcore/<environment>/team/` by default:
   * `entry_runtime_arn`, `peers` (the same JSON map the entry receives) and `peers_variable` (its variable name).
   * `<environment>` is `AgentCoreEnvironment.of(this)`.
   */
  public addSsmOutputs(options: SsmOutputsOptions = {}): ssm.StringParameter[] {
    const peers = Object.fromEntries(Object.entries(this.peers).map(([name, p]) => [name, p.agentRuntimeArn]));
    return publishSsmOutputs(this, 'team', {
      entry_runtime_arn: this.entry.agentRuntimeArn,
      peers: Stack.of(this).toJsonString(peers),
      peers_variable: peersVariableOf(this.entry) ?? this.environmentVariable ?? DEFAULT_PEERS_VARIABLE,
    }, options);
  }
}
