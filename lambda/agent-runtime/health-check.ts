/**
 * The health check of a new runtime version: one data-plane InvokeAgentRuntime with a fresh session on the DEFAULT
 * endpoint (which serves the latest READY version), the streamed answer read to its end, then compared with the
 * expected status and text. Transient errors (throttling, 5xx, the container's cold-start 424 RuntimeClientError,
 * socket errors) are retried within the check's timeout.
 */
import { randomUUID } from 'crypto';
import { sleep } from './clock';
import type { Clock } from './clock';
import type { Logger } from './log';
import type { Settings } from './settings';
import { answerText } from '../../internal/answer';
import { backoffDelay } from '../../internal/backoff';
import { classifyError, describeError, errorName } from '../../internal/errors';
import { DEFAULT_ENDPOINT } from '../../lib/private/contract';

/** The `HealthCheck` ResourceProperty, parsed. */
export interface HealthCheckSpec {
  readonly payload: string;
  readonly expectedStatus: number;
  readonly expectedText?: string;
  readonly timeoutMs: number;
}

/** What one invocation answered. */
export interface InvokeAnswer {
  /** HTTP status of the agent's answer. */
  readonly status: number;
  readonly contentType?: string;
  /** The body as text (at most `maxBytes` of it). */
  readonly body: string;
  /** The body was longer than `maxBytes`. */
  readonly truncated: boolean;
}

/** The data-plane operation the check calls (IAM: `bedrock-agentcore:InvokeAgentRuntime`). */
export interface DataPlane {
  invokeAgentRuntime(input: {
    arn: string; qualifier: string; sessionId: string; payload: string; signal: AbortSignal; maxBytes: number;
  }): Promise<InvokeAnswer>;
}

/** What a check needs (a slice of the lifecycle's dependencies). */
export interface CheckDeps {
  readonly dataPlane: DataPlane;
  readonly settings: Pick<Settings, 'retryInitialMs' | 'retryMaxMs'>;
  readonly clock: Clock;
  readonly log: Logger;
}

/** How a check ended. */
export type CheckResult =
  | { readonly ok: true; readonly attempts: number }
  | { readonly ok: false; readonly reason: string; readonly output?: string; readonly attempts: number };

/** The endpoint the check invokes: DEFAULT always serves the latest READY version (a version cannot be addressed directly). */
export const CHECK_QUALIFIER = DEFAULT_ENDPOINT;
/** Bytes of the answer kept for matching and reporting. */
export const MAX_ANSWER_BYTES = 1024 * 1024;
/** Characters of the answer quoted in a failure reason (the whole reason is capped at 1 KB anyway). */
const OUTPUT_QUOTE_CHARS = 600;
/** Margin kept between the end of a check and the deadline of the invocation that runs it. */
export const CHECK_MARGIN_MS = 2_000;

/** A session id for one attempt: 33-256 characters, unique per attempt. */
export function healthCheckSessionId(): string {
  return `cdk-agentcore-health-check-${randomUUID()}`;
}

/** Whether an invocation error is worth another attempt within the check's timeout. */
export function retryableInvokeError(e: unknown): boolean {
  const name = errorName(e);
  // 424 RuntimeClientError: the container is starting or answered 5xx; RetryableConflictException: session busy.
  if (name === 'RuntimeClientError' || name === 'RetryableConflictException') return true;
  const status = (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  if (status === 424) return true;
  return classifyError(e) === 'transient';
}

function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > OUTPUT_QUOTE_CHARS ? `${oneLine.slice(0, OUTPUT_QUOTE_CHARS)}…` : oneLine;
}

/** Compare one answer with the expectations; undefined when it passes. */
export function judge(spec: HealthCheckSpec, answer: InvokeAnswer): string | undefined {
  if (answer.status !== spec.expectedStatus) return `expected status ${spec.expectedStatus}, got ${answer.status}`;
  const { text, error } = answerText(answer.body, answer.contentType);
  if (error !== undefined) return 'the answer streams an error event';
  if (spec.expectedText !== undefined && !text.includes(spec.expectedText) && !answer.body.includes(spec.expectedText)) {
    return `the answer does not contain the expected text${answer.truncated ? ` (first ${MAX_ANSWER_BYTES} bytes searched)` : ''}`;
  }
  return undefined;
}

/**
 * Run the check against `arn` within `budgetMs` (the spec's timeout, already capped by the caller to the time its
 * invocation has left). Never throws.
 */
export async function runHealthCheck(deps: CheckDeps, arn: string, spec: HealthCheckSpec, budgetMs: number): Promise<CheckResult> {
  const { clock } = deps;
  const started = clock.now();
  const end = started + budgetMs;
  const backoff = { initialMs: deps.settings.retryInitialMs, maxMs: deps.settings.retryMaxMs };
  let lastError: unknown;
  for (let attempt = 0; ; attempt++) {
    const controller = new AbortController();
    const cancelTimer = clock.timer(end - clock.now(), () => controller.abort());
    try {
      const answer = await deps.dataPlane.invokeAgentRuntime({
        arn,
        qualifier: CHECK_QUALIFIER,
        sessionId: healthCheckSessionId(),
        payload: spec.payload,
        signal: controller.signal,
        maxBytes: MAX_ANSWER_BYTES,
      });
      const problem = judge(spec, answer);
      deps.log('health check answer', { attempt, status: answer.status, bytes: answer.body.length, passed: problem === undefined });
      if (problem === undefined) return { ok: true, attempts: attempt + 1 };
      return { ok: false, reason: problem, output: quote(answer.body), attempts: attempt + 1 };
    } catch (e) {
      const secs = `${Math.round(budgetMs / 100) / 10}s`;
      if (controller.signal.aborted) {
        if (lastError === undefined) return { ok: false, reason: `no complete answer within ${secs}`, attempts: attempt + 1 };
        return { ok: false, reason: `InvokeAgentRuntime failed after ${attempt + 1} attempts in ${secs}`, output: quote(describeError(lastError)), attempts: attempt + 1 };
      }
      lastError = e;
      deps.log('health check error', { attempt, error: errorName(e) });
      const delay = backoffDelay(attempt, backoff);
      if (!retryableInvokeError(e)) {
        const hint = classifyError(e) === 'access-denied' ? ' (the provider needs bedrock-agentcore:InvokeAgentRuntime)' : '';
        const tries = attempt > 0 ? ` after ${attempt + 1} attempts` : '';
        return { ok: false, reason: `InvokeAgentRuntime failed${tries}${hint}`, output: quote(describeError(e)), attempts: attempt + 1 };
      }
      if (clock.now() + delay >= end) {
        return { ok: false, reason: `InvokeAgentRuntime failed after ${attempt + 1} attempts in ${secs}`, output: quote(describeError(e)), attempts: attempt + 1 };
      }
      await sleep(clock, delay);
    } finally {
      cancelTimer();
    }
  }
}
