import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { AgentCoreChecks, AgentRuntime, AgentRuntimeArtifact, AgentTeam, ServerProtocol } from '../../lib';
import { nagErrors } from '../helpers/nag';

/** The example of README.md, 'Multi-agent teams (agent-to-agent)', verbatim inside the constructor. */
class ReadmeTeamStack extends Stack {
  constructor(app: App) {
    super(app, 'Readme', { env: { account: '123456789012', region: 'us-east-1' } });
    const repository = ecr.Repository.fromRepositoryName(this, 'Repo', 'agents');
    const artifact = AgentRuntimeArtifact.fromEcrRepository(repository, { digest: 'sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b' });

    const billing = new AgentRuntime(this, 'Billing', { runtimeName: 'billing', artifact, protocol: ServerProtocol.A2A });
    const research = new AgentRuntime(this, 'Research', { runtimeName: 'research_agent', artifact, protocol: ServerProtocol.A2A });
    const concierge = new AgentRuntime(this, 'Concierge', { runtimeName: 'concierge', artifact });

    concierge.addPeer(billing); // named after its runtime name: "billing"
    const team = new AgentTeam(this, 'Support', {
      entry: concierge,
      peers: [
        { runtime: research, name: 'research' }, // a shorter key than its runtime name
        // A peer of another app, published there with addSsmOutputs(); its name is a token, so name it here.
        { runtime: AgentRuntime.fromSsm(this, 'Shipping', { prefix: '/agentcore/prod/runtime/shipping/' }), name: 'shipping' },
      ],
    });
    team.addSsmOutputs(); // /agentcore/<environment>/team/{entry_runtime_arn,peers,peers_variable}
  }
}

test('the README team example synthesizes clean, with the map the README shows', () => {
  const stack = new ReadmeTeamStack(new App());
  const concierge = Object.entries(Template.fromStack(stack).findResources('Custom::BedrockAgentCoreRuntime')).find(([id]) => id.startsWith('Concierge'))![1];
  const parts = concierge.Properties.EnvironmentVariables.AGENTCORE_PEERS['Fn::Join'][1].filter((p: unknown) => typeof p === 'string');
  expect(parts).toEqual(['{"billing":"', '","research":"', '","shipping":"', '"}']);
  expect(nagErrors(stack)).toEqual([]);
  expect(nagErrors(stack, new AgentCoreChecks())).toEqual([]);
});
