/**
 * Test harness for the provider Lambda as it ships (`assets/lambda/agent-runtime/index/index.js`):
 * - loads the bundle against an emulator (fresh module instance, env set first);
 * - emulates Lambda invocation (errors become `{ errorMessage, trace }` payloads);
 * - drives the real aws-cdk-lib Provider framework runtime (framework.js) with its outbound calls
 *   (Lambda invoke, StartExecution, the HTTPS PUT to the ResponseURL) replaced, and a Step Functions
 *   waiter loop (Retry every queryInterval, MaxAttempts, Catch → onTimeout);
 * - a CloudFormation driver that replays CloudFormation's request sequences and records every response.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RUNTIME_RESOURCE_TYPE } from '../../lib/private/contract';
import { useEmulator, type Emulator } from '../emulator';
import { IMAGE, ROLE_ARN } from '../helpers/fixtures';

export { IMAGE, ROLE_ARN };

/** Absolute path of the bundled provider. */
export const BUNDLE = path.join(__dirname, '..', '..', 'assets', 'lambda', 'agent-runtime', 'index', 'index.js');
const FRAMEWORK_DIR = path.join(path.dirname(require.resolve('aws-cdk-lib/package.json')), 'custom-resources', 'lib', 'provider-framework', 'runtime');

/** The framework's physical id for a failed Create. */
export const CREATE_FAILED_MARKER = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';
export const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/AgentStack/4a1e2f40-0000-11f0-9f1a-0a1b2c3d4e5f';
export const RESPONSE_URL_SECRET = 'X-Amz-Signature=5ec7e7deadbeef0123456789';
export const RESPONSE_URL = `https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws%3Acloudformation/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&${RESPONSE_URL_SECRET}`;
export const SECRET_ENV_VALUE = 's3cr3t-value-do-not-log';

/** Fast budgets (ms) for tests; individual tests override some. */
export const FAST_ENV: Record<string, string> = {
  AGENTCORE_PROVIDER_PROPAGATION_BUDGET_MS: '1500',
  AGENTCORE_PROVIDER_RETRY_BUDGET_MS: '1000',
  AGENTCORE_PROVIDER_RETRY_INITIAL_MS: '5',
  AGENTCORE_PROVIDER_RETRY_MAX_MS: '40',
  AGENTCORE_PROVIDER_ON_EVENT_WAIT_MS: '400',
  AGENTCORE_PROVIDER_IS_COMPLETE_WAIT_MS: '150',
  AGENTCORE_PROVIDER_POLL_INITIAL_MS: '5',
  AGENTCORE_PROVIDER_POLL_MAX_MS: '20',
  AGENTCORE_PROVIDER_IS_COMPLETE_POLL_MAX_MS: '20',
  AGENTCORE_PROVIDER_NOT_FOUND_GRACE_MS: '1000',
  AGENTCORE_PROVIDER_MAX_WAIT_MS: '30000',
  AGENTCORE_PROVIDER_SAFETY_MARGIN_MS: '0',
  AGENTCORE_PROVIDER_HTTP_TIMEOUT_MS: '2000',
};

/** The two handlers exported by the bundle. */
export interface ProviderModule {
  onEvent(event: any, context?: any): Promise<any>;
  isComplete(event: any, context?: any): Promise<any>;
}

const ROOT = path.join(__dirname, '..', '..');
/** What the provider bundle is built from (`.projenrc.ts`: lambda/agent-runtime/index.ts and what it imports). */
const BUNDLE_SOURCES = ['lambda', 'internal', path.join('lib', 'private', 'contract'), '.projenrc.ts'];

function newestSource(p: string): { file: string; mtimeMs: number } {
  const stat = fs.statSync(p);
  // .d.ts files are jsii's output, written after the bundle by `npx projen test`; only sources count
  const isSource = p.endsWith('.ts') && !p.endsWith('.d.ts');
  if (!stat.isDirectory()) return { file: p, mtimeMs: isSource ? stat.mtimeMs : 0 };
  return fs.readdirSync(p).map((f) => newestSource(path.join(p, f))).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a), { file: p, mtimeMs: 0 });
}

/**
 * The tests run the bundle that ships, built by `npx projen bundle` with the project's esbuild settings (`npx projen
 * test` builds it first). A missing or stale bundle fails the suite, naming the newer source.
 */
export function ensureBundle(): void {
  const newest = BUNDLE_SOURCES.map((s) => newestSource(path.join(ROOT, s))).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  if (!fs.existsSync(BUNDLE)) throw new Error(`${path.relative(ROOT, BUNDLE)} does not exist: run \`npx projen bundle\` first`);
  if (fs.statSync(BUNDLE).mtimeMs < newest.mtimeMs) {
    throw new Error(`${path.relative(ROOT, BUNDLE)} is older than ${path.relative(ROOT, newest.file)}: run \`npx projen bundle\` first`);
  }
}

/** Point the process at the emulator and set fast budgets. */
export function setProviderEnv(emu: Emulator, extra: Record<string, string> = {}): void {
  Object.assign(process.env, {
    AWS_REGION: emu.region,
    AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: emu.endpoint,
    AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: emu.endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret-test',
    AWS_SESSION_TOKEN: '',
    ...FAST_ENV,
    ...extra,
  });
}

/** A fresh instance of the bundled provider (module-scope client built with the current env). */
export function loadProvider(): ProviderModule {
  ensureBundle();
  let mod: ProviderModule | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(BUNDLE);
  });
  return mod!;
}

/** A Lambda context with `ms` remaining. */
export function lambdaContext(ms = 60_000): { getRemainingTimeInMillis: () => number } {
  const end = Date.now() + ms;
  return { getRemainingTimeInMillis: () => end - Date.now() };
}

/** Captures console output of the handlers (framework lines excluded). */
export class LogCapture {
  readonly lines: string[] = [];
  private spies: jest.SpyInstance[] = [];

  start(): this {
    for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      this.spies.push(jest.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        const line = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
        if (!line.startsWith('[provider-framework]')) this.lines.push(line);
      }));
    }
    return this;
  }

  stop(): void {
    this.spies.forEach((s) => s.mockRestore());
    this.spies = [];
  }
}

/** Lambda's invoke result for a handler: the payload, or the error payload the Lambda runtime builds. */
export async function invokeLambda(fn: (e: any, c: any) => Promise<any>, event: any, contextMs = 60_000): Promise<{ payload?: any; error?: any }> {
  try {
    return { payload: await fn(JSON.parse(JSON.stringify(event)), lambdaContext(contextMs)) };
  } catch (e: any) {
    return { error: { errorType: e?.name ?? 'Error', errorMessage: e?.message ?? String(e), trace: String(e?.stack ?? '').split('\n') } };
  }
}

/** The body CloudFormation received for one request. */
export interface CfnResponse {
  Status: 'SUCCESS' | 'FAILED';
  Reason: string;
  PhysicalResourceId: string;
  RequestId: string;
  Data?: Record<string, string>;
  /** Raw body and its UTF-8 size. */
  body: string;
  bytes: number;
}

/** Options of the framework driver. */
export interface FrameworkOptions {
  /** Waiter MaxAttempts (totalTimeout / queryInterval). */
  maxAttempts?: number;
  /** Milliseconds between waiter attempts (queryInterval). */
  queryIntervalMs?: number;
  /** Lambda timeout of the user functions (remaining time given to the handlers). */
  contextMs?: number;
}

/**
 * The real aws-cdk-lib Provider framework runtime with outbound calls replaced: user functions run
 * in-process through `invokeLambda`, StartExecution runs the waiter loop, and the ResponseURL PUT is captured.
 */
export class FrameworkDriver {
  readonly responses: CfnResponse[] = [];
  /** Number of isComplete invocations per RequestId. */
  readonly isCompleteCalls = new Map<string, number>();
  /** RequestType per RequestId. */
  readonly requestTypes = new Map<string, string>();
  /** Number of user onEvent invocations. */
  onEventCalls = 0;
  /** Longest user-handler run (ms), to check I6 against the Lambda timeout. */
  longestHandlerMs = 0;
  /** How many of the next waiter tasks fail outside the framework (Lambda.Unknown: framework-isComplete never runs). */
  failWaiterTasks = 0;
  /** How many of the next ResponseURL PUTs fail (Infinity = forever). */
  failPuts = 0;
  private framework: any;
  private readonly waiters: Promise<void>[] = [];

  /** Lambda timeout given to the user handlers. */
  readonly contextMs: number;

  constructor(private readonly provider: ProviderModule, private readonly opts: FrameworkOptions = {}) {
    this.contextMs = opts.contextMs ?? 60_000;
    Object.assign(process.env, {
      USER_ON_EVENT_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:AgentStack-OnEvent',
      USER_IS_COMPLETE_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:AgentStack-IsComplete',
      WAITER_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:Waiter',
    });
    const outbound = {
      invokeFunction: (req: { FunctionName: string; Payload: string }) => this.invoke(req),
      startExecution: (req: { input: string }) => {
        this.waiters.push(this.runWaiter(JSON.parse(req.input)));
        return Promise.resolve({ executionArn: 'arn:exec' });
      },
      httpRequest: (_options: unknown, body: string) => this.put(body),
    };
    jest.isolateModules(() => {
      jest.doMock(path.join(FRAMEWORK_DIR, 'outbound.js'), () => outbound);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.framework = require(path.join(FRAMEWORK_DIR, 'framework.js'));
    });
  }

  /** Deliver one CloudFormation request to framework-onEvent and resolve with the response CloudFormation got (or undefined). */
  async deliver(event: any): Promise<CfnResponse | undefined> {
    const before = this.waiters.length;
    this.requestTypes.set(event.RequestId, event.RequestType);
    try {
      await this.framework.onEvent(JSON.parse(JSON.stringify(event)));
    } catch {
      // framework-onEvent failing = Lambda async retry in reality; the test sees "no response"
    }
    await Promise.all(this.waiters.slice(before));
    return [...this.responses].reverse().find((r) => r.RequestId === event.RequestId);
  }

  private async invoke(req: { FunctionName: string; Payload: string }): Promise<{ Payload: Buffer; FunctionError?: string }> {
    const event = JSON.parse(req.Payload);
    const isOnEvent = req.FunctionName.endsWith('OnEvent');
    if (isOnEvent) this.onEventCalls++;
    const fn = isOnEvent ? this.provider.onEvent : this.provider.isComplete;
    const started = Date.now();
    const out = await invokeLambda(fn, event, this.contextMs);
    this.longestHandlerMs = Math.max(this.longestHandlerMs, Date.now() - started);
    if (out.error) return { Payload: Buffer.from(JSON.stringify(out.error)), FunctionError: 'Unhandled' };
    return { Payload: Buffer.from(JSON.stringify(out.payload ?? null)) };
  }

  /** Step Functions: task framework-isComplete, Retry States.ALL (interval, MaxAttempts), Catch → onTimeout. */
  private async runWaiter(input: any): Promise<void> {
    const max = this.opts.maxAttempts ?? 200;
    let lastError: any;
    for (let attempt = 0; attempt <= max; attempt++) {
      this.isCompleteCalls.set(input.RequestId, (this.isCompleteCalls.get(input.RequestId) ?? 0) + 1);
      try {
        if (this.failWaiterTasks > 0) {
          this.failWaiterTasks--;
          throw new Error('Lambda.Unknown');
        }
        await this.framework.isComplete(JSON.parse(JSON.stringify(input)));
        return;
      } catch (e) {
        lastError = e;
      }
      await new Promise((r) => setTimeout(r, this.opts.queryIntervalMs ?? 0));
    }
    try {
      await this.framework.onTimeout({ Cause: JSON.stringify({ errorMessage: lastError?.message ?? '' }) });
    } catch {
      // onTimeout throws when the last error was not the framework's Retry: no response is sent (scenario 41)
    }
  }

  private async put(body: string): Promise<void> {
    if (this.failPuts > 0) {
      this.failPuts--;
      throw new Error('Unsuccessful HTTP response: 503');
    }
    const json = JSON.parse(body);
    this.responses.push({ ...json, body, bytes: Buffer.byteLength(body, 'utf8') });
  }
}

/** The resource type the provider serves. */
export const RUNTIME_TYPE = RUNTIME_RESOURCE_TYPE;

let requestCounter = 0;

/** A fresh RequestId. */
export function newRequestId(): string {
  requestCounter++;
  return `0000${requestCounter.toString(16)}`.slice(-4) + '7e57-1d00-4000-8000-' + Date.now().toString(16).padStart(12, '0').slice(-12);
}

/** Valid ResourceProperties, as CloudFormation delivers them (scalars as strings). */
export function props(name = 'agent_a', overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:AgentStack-Framework-onEvent',
    AgentRuntimeName: name,
    RoleArn: ROLE_ARN,
    AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: IMAGE } },
    NetworkConfiguration: { NetworkMode: 'PUBLIC' },
    ProtocolConfiguration: 'HTTP',
    EnvironmentVariables: { API_KEY: SECRET_ENV_VALUE, LOG_LEVEL: 'info' },
    LifecycleConfiguration: { IdleRuntimeSessionTimeout: '900', MaxLifetime: '28800' },
    Tags: { team: 'agents' },
    ...overrides,
  };
}

/**
 * Replays CloudFormation's request sequences for one stack through the framework driver.
 */
export class CfnDriver {
  constructor(readonly fw: FrameworkDriver, readonly logicalId = 'Runtime', readonly resourceType = RUNTIME_TYPE) {}

  private base(type: string, requestId: string, logicalId: string) {
    return {
      RequestType: type,
      ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:AgentStack-Framework-onEvent',
      ResponseURL: RESPONSE_URL,
      StackId: STACK_ID,
      RequestId: requestId,
      LogicalResourceId: logicalId,
      ResourceType: this.resourceType,
    };
  }

  /** Create. */
  create(p: Record<string, unknown>, o: { requestId?: string; logicalId?: string } = {}): Promise<CfnResponse | undefined> {
    return this.fw.deliver({ ...this.base('Create', o.requestId ?? newRequestId(), o.logicalId ?? this.logicalId), ResourceProperties: p });
  }

  /** Update (also rollback updates: pass OLD as `p` and NEW as `old`). */
  update(physicalId: string, p: Record<string, unknown>, old: Record<string, unknown>, o: { requestId?: string; logicalId?: string } = {}) {
    return this.fw.deliver({
      ...this.base('Update', o.requestId ?? newRequestId(), o.logicalId ?? this.logicalId),
      PhysicalResourceId: physicalId,
      ResourceProperties: p,
      OldResourceProperties: old,
    });
  }

  /** Delete (stack delete, rollback delete, cleanup of a replaced resource). */
  delete(physicalId: string, p: Record<string, unknown>, o: { requestId?: string; logicalId?: string } = {}) {
    return this.fw.deliver({ ...this.base('Delete', o.requestId ?? newRequestId(), o.logicalId ?? this.logicalId), PhysicalResourceId: physicalId, ResourceProperties: p });
  }
}

const DATA_KEYS = ['AgentRuntimeArn', 'AgentRuntimeId', 'AgentRuntimeName', 'AgentRuntimeVersion', 'PreviousVersion', 'Status'];

/**
 * The global invariants of the lifecycle document after a scenario:
 * I1 the emulator holds exactly `expectedNames` (no orphan, no duplicate);
 * I2 every response ≤ 4096 bytes, physical id non-empty ≤ 1 KB;
 * I3 every runtime SUCCESS for Create/Update carries exactly the Data keys (PreviousVersion included), non-empty strings;
 *    a resource-policy SUCCESS carries no Data keys;
 * I4 no log line or Reason contains the ResponseURL signature or the secret env-var value;
 * I5 repeated deliveries of one request got the same answer (CloudFormation keeps the first);
 * I6 no user handler ran into its Lambda timeout.
 */
export function expectInvariants(emu: Emulator, fw: FrameworkDriver, logs: string[], expectedNames: string[]): void {
  expect(emu.runtimes().map((r) => r.agentRuntimeName).sort()).toEqual([...expectedNames].sort());
  for (const r of fw.responses) {
    expect(r.bytes).toBeLessThanOrEqual(4096);
    expect(r.PhysicalResourceId.length).toBeGreaterThan(0);
    expect(Buffer.byteLength(r.PhysicalResourceId)).toBeLessThanOrEqual(1024);
    expect(r.Reason).not.toContain(RESPONSE_URL_SECRET);
    expect(r.Reason).not.toContain(SECRET_ENV_VALUE);
    const type = fw.requestTypes.get(r.RequestId);
    if (r.Status === 'SUCCESS' && r.Data && type !== 'Delete') {
      expect(Object.keys(r.Data).sort()).toEqual(DATA_KEYS);
      for (const k of DATA_KEYS) expect(typeof r.Data[k] === 'string' && r.Data[k].length > 0).toBe(true);
    }
  }
  const byRequest = new Map<string, string>();
  for (const r of fw.responses) {
    const answer = `${r.Status} ${r.PhysicalResourceId}`;
    expect(byRequest.get(r.RequestId) ?? answer).toBe(answer);
    byRequest.set(r.RequestId, answer);
  }
  expect(fw.longestHandlerMs).toBeLessThan(fw.contextMs);
  for (const line of logs) {
    expect(line).not.toContain(RESPONSE_URL_SECRET);
    expect(line).not.toContain('X-Amz-');
    expect(line).not.toContain(SECRET_ENV_VALUE);
  }
}

/** What a provider test file works with; `useProviderSuite` replaces the fields before each test. */
export interface ProviderSuite {
  emu: Emulator;
  provider: ProviderModule;
  fw: FrameworkDriver;
  logs: LogCapture;
  /** Stops the log capture and checks the invariants I1–I6 (the emulator holds exactly `expectedNames`). */
  finish(expectedNames: string[]): void;
}

/**
 * Registers the hooks every provider test file needs: one emulator and one load of the bundled provider per file, and
 * before each test a reset emulator, a fresh framework driver and log capture (stopped after the test). `env` overrides
 * the fast budgets for the whole file.
 */
export function useProviderSuite(env: Record<string, string> = {}): ProviderSuite {
  const suite = {
    finish(expectedNames: string[]) {
      suite.logs.stop();
      expectInvariants(suite.emu, suite.fw, suite.logs.lines, expectedNames);
    },
  } as ProviderSuite;
  suite.emu = useEmulator({ transitionGets: 1 });
  beforeAll(() => {
    setProviderEnv(suite.emu, env);
    suite.provider = loadProvider();
  });
  beforeEach(() => {
    setProviderEnv(suite.emu, env);
    suite.fw = new FrameworkDriver(suite.provider, { maxAttempts: 50 });
    suite.logs = new LogCapture().start();
  });
  afterEach(() => suite.logs?.stop());
  return suite;
}
