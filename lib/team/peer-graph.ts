import type { IConstruct } from 'constructs';

const graphs = new WeakMap<IConstruct, PeerGraph>();

/**
 * Who calls whom among the agents of one app (construct tree). `addPeer()` records an edge from the entry to the
 * peer; cycles are looked for once, when the app is validated at synthesis, by a single depth-first search over the
 * whole graph, so the check is linear in the number of agents and peer edges however many `addPeer()` calls there are.
 */
export class PeerGraph {
  /** The graph of the app `scope` belongs to; the first call registers the cycle check on the app. */
  public static of(scope: IConstruct): PeerGraph {
    const root = scope.node.root;
    let graph = graphs.get(root);
    if (graph === undefined) {
      const created = new PeerGraph();
      graphs.set(root, created);
      root.node.addValidation({ validate: () => created.cycles() });
      graph = created;
    }
    return graph;
  }

  private readonly edges = new Map<IConstruct, IConstruct[]>();

  private constructor() {}

  /** Records that `from` calls `to`. */
  public addEdge(from: IConstruct, to: IConstruct): void {
    const targets = this.edges.get(from);
    if (targets === undefined) this.edges.set(from, [to]);
    else targets.push(to);
  }

  /**
   * One message per cycle: each edge that leads back to an agent still on the search path closes one. Iterative, so
   * long peer chains cannot overflow the stack.
   */
  public cycles(): string[] {
    const done = new Set<IConstruct>();
    const onPath = new Map<IConstruct, number>(); // agent → its index in `path`
    const messages: string[] = [];
    for (const start of this.edges.keys()) {
      if (done.has(start)) continue;
      const path: IConstruct[] = [start];
      const next: number[] = [0];
      onPath.set(start, 0);
      while (path.length > 0) {
        const node = path[path.length - 1];
        const targets = this.edges.get(node) ?? [];
        const i = next[next.length - 1]++;
        if (i >= targets.length) {
          path.pop();
          next.pop();
          onPath.delete(node);
          done.add(node);
          continue;
        }
        const target = targets[i];
        const back = onPath.get(target);
        if (back !== undefined) {
          messages.push(cycleMessage([...path.slice(back), target]));
        } else if (!done.has(target)) {
          onPath.set(target, path.length);
          path.push(target);
          next.push(0);
        }
      }
    }
    return messages;
  }
}

function cycleMessage(cycle: IConstruct[]): string {
  const last = cycle[cycle.length - 2];
  const first = cycle[cycle.length - 1];
  return `Peer cycle: ${cycle.map((c) => c.node.path).join(' -> ')}. An entry agent is created after its peers and receives their ARNs `
    + 'when it is created, so no agent can be its own peer through other agents. Remove one of these addPeer() calls (for example '
    + `${last.node.path}.addPeer(${first.node.path})), or let the agents find each other at run time (SSM outputs).`;
}
