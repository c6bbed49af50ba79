/**
 * Provider Lambda for `Custom::BedrockAgentCoreRuntime` and `Custom::BedrockAgentCoreResourcePolicy` (aws-cdk-lib
 * custom-resources Provider framework). Handlers: `index.onEvent` and `index.isComplete`. This file only wires the SDK
 * client, settings and logging to the lifecycles, dispatched by ResourceType: `resource-policy.ts` for
 * `Custom::BedrockAgentCoreResourcePolicy`, `lifecycle.ts` for everything else (the runtime).
 *
 * Environment variables (all optional; budgets in milliseconds, defaults in parentheses):
 *   AWS_REGION                                  region of the control-plane client (set by Lambda)
 *   AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL  control-plane endpoint override (tests, emulators)
 *   AWS_ENDPOINT_URL_BEDROCK_AGENTCORE          data-plane endpoint override, for health checks (tests, emulators)
 *   AGENTCORE_PROVIDER_HTTP_TIMEOUT_MS          per-request socket timeout of the SDK client (10000)
 *   AGENTCORE_PROVIDER_PROPAGATION_BUDGET_MS    retry IAM-propagation ValidationExceptions on Create/Update (120000)
 *   AGENTCORE_PROVIDER_RETRY_BUDGET_MS          retry throttling/5xx/socket errors/ConflictException per call (90000)
 *   AGENTCORE_PROVIDER_RETRY_INITIAL_MS         first backoff delay between mutation retries (1000)
 *   AGENTCORE_PROVIDER_RETRY_MAX_MS             largest backoff delay between mutation retries (10000)
 *   AGENTCORE_PROVIDER_ON_EVENT_WAIT_MS         onEvent polls GetAgentRuntime this long after a mutation (60000)
 *   AGENTCORE_PROVIDER_IS_COMPLETE_WAIT_MS      one isComplete invocation polls this long (30000)
 *   AGENTCORE_PROVIDER_POLL_INITIAL_MS          first delay between polls, also the READY confirmation delay (250)
 *   AGENTCORE_PROVIDER_POLL_MAX_MS              largest delay between polls in onEvent (1000)
 *   AGENTCORE_PROVIDER_IS_COMPLETE_POLL_MAX_MS  largest delay between polls in isComplete (2000)
 *   AGENTCORE_PROVIDER_NOT_FOUND_GRACE_MS       read-after-write grace for a just-created runtime (60000)
 *   AGENTCORE_PROVIDER_MAX_WAIT_MS              wall-clock limit of one operation before FAILED (1500000)
 *   AGENTCORE_PROVIDER_SAFETY_MARGIN_MS         time kept free before the Lambda timeout (15000)
 *
 * Deployed timing these defaults assume: onEvent timeout 5 min, isComplete timeout 3 min (30 s of polling plus a
 * health check of at most 90 s plus the margin), waiter
 * queryInterval 15 s / totalTimeout 30 min, CustomResource ServiceTimeout 45 min.
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
import { handlePolicyIsComplete, handlePolicyOnEvent, isResourcePolicyEvent } from './resource-policy';
import type { PolicyIsCompleteResult, PolicyOnEventResult } from './resource-policy';
import { ProviderError, redactSecrets } from './response';
import { loadSettings } from './settings';
import { describeError, errorName } from '../../internal/errors';

const httpTimeout = Number(process.env.AGENTCORE_PROVIDER_HTTP_TIMEOUT_MS) || 10_000;
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
  const remaining = context?.getRemainingTimeInMillis?.() ?? 5 * 60_000;
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
export async function onEvent(event: CloudFormationCustomResourceEvent, context?: Context): Promise<OnEventResult | PolicyOnEventResult> {
  log('onEvent', summary(event));
  try {
    if (isResourcePolicyEvent(event)) {
      const done = await handlePolicyOnEvent(event as LifecycleEvent, deps(context));
      log('onEvent done', { physicalResourceId: done.PhysicalResourceId });
      return done;
    }
    const result = await handleOnEvent(event as LifecycleEvent, deps(context));
    log('onEvent done', { physicalResourceId: result.PhysicalResourceId, ready: result.Data !== undefined });
    return result;
  } catch (e) {
    log('onEvent failed', { error: errorName(e) });
    throw reportable(e, event);
  }
}

/** Provider framework isComplete handler (Lambda handler `index.isComplete`). */
export async function isComplete(event: CloudFormationCustomResourceEvent, context?: Context): Promise<IsCompleteResult | PolicyIsCompleteResult> {
  log('isComplete', summary(event));
  try {
    const result = isResourcePolicyEvent(event) ? handlePolicyIsComplete() : await handleIsComplete(event as LifecycleEvent, deps(context));
    log('isComplete done', { complete: result.IsComplete });
    return result;
  } catch (e) {
    log('isComplete failed', { error: errorName(e) });
    throw reportable(e, event);
  }
}
