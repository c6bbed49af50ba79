/**
 * What every lifecycle step receives: the CloudFormation event fields it reads and its dependencies
 * (control plane, budgets, deadline, logger), plus the helpers derived from the event.
 */
import type { ControlPlane } from './api';
import { clientToken } from './client-token';
import type { TokenOperation } from './client-token';
import type { Clock, Deadline } from './clock';
import type { DataPlane } from './health-check';
import type { Logger } from './log';
import type { Owner } from './ownership';
import type { Settings } from './settings';

/** The fields of a CloudFormation custom-resource event the lifecycle reads. */
export interface LifecycleEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly StackId: string;
  readonly LogicalResourceId: string;
  readonly RequestId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: Record<string, unknown>;
  readonly OldResourceProperties?: Record<string, unknown>;
}

/** What a lifecycle step needs. */
export interface Deps {
  readonly api: ControlPlane;
  /** The data plane, for health checks. */
  readonly dataPlane: DataPlane;
  readonly settings: Settings;
  /** The only source of time of the lifecycle (tests pass a virtual one). */
  readonly clock: Clock;
  /** Nothing may start after this (Lambda remaining time minus the safety margin). */
  readonly deadline: Deadline;
  readonly log: Logger;
}

/** The CloudFormation resource the event is for. */
export function ownerOf(event: LifecycleEvent): Owner {
  return { stackId: event.StackId, logicalResourceId: event.LogicalResourceId };
}

/** The client token of one mutation of this request. */
export function token(event: LifecycleEvent, op: TokenOperation): string {
  return clientToken(event.StackId, event.LogicalResourceId, event.RequestId, op);
}
