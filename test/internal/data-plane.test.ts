import { randomBytes } from 'crypto';
import { PassThrough, Readable } from 'stream';
import { InvokeAgentRuntimeCommand } from '@aws-sdk/client-bedrock-agentcore';
import { ACCEPT, bodyChunks, invokeAgentRuntime, readBody } from '../../internal/data-plane';
import { sdkDataPlane } from '../../lambda/agent-runtime/data-plane';

const ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/concierge-AbCdEf1234';

async function collect(body: unknown, signal?: AbortSignal): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of bodyChunks(body, signal)) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('invokeAgentRuntime', () => {
  test('sends InvokeAgentRuntime with the JSON payload, asking for SSE or JSON, with the abort signal', async () => {
    const sent: { command: InvokeAgentRuntimeCommand; options?: { abortSignal?: AbortSignal } }[] = [];
    const client = {
      send: async (command: InvokeAgentRuntimeCommand, options?: { abortSignal?: AbortSignal }) => {
        sent.push({ command, options });
        return {} as any;
      },
    };
    const ctl = new AbortController();
    await invokeAgentRuntime(client, { runtimeArn: ARN, qualifier: 'prod', sessionId: 's'.repeat(40), payload: '{"prompt":"hé"}' }, ctl.signal);
    await invokeAgentRuntime(client, { runtimeArn: ARN, qualifier: 'DEFAULT', sessionId: 's'.repeat(40), payload: '{}' });
    expect(sent[0].command.input).toEqual({
      agentRuntimeArn: ARN,
      qualifier: 'prod',
      runtimeSessionId: 's'.repeat(40),
      contentType: 'application/json',
      accept: ACCEPT,
      payload: new TextEncoder().encode('{"prompt":"hé"}'),
    });
    expect(ACCEPT).toBe('text/event-stream, application/json');
    expect(sent[0].options).toEqual({ abortSignal: ctl.signal });
    expect(sent[1].options).toBeUndefined();
  });
});

describe('bodyChunks', () => {
  test('every body form the SDK gives, bytes unchanged', async () => {
    const binary = randomBytes(4096);
    expect((await collect(Readable.from([binary.subarray(0, 1000), binary.subarray(1000)]))).equals(binary)).toBe(true);
    expect((await collect(new Uint8Array(binary))).equals(binary)).toBe(true);
    expect((await collect({ transformToByteArray: async () => new Uint8Array(binary) })).equals(binary)).toBe(true);
    expect((await collect('text é')).toString('utf8')).toBe('text é');
    async function* strings() {
      yield 'a';
      yield new TextEncoder().encode('b');
    }
    expect((await collect(strings())).toString()).toBe('ab');
    expect(await collect(undefined)).toEqual(Buffer.alloc(0));
    expect(await collect(null)).toEqual(Buffer.alloc(0));
  });

  test('an abort destroys a stream that is still open and rejects with the signal reason', async () => {
    const ctl = new AbortController();
    const stream = new PassThrough();
    stream.write('data: "po"\n\n');
    setTimeout(() => ctl.abort(new Error('stop')), 20);
    await expect(collect(stream, ctl.signal)).rejects.toThrow('stop');
    expect(stream.destroyed).toBe(true);
    const plain = new AbortController();
    plain.abort();
    await expect(collect(Readable.from(['x']), plain.signal)).rejects.toThrow('the answer was not read to its end: aborted');
  });
});

describe('readBody', () => {
  test('reads to the end, keeping at most maxBytes', async () => {
    expect(await readBody(Readable.from([Buffer.from('po'), Buffer.from('ng')]), 100)).toEqual({ bytes: Buffer.from('pong'), truncated: false });
    expect(await readBody(Readable.from([Buffer.from('abc'), Buffer.from('def')]), 4)).toEqual({ bytes: Buffer.from('abcd'), truncated: true });
    expect(await readBody(Readable.from([Buffer.from('abcd')]), 4)).toEqual({ bytes: Buffer.from('abcd'), truncated: false });
    expect(await readBody(undefined, 4)).toEqual({ bytes: Buffer.alloc(0), truncated: false });
  });
});

describe("the health check's data plane (lambda/agent-runtime/data-plane.ts)", () => {
  function client(response: unknown) {
    return { send: async () => ({ statusCode: 200, contentType: 'text/event-stream', response }), middlewareStack: { add: () => undefined } } as any;
  }

  test('returns status, content type and the body as text', async () => {
    const dp = sdkDataPlane(client(Readable.from([Buffer.from('data: "pong"\n\n')])));
    const answer = await dp.invokeAgentRuntime({ arn: ARN, qualifier: 'DEFAULT', sessionId: 's'.repeat(40), payload: '{}', signal: new AbortController().signal, maxBytes: 100 });
    expect(answer).toEqual({ status: 200, contentType: 'text/event-stream', body: 'data: "pong"\n\n', truncated: false });
  });

  test('a timeout while reading says so', async () => {
    const ctl = new AbortController();
    const stream = new PassThrough();
    stream.write('data: "po"\n\n');
    setTimeout(() => ctl.abort(), 20);
    const dp = sdkDataPlane(client(stream));
    await expect(dp.invokeAgentRuntime({ arn: ARN, qualifier: 'DEFAULT', sessionId: 's'.repeat(40), payload: '{}', signal: ctl.signal, maxBytes: 100 }))
      .rejects.toThrow('health check timed out while reading the answer');
    expect(stream.destroyed).toBe(true);
  });
});
