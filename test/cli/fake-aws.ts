/**
 * Tiny local fakes of the calls the CLI makes, on their real wire protocols: SSM `GetParameter` (awsJson1.1: `POST /`,
 * `x-amz-target: AmazonSSM.GetParameter`), CloudFormation `DescribeStacks` (awsQuery: form-encoded
 * `Action=DescribeStacks&Version=2010-05-15`, XML answer) and a scripted data plane, `InvokeAgentRuntime`
 * (`POST /runtimes/<arn>/invocations`), that answers exactly the bytes a test gives it: binary bodies, an HTML page
 * from a proxy, an empty 503, a stream that never ends. Point the SDK at them with `AWS_ENDPOINT_URL_SSM`,
 * `AWS_ENDPOINT_URL_CLOUDFORMATION` and `AWS_ENDPOINT_URL_BEDROCK_AGENTCORE` (or `endpoint`). The AgentCore emulator
 * (`test/emulator`) is the faithful data plane; this one says what a test scripts, including what AWS never would.
 */
import { randomUUID } from 'crypto';
import { createServer, IncomingMessage, ServerResponse } from 'http';
import { AddressInfo } from 'net';

/** One request a fake received. */
export interface FakeCall {
  readonly service: 'ssm' | 'cloudformation' | 'bedrock-agentcore' | 'unknown';
  /** `GetParameter`, `DescribeStacks`, … */
  readonly operation: string;
  /** The JSON body (SSM) or the form fields (CloudFormation). */
  readonly input: Record<string, unknown>;
  readonly status: number;
}

/** A stack of the fake: its outputs by key. */
export interface FakeStack {
  readonly outputs: Record<string, string>;
  readonly status?: string;
}

/** A scripted answer to one InvokeAgentRuntime call, written as given. */
export interface FakeInvokeAnswer {
  readonly status: number;
  /** Response headers (the session id header is added). */
  readonly headers?: Record<string, string>;
  /** The body, written chunk by chunk. */
  readonly chunks: (string | Uint8Array)[];
  /** Pause between chunks. @default 0 */
  readonly chunkDelayMs?: number;
  /** Leave the answer open after the last chunk (until the client goes away). */
  readonly holdOpen?: boolean;
}

/** A running fake. */
export interface FakeAws {
  readonly endpoint: string;
  readonly calls: FakeCall[];
  /** SSM String parameters by name (mutable). */
  readonly parameters: Record<string, string>;
  /** Stacks by name (mutable). */
  readonly stacks: Record<string, FakeStack>;
  /** Errors answered to the next requests instead of executing them, one each, in order. */
  readonly errors: { code: string; status: number; message: string }[];
  /** Answers to the next InvokeAgentRuntime calls, one each, in order. */
  readonly invokeAnswers: FakeInvokeAnswer[];
  close(): Promise<void>;
}

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const CFN_NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': randomUUID(), 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** awsJson1.1 error: `{"__type": "<name>", "message"}`. */
function ssmError(res: ServerResponse, status: number, type: string, message: string): number {
  send(res, status, 'application/x-amz-json-1.1', JSON.stringify({ __type: type, message }));
  return status;
}

/** awsQuery error: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
function queryError(res: ServerResponse, status: number, code: string, message: string): number {
  send(res, status, 'text/xml', `<ErrorResponse xmlns="${CFN_NS}"><Error><Type>Sender</Type><Code>${xml(code)}</Code>`
    + `<Message>${xml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`);
  return status;
}

function handleSsm(fake: FakeAws, target: string, body: string, res: ServerResponse): FakeCall {
  const operation = target.replace(/^AmazonSSM\./, '');
  let input: Record<string, unknown> = {};
  try {
    input = JSON.parse(body);
  } catch {
    return { service: 'ssm', operation, input, status: ssmError(res, 400, 'SerializationException', 'body is not JSON') };
  }
  const injected = fake.errors.shift();
  if (injected) return { service: 'ssm', operation, input, status: ssmError(res, injected.status, injected.code, injected.message) };
  if (operation !== 'GetParameter') {
    return { service: 'ssm', operation, input, status: ssmError(res, 400, 'UnknownOperationException', `fake SSM has no ${operation}`) };
  }
  const name = input.Name;
  if (typeof name !== 'string' || name.length === 0) {
    return { service: 'ssm', operation, input, status: ssmError(res, 400, 'ValidationException', "Value null at 'name' failed to satisfy constraint: Member must not be null") };
  }
  const value = fake.parameters[name];
  if (value === undefined) return { service: 'ssm', operation, input, status: ssmError(res, 400, 'ParameterNotFound', '') };
  const parameter = {
    Name: name,
    Type: 'String',
    Value: value,
    Version: 3,
    // awsJson timestamps are epoch seconds (fractional)
    LastModifiedDate: 1763700000.123,
    ARN: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${name.startsWith('/') ? '' : '/'}${name}`,
    DataType: 'text',
  };
  send(res, 200, 'application/x-amz-json-1.1', JSON.stringify({ Parameter: parameter }));
  return { service: 'ssm', operation, input, status: 200 };
}

/** The runtime session id header (request and answer). */
const SESSION_HEADER = 'x-amzn-bedrock-agentcore-runtime-session-id';

function handleInvoke(fake: FakeAws, req: IncomingMessage, body: string, res: ServerResponse): FakeCall {
  const url = new URL(req.url ?? '/', 'http://fake');
  const input = {
    agentRuntimeArn: decodeURIComponent(url.pathname.split('/')[2] ?? ''),
    qualifier: url.searchParams.get('qualifier') ?? undefined,
    runtimeSessionId: req.headers[SESSION_HEADER],
    payload: body,
  };
  const answer = fake.invokeAnswers.shift();
  if (!answer) {
    send(res, 500, 'text/plain', 'fake data plane: no answer scripted');
    return { service: 'bedrock-agentcore', operation: 'InvokeAgentRuntime', input, status: 500 };
  }
  res.writeHead(answer.status, { ...answer.headers, [SESSION_HEADER]: String(input.runtimeSessionId ?? ''), 'x-amzn-requestid': randomUUID() });
  void (async () => {
    for (const [i, chunk] of answer.chunks.entries()) {
      if (i > 0 && answer.chunkDelayMs) await new Promise((r) => setTimeout(r, answer.chunkDelayMs));
      if (res.destroyed) return;
      res.write(chunk);
    }
    if (!answer.holdOpen) res.end();
  })();
  return { service: 'bedrock-agentcore', operation: 'InvokeAgentRuntime', input, status: answer.status };
}

function handleCloudFormation(fake: FakeAws, body: string, res: ServerResponse): FakeCall {
  const form = new URLSearchParams(body);
  const input = Object.fromEntries(form.entries());
  const operation = form.get('Action') ?? '';
  const injected = fake.errors.shift();
  if (injected) return { service: 'cloudformation', operation, input, status: queryError(res, injected.status, injected.code, injected.message) };
  if (form.get('Version') !== '2010-05-15') {
    return { service: 'cloudformation', operation, input, status: queryError(res, 400, 'InvalidParameterValue', 'Version must be 2010-05-15') };
  }
  if (operation !== 'DescribeStacks') {
    return { service: 'cloudformation', operation, input, status: queryError(res, 400, 'InvalidAction', `fake CloudFormation has no ${operation}`) };
  }
  const name = form.get('StackName') ?? '';
  const stack = fake.stacks[name];
  if (!stack) {
    return { service: 'cloudformation', operation, input, status: queryError(res, 400, 'ValidationError', `Stack with id ${name} does not exist`) };
  }
  const outputs = Object.entries(stack.outputs).map(([key, value]) =>
    `<member><OutputKey>${xml(key)}</OutputKey><OutputValue>${xml(value)}</OutputValue><Description>${xml(`${key} of ${name}`)}</Description></member>`).join('');
  const id = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${name}/0f2e4b10-c6a1-11f0-9f1a-0affd1c2b3a5`;
  send(res, 200, 'text/xml', `<DescribeStacksResponse xmlns="${CFN_NS}"><DescribeStacksResult><Stacks><member>`
    + `<StackName>${xml(name)}</StackName><StackId>${xml(id)}</StackId><CreationTime>2026-11-20T08:15:30.123Z</CreationTime>`
    + `<StackStatus>${stack.status ?? 'CREATE_COMPLETE'}</StackStatus><DisableRollback>false</DisableRollback>`
    + `<Outputs>${outputs}</Outputs><Tags/></member></Stacks></DescribeStacksResult>`
    + `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></DescribeStacksResponse>`);
  return { service: 'cloudformation', operation, input, status: 200 };
}

/** Starts one HTTP server on 127.0.0.1 that answers both fakes (told apart by protocol). */
export async function startFakeAws(init: { parameters?: Record<string, string>; stacks?: Record<string, FakeStack> } = {}): Promise<FakeAws> {
  const calls: FakeCall[] = [];
  const fake: FakeAws = {
    endpoint: '',
    calls,
    parameters: { ...init.parameters },
    stacks: { ...init.stacks },
    errors: [],
    invokeAnswers: [],
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const target = req.headers['x-amz-target'];
      const contentType = String(req.headers['content-type'] ?? '');
      if (req.method === 'POST' && /^\/runtimes\/[^/]+\/invocations(\?|$)/.test(req.url ?? '')) {
        calls.push(handleInvoke(fake, req, body, res));
      } else if (req.method !== 'POST' || (req.url ?? '/') !== '/') {
        calls.push({ service: 'unknown', operation: `${req.method} ${req.url}`, input: {}, status: 404 });
        send(res, 404, 'text/plain', 'not found');
      } else if (typeof target === 'string' && target.startsWith('AmazonSSM.') && contentType.startsWith('application/x-amz-json-1.1')) {
        calls.push(handleSsm(fake, target, body, res));
      } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
        calls.push(handleCloudFormation(fake, body, res));
      } else {
        calls.push({ service: 'unknown', operation: String(target ?? ''), input: {}, status: 400 });
        send(res, 400, 'text/plain', `unrecognised request (content-type ${contentType})`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (fake as { endpoint: string }).endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
