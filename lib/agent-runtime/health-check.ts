import type { Duration } from 'aws-cdk-lib';

/**
 * A check the provider runs against every new runtime version before it reports success: it invokes the version
 * through the data plane (`InvokeAgentRuntime` with a fresh session) and compares the answer. A failing check fails
 * the deployment with the check's output, and CloudFormation rolls back; endpoints that follow
 * `EndpointVersion.latest()` never move to a version that failed.
 */
export interface HealthCheck {
  /** The request body, e.g. `JSON.stringify({ prompt: 'ping' })` (1-4096 characters). */
  readonly payload: string;

  /**
   * The HTTP status the agent must answer with (100-599).
   *
   * @default 200
   */
  readonly expectedStatus?: number;

  /**
   * Text the answer must contain, 1-1024 characters (searched in the whole streamed answer, events concatenated).
   *
   * @default - any answer
   */
  readonly expectedText?: string;

  /**
   * How long the check may take, including the container's cold start (5-90 seconds).
   *
   * @default Duration.seconds(60)
   */
  readonly timeout?: Duration;
}
