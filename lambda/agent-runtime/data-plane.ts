/**
 * The data-plane operation of the health check on the AWS SDK (`@aws-sdk/client-bedrock-agentcore`).
 */
import type { Readable } from 'stream';
import { BedrockAgentCoreClient, InvokeAgentRuntimeCommand } from '@aws-sdk/client-bedrock-agentcore';
import type { DataPlane } from './health-check';

export { BedrockAgentCoreClient };

/** Read a streamed body to its end, keeping at most `maxBytes`; destroyed (rejects) when `signal` aborts. */
export async function readBody(stream: unknown, signal: AbortSignal, maxBytes: number): Promise<{ body: string; truncated: boolean }> {
  if (stream === undefined || stream === null) return { body: '', truncated: false };
  if (typeof stream === 'string') return { body: stream.slice(0, maxBytes), truncated: stream.length > maxBytes };
  if (stream instanceof Uint8Array) return { body: Buffer.from(stream).subarray(0, maxBytes).toString('utf8'), truncated: stream.length > maxBytes };
  const readable = stream as Readable & AsyncIterable<Uint8Array>;
  const onAbort = () => readable.destroy?.(new Error('health check timed out while reading the answer'));
  if (signal.aborted) onAbort();
  signal.addEventListener('abort', onAbort, { once: true });
  const chunks: Buffer[] = [];
  let kept = 0;
  let total = 0;
  try {
    for await (const chunk of readable) {
      const buf = Buffer.from(chunk);
      total += buf.length;
      if (kept < maxBytes) {
        const part = buf.subarray(0, maxBytes - kept);
        chunks.push(part);
        kept += part.length;
      }
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (signal.aborted) throw new Error('health check timed out while reading the answer');
  return { body: Buffer.concat(chunks).toString('utf8'), truncated: total > maxBytes };
}

/** The DataPlane on an SDK client (create it at module scope so connections are reused). */
export function sdkDataPlane(client: BedrockAgentCoreClient): DataPlane {
  return {
    async invokeAgentRuntime({ arn, qualifier, sessionId, payload, signal, maxBytes }) {
      const out = await client.send(new InvokeAgentRuntimeCommand({
        agentRuntimeArn: arn,
        qualifier,
        runtimeSessionId: sessionId,
        payload: Buffer.from(payload, 'utf8'),
        contentType: 'application/json',
        accept: 'application/json, text/event-stream',
      }), { abortSignal: signal });
      const { body, truncated } = await readBody(out.response, signal, maxBytes);
      return { status: out.statusCode ?? 200, contentType: out.contentType, body, truncated };
    },
  };
}
