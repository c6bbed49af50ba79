import { Match, Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { AgentCoreEnvironment, AgentCoreChecks, AgentRuntime, AgentTeam, ExecutionRole, ServerProtocol } from '../../lib';
import { testRuntime } from '../helpers/agent-runtime';
import { nagErrors } from '../helpers/nag';
import { testStack } from '../helpers/stack';

function agent(scope: Construct, id: string, props: { protocol?: ServerProtocol; executionRole?: ExecutionRole } = {}): AgentRuntime {
  return testRuntime(scope, id, props);
}

describe('AgentTeam', () => {
  test('wires its peers into the entry exactly as addPeer does', () => {
    const stack = testStack();
    const entry = agent(stack, 'Concierge');
    const team = new AgentTeam(stack, 'Team', {
      entry,
      peers: [{ runtime: agent(stack, 'Billing') }, { runtime: agent(stack, 'Research', { protocol: ServerProtocol.A2A }), name: 'research' }],
    });
    team.addPeer({ runtime: agent(stack, 'Shipping') });
    expect(Object.keys(team.peers)).toEqual(['billing', 'research', 'shipping']);
    const resource = Object.entries(Template.fromStack(stack).findResources('Custom::BedrockAgentCoreRuntime')).find(([id]) => id.startsWith('Concierge'))![1];
    expect(resource.Properties.EnvironmentVariables.AGENTCORE_PEERS['Fn::Join'][1][0]).toBe('{"billing":"');
    expect(nagErrors(stack)).toEqual([]);
    expect(nagErrors(stack, new AgentCoreChecks())).toEqual([]);
  });

  test('publishes the entry, the peer map and its variable to SSM under the stack\'s AgentCore environment', () => {
    const stack = testStack();
    AgentCoreEnvironment.set(stack, 'prod');
    const entry = agent(stack, 'Concierge', { executionRole: new ExecutionRole(stack, 'Role') });
    const team = new AgentTeam(stack, 'Team', { entry, peers: [{ runtime: agent(stack, 'Billing') }], environmentVariable: 'PEERS' });
    team.addSsmOutputs();
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::SSM::Parameter', { Name: '/agentcore/prod/team/entry_runtime_arn', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Concierge'), 'AgentRuntimeArn'] } });
    t.hasResourceProperties('AWS::SSM::Parameter', { Name: '/agentcore/prod/team/peers_variable', Value: 'PEERS' });
    t.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/agentcore/prod/team/peers',
      Value: { 'Fn::Join': ['', ['{"billing":"', { 'Fn::GetAtt': [Match.stringLikeRegexp('^Billing'), 'AgentRuntimeArn'] }, '"}']] },
    });
  });

  test('bad peers fail like addPeer', () => {
    const stack = testStack();
    const entry = agent(stack, 'Concierge');
    expect(() => new AgentTeam(stack, 'Team', { entry, peers: [{ runtime: entry }] })).toThrow(/is the entry agent itself/);
  });
});
