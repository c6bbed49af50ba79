/**
 * Randomized lifecycles (issue 12): fast-check generates the life of one stack's runtime — Create, Updates (new
 * configuration, no-op, tags, resource policy, rename, health check), Delete — with duplicate deliveries, stack
 * rollbacks and random faults on every call path (throttling, 5xx, socket resets and lost answers after commit, IAM
 * propagation, ConflictException, read-after-write gaps, CREATE_FAILED/UPDATE_FAILED, slow or no READY, failing or
 * throttled health checks, DEFAULT lagging or stuck). Each CloudFormation request goes through the real Provider
 * framework runtime and the bundled handler against the emulator, and CloudFormation's reactions are replayed
 * (rollback Update or Delete, cleanup Delete after a replacement, the user's retry of a failed Delete).
 *
 * Checked for every request: the outcome matches the faults (SUCCESS when they are transient, FAILED with a Reason
 * naming the cause when one persists); after every operation: the emulator holds exactly the stack's runtime, in the
 * stack's configuration (image, name, tags, resource policy); at the end: the invariants I1–I6 of
 * custom-resource-lifecycle.md (nothing orphaned, responses ≤ 4 KB, no secret or ResponseURL signature in any log line
 * or Reason, one answer per request, no handler past its Lambda timeout).
 *
 * `npm test` runs RUNS lifecycles from a fixed seed; `npx projen test:soak` runs PROVIDER_FUZZ_RUNS from a random
 * seed. A failure prints the shrunk scenario and the command that replays it (PROVIDER_FUZZ_SEED / PROVIDER_FUZZ_PATH).
 *
 * Modelled assumption (not verified on AWS): CloudFormation ignores the physical id of a FAILED Update and rolls back
 * with an Update of the previous physical id; nothing else ever deletes a runtime a failed replacement created.
 */
import {
  CreateAgentRuntimeEndpointCommand, DeleteAgentRuntimeEndpointCommand, GetAgentRuntimeCommand, GetAgentRuntimeEndpointCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import * as fc from 'fast-check';
import type { Emulator, Fault } from '../emulator';
import {
  CfnDriver, CfnResponse, expectInvariants, FrameworkDriver, LogCapture, newRequestId, props, ProviderModule, STACK_ID, useProviderSuite,
} from './harness';
import { controlClient } from '../emulator/fixtures';
import { imageWithTag, ROLE_ARN } from '../helpers/fixtures';

/** Lifecycles per `npm test` run (fixed seed). */
const RUNS = Number(process.env.PROVIDER_FUZZ_RUNS ?? 100);
const SEED = process.env.PROVIDER_FUZZ_SEED !== undefined ? Number(process.env.PROVIDER_FUZZ_SEED)
  : process.env.PROVIDER_FUZZ_RUNS !== undefined ? Date.now() % 2_147_483_647 : 20_251_206;
const PATH = process.env.PROVIDER_FUZZ_PATH;

/**
 * Budgets small enough for 100 lifecycles in under two minutes, large enough for a loaded machine: the retry budget is
 * wall-clock time from the first attempt, so one slow call must not use it up.
 */
const BUDGETS = {
  AGENTCORE_PROVIDER_PROPAGATION_BUDGET_MS: '1000',
  AGENTCORE_PROVIDER_RETRY_BUDGET_MS: '1000',
  AGENTCORE_PROVIDER_RETRY_INITIAL_MS: '2',
  AGENTCORE_PROVIDER_RETRY_MAX_MS: '20',
  AGENTCORE_PROVIDER_ON_EVENT_WAIT_MS: '150',
  AGENTCORE_PROVIDER_IS_COMPLETE_WAIT_MS: '100',
  AGENTCORE_PROVIDER_POLL_INITIAL_MS: '2',
  AGENTCORE_PROVIDER_POLL_MAX_MS: '10',
  AGENTCORE_PROVIDER_IS_COMPLETE_POLL_MAX_MS: '10',
  AGENTCORE_PROVIDER_NOT_FOUND_GRACE_MS: '400',
  AGENTCORE_PROVIDER_MAX_WAIT_MS: '2500',
  AGENTCORE_PROVIDER_HTTP_TIMEOUT_MS: '1000',
};

jest.setTimeout(Math.max(180_000, RUNS * 4_000));

// ---------------------------------------------------------------------------------------------------------------
// The scenario language (plain data, so that fast-check prints a shrunk case readably)

const CONTROL_OPS = [
  'CreateAgentRuntime', 'GetAgentRuntime', 'UpdateAgentRuntime', 'DeleteAgentRuntime', 'ListAgentRuntimes', 'ListTagsForResource',
  'TagResource', 'UntagResource', 'ListAgentRuntimeEndpoints', 'GetAgentRuntimeEndpoint', 'PutResourcePolicy', 'DeleteResourcePolicy',
  'InvokeAgentRuntime',
] as const;
type Op = (typeof CONTROL_OPS)[number];

/** A fault that clears by itself within the budgets: the request must succeed. */
type TransientFault =
  | { readonly kind: 'throttle' | 'server-error' | 'socket-reset'; readonly op: Op; readonly times: number }
  | { readonly kind: 'conflict'; readonly op: 'UpdateAgentRuntime' | 'DeleteAgentRuntime' | 'TagResource'; readonly times: number }
  | { readonly kind: 'iam-propagation'; readonly times: number }
  | { readonly kind: 'slow-ready'; readonly ms: number }
  | { readonly kind: 'read-after-write'; readonly times: number }
  | { readonly kind: 'default-lag'; readonly gets: number };

/** A fault that lasts until CloudFormation's reaction: the request must fail, naming it. */
type PersistentFault =
  | { readonly kind: 'throttle-forever'; readonly pick: number }
  | { readonly kind: 'failed-status' | 'never-ready' | 'check-fails' | 'default-stuck' | 'iam-never' };

type AnyFault = TransientFault | PersistentFault;
type Delivery = 'once' | 'twice' | 'concurrent';
type Change = 'config' | 'noop' | 'tags' | 'policy' | 'rename' | 'check';

interface Request {
  readonly faults: readonly AnyFault[];
  readonly delivery: Delivery;
  /** Another resource of the stack fails after this one succeeded: CloudFormation rolls back. */
  readonly stackFails: boolean;
}

interface Scenario {
  readonly healthCheck: boolean;
  readonly policy: boolean;
  /** A runtime of someone else in the account (never touched). */
  readonly foreignRuntime: boolean;
  readonly create: Request;
  readonly updates: readonly (Request & { readonly change: Change })[];
  /** A named endpoint made in the console blocks the final Delete until the user removes it. */
  readonly foreignEndpoint: boolean;
  readonly delete: Request;
}

const transientFault: fc.Arbitrary<TransientFault> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom('throttle' as const, 'server-error' as const, 'socket-reset' as const), op: fc.constantFrom(...CONTROL_OPS), times: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('conflict' as const), op: fc.constantFrom('UpdateAgentRuntime' as const, 'DeleteAgentRuntime' as const, 'TagResource' as const), times: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('iam-propagation' as const), times: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('slow-ready' as const), ms: fc.integer({ min: 20, max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('read-after-write' as const), times: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('default-lag' as const), gets: fc.integer({ min: 1, max: 3 }) }) },
);

/** Those that last until the wall-clock limit (never-ready, default-stuck) are rarer: each costs its whole budget. */
const persistentFault: fc.Arbitrary<PersistentFault> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('throttle-forever' as const), pick: fc.nat({ max: 7 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('failed-status' as const, 'check-fails' as const, 'iam-never' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('never-ready' as const, 'default-stuck' as const) }) },
);

const request: fc.Arbitrary<Request> = fc.record({
  faults: fc.oneof(
    { weight: 7, arbitrary: fc.array(transientFault, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.tuple(persistentFault, fc.array(transientFault, { maxLength: 2 })).map(([p, t]) => [p, ...t]) },
  ),
  delivery: fc.constantFrom<Delivery>('once', 'once', 'once', 'twice', 'concurrent'),
  stackFails: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

const scenario: fc.Arbitrary<Scenario> = fc.record({
  healthCheck: fc.boolean(),
  policy: fc.boolean(),
  foreignRuntime: fc.boolean(),
  create: request,
  updates: fc.array(fc.record({ change: fc.constantFrom<Change>('config', 'noop', 'tags', 'policy', 'rename', 'check') }).chain((c) => request.map((r) => ({ ...r, ...c }))), { maxLength: 4 }),
  foreignEndpoint: fc.boolean(),
  delete: request,
});

// ---------------------------------------------------------------------------------------------------------------
// The stack and its requests

const OWNER = { 'cdk-agentcore:stack-id': STACK_ID, 'cdk-agentcore:logical-id': 'Runtime' };
const NAMES = ['agent_a', 'agent_b', 'agent_c'];
const IMAGES = ['v1', 'v2', 'v3'].map(imageWithTag);
const ROLE_NOT_READY = `Role validation failed for role ${ROLE_ARN}`;
/** A value only the health-check payload holds: no Reason or log line may ever contain it. */
const PROBE = 'probe-7f3a9c2e';
const CHECK = { Payload: JSON.stringify({ prompt: 'ping', probe: PROBE }), ExpectedText: 'ping', TimeoutSeconds: '1' };
const policyDoc = (n: number) => JSON.stringify({
  Statement: [{ Sid: `Partner${n}`, Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'bedrock-agentcore:InvokeAgentRuntime' }],
});
type Props = Record<string, unknown>;

/** What a request does, for deciding which faults apply and what it must answer. */
interface RequestContext {
  readonly type: 'create' | 'update' | 'delete';
  readonly change?: Change;
  /** Name of the runtime the request creates (create, rename). */
  readonly newName?: string;
  /** The stack's runtime before the request. */
  readonly id?: string;
  /** The request makes a new version: the version number, else undefined. */
  readonly newVersion?: string;
  readonly hasCheck: boolean;
  readonly props: Props;
  readonly old?: Props;
}

type Expected = { readonly outcome: 'SUCCESS' } | { readonly outcome: 'FAILED'; readonly reason: RegExp };

/** The operations a request certainly calls, and how its Reason names each when it never stops being throttled. */
function certainCalls(ctx: RequestContext): [Op, RegExp][] {
  const settles: [Op, RegExp] = ['GetAgentRuntime', /GetAgentRuntime|did not settle/];
  switch (ctx.type) {
    case 'create': return [['CreateAgentRuntime', /CreateAgentRuntime failed/], settles];
    case 'delete': return [['DeleteAgentRuntime', /DeleteAgentRuntime failed/], ['ListAgentRuntimeEndpoints', /ListAgentRuntimeEndpoints failed/]];
    default:
      switch (ctx.change) {
        case 'config': return [['UpdateAgentRuntime', /UpdateAgentRuntime failed/], settles];
        case 'rename': return [['CreateAgentRuntime', /CreateAgentRuntime failed/]];
        case 'tags': return [['TagResource', /TagResource failed/]];
        case 'policy': return lib(ctx.props).ResourcePolicy !== undefined
          ? [['PutResourcePolicy', /PutResourcePolicy failed/]]
          : [['DeleteResourcePolicy', /DeleteResourcePolicy failed/]];
        default: return [settles];
      }
  }
}

const makesRuntime = (ctx: RequestContext) => ctx.type === 'create' || ctx.change === 'rename';

/**
 * Time passing once the faults are over: the emulator moves runtimes on Gets only, so read every runtime until it
 * settles (as the service's own clock would have done before CloudFormation's next request).
 */
async function letTimePass(emu: Emulator): Promise<void> {
  const client = controlClient(emu, 1);
  const busy = () => emu.runtimes().filter((r) => ['CREATING', 'UPDATING', 'DELETING'].includes(r.status));
  for (let i = 0; i < 100 && busy().length > 0; i++) {
    for (const rt of busy()) await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: rt.agentRuntimeId })).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Arms the faults of one request; returns the outcome it must have and the switch that ends the persistent ones. */
function arm(emu: Emulator, faults: readonly AnyFault[], ctx: RequestContext): { expected: Expected; end: () => Promise<void> } {
  const active = { on: true };
  const ends: (() => void)[] = [];
  let expected: Expected = { outcome: 'SUCCESS' };
  const fail = (reason: RegExp) => {
    if (expected.outcome === 'SUCCESS') expected = { outcome: 'FAILED', reason };
  };
  const target = makesRuntime(ctx) ? ctx.newName! : ctx.id!;
  const transitional = makesRuntime(ctx) ? 'CREATING' : 'UPDATING';
  const changesStatus = makesRuntime(ctx) || ctx.newVersion !== undefined;
  // One status script per request: an optional slow phase, then READY, a *_FAILED status or no end at all.
  let slowMs: number | undefined;
  let settlesAs: 'READY' | 'FAILED' | 'NEVER' = 'READY';
  for (const f of faults) {
    switch (f.kind) {
      case 'throttle':
      case 'server-error':
      case 'socket-reset':
      case 'conflict': {
        const error = f.kind === 'throttle' ? { type: 'ThrottlingException', message: 'Rate exceeded' }
          : f.kind === 'server-error' ? { type: 'InternalServerException', message: 'Internal failure' }
            : f.kind === 'conflict' ? { type: 'ConflictException', message: 'The runtime is being modified' } : undefined;
        emu.inject({ operation: f.op, times: f.times, ...(error ? { error } : { dropAfterCommit: true }) } as Fault);
        break;
      }
      case 'iam-propagation':
        if (ctx.type !== 'delete' && (makesRuntime(ctx) || ctx.change === 'config')) {
          const op = makesRuntime(ctx) ? 'CreateAgentRuntime' : 'UpdateAgentRuntime';
          emu.inject({ operation: op, times: f.times, error: { type: 'ValidationException', message: ROLE_NOT_READY } });
        }
        break;
      case 'slow-ready':
        slowMs = f.ms;
        break;
      case 'read-after-write':
        if (makesRuntime(ctx)) {
          emu.inject({ operation: 'GetAgentRuntime', times: f.times, match: (c) => c.path.includes(`/${target}-`), error: { type: 'ResourceNotFoundException', message: 'Resource not found' } });
        }
        break;
      case 'default-lag':
        if (ctx.newVersion && !makesRuntime(ctx)) emu.lagDefault(ctx.id!, { gets: f.gets });
        break;
      case 'throttle-forever': {
        const calls = certainCalls(ctx);
        const [op, reason] = calls[f.pick % calls.length];
        emu.inject({ operation: op, times: Infinity, match: () => active.on, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
        fail(reason);
        break;
      }
      case 'iam-never':
        if (makesRuntime(ctx) || ctx.change === 'config') {
          const op = makesRuntime(ctx) ? 'CreateAgentRuntime' : 'UpdateAgentRuntime';
          emu.inject({ operation: op, times: Infinity, match: () => active.on, error: { type: 'ValidationException', message: ROLE_NOT_READY } });
          fail(new RegExp(`${op} failed after \\d+ attempts.*Role validation failed.*not usable yet`));
        }
        break;
      case 'failed-status':
        if (changesStatus && settlesAs === 'READY') {
          settlesAs = 'FAILED';
          fail(new RegExp(`${makesRuntime(ctx) ? 'CREATE_FAILED' : 'UPDATE_FAILED'}: Container image not found`));
        }
        break;
      case 'never-ready':
        if (changesStatus && settlesAs === 'READY') {
          settlesAs = 'NEVER';
          fail(/did not settle within 2.5s \(last status (CREATING|UPDATING)\)/);
          ends.push(() => {
            const id = emu.runtime(target)?.agentRuntimeId;
            if (id) emu.scriptStatus(id, ['READY']);
          });
        }
        break;
      case 'check-fails':
        if (ctx.hasCheck && ctx.newVersion) {
          // The broken build echoes part of the request, as agents do: the Reason must not.
          emu.setInvokeBehaviour(target, { json: { error: 'broken build', request: { probe: PROBE } } }, ctx.newVersion);
          fail(/health check of runtime \w+-\w{10} version \d+ failed: the answer does not contain the expected text/);
          // Fixed by the next build: a runtime created again with this name answers.
          ends.push(() => emu.setInvokeBehaviour(target, { sse: ['"ping"'] }, ctx.newVersion));
        }
        break;
      case 'default-stuck':
        if (ctx.hasCheck && ctx.newVersion && !makesRuntime(ctx)) {
          emu.lagDefault(ctx.id!, { gets: Infinity });
          fail(/never ran: DEFAULT still served version \d+ after 2.5s/);
          ends.push(() => emu.lagDefault(ctx.id!, {}));
        }
        break;
    }
  }
  if (changesStatus && (slowMs !== undefined || settlesAs !== 'READY')) {
    const slow = slowMs !== undefined ? [{ status: transitional, forMs: slowMs }] : [transitional];
    const last = settlesAs === 'FAILED' ? [makesRuntime(ctx) ? 'CREATE_FAILED' : 'UPDATE_FAILED'] : settlesAs === 'READY' ? ['READY'] : [];
    emu.scriptStatus(target, [...slow, ...last], 'Container image not found (emulated)');
  }
  return {
    expected,
    end: async () => {
      active.on = false;
      for (const e of ends) e();
      await letTimePass(emu);
    },
  };
}

/** Delivers one CloudFormation request (once, twice in a row or twice at once); both answers must agree. */
async function deliver(delivery: Delivery, send: (requestId: string) => Promise<CfnResponse | undefined>): Promise<CfnResponse> {
  const requestId = newRequestId();
  let answers: (CfnResponse | undefined)[];
  if (delivery === 'once') answers = [await send(requestId)];
  else if (delivery === 'twice') answers = [await send(requestId), await send(requestId)];
  else answers = await Promise.all([send(requestId), send(requestId)]);
  const first = answers[0];
  if (!first) throw new Error('CloudFormation got no answer');
  // CloudFormation keeps the first answer; a duplicate must not contradict it (its Reason may count other attempts).
  for (const a of answers) expect(`${a?.Status} ${a?.PhysicalResourceId}`).toBe(`${first.Status} ${first.PhysicalResourceId}`);
  return first;
}

function expectOutcome(label: string, r: CfnResponse, expected: Expected): void {
  const got = `${label}: ${r.Status} ${r.Reason}`;
  if (expected.outcome === 'SUCCESS') {
    expect(got).toBe(`${label}: SUCCESS ${r.Reason}`);
    return;
  }
  if (r.Status !== 'FAILED') expect(got).toBe(`${label}: FAILED matching ${expected.reason}`);
  expect(r.Reason).toMatch(expected.reason);
  expect(r.Reason).not.toMatch(/unexpected error|\bat .*\.js:\d+/);
}

/** The stack as CloudFormation sees it. */
interface Stack {
  id?: string;
  props?: Props;
}

/** The emulator holds exactly the stack's runtime, in the stack's configuration. */
function expectMatches(emu: Emulator, stack: Stack, label: string): void {
  const owned = emu.runtimes().filter((r) => r.tags['cdk-agentcore:stack-id'] === OWNER['cdk-agentcore:stack-id'] && r.tags['cdk-agentcore:logical-id'] === 'Runtime');
  expect(`${label}: ${owned.map((r) => r.agentRuntimeId).sort().join(',')}`).toBe(`${label}: ${stack.id ?? ''}`);
  if (!stack.id) return;
  const rt = owned[0];
  const p = stack.props!;
  expect(rt.agentRuntimeName).toBe(p.AgentRuntimeName);
  const image = (p.AgentRuntimeArtifact as { ContainerConfiguration: { ContainerUri: string } }).ContainerConfiguration.ContainerUri;
  expect(rt.config.agentRuntimeArtifact.containerConfiguration.containerUri).toBe(image);
  expect(rt.tags.team).toBe((p.Tags as any).team);
  const policy = lib(p).ResourcePolicy;
  if (policy === undefined) expect(rt.resourcePolicy).toBeUndefined();
  else expect(JSON.parse(rt.resourcePolicy ?? '{}').Statement?.[0]?.Sid).toBe(JSON.parse(policy as string).Statement[0].Sid);
}

/** The next properties for an update. */
function changed(p: Props, change: Change, n: number): Props {
  switch (change) {
    case 'config': return { ...p, AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: IMAGES[(IMAGES.indexOf((p.AgentRuntimeArtifact as any).ContainerConfiguration.ContainerUri) + 1) % IMAGES.length] } } };
    case 'noop': return { ...p, ServiceTimeout: String(900 + n) };
    case 'tags': return { ...p, Tags: { team: `team${n}` } };
    case 'policy': return withLib(p, 'ResourcePolicy', lib(p).ResourcePolicy === undefined || n % 2 === 0 ? policyDoc(n) : undefined);
    case 'rename': return { ...p, AgentRuntimeName: NAMES[(NAMES.indexOf(p.AgentRuntimeName as string) + 1) % NAMES.length] };
    case 'check': return withLib(p, 'HealthCheck', lib(p).HealthCheck === undefined ? CHECK : undefined);
  }
}

/** The library's own settings of the properties (`CdkAgentCore`). */
function lib(p: Props): Record<string, unknown> {
  return (p.CdkAgentCore ?? {}) as Record<string, unknown>;
}

/** The properties with one of the library's settings set (or removed, with `undefined`). */
function withLib(p: Props, key: string, value: unknown): Props {
  const { [key]: _old, ...rest } = lib(p);
  const settings = value === undefined ? rest : { ...rest, [key]: value };
  const { CdkAgentCore: _settings, ...others } = p;
  return Object.keys(settings).length > 0 ? { ...others, CdkAgentCore: settings } : others;
}

// ---------------------------------------------------------------------------------------------------------------

const suite = useProviderSuite(BUDGETS);
let emu: Emulator;
let provider: ProviderModule;

beforeAll(() => {
  ({ emu, provider } = suite);
});

/** Runs one scenario against a fresh emulator state, framework driver and log capture. */
async function runLifecycle(s: Scenario): Promise<void> {
  emu.reset();
  const fw = new FrameworkDriver(provider, { maxAttempts: 100 });
  const cfn = new CfnDriver(fw);
  const logs = new LogCapture().start();
  try {
    if (s.foreignRuntime) emu.seedRuntime({ agentRuntimeName: 'foreign_x', tags: { owner: 'someone-else' } });
    const stack: Stack = {};
    let n = 0;
    const base = props('agent_a', {
      Tags: { team: 'team0' },
      ...(s.healthCheck || s.policy ? {
        CdkAgentCore: { ...(s.healthCheck ? { HealthCheck: CHECK } : {}), ...(s.policy ? { ResourcePolicy: policyDoc(0) } : {}) },
      } : {}),
    });

    const create = async (req: Request, p: Props, label: string): Promise<void> => {
      const ctx: RequestContext = { type: 'create', newName: p.AgentRuntimeName as string, newVersion: '1', hasCheck: lib(p).HealthCheck !== undefined, props: p };
      const { expected, end } = arm(emu, req.faults, ctx);
      const r = await deliver(req.delivery, (requestId) => cfn.create(p, { requestId }));
      await end();
      expectOutcome(label, r, expected);
      if (r.Status === 'FAILED' || req.stackFails) {
        // ROLLBACK_IN_PROGRESS: CloudFormation deletes what the failed create reported (the framework answers its marker).
        const d = await cfn.delete(r.PhysicalResourceId, p);
        expectOutcome(`${label} rollback Delete`, d!, { outcome: 'SUCCESS' });
        expectMatches(emu, stack, `${label} rolled back`);
        return;
      }
      Object.assign(stack, { id: r.PhysicalResourceId, props: p });
      expectMatches(emu, stack, label);
    };

    await create(s.create, base, 'Create');
    for (const [i, u] of s.updates.entries()) {
      if (!stack.id) await create(CLEAN, base, `Create again before update ${i}`);
      const old = stack.props!;
      const p = changed(old, u.change, ++n);
      const version = String(Number(emu.runtime(stack.id!)!.version) + 1);
      const newVersion = u.change === 'rename' ? '1' : u.change === 'config' ? version : undefined;
      const ctx: RequestContext = {
        type: 'update', change: u.change, id: stack.id, newName: p.AgentRuntimeName as string, newVersion, hasCheck: lib(p).HealthCheck !== undefined, props: p, old,
      };
      const label = `Update ${i} (${u.change})`;
      const { expected, end } = arm(emu, u.faults, ctx);
      const r = await deliver(u.delivery, (requestId) => cfn.update(stack.id!, p, old, { requestId }));
      await end();
      expectOutcome(label, r, expected);
      if (r.Status === 'FAILED') {
        // UPDATE_ROLLBACK_IN_PROGRESS: the previous properties go back to the previous physical id.
        const rb = await cfn.update(stack.id!, old, p);
        expectOutcome(`${label} rollback Update`, rb!, { outcome: 'SUCCESS' });
        expect(rb!.PhysicalResourceId).toBe(stack.id);
        expectMatches(emu, stack, `${label} rolled back`);
        continue;
      }
      const replaced = r.PhysicalResourceId !== stack.id;
      if (u.stackFails) {
        // Another resource failed: rollback Update of this one to the old properties, then the cleanup deletes the
        // runtime the replacement created.
        const rb = await cfn.update(r.PhysicalResourceId, old, p);
        expectOutcome(`${label} rollback Update`, rb!, { outcome: 'SUCCESS' });
        expect(rb!.PhysicalResourceId).toBe(stack.id);
        if (replaced) expectOutcome(`${label} rollback cleanup`, (await cfn.delete(r.PhysicalResourceId, p))!, { outcome: 'SUCCESS' });
        expectMatches(emu, stack, `${label} rolled back`);
        continue;
      }
      if (replaced) {
        // UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: the old runtime goes.
        expectOutcome(`${label} cleanup`, (await cfn.delete(stack.id!, old))!, { outcome: 'SUCCESS' });
      }
      Object.assign(stack, { id: r.PhysicalResourceId, props: p });
      expectMatches(emu, stack, label);
    }

    if (stack.id) {
      let blocked = false;
      if (s.foreignEndpoint) {
        await controlClient(emu, 1).send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: stack.id, name: 'console_made' }));
        blocked = true;
      }
      const ctx: RequestContext = { type: 'delete', id: stack.id, hasCheck: false, props: stack.props! };
      const { expected, end } = arm(emu, s.delete.faults, ctx);
      const d = await deliver(s.delete.delivery, (requestId) => cfn.delete(stack.id!, stack.props!, { requestId }));
      await end();
      const foreign = /endpoints this stack did not create \(console_made\)/;
      expectOutcome('Delete', d, !blocked ? expected : {
        outcome: 'FAILED',
        reason: expected.outcome === 'FAILED' ? new RegExp(`${expected.reason.source}|${foreign.source}`) : foreign,
      });
      if (d.Status === 'FAILED') {
        // DELETE_FAILED: the user removes what blocks it (the foreign endpoint) and deletes the stack again.
        if (blocked) {
          const c = controlClient(emu, 1);
          await c.send(new DeleteAgentRuntimeEndpointCommand({ agentRuntimeId: stack.id, endpointName: 'console_made' }));
          for (let i = 0; i < 3 && emu.runtime(stack.id)?.endpoints.console_made; i++) {
            await c.send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: stack.id, endpointName: 'console_made' })).catch(() => undefined);
          }
        }
        expectOutcome('Delete retried', (await cfn.delete(stack.id, stack.props!))!, { outcome: 'SUCCESS' });
      }
      stack.id = undefined;
      expectMatches(emu, stack, 'Delete');
    }
    logs.stop();
    expectInvariants(emu, fw, logs.lines, s.foreignRuntime ? ['foreign_x'] : []);
  } finally {
    logs.stop();
  }
}

/** A request without faults. */
const CLEAN: Request = { faults: [], delivery: 'once', stackFails: false };

/** A scenario given as JSON (the `Counterexample` a failure prints) runs alone, for debugging it. */
const CASE = process.env.PROVIDER_FUZZ_CASE;

test(`${RUNS} random lifecycles with faults keep every invariant (seed ${SEED})`, async () => {
  if (CASE !== undefined) {
    const parsed = JSON.parse(CASE);
    await runLifecycle(Array.isArray(parsed) ? parsed[0] : parsed);
    return;
  }
  // Warm up (outcome ignored): the first calls of a freshly loaded SDK client are slow and would eat a small budget.
  await runLifecycle({ healthCheck: true, policy: true, foreignRuntime: false, create: CLEAN, updates: [], foreignEndpoint: false, delete: CLEAN })
    .catch(() => undefined);
  try {
    await fc.assert(fc.asyncProperty(scenario, runLifecycle), { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH, endOnFailure: true } : {}) });
  } catch (e) {
    const m = /seed: (-?\d+), path: "([^"]*)"/.exec(String((e as Error).message));
    const c = /Counterexample: (\[.*\])/.exec(String((e as Error).message));
    const replay = [
      m ? `Replay the run: PROVIDER_FUZZ_SEED=${m[1]} PROVIDER_FUZZ_PATH=${m[2]} npx jest test/provider/random-lifecycles.test.ts` : '',
      c ? `Replay the shrunk case alone: PROVIDER_FUZZ_CASE='${c[1].replace(/__proto__:null,/g, '')}' npx jest test/provider/random-lifecycles.test.ts` : '',
    ].filter(Boolean).join('\n');
    (e as Error).message += `\n\n${replay}`;
    throw e;
  }
});
