/** The lifecycle's dependencies for unit tests: a fake control plane, fast budgets and a virtual clock. */
import { VirtualClock } from './virtual-clock';
import type { ControlPlane } from '../../lambda/agent-runtime/api';
import { Deadline } from '../../lambda/agent-runtime/clock';
import type { Deps } from '../../lambda/agent-runtime/context';
import type { DataPlane } from '../../lambda/agent-runtime/health-check';
import { loadSettings } from '../../lambda/agent-runtime/settings';

/** Options of {@link testDeps}. */
export interface TestDepsOptions {
  readonly dataPlane?: DataPlane;
  /** Settings overrides (environment variable → value). */
  readonly env?: Record<string, string>;
  readonly clock?: VirtualClock;
  /** Time left to the invocation (ms of virtual time). */
  readonly deadlineMs?: number;
  /** Receives `message {fields}` lines. */
  readonly lines?: string[];
}

/** A data plane that must not be called unless a test programs it. */
export function unexpectedDataPlane(): jest.Mocked<DataPlane> {
  return { invokeAgentRuntime: jest.fn().mockRejectedValue(new Error('unexpected InvokeAgentRuntime')) };
}

/** Deps on a virtual clock (budgets in virtual milliseconds: waits cost no real time). */
export function testDeps(api: ControlPlane, opts: TestDepsOptions = {}): Deps {
  const clock = opts.clock ?? new VirtualClock();
  const settings = loadSettings({
    AGENTCORE_PROVIDER_RETRY_INITIAL_MS: '1',
    AGENTCORE_PROVIDER_RETRY_MAX_MS: '2',
    AGENTCORE_PROVIDER_POLL_INITIAL_MS: '1',
    AGENTCORE_PROVIDER_POLL_MAX_MS: '2',
    AGENTCORE_PROVIDER_ON_EVENT_WAIT_MS: '20',
    AGENTCORE_PROVIDER_IS_COMPLETE_WAIT_MS: '20',
    AGENTCORE_PROVIDER_RETRY_BUDGET_MS: '200',
    ...opts.env,
  });
  const lines = opts.lines;
  return {
    api,
    dataPlane: opts.dataPlane ?? unexpectedDataPlane(),
    settings,
    clock,
    deadline: Deadline.in(opts.deadlineMs ?? 5_000, clock),
    log: lines ? (message, fields) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`) : () => undefined,
  };
}
