/**
 * Errors of the invoke CLI: the exit codes it documents, a {@link CliError} that carries one, and the mapping of AWS SDK
 * errors (by their `name`) to a message a user can act on.
 */

/** Exit codes of `cdk-agentcore`; documented in the README and in `--help`. */
export const ExitCode = {
  /** The agent answered (the whole stream was read). */
  OK: 0,
  /** Any other failure: the agent failed (RuntimeClientError), a service error, a network error, an error event in the stream. */
  FAILURE: 1,
  /** Bad command line: unknown or conflicting options, invalid JSON payload, session id of the wrong length. */
  USAGE: 2,
  /** The runtime, its endpoint (qualifier), the SSM parameter, the stack or the stack output does not exist. */
  NOT_FOUND: 3,
  /** Still throttled after the retries. */
  THROTTLED: 4,
  /** No usable AWS credentials, or access denied. */
  AUTH: 5,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error with a message meant for the user and the exit code the CLI ends with. */
export class CliError extends Error {
  constructor(message: string, public readonly exitCode: ExitCodeValue = ExitCode.FAILURE) {
    super(message);
    this.name = 'CliError';
  }
}

/** A {@link CliError} with exit code 2 (usage). */
export function usageError(message: string): CliError {
  return new CliError(message, ExitCode.USAGE);
}

/** What the CLI was doing when an SDK call failed, to name it in the message. */
export interface ErrorContext {
  /** The runtime ARN invoked, when known. */
  readonly runtimeArn?: string;
  /** The endpoint name invoked. */
  readonly qualifier?: string;
  /** How the runtime ARN was found, e.g. `SSM parameter /agentcore/dev/runtime/agent_runtime_arn`. */
  readonly source?: string;
  /** How many attempts were made (throttling). */
  readonly attempts?: number;
  /** `--profile`, when given. */
  readonly profile?: string;
}

const THROTTLING = new Set([
  'ThrottlingException', 'ThrottledException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded',
  'SlowDown', 'ProvisionedThroughputExceededException',
]);
const AUTH = new Set([
  'AccessDeniedException', 'AccessDenied', 'UnrecognizedClientException', 'InvalidSignatureException',
  'ExpiredTokenException', 'ExpiredToken', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'MissingAuthenticationToken',
  'IncompleteSignature', 'InvalidAccessKeyId', 'TokenRefreshRequired',
]);
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/** The SDK error name (`name`, else `code`, else `Error`). */
function errorName(err: unknown): string {
  const e = err as { name?: unknown; code?: unknown } | undefined;
  if (typeof e?.name === 'string' && e.name !== 'Error') return e.name;
  if (typeof e?.code === 'string') return e.code;
  return 'Error';
}

function errorMessage(err: unknown): string {
  const message = (err as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message.length > 0 ? message : String(err);
}

function httpStatus(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

/** True when the error means "slow down": the request was not executed and may be retried after a pause. */
export function isThrottling(err: unknown): boolean {
  const name = errorName(err);
  return THROTTLING.has(name) || (httpStatus(err) === 429 && !(err instanceof CliError));
}

function describeTarget(ctx: ErrorContext): string {
  const qualifier = ctx.qualifier ? ` (endpoint ${ctx.qualifier})` : '';
  const source = ctx.source ? `, resolved from ${ctx.source}` : '';
  return `${ctx.runtimeArn ?? 'the agent runtime'}${qualifier}${source}`;
}

/**
 * Maps any error thrown while resolving or invoking the runtime to a {@link CliError} with a message naming what failed
 * and what to do about it. A {@link CliError} is returned unchanged.
 */
export function toCliError(err: unknown, ctx: ErrorContext = {}): CliError {
  if (err instanceof CliError) return err;
  const name = errorName(err);
  const message = errorMessage(err);
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    if (ctx.profile) {
      return new CliError(`No AWS credentials found for profile '${ctx.profile}': check that it exists in ~/.aws/config or ~/.aws/credentials, `
        + `or run 'aws sso login --profile ${ctx.profile}'. (${message})`, ExitCode.AUTH);
    }
    return new CliError(
      'No AWS credentials found: set AWS_PROFILE (or pass --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, '
      + `or run 'aws sso login' / 'aws configure'. (${message})`, ExitCode.AUTH);
  }
  if (/region is missing/i.test(message)) {
    return new CliError('No AWS region: pass --region or set AWS_REGION (or a region in your AWS profile).', ExitCode.USAGE);
  }
  if (AUTH.has(name)) {
    const what = ctx.runtimeArn ? ` invoking ${describeTarget(ctx)}` : '';
    return new CliError(`Access denied${what}: ${name}: ${message}`, ExitCode.AUTH);
  }
  if (isThrottling(err)) {
    const attempts = ctx.attempts ? ` after ${ctx.attempts} attempt${ctx.attempts === 1 ? '' : 's'}` : '';
    return new CliError(`Throttled${attempts} invoking ${describeTarget(ctx)}: ${name}: ${message}. Wait a moment and try again, `
      + 'or ask for a higher quota.', ExitCode.THROTTLED);
  }
  if (name === 'ResourceNotFoundException') {
    return new CliError(`Agent runtime not found: ${describeTarget(ctx)}. The service said: ${message}. `
      + 'Check the ARN, the region and account of your credentials, and that the endpoint (--qualifier) exists.', ExitCode.NOT_FOUND);
  }
  if (name === 'RuntimeClientError') {
    return new CliError(`The agent failed${ctx.runtimeArn ? ` (${describeTarget(ctx)})` : ''}: ${message}`, ExitCode.FAILURE);
  }
  if (name === 'ValidationException') {
    return new CliError(`The request was rejected: ${message}`, ExitCode.FAILURE);
  }
  if (NETWORK.has(name) || NETWORK.has(String((err as { code?: unknown })?.code))) {
    return new CliError(`Could not reach the AWS endpoint (${name}): ${message}. Check your network, region and any AWS_ENDPOINT_URL_* setting.`, ExitCode.FAILURE);
  }
  const status = httpStatus(err);
  return new CliError(`${name}: ${message}${status ? ` (HTTP ${status})` : ''}`, ExitCode.FAILURE);
}
