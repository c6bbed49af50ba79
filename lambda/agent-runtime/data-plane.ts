/**
 * The data-plane port of the health check on the AWS SDK (`@aws-sdk/client-bedrock-agentcore`), over the invocation
 * and body reading the CLI shares (`internal/data-plane.ts`).
 */
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore';
import type { DataPlane } from './health-check';
import { invokeAgentRuntime, readBody } from '../../internal/data-plane';
import { keepErrorBodies } from '../../internal/errors';

export { BedrockAgentCoreClient };

/** The DataPlane on an SDK client (create it at module scope so connections are reused). */
export function sdkDataPlane(client: BedrockAgentCoreClient): DataPlane {
  keepErrorBodies(client);
  return {
    async invokeAgentRuntime({ arn, qualifier, sessionId, payload, signal, maxBytes }) {
      const out = await invokeAgentRuntime(client, { runtimeArn: arn, qualifier, sessionId, payload }, signal);
      try {
        const { bytes, truncated } = await readBody(out.response, maxBytes, signal);
        return { status: out.statusCode ?? 200, contentType: out.contentType, body: bytes.toString('utf8'), truncated };
      } catch (e) {
        if (signal.aborted) throw new Error('health check timed out while reading the answer');
        throw e;
      }
    },
  };
}
