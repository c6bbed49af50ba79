import { Duration, Token } from 'aws-cdk-lib';
import { ValidationErrors } from '../private/validation';

/**
 * A check the provider runs against every new runtime version before it reports success: it invokes the version
 * through the data plane (`InvokeAgentRuntime` with a fresh session) and compares the answer. A failing check fails
 * the deployment with the check's output, and CloudFormation rolls back; endpoints that follow
 * `EndpointVersion.latest()` never move to a version that failed.
 */
export interface HealthCheck {
  /** The request body, e.g. `JSON.stringify({ prompt: 'ping' })`. */
  readonly payload: string;

  /**
   * The HTTP status the agent must answer with.
   *
   * @default 200
   */
  readonly expectedStatus?: number;

  /**
   * Text the answer must contain (the whole streamed answer, events concatenated).
   *
   * @default - any answer
   */
  readonly expectedText?: string;

  /**
   * How long the check may take, including the container's cold start (at most 90 seconds).
   *
   * @default Duration.seconds(60)
   */
  readonly timeout?: Duration;
}

/** Renders a health check as the provider's `HealthCheck` property, validating it. */
export function renderHealthCheck(check: HealthCheck | undefined, errors: ValidationErrors): Record<string, unknown> | undefined {
  if (!check) return undefined;
  const timeout = check.timeout ?? Duration.seconds(60);
  if (!Token.isUnresolved(check.payload)) {
    errors.length('healthCheck.payload', check.payload, 1, 4096);
  }
  if (check.expectedStatus !== undefined) errors.range('healthCheck.expectedStatus', check.expectedStatus, 100, 599);
  errors.length('healthCheck.expectedText', check.expectedText, 1, 1024);
  if (!timeout.isUnresolved()) errors.range('healthCheck.timeout', timeout.toSeconds(), 5, 90, 'seconds');
  return {
    Payload: check.payload,
    ExpectedStatus: check.expectedStatus ?? 200,
    ExpectedText: check.expectedText,
    TimeoutSeconds: timeout.toSeconds(),
  };
}
