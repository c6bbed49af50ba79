import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { BedrockAgentCoreClient, InvokeAgentRuntimeCommand } from '@aws-sdk/client-bedrock-agentcore';
import {
  classifyError, describeError, isAuthError, isNetworkError, isThrottling, keepErrorBodies, rawHttpAnswer,
} from '../../internal/errors';

function sdkError(name: string, message = '', status?: number): Error {
  return Object.assign(new Error(message), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) });
}

describe('error names', () => {
  test('throttling: by name or HTTP 429', () => {
    for (const name of ['ThrottlingException', 'ThrottledException', 'TooManyRequestsException', 'SlowDown', 'ProvisionedThroughputExceededException']) {
      expect(isThrottling(sdkError(name))).toBe(true);
    }
    expect(isThrottling(sdkError('SomethingElse', 'x', 429))).toBe(true);
    expect(isThrottling(sdkError('ServiceQuotaExceededException', 'x', 402))).toBe(false);
    expect(isThrottling(sdkError('InternalServerException', 'x', 500))).toBe(false);
    expect(isThrottling(undefined)).toBe(false);
  });

  test('credentials and access', () => {
    for (const name of ['AccessDeniedException', 'ExpiredTokenException', 'UnrecognizedClientException', 'InvalidSignatureException']) {
      expect(isAuthError(sdkError(name))).toBe(true);
    }
    expect(isAuthError(sdkError('ValidationException'))).toBe(false);
    // only AccessDeniedException is the lifecycle's 'access-denied' (AgentCore's answer for a missing runtime)
    expect(classifyError(sdkError('ExpiredTokenException', 'x', 400))).toBe('fatal');
  });

  test('network: socket codes, or a message without an answer', () => {
    expect(isNetworkError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isNetworkError(sdkError('TimeoutError', 'socket hang up'))).toBe(true);
    expect(isNetworkError(sdkError('ValidationException', 'timed out', 400))).toBe(false);
    expect(classifyError(sdkError('Error', 'AWS SDK error wrapper for Error: socket hang up'))).toBe('transient');
  });
});

describe('answers that are not AWS errors', () => {
  test('rawHttpAnswer: status, content type and a one-line excerpt (HTML tags removed, 200 characters)', () => {
    const page = `<!DOCTYPE html><html><head><style>p{}</style><title>502 Bad Gateway</title></head><body>\n<h1>Bad   Gateway</h1>${'x'.repeat(300)}</body></html>`;
    const err = Object.assign(new SyntaxError('Unexpected token'), {
      $metadata: { httpStatusCode: 502 },
      $response: { statusCode: 502, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: new TextEncoder().encode(page) },
    });
    const raw = rawHttpAnswer(err)!;
    expect(raw.status).toBe(502);
    expect(raw.contentType).toBe('text/html; charset=utf-8');
    expect(raw.excerpt).toMatch(/^502 Bad Gateway Bad Gateway x+…$/);
    expect(raw.excerpt).toHaveLength(201);
  });

  test('without the body, the start the SDK quotes in its parse error', () => {
    const err = Object.assign(new SyntaxError('Unexpected token \'<\', "<html><hea"... is not valid JSON\n  Deserialization error: …'), { $metadata: { httpStatusCode: 502 } });
    expect(rawHttpAnswer(err)).toEqual({ status: 502, excerpt: '<html><hea…' });
    const plain = Object.assign(new SyntaxError('Unexpected token \'O\', "Overloaded" is not valid JSON'), { $metadata: { httpStatusCode: 503 } });
    expect(describeError(plain)).toBe('HTTP 503 Service Unavailable with a body: "Overloaded"');
  });

  test('AWS errors and errors without an answer are not raw answers', () => {
    expect(rawHttpAnswer(sdkError('ThrottlingException', 'Rate exceeded', 429))).toBeUndefined();
    expect(rawHttpAnswer(sdkError('Unknown', 'UnknownError'))).toBeUndefined();
    expect(describeError(sdkError('ValidationException', 'a\r\nb'))).toBe('ValidationException: a b');
  });
});

describe('keepErrorBodies on a real SDK client', () => {
  const answers: { status: number; headers: Record<string, string>; body: string }[] = [];
  let server: Server;
  let client: BedrockAgentCoreClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const a = answers.shift()!;
        res.writeHead(a.status, a.headers);
        res.end(a.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new BedrockAgentCoreClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
    keepErrorBodies(client);
  });
  afterAll(async () => {
    client.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const invoke = () => client.send(new InvokeAgentRuntimeCommand({
    agentRuntimeArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/concierge-AbCdEf1234',
    runtimeSessionId: 's'.repeat(40),
    payload: new TextEncoder().encode('{}'),
  })).then(() => undefined, (e) => e);

  test('a 502 HTML page, an empty 503 and a typeless JSON 500 are described by status and body', async () => {
    answers.push(
      { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>' },
      { status: 503, headers: {}, body: '' },
      { status: 500, headers: { 'content-type': 'application/json' }, body: '{"message":"boom"}' },
    );
    expect(describeError(await invoke())).toBe('HTTP 502 Bad Gateway with a text/html body: "502 Bad Gateway 502 Bad Gateway nginx"');
    expect(describeError(await invoke())).toBe('HTTP 503 Service Unavailable with an empty body');
    expect(describeError(await invoke())).toBe('HTTP 500 Internal Server Error with a application/json body: "{"message":"boom"}"');
  });

  test('AWS errors keep their type and message; successful answers still stream', async () => {
    answers.push(
      { status: 429, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ThrottlingException' }, body: '{"message":"Rate exceeded"}' },
      { status: 200, headers: { 'content-type': 'text/event-stream' }, body: 'data: "hi"\n\n' },
    );
    const throttled = await invoke();
    expect(throttled.name).toBe('ThrottlingException');
    expect(describeError(throttled)).toBe('ThrottlingException: Rate exceeded');
    const out = await client.send(new InvokeAgentRuntimeCommand({
      agentRuntimeArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/concierge-AbCdEf1234',
      runtimeSessionId: 's'.repeat(40),
      payload: new TextEncoder().encode('{}'),
    }));
    expect(typeof (out.response as any)[Symbol.asyncIterator]).toBe('function');
    expect(await out.response!.transformToString()).toBe('data: "hi"\n\n');
  });
});
