/**
 * What AWS SDK errors mean, for the provider Lambda and the invoke CLI alike: the error names (throttling, transient
 * service errors, socket errors, credentials and access), the classification the lifecycle acts on (retry, retry for
 * IAM propagation, treat as missing, resolve a conflict, fail), and one-line descriptions that say what happened also
 * when the answer was not an AWS error at all (an HTML page from a proxy, an empty 503).
 */
import { STATUS_CODES } from 'http';

/** What an error means for the caller. */
export type ErrorKind = 'transient' | 'propagation' | 'not-found' | 'conflict' | 'access-denied' | 'fatal';

/** "Slow down": the request was not executed and may be retried after a pause. */
const THROTTLING_NAMES = new Set([
  'ThrottlingException', 'ThrottledException', 'TooManyRequestsException', 'Throttling', 'RequestLimitExceeded', 'SlowDown',
  'ProvisionedThroughputExceededException',
]);
const TRANSIENT_NAMES = new Set(['InternalServerException', 'ServiceException', 'ServiceUnavailableException', 'RetryableConflictException', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
/** The request never got an answer. */
const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET']);
/** Credentials that are missing, wrong or expired, or a request they do not allow. */
const AUTH_NAMES = new Set([
  'AccessDeniedException', 'AccessDenied', 'UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException',
  'ExpiredToken', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'MissingAuthenticationToken', 'IncompleteSignature',
  'InvalidAccessKeyId', 'TokenRefreshRequired',
]);
/** ValidationException messages that mean "the execution role has not propagated yet" (as the Terraform provider retries). */
const PROPAGATION_MESSAGES = [/Role validation failed/i, /Access denied while validating ECR URI/i];
/** Names the SDK gives an answer that carried no AWS error type (or could not be parsed at all). */
const UNTYPED_NAMES = new Set(['Unknown', 'UnknownError', 'SyntaxError']);
/** Characters of a non-AWS error body quoted in a description. */
const EXCERPT_CHARS = 200;

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; headers?: Record<string, string | undefined>; body?: unknown };
}

function fields(e: unknown): SdkErrorLike {
  return typeof e === 'object' && e !== null ? (e as SdkErrorLike) : { message: String(e) };
}

/** Error name as the SDK reports it (`ThrottlingException`, `TimeoutError`, `ECONNRESET`, ...). */
export function errorName(e: unknown): string {
  const f = fields(e);
  return f.name && f.name !== 'Error' ? f.name : f.code ?? f.name ?? 'Error';
}

/** The HTTP status of the answer an error came from, if there was one. */
export function httpStatus(e: unknown): number | undefined {
  const f = fields(e);
  return f.$metadata?.httpStatusCode ?? f.$response?.statusCode;
}

/** Whether the error means "slow down" (throttled requests are not executed, so a retry repeats nothing). */
export function isThrottling(e: unknown): boolean {
  return THROTTLING_NAMES.has(errorName(e)) || httpStatus(e) === 429;
}

/** Whether the error is about the caller's credentials or permissions (missing, invalid, expired, access denied). */
export function isAuthError(e: unknown): boolean {
  return AUTH_NAMES.has(errorName(e));
}

/** Whether the request never got an answer (refused, reset, timed out, no DNS). */
export function isNetworkError(e: unknown): boolean {
  const f = fields(e);
  if ((f.code && SOCKET_CODES.has(f.code)) || SOCKET_CODES.has(f.name ?? '')) return true;
  // No HTTP status: the request never got an answer (the SDK wraps socket errors as "AWS SDK error wrapper for …").
  return httpStatus(e) === undefined && f.name !== 'ProviderError'
    && /SDK error wrapper|socket|network|ECONN|EPIPE|timed? ?out|TimeoutError|hang up/i.test(f.message ?? '');
}

/** Classify an SDK error. */
export function classifyError(e: unknown): ErrorKind {
  const f = fields(e);
  const name = f.name ?? '';
  const message = f.message ?? '';
  const status = httpStatus(e);
  if (isThrottling(e) || TRANSIENT_NAMES.has(name) || (status !== undefined && status >= 500)) return 'transient';
  if (name === 'ServiceQuotaExceededException' && /service[- ]linked role/i.test(message)) return 'transient';
  if (name === 'ValidationException' && PROPAGATION_MESSAGES.some((re) => re.test(message))) return 'propagation';
  if (name === 'ResourceNotFoundException') return 'not-found';
  if (name === 'ConflictException') return 'conflict';
  if (name === 'AccessDeniedException') return 'access-denied';
  if (isNetworkError(e)) return 'transient';
  return 'fatal';
}

/** Whether an AccessDeniedException is the "not authorized" answer AgentCore gives for a runtime that does not exist. */
export function isNotAuthorizedMessage(e: unknown): boolean {
  return /not authorized|was not found/i.test(fields(e).message ?? '');
}

/** An HTTP answer that was not an AWS error: its status, content type and the start of its body. */
export interface RawHttpAnswer {
  readonly status: number;
  readonly contentType?: string;
  /** The body on one line (tags of an HTML page removed), at most 200 characters; empty for an empty body. */
  readonly excerpt: string;
}

function bodyText(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return undefined;
}

/**
 * The HTTP answer behind an error that carries no AWS error type: a body that is not JSON (an HTML page from a load
 * balancer or proxy: the SDK reports a `SyntaxError`), or an answer without an error type (an empty 503: the SDK
 * reports `Unknown: UnknownError`). Undefined for AWS errors and errors without an HTTP answer. The body excerpt needs
 * {@link keepErrorBodies} on the client (the SDK consumes the body otherwise).
 */
export function rawHttpAnswer(e: unknown): RawHttpAnswer | undefined {
  const f = fields(e);
  const status = httpStatus(e);
  if (status === undefined || !UNTYPED_NAMES.has(errorName(e))) return undefined;
  const headers = f.$response?.headers ?? {};
  const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  let text = bodyText(f.$response?.body);
  if (text === undefined) {
    // the SDK's JSON parse error quotes the start of the body: `Unexpected token '<', "<html><hea"... is not valid JSON`
    const quoted = /"(.*)"(\.\.\.)? is not valid JSON/.exec(f.message ?? '');
    text = quoted ? `${quoted[1]}${quoted[2] ? '…' : ''}` : '';
  } else if (/html/i.test(contentType ?? '') || /^\s*<(!doctype|html)/i.test(text)) {
    text = text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
  }
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return {
    status,
    ...(contentType ? { contentType } : {}),
    excerpt: oneLine.length > EXCERPT_CHARS ? `${oneLine.slice(0, EXCERPT_CHARS)}…` : oneLine,
  };
}

/** `HTTP 502 Bad Gateway with a text/html body: "502 Bad Gateway nginx"`, `HTTP 503 Service Unavailable with an empty body`. */
export function describeRawAnswer(answer: RawHttpAnswer): string {
  const status = `HTTP ${answer.status}${STATUS_CODES[answer.status] ? ` ${STATUS_CODES[answer.status]}` : ''}`;
  if (answer.excerpt === '') return `${status} with an empty body`;
  return `${status} with ${answer.contentType ? `a ${answer.contentType} body` : 'a body'}: "${answer.excerpt}"`;
}

/**
 * One-line description `<name>: <message>` with line breaks removed (the message may come from the service); for an
 * answer that was not an AWS error, its HTTP status and the start of its body instead of the SDK's parse error.
 */
export function describeError(e: unknown): string {
  const raw = rawHttpAnswer(e);
  if (raw) return describeRawAnswer(raw);
  const f = fields(e);
  const msg = (f.message ?? '').replace(/[\r\n]+/g, ' ').trim();
  const name = errorName(e);
  return msg ? `${name}: ${msg}` : name;
}

interface MiddlewareClient {
  readonly middlewareStack: {
    add(middleware: (next: (args: any) => Promise<any>) => (args: any) => Promise<any>, options: Record<string, unknown>): void;
  };
}

/**
 * Makes the body of every error answer (HTTP status ≥ 300) readable after the SDK has parsed it, so that
 * {@link rawHttpAnswer} can quote a body that was not an AWS error. It reads that body into memory before the SDK's
 * deserializer (error bodies are small; successful answers are never touched, so streaming is unaffected).
 */
export function keepErrorBodies(client: MiddlewareClient): void {
  client.middlewareStack.add((next) => async (args) => {
    const out = await next(args);
    const response = out?.response as { statusCode?: number; body?: unknown } | undefined;
    const body = response?.body as AsyncIterable<Uint8Array | string> | undefined;
    if (response && (response.statusCode ?? 200) >= 300 && body && typeof body[Symbol.asyncIterator] === 'function') {
      const parts: Buffer[] = [];
      for await (const chunk of body) parts.push(Buffer.from(chunk));
      response.body = new Uint8Array(Buffer.concat(parts));
    }
    return out;
  }, { step: 'deserialize', priority: 'low', name: 'cdkAgentCoreKeepErrorBodies', override: true });
}
