import { createServer } from 'http';
import { AddressInfo } from 'net';
import { BedrockAgentCoreClient, InvokeAgentRuntimeCommand } from '@aws-sdk/client-bedrock-agentcore';
import {
  CreateAgentRuntimeCommand, CreateAgentRuntimeEndpointCommand, GetAgentRuntimeCommand, UpdateAgentRuntimeCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { caught, controlClient, dataClient, IMAGE, ROLE_ARN, runtimeInput } from './fixtures';
import { useEmulator } from './index';

const emu = useEmulator({ transitionGets: 0 });
let arn: string;
beforeEach(async () => {
  arn = (await controlClient(emu).send(new CreateAgentRuntimeCommand(runtimeInput('chat')))).agentRuntimeArn!;
});

const SESSION = 'session-0123456789-0123456789-0123456789';

/** Reads a streaming response body chunk by chunk, noting when each chunk arrived. */
async function readChunks(body: AsyncIterable<Uint8Array>): Promise<{ text: string; at: number }[]> {
  const out: { text: string; at: number }[] = [];
  for await (const chunk of body) out.push({ text: Buffer.from(chunk).toString('utf8'), at: Date.now() });
  return out;
}

describe('InvokeAgentRuntime', () => {
  test('default behaviour echoes the payload as JSON; the request binding is POST /runtimes/{arn}/invocations', async () => {
    const out = await dataClient(emu).send(new InvokeAgentRuntimeCommand({
      agentRuntimeArn: arn, runtimeSessionId: SESSION, payload: JSON.stringify({ prompt: 'hi' }), contentType: 'application/json',
    }));
    expect(out.statusCode).toBe(200);
    expect(out.contentType).toBe('application/json');
    expect(out.runtimeSessionId).toBe(SESSION);
    expect(JSON.parse(await out.response!.transformToString())).toEqual({ prompt: 'hi' });
    const call = emu.callsTo('InvokeAgentRuntime')[0];
    expect(call).toMatchObject({ method: 'POST', path: `/runtimes/${encodeURIComponent(arn)}/invocations`, body: '{"prompt":"hi"}', status: 200 });
    const text = await dataClient(emu).send(new InvokeAgentRuntimeCommand({ agentRuntimeArn: arn, runtimeSessionId: SESSION, payload: 'plain text' }));
    expect(JSON.parse(await text.response!.transformToString())).toEqual({ payload: 'plain text' });
  });

  test('default behaviour answers one SSE event to a text/event-stream request', async () => {
    const out = await dataClient(emu).send(new InvokeAgentRuntimeCommand({
      agentRuntimeArn: arn, runtimeSessionId: SESSION, payload: 'hello', accept: 'text/event-stream',
    }));
    expect(out.contentType).toBe('text/event-stream');
    expect(await out.response!.transformToString()).toBe('data: hello\n\n');
  });

  test('SSE chunks arrive incrementally, chunkDelayMs apart', async () => {
    emu.setInvokeBehaviour('chat', { sse: ['{"t":"Hel"}', '{"t":"lo"}', '[DONE]'], chunkDelayMs: 300 });
    const out = await dataClient(emu).send(new InvokeAgentRuntimeCommand({ agentRuntimeArn: arn, runtimeSessionId: SESSION, payload: 'x' }));
    const headersAt = Date.now();
    expect(out.contentType).toBe('text/event-stream');
    const chunks = await readChunks(out.response as AsyncIterable<Uint8Array>);
    expect(chunks.map((c) => c.text).join('')).toBe('data: {"t":"Hel"}\n\ndata: {"t":"lo"}\n\ndata: [DONE]\n\n');
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    // the headers and the first event are readable before the stream ends (the last event is written 2 × 300 ms
    // after the first): an order, not a latency, so a slow machine cannot fail it
    expect(headersAt).toBeLessThanOrEqual(chunks[0].at);
    expect(chunks[0].at).toBeLessThan(chunks.at(-1)!.at);
  });

  test('agentUrl forwards the invocation to an agent process (POST /invocations) and streams its answer back; a failing agent is 424', async () => {
    const seen: { url?: string; headers?: Record<string, unknown>; body?: string } = {};
    const agent = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        Object.assign(seen, { url: req.url, headers: req.headers, body });
        if (body === 'crash') {
          res.writeHead(500).end('Traceback');
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: {"type":"delta","text":"po"}\n\n');
        setTimeout(() => res.end('data: {"type":"delta","text":"ng"}\n\n'), 20);
      });
    });
    await new Promise<void>((resolve) => agent.listen(0, '127.0.0.1', resolve));
    try {
      emu.setInvokeBehaviour('chat', { agentUrl: `http://127.0.0.1:${(agent.address() as AddressInfo).port}` });
      const out = await dataClient(emu).send(new InvokeAgentRuntimeCommand({
        agentRuntimeArn: arn, runtimeSessionId: SESSION, payload: '{"prompt":"ping"}', contentType: 'application/json', accept: 'text/event-stream',
      }));
      expect(out.contentType).toBe('text/event-stream');
      expect(await out.response!.transformToString()).toBe('data: {"type":"delta","text":"po"}\n\ndata: {"type":"delta","text":"ng"}\n\n');
      expect(seen).toMatchObject({ url: '/invocations', body: '{"prompt":"ping"}' });
      expect(seen.headers).toMatchObject({ 'content-type': 'application/json', 'accept': 'text/event-stream', 'x-amzn-bedrock-agentcore-runtime-session-id': SESSION });

      const crashed = await caught(() => dataClient(emu).send(new InvokeAgentRuntimeCommand({ agentRuntimeArn: arn, runtimeSessionId: SESSION, payload: 'crash' })));
      expect(crashed).toMatchObject({ name: 'RuntimeClientError', $metadata: { httpStatusCode: 424 } });
      expect(crashed.message).toContain('Received error (500) from runtime');
      expect(emu.callsTo('InvokeAgentRuntime').map((c) => c.status)).toEqual([200, 424]);
    } finally {
      await new Promise((resolve) => agent.close(resolve));
    }
  });

  test('qualifier selects an endpoint and per-version behaviours', async () => {
    const id = emu.runtime('chat')!.agentRuntimeId;
    const control = controlClient(emu);
    await control.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
    await control.send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'prod' }));
    const artifact = { containerConfiguration: { containerUri: IMAGE } };
    await control.send(new UpdateAgentRuntimeCommand({ agentRuntimeId: id, roleArn: ROLE_ARN, agentRuntimeArtifact: artifact }));
    emu.setInvokeBehaviour(id, { json: { version: 1 } }, '1');
    emu.setInvokeBehaviour(id, { json: { version: 'other' } });
    const prod = await dataClient(emu).send(new InvokeAgentRuntimeCommand({ agentRuntimeArn: arn, runtimeSessionId: SESSION, payload: 'x', qualifier: 'prod' }));
    expect(JSON.parse(await prod.response!.transformToString())).toEqual({ version: 1 });
    expect(emu.callsTo('InvokeAgentRuntime')[0].query).toEqual({ qualifier: 'prod' });
    const invokeDefault = async () => {
      const out = await dataClient(emu).send(new InvokeAgentRuntimeCommand({ agentRuntimeArn: arn, runtimeSessionId: SESSION, payload: 'x' }));
      return JSON.parse(await out.response!.transformToString());
    };
    // DEFAULT serves version 1 until the update settles, then version 2 (version-less behaviour until one is set for '2')
    expect(await invokeDefault()).toEqual({ version: 1 });
    await control.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
    expect(await invokeDefault()).toEqual({ version: 'other' });
    emu.setInvokeBehaviour(id, { json: { version: 2 } }, '2');
    expect(await invokeDefault()).toEqual({ version: 2 });
    const missing = await caught(() => dataClient(emu).send(new InvokeAgentRuntimeCommand({ agentRuntimeArn: arn, runtimeSessionId: SESSION, payload: 'x', qualifier: 'nope' })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  test('runtimeSessionId must be 33..256 characters; the SDK fills a UUID when it is omitted', async () => {
    const short = await caught(() => dataClient(emu).send(new InvokeAgentRuntimeCommand({ agentRuntimeArn: arn, runtimeSessionId: 'too-short', payload: 'x' })));
    expect(short.name).toBe('ValidationException');
    expect(short.$metadata.httpStatusCode).toBe(400);
    expect(short.message).toBe("1 validation error detected: Value 'too-short' at 'runtimeSessionId' failed to satisfy constraint: Member must have length greater than or equal to 33");
    const long = await caught(() => dataClient(emu).send(new InvokeAgentRuntimeCommand({ agentRuntimeArn: arn, runtimeSessionId: 's'.repeat(257), payload: 'x' })));
    expect(long.name).toBe('ValidationException');
    const auto = await dataClient(emu).send(new InvokeAgentRuntimeCommand({ agentRuntimeArn: arn, payload: '{}' }));
    expect(auto.runtimeSessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('error behaviours and faults reach the SDK by name', async () => {
    emu.setInvokeBehaviour('chat', { errorType: 'RuntimeClientError', message: 'agent crashed' });
    const crashed = await caught(() => dataClient(emu).send(new InvokeAgentRuntimeCommand({ agentRuntimeArn: arn, runtimeSessionId: SESSION, payload: 'x' })));
    expect(crashed.name).toBe('RuntimeClientError');
    expect(crashed.message).toBe('agent crashed');
    expect(crashed.$metadata.httpStatusCode).toBe(424);

    emu.inject({ operation: 'InvokeAgentRuntime', error: { type: 'AccessDeniedException', message: 'no' } });
    const client = new BedrockAgentCoreClient({ region: emu.region, endpoint: emu.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    const denied = await caught(() => client.send(new InvokeAgentRuntimeCommand({ agentRuntimeArn: arn, runtimeSessionId: SESSION, payload: 'x' })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(emu.callsTo('InvokeAgentRuntime').map((c) => c.errorType)).toEqual(['RuntimeClientError', 'AccessDeniedException']);
  });

  test('the data plane endpoint can be set through AWS_ENDPOINT_URL_BEDROCK_AGENTCORE', async () => {
    const previous = process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE;
    process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE = emu.endpoint;
    try {
      const client = new BedrockAgentCoreClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
      const out = await client.send(new InvokeAgentRuntimeCommand({ agentRuntimeArn: arn, runtimeSessionId: SESSION, payload: '{"a":1}' }));
      expect(JSON.parse(await out.response!.transformToString())).toEqual({ a: 1 });
    } finally {
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE;
      else process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE = previous;
    }
  });
});
