/** How `AgentRuntime.addPeer()` wires a peer into an entry agent. */
export interface PeerOptions {
  /**
   * The peer's name: its key in the entry's `AGENTCORE_PEERS` map (`[a-zA-Z][a-zA-Z0-9_-]{0,47}`), unique among the
   * entry's peers.
   *
   * @default - the peer's runtime name (required when that name is a token, e.g. a peer imported from SSM)
   */
  readonly name?: string;

  /**
   * The environment variable that carries the map. All peers of one entry share it.
   *
   * @default 'AGENTCORE_PEERS'
   */
  readonly environmentVariable?: string;
}
