/** Shared test fixtures: SDK clients pointed at an emulator and a valid runtime configuration. */
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore';
import { BedrockAgentCoreControlClient, CreateAgentRuntimeCommandInput } from '@aws-sdk/client-bedrock-agentcore-control';
import { Emulator } from './types';
import { IMAGE, ROLE_ARN } from '../helpers/fixtures';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** A control-plane client for the emulator (`maxAttempts` defaults to the SDK's 3). */
export function controlClient(emu: Emulator, maxAttempts?: number): BedrockAgentCoreControlClient {
  return new BedrockAgentCoreControlClient({ region: emu.region, endpoint: emu.endpoint, credentials, maxAttempts });
}

/** A data-plane client for the emulator. */
export function dataClient(emu: Emulator): BedrockAgentCoreClient {
  return new BedrockAgentCoreClient({ region: emu.region, endpoint: emu.endpoint, credentials });
}

export { IMAGE, ROLE_ARN };

/** A complete, valid CreateAgentRuntime input. */
export function runtimeInput(name = 'my_agent', overrides: Partial<CreateAgentRuntimeCommandInput> = {}): CreateAgentRuntimeCommandInput {
  return {
    agentRuntimeName: name,
    agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE } },
    roleArn: ROLE_ARN,
    networkConfiguration: { networkMode: 'PUBLIC' },
    protocolConfiguration: { serverProtocol: 'HTTP' },
    environmentVariables: { LOG_LEVEL: 'info' },
    lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 },
    ...overrides,
  };
}

/** Runs `fn` and returns what it threw (fails the test if it did not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<any> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
}
