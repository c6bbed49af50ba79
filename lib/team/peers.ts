import { Lazy, Stack, Token } from 'aws-cdk-lib';
import type * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PeerGraph } from './peer-graph';
import type { PeerOptions } from './peer-options';
import type { AgentRuntime } from '../agent-runtime/agent-runtime';
import { RUNTIME_INVOKE_ACTIONS } from '../agent-runtime/perms';
import { LIMITS, NAME_MAX_LENGTH } from '../private/contract';
import { acknowledgeWildcardResources } from '../private/nag';
import { ValidationErrors } from '../private/validation';

/** The environment variable that carries an entry agent's peers, `{"<name>": "<runtime ARN>", ...}`. */
export const DEFAULT_PEERS_VARIABLE = 'AGENTCORE_PEERS';

/** Peer names: the keys of the `AGENTCORE_PEERS` map. */
const PEER_NAME = /[a-zA-Z][a-zA-Z0-9_-]{0,47}/;

/**
 * The longest runtime ARN a token can stand for: the longest partition and Region, a 12-digit account and a runtime
 * id of a 48-character name plus `-` and 10 characters. Used to keep `AGENTCORE_PEERS` within the 5000-character
 * limit of an environment variable value before CloudFormation resolves the ARNs.
 */
const LONGEST_RUNTIME_ARN = 'arn:aws-us-gov:bedrock-agentcore:ap-southeast-5:123456789012:runtime/'.length + NAME_MAX_LENGTH + 1 + 10;

/** The peers of one entry agent, in the order they were added. */
interface EntryPeers {
  readonly variable: string;
  readonly peers: Map<string, agentcore.IBedrockAgentRuntime>;
}

const entries = new WeakMap<AgentRuntime, EntryPeers>();

/**
 * Makes `peer` a peer of `entry`: its ARN goes into the entry's peer map (rendered with CloudFormation references, so
 * one deployment suffices), the entry's role may invoke exactly the peer and its endpoints, and the entry is created
 * after the peer. Self-peering, a name or peer given twice and a map that cannot fit the environment variable are
 * errors here; cycles are reported when the app is synthesized.
 */
export function addPeer(entry: AgentRuntime, peer: agentcore.IBedrockAgentRuntime, options: PeerOptions): iam.Grant {
  const state = entries.get(entry);
  const variable = options.environmentVariable ?? state?.variable ?? DEFAULT_PEERS_VARIABLE;
  const name = options.name ?? (Token.isUnresolved(peer.agentRuntimeName) ? undefined : peer.agentRuntimeName);

  const errors = new ValidationErrors();
  if (peer === entry || peer.agentRuntimeArn === entry.agentRuntimeArn) {
    errors.addMessage(`peer ${peer.node.path} is the entry agent itself; an agent cannot be its own peer`);
  }
  if (name === undefined) {
    errors.addMessage(`name is required: the peer's runtime name (${peer.node.path}) is only known at deploy time`);
  } else if (Token.isUnresolved(name)) {
    errors.add('name', name, 'must be a literal: it is a key of the peer map');
  } else {
    errors.pattern('name', name, PEER_NAME, PEER_NAME.source);
  }
  if (state !== undefined) {
    if (variable !== state.variable) {
      errors.add('environmentVariable', variable, `must be '${state.variable}', the variable the earlier peers of this entry use`);
    }
    if (name !== undefined && state.peers.has(name)) {
      errors.add('name', name, `is already the name of peer ${state.peers.get(name)!.node.path}; peer names must be unique per entry`);
    }
    for (const [existing, p] of state.peers) {
      if (p === peer || p.agentRuntimeArn === peer.agentRuntimeArn) {
        errors.addMessage(`peer ${peer.node.path} is already a peer of this entry, named '${existing}'`);
      }
    }
  }
  if (name !== undefined && state !== undefined) {
    const size = peerMapLength([...state.peers.entries(), [name, peer]]);
    if (size > LIMITS.environmentVariableValueLength) {
      errors.addMessage(`${variable} would be up to ${size} characters long with ${state.peers.size + 1} peers; an environment variable value holds at most ${LIMITS.environmentVariableValueLength}. Split the team or use shorter peer names.`);
    }
  }
  errors.throwIfAny(entry, 'AgentRuntime.addPeer() arguments');

  const peers = state?.peers ?? new Map<string, agentcore.IBedrockAgentRuntime>();
  if (state === undefined) {
    entries.set(entry, { variable, peers });
    entry.addEnvironment(variable, Lazy.string({
      produce: () => Stack.of(entry).toJsonString(Object.fromEntries([...peers].map(([n, p]) => [n, p.agentRuntimeArn]))),
    }));
  }
  peers.set(name!, peer);
  PeerGraph.of(entry).addEdge(entry, peer);
  entry.node.defaultChild!.node.addDependency(peer);
  return grantInvokePeer(entry.role, peer);
}

/** The peers of an entry agent by name, in the order they were added (empty when it has none). */
export function peersOf(entry: AgentRuntime): Record<string, agentcore.IBedrockAgentRuntime> {
  return Object.fromEntries(entries.get(entry)?.peers ?? []);
}

/** The environment variable that carries an entry agent's peers, or undefined when it has none. */
export function peersVariableOf(entry: AgentRuntime): string | undefined {
  return entries.get(entry)?.variable;
}

/** Invoke (HTTP and WebSocket) on the peer and its endpoints, the sub-resource AgentCore authorizes invocations on. */
function grantInvokePeer(role: iam.IRole, peer: agentcore.IBedrockAgentRuntime): iam.Grant {
  const endpoints = `${peer.agentRuntimeArn}/*`;
  acknowledgeWildcardResources(role, [endpoints],
    'An entry agent invokes its peer through the peer\'s endpoints (<runtime ARN>/runtime-endpoint/<name>); the wildcard covers only the endpoints of this peer.');
  return iam.Grant.addToPrincipal({ grantee: role, actions: RUNTIME_INVOKE_ACTIONS, resourceArns: [peer.agentRuntimeArn, endpoints] });
}

/** The length of the JSON map, counting a token ARN as the longest ARN it could resolve to. */
function peerMapLength(peers: [string, agentcore.IBedrockAgentRuntime][]): number {
  const arnLength = (arn: string) => (Token.isUnresolved(arn) ? LONGEST_RUNTIME_ARN : arn.length);
  // {"name":"arn","name":"arn"}: braces, and per peer two pairs of quotes, a colon and a comma (one too many).
  return 1 + peers.reduce((n, [name, p]) => n + name.length + arnLength(p.agentRuntimeArn) + 6, 0);
}
