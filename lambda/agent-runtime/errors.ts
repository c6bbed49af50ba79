/**
 * Classification of AWS SDK errors from the AgentCore control plane into the decisions the lifecycle
 * takes: retry (transient), retry for IAM propagation, treat as missing, resolve a conflict, or fail.
 */

/** What an error means for the caller. */
export type ErrorKind = 'transient' | 'propagation' | 'not-found' | 'conflict' | 'access-denied' | 'fatal';

const THROTTLING_NAMES = new Set(['ThrottlingException', 'ThrottledException', 'TooManyRequestsException', 'Throttling', 'RequestLimitExceeded', 'SlowDown']);
const TRANSIENT_NAMES = new Set(['InternalServerException', 'ServiceException', 'ServiceUnavailableException', 'RetryableConflictException', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET']);
/** ValidationException messages that mean "the execution role has not propagated yet" (as the Terraform provider retries). */
const PROPAGATION_MESSAGES = [/Role validation failed/i, /Access denied while validating ECR URI/i];

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

function fields(e: unknown): SdkErrorLike {
  return typeof e === 'object' && e !== null ? (e as SdkErrorLike) : { message: String(e) };
}

/** Error name as the SDK reports it (`ThrottlingException`, `TimeoutError`, `ECONNRESET`, ...). */
export function errorName(e: unknown): string {
  const f = fields(e);
  return f.name && f.name !== 'Error' ? f.name : f.code ?? f.name ?? 'Error';
}

/** Classify an SDK error. */
export function classifyError(e: unknown): ErrorKind {
  const f = fields(e);
  const name = f.name ?? '';
  const message = f.message ?? '';
  const status = f.$metadata?.httpStatusCode;
  if (THROTTLING_NAMES.has(name) || TRANSIENT_NAMES.has(name) || status === 429 || (status !== undefined && status >= 500)) return 'transient';
  if ((f.code && SOCKET_CODES.has(f.code)) || SOCKET_CODES.has(name)) return 'transient';
  if (name === 'ServiceQuotaExceededException' && /service[- ]linked role/i.test(message)) return 'transient';
  if (name === 'ValidationException' && PROPAGATION_MESSAGES.some((re) => re.test(message))) return 'propagation';
  if (name === 'ResourceNotFoundException') return 'not-found';
  if (name === 'ConflictException') return 'conflict';
  if (name === 'AccessDeniedException') return 'access-denied';
  // No HTTP status: the request never got an answer (the SDK wraps socket errors as "AWS SDK error wrapper for …").
  if (status === undefined && name !== 'ProviderError' && /SDK error wrapper|socket|network|ECONN|EPIPE|timed? ?out|TimeoutError|hang up/i.test(message)) {
    return 'transient';
  }
  return 'fatal';
}

/** Whether an AccessDeniedException is the "not authorized" answer AgentCore gives for a runtime that does not exist. */
export function isNotAuthorizedMessage(e: unknown): boolean {
  return /not authorized|was not found/i.test(fields(e).message ?? '');
}

/** One-line description `<name>: <message>` with line breaks removed (the message may come from the service). */
export function describeError(e: unknown): string {
  const f = fields(e);
  const msg = (f.message ?? '').replace(/[\r\n]+/g, ' ').trim();
  const name = errorName(e);
  return msg ? `${name}: ${msg}` : name;
}
