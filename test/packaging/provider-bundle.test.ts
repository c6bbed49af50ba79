/**
 * The shipped provider bundle (`assets/lambda/agent-runtime/index/index.js`, built by `npx projen bundle` with the
 * settings in `.projenrc.ts`) signs its requests with the credentials Lambda puts in the environment, and only with
 * those: the SDK's default chain (profiles, SSO, web identity, processes, instance metadata) is left out of the bundle.
 */
import * as fs from 'fs';
import { createServer, IncomingHttpHeaders, Server } from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';

const BUNDLE = path.join(__dirname, '..', '..', 'assets', 'lambda', 'agent-runtime', 'index', 'index.js');

interface Provider {
  onEvent(event: unknown, context?: unknown): Promise<unknown>;
}

/** A control plane that records each request's headers and answers that the runtime does not exist. */
async function recordingControlPlane(): Promise<{ server: Server; endpoint: string; requests: IncomingHttpHeaders[] }> {
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    requests.push(req.headers);
    req.resume();
    req.on('end', () => {
      res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
      res.end(JSON.stringify({ message: 'Runtime not found' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const DELETE = {
  RequestType: 'Delete',
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/Test/1',
  LogicalResourceId: 'Agent',
  RequestId: 'bundle-credentials',
  ResponseURL: 'https://example.invalid/',
  ResourceType: 'Custom::BedrockAgentCoreRuntime',
  ServiceToken: 'x',
  PhysicalResourceId: 'agent-AbCdEf1234',
  ResourceProperties: { ServiceToken: 'x', AgentRuntimeName: 'agent', RoleArn: 'arn:aws:iam::123456789012:role/R' },
};

const saved = { ...process.env };
let control: Awaited<ReturnType<typeof recordingControlPlane>>;

beforeAll(async () => {
  if (!fs.existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run 'npx projen bundle' (npm test does it).`);
  control = await recordingControlPlane();
});

afterAll(async () => {
  process.env = saved;
  await new Promise<void>((resolve) => control.server.close(() => resolve()));
});

function loadBundle(env: Record<string, string | undefined>): Provider {
  process.env = { ...saved, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: control.endpoint, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  let provider: Provider | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    provider = require(BUNDLE);
  });
  return provider!;
}

const quiet = () => jest.spyOn(console, 'log').mockImplementation(() => undefined);

test('requests are signed with the environment credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN)', async () => {
  control.requests.length = 0;
  const provider = loadBundle({ AWS_ACCESS_KEY_ID: 'AKIDBUNDLETEST', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'session-token' });
  const log = quiet();
  try {
    await provider.onEvent(DELETE, { getRemainingTimeInMillis: () => 30_000 }).catch(() => undefined);
  } finally {
    log.mockRestore();
  }
  expect(control.requests.length).toBeGreaterThan(0);
  for (const headers of control.requests) {
    expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDBUNDLETEST\/\d{8}\/us-east-1\/bedrock-agentcore\/aws4_request, /);
    expect(headers['x-amz-security-token']).toBe('session-token');
  }
});

test('no other credential source is in the bundle: a shared credentials file is never read', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-creds-'));
  const file = path.join(dir, 'credentials');
  fs.writeFileSync(file, '[default]\naws_access_key_id = AKIDFROMFILE\naws_secret_access_key = secret\n');
  control.requests.length = 0;
  const provider = loadBundle({
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_SHARED_CREDENTIALS_FILE: file,
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  const log = quiet();
  let failure: unknown;
  try {
    await provider.onEvent(DELETE, { getRemainingTimeInMillis: () => 30_000 });
  } catch (e) {
    failure = e;
  } finally {
    log.mockRestore();
  }
  expect(control.requests.map((h) => h.authorization)).toEqual([]);
  expect(String(failure)).toMatch(/environment variable credentials/);
});
