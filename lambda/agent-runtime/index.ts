/**
 * Provider Lambda for `Custom::BedrockAgentCoreRuntime` (aws-cdk-lib Provider framework, onEvent + isComplete). This
 * module only wires the SDK client, settings and logging to the lifecycle (`lifecycle.ts`).
 *
 * Environment variables (all optional; budgets in milliseconds, defaults from `HANDLER_BUDGETS` of the contract,
 * `lib/private/contract/timing.ts`, which also holds the deployed Lambda and waiter timing they fit):
 *   AWS_REGION                                  region of the control-plane client (set by Lambda)
 *   AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL  control-plane endpoint override (tests, emulators)
 *   AWS_ENDPOINT_URL_BEDROCK_AGENTCORE          data-plane endpoint override, for health checks (tests, emulators)
 *   AGENTCORE_PROVIDER_HTTP_TIMEOUT_MS          per-request socket timeout of the SDK client
 *   AGENTCORE_PROVIDER_*_MS                     the budgets of `settings.ts` (SETTINGS_ENV names each one)
 */
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { sdkControlPlane } from './api';
import { Deadline, SYSTEM_CLOCK } from './clock';
import type { DataPlane } from './health-check';
import { handleIsComplete, handleOnEvent } from './lifecycle';
import type { Deps, IsCompleteResult, LifecycleEvent, OnEventResult } from './lifecycle';
import { log } from './log';
import { InvalidPropertiesError } from './properties';
import { ProviderError, redactSecrets } from './response';
import { HTTP_TIMEOUT_ENV, loadSettings } from './settings';
import { describeError, errorName } from '../../internal/errors';
import { HANDLER_BUDGETS, PROVIDER_TIMING } from '../../lib/private/contract';

const httpTimeout = Number(process.env[HTTP_TIMEOUT_ENV]) || HANDLER_BUDGETS.httpTimeoutMs;
const client = new BedrockAgentCoreControlClient({
  region: process.env.AWS_REGION,
  ...(process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL ? { endpoint: process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL } : {}),
  // The lifecycle retries with its own jittered backoff and budgets; one SDK attempt per call.
  maxAttempts: 1,
  requestHandler: { requestTimeout: httpTimeout, connectionTimeout: Math.min(httpTimeout, 5_000), throwOnRequestTimeout: true },
});
const api = sdkControlPlane(client);
// Health checks only: the data-plane SDK is loaded on first use (esbuild keeps it a lazy module), so runtimes without a
// check pay nothing at cold start. One attempt per call, cut by the check's own deadline (abort signal) rather than by a
// socket timeout, since an agent may think for a while between streamed events.
let sdkDataPlane: Promise<DataPlane> | undefined;
const dataPlane: DataPlane = {
  async invokeAgentRuntime(input) {
    sdkDataPlane ??= import('./data-plane.js').then((m) => m.sdkDataPlane(new m.BedrockAgentCoreClient({
      region: process.env.AWS_REGION,
      ...(process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE ? { endpoint: process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE } : {}),
      maxAttempts: 1,
      requestHandler: { connectionTimeout: Math.min(httpTimeout, 5_000) },
    })));
    return (await sdkDataPlane).invokeAgentRuntime(input);
  },
};

function deps(context: Context | undefined): Deps {
  const settings = loadSettings(process.env);
  const remaining = context?.getRemainingTimeInMillis?.() ?? PROVIDER_TIMING.onEventTimeoutMs;
  const clock = SYSTEM_CLOCK;
  return { api, dataPlane, settings, clock, deadline: Deadline.in(Math.max(0, remaining - settings.safetyMarginMs), clock), log };
}

function summary(event: CloudFormationCustomResourceEvent): Record<string, string | undefined> {
  return {
    requestType: event.RequestType,
    resourceType: event.ResourceType,
    logicalResourceId: event.LogicalResourceId,
    physicalResourceId: 'PhysicalResourceId' in event ? event.PhysicalResourceId : undefined,
  };
}

/**
 * Report a failure to the framework as a short single-line error (its stack becomes the CloudFormation Reason),
 * with environment-variable values redacted.
 */
function reportable(e: unknown, event: CloudFormationCustomResourceEvent): ProviderError {
  const message = e instanceof ProviderError || e instanceof InvalidPropertiesError ? e.message : `unexpected error: ${describeError(e)}`;
  return new ProviderError(redactSecrets(message, event.ResourceProperties, 'OldResourceProperties' in event ? event.OldResourceProperties : undefined));
}

/** Provider framework onEvent handler (Lambda handler `index.onEvent`). */
export async function onEvent(event: CloudFormationCustomResourceEvent, context?: Context): Promise<OnEventResult> {
  log('onEvent', summary(event));
  try {
    const result = await handleOnEvent(event as LifecycleEvent, deps(context));
    log('onEvent done', { physicalResourceId: result.PhysicalResourceId, ready: result.Data !== undefined });
    return result;
  } catch (e) {
    log('onEvent failed', { error: errorName(e) });
    throw reportable(e, event);
  }
}

/** Provider framework isComplete handler (Lambda handler `index.isComplete`). */
export async function isComplete(event: CloudFormationCustomResourceEvent, context?: Context): Promise<IsCompleteResult> {
  log('isComplete', summary(event));
  try {
    const result = await handleIsComplete(event as LifecycleEvent, deps(context));
    log('isComplete done', { complete: result.IsComplete });
    return result;
  } catch (e) {
    log('isComplete failed', { error: errorName(e) });
    throw reportable(e, event);
  }
}
