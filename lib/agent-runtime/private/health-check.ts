import { Token } from 'aws-cdk-lib';
import { HEALTH_CHECK } from '../../private/contract';
import type { HealthCheckProperties } from '../../private/contract';
import { ValidationErrors } from '../../private/validation';
import type { HealthCheck } from '../health-check';

/** Renders a health check as the provider's `CdkAgentCore.HealthCheck` property, validating it. */
export function renderHealthCheck(check: HealthCheck | undefined, errors: ValidationErrors): HealthCheckProperties | undefined {
  if (!check) return undefined;
  if (!Token.isUnresolved(check.payload)) errors.length('healthCheck.payload', check.payload, 1, HEALTH_CHECK.maxPayloadChars);
  if (check.expectedStatus !== undefined) errors.range('healthCheck.expectedStatus', check.expectedStatus, HEALTH_CHECK.minStatus, HEALTH_CHECK.maxStatus);
  errors.length('healthCheck.expectedText', check.expectedText, 1, HEALTH_CHECK.maxExpectedTextChars);
  const timeoutSeconds = check.timeout?.toSeconds() ?? HEALTH_CHECK.defaultTimeoutSeconds;
  if (!check.timeout?.isUnresolved()) {
    errors.range('healthCheck.timeout', timeoutSeconds, HEALTH_CHECK.minTimeoutSeconds, HEALTH_CHECK.maxTimeoutSeconds, 'seconds');
  }
  return {
    Payload: check.payload,
    ExpectedStatus: check.expectedStatus ?? HEALTH_CHECK.defaultExpectedStatus,
    ExpectedText: check.expectedText,
    TimeoutSeconds: timeoutSeconds,
  };
}
