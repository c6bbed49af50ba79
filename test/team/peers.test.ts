import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AgentCoreChecks, AgentRuntime, ServerProtocol } from '../../lib';
import { PeerGraph } from '../../lib/team/peer-graph';
import { runtimeResource, testRuntime } from '../helpers/agent-runtime';
import { nagErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';
import { roleStatements } from '../helpers/template';

const ARN = (name: string) => `arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/${name}-AbCdEf1234`;
const agent = (scope: Construct, id: string, protocol?: ServerProtocol) => testRuntime(scope, id, { protocol });

const getAtt = (prefix: string) => ({ 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^${prefix}`)), 'AgentRuntimeArn'] });

describe('AgentRuntime.addPeer', () => {
  test('AGENTCORE_PEERS maps names to peer ARNs with CloudFormation references, so one deployment suffices', () => {
    const stack = testStack();
    const entry = agent(stack, 'Entry');
    entry.addPeer(agent(stack, 'Billing'));
    entry.addPeer(agent(stack, 'Shipping', ServerProtocol.A2A), { name: 'ship' });
    const env = runtimeResource(stack, 'Entry').Properties.EnvironmentVariables;
    expect(env).toEqual({
      AGENTCORE_PEERS: { 'Fn::Join': ['', ['{"billing":"', getAtt('Billing'), '","ship":"', getAtt('Shipping'), '"}']] },
    });
    expect(runtimeResource(stack, 'Shipping').Properties.ProtocolConfiguration).toBe('A2A');
  });

  test('the entry role may invoke exactly the peers and their endpoints; nothing else changes', () => {
    const stack = testStack();
    const entry = agent(stack, 'Entry');
    const billing = agent(stack, 'Billing');
    entry.addPeer(billing);
    const invokes = roleStatements(stack, 'EntryExecutionRole').filter((s) => JSON.stringify(s.Action).includes('InvokeAgentRuntime'));
    expect(invokes).toEqual([{
      Effect: 'Allow',
      Action: ['bedrock-agentcore:InvokeAgentRuntime', 'bedrock-agentcore:InvokeAgentRuntimeWithWebSocketStream'],
      Resource: [getAtt('Billing'), { 'Fn::Join': ['', [getAtt('Billing'), '/*']] }],
    }]);
    expect(roleStatements(stack, 'BillingExecutionRole').filter((s) => JSON.stringify(s.Action).includes('InvokeAgentRuntime'))).toEqual([]);
  });

  test('the entry is created after its peers', () => {
    const stack = testStack();
    const entry = agent(stack, 'Entry');
    entry.addPeer(agent(stack, 'Billing'));
    const billingId = Object.keys(Template.fromStack(stack).findResources('Custom::BedrockAgentCoreRuntime')).find((id) => id.startsWith('Billing'));
    expect(runtimeResource(stack, 'Entry').DependsOn).toContain(billingId);
    expect(runtimeResource(stack, 'Billing').DependsOn ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/^Entry/)]));
  });

  test('is clean under AwsSolutions and AgentCoreChecks', () => {
    const stack = testStack();
    const entry = agent(stack, 'Entry');
    entry.addPeer(agent(stack, 'Billing'));
    entry.addPeer(agent(stack, 'Shipping', ServerProtocol.A2A));
    expect(nagErrors(stack)).toEqual([]);
    expect(nagErrors(stack, new AgentCoreChecks())).toEqual([]);
  });

  test('a peer in another stack is referenced across stacks and orders the stacks', () => {
    const app = new App();
    const env = { account: '123456789012', region: 'us-east-1' };
    const peers = new Stack(app, 'Peers', { env });
    const entries = new Stack(app, 'Entries', { env });
    const entry = agent(entries, 'Entry');
    entry.addPeer(agent(peers, 'Billing'));
    const value = JSON.stringify(runtimeResource(entries, 'Entry').Properties.EnvironmentVariables.AGENTCORE_PEERS);
    expect(value).toContain('Fn::ImportValue');
    expect(entries.dependencies).toContain(peers); // known once the app is synthesized
  });

  test('a peer of another app comes through SSM (AgentRuntime.fromSsm) and needs a name', () => {
    const stack = testStack();
    const entry = agent(stack, 'Entry');
    const imported = AgentRuntime.fromSsm(stack, 'Remote', { prefix: '/agentcore/prod/runtime/remote/' });
    expect(() => entry.addPeer(imported)).toThrow(/name is required: the peer's runtime name \(TestStack\/Remote\) is only known at deploy time/);
    entry.addPeer(imported, { name: 'remote' });
    const t = Template.fromStack(stack).toJSON();
    const parameter = Object.entries(t.Parameters).find(([, p]: any) => p.Default === '/agentcore/prod/runtime/remote/agent_runtime_arn')![0];
    expect(runtimeResource(stack, 'Entry').Properties.EnvironmentVariables.AGENTCORE_PEERS)
      .toEqual({ 'Fn::Join': ['', ['{"remote":"', { Ref: parameter }, '"}']] });
    expect(nagErrors(stack)).toEqual([]);
  });

  test("aws-cdk-lib's Runtime is accepted as a peer", () => {
    const stack = testStack();
    const entry = agent(stack, 'Entry');
    const theirs = new agentcore.Runtime(stack, 'Theirs', {
      runtimeName: 'theirs',
      agentRuntimeArtifact: agentcore.AgentRuntimeArtifact.fromEcrRepository(ecr.Repository.fromRepositoryName(stack, 'TheirRepo', 'agents'), 'v1'),
    });
    entry.addPeer(theirs);
    expect(JSON.stringify(runtimeResource(stack, 'Entry').Properties.EnvironmentVariables.AGENTCORE_PEERS)).toContain('"{\\"theirs\\":\\""');
  });

  test('the variable name can be chosen once per entry', () => {
    const stack = testStack();
    const entry = agent(stack, 'Entry');
    entry.addPeer(agent(stack, 'Billing'), { environmentVariable: 'TEAM' });
    entry.addPeer(agent(stack, 'Shipping'));
    expect(Object.keys(runtimeResource(stack, 'Entry').Properties.EnvironmentVariables)).toEqual(['TEAM']);
    expect(() => entry.addPeer(agent(stack, 'Returns'), { environmentVariable: 'OTHER' }))
      .toThrow(/environmentVariable 'OTHER' must be 'TEAM', the variable the earlier peers of this entry use/);
  });

  describe('bad input fails with the property, the value and the rule', () => {
    test('self-peering', () => {
      const stack = testStack();
      const entry = agent(stack, 'Entry');
      expect(() => entry.addPeer(entry)).toThrow(/Invalid AgentRuntime.addPeer\(\) arguments at 'TestStack\/Entry':\n  - peer TestStack\/Entry is the entry agent itself/);
    });

    test('self-peering through an import of the same ARN', () => {
      const stack = testStack();
      const entry = agent(stack, 'Entry');
      const again = AgentRuntime.fromAgentRuntimeAttributes(stack, 'Again', { agentRuntimeArn: entry.agentRuntimeArn, agentRuntimeId: 'x', agentRuntimeName: 'x' });
      expect(() => entry.addPeer(again)).toThrow(/is the entry agent itself/);
    });

    test('a name clash', () => {
      const stack = testStack();
      const entry = agent(stack, 'Entry');
      entry.addPeer(agent(stack, 'Billing'), { name: 'money' });
      expect(() => entry.addPeer(agent(stack, 'Refunds'), { name: 'money' }))
        .toThrow(/name 'money' is already the name of peer TestStack\/Billing; peer names must be unique per entry/);
    });

    test('the same peer twice', () => {
      const stack = testStack();
      const entry = agent(stack, 'Entry');
      const billing = agent(stack, 'Billing');
      entry.addPeer(billing);
      expect(() => entry.addPeer(billing, { name: 'again' })).toThrow(/peer TestStack\/Billing is already a peer of this entry, named 'billing'/);
    });

    test('a name that is not a valid key', () => {
      const stack = testStack();
      expect(() => agent(stack, 'Entry').addPeer(agent(stack, 'Billing'), { name: '1 billing' }))
        .toThrow(/name '1 billing' must match \[a-zA-Z\]\[a-zA-Z0-9_-\]\{0,47\}/);
    });

    test('more peers than the variable can hold', () => {
      const stack = testStack();
      // a role the app does not manage: the invoke grants of 25+ peers would exceed IAM's role policy size (also a
      // synth error), and this test is about the variable
      const entry = testRuntime(stack, 'Entry', { executionRole: iam.Role.fromRoleArn(stack, 'EntryRole', 'arn:aws:iam::123456789012:role/entry', { mutable: false }) });
      const add = (i: number) => entry.addPeer(AgentRuntime.fromAgentRuntimeArn(stack, `P${i}`, ARN(`peer_${i}`)), { name: `peer_with_a_rather_long_name_${String(i).padStart(3, '0')}` });
      let added = 0;
      expect(() => { for (; added < 100; added++) add(added); }).toThrow(/AGENTCORE_PEERS would be up to 50\d\d characters long with \d+ peers; an environment variable value holds at most 5000/);
      expect(added).toBeGreaterThan(25);
      // What was accepted still fits once CloudFormation resolves it.
      const json = runtimeResource(stack, 'Entry').Properties.EnvironmentVariables.AGENTCORE_PEERS;
      expect(typeof json).toBe('string'); // literal ARNs: the exact value
      expect(json.length).toBeLessThanOrEqual(5000);
      expect(Object.keys(JSON.parse(json))).toHaveLength(added);
    });
  });

  describe('peer cycles fail the synthesis', () => {
    test('two agents that are each other\'s peer', () => {
      const stack = testStack();
      const a = agent(stack, 'A');
      const b = agent(stack, 'B');
      a.addPeer(b);
      b.addPeer(a);
      expect(() => (stack.node.root as App).synth())
        .toThrow(/Peer cycle: TestStack\/A -> TestStack\/B -> TestStack\/A\. An entry agent is created after its peers/);
    });

    test('a longer cycle names every agent on it and the edge to remove', () => {
      const stack = testStack();
      const [a, b, c] = ['A', 'B', 'C'].map((id) => agent(stack, id));
      a.addPeer(b);
      b.addPeer(c);
      c.addPeer(a);
      expect(() => (stack.node.root as App).synth())
        .toThrow(/Peer cycle: TestStack\/A -> TestStack\/B -> TestStack\/C -> TestStack\/A\. .*TestStack\/C\.addPeer\(TestStack\/A\)/s);
    });

    test('shared peers (a diamond) are not a cycle', () => {
      const stack = testStack();
      const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((id) => agent(stack, id));
      a.addPeer(b);
      a.addPeer(c);
      b.addPeer(d);
      c.addPeer(d);
      expect(() => Template.fromStack(stack)).not.toThrow();
    });
  });
});

describe('PeerGraph', () => {
  function nodes(n: number): Construct[] {
    const root = new Construct(undefined as any, '');
    return Array.from({ length: n }, (_, i) => new Construct(root, `N${i}`));
  }

  test('finds the cycle at the end of a chain of 100,000 agents without recursion', () => {
    const ns = nodes(100_000);
    const graph = PeerGraph.of(ns[0]);
    for (let i = 0; i + 1 < ns.length; i++) graph.addEdge(ns[i], ns[i + 1]);
    expect(graph.cycles()).toEqual([]);
    graph.addEdge(ns[ns.length - 1], ns[ns.length - 3]);
    const cycles = graph.cycles();
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatch(/^Peer cycle: N99997 -> N99998 -> N99999 -> N99997\./);
  });

  test('reports each cycle once, however the search enters it', () => {
    const [a, b, c, d] = nodes(4);
    const graph = PeerGraph.of(a);
    graph.addEdge(d, a); // d enters the cycle a -> b -> a from outside
    graph.addEdge(a, b);
    graph.addEdge(b, a);
    graph.addEdge(c, c);
    expect(graph.cycles()).toEqual([
      expect.stringMatching(/^Peer cycle: N0 -> N1 -> N0\./),
      expect.stringMatching(/^Peer cycle: N2 -> N2\./),
    ]);
  });
});
