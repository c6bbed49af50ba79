/**
 * Errors of the invoke CLI: the exit codes it documents, a {@link CliError} that carries one, and the mapping of AWS SDK
 * errors (named and classified by `internal/errors.ts`) to a message a user can act on.
 */
import { describeError, describeRawAnswer, errorName, httpStatus, isAuthError, isNetworkError, isThrottling, rawHttpAnswer } from '../internal/errors';

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
  /** Interrupted (Ctrl-C, SIGINT): 128 + 2, as shells report it. */
  INTERRUPTED: 130,
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

function describeTarget(ctx: ErrorContext): string {
  const qualifier = ctx.qualifier ? ` (endpoint ${ctx.qualifier})` : '';
  const source = ctx.source ? `, resolved from ${ctx.source}` : '';
  return `${ctx.runtimeArn ?? 'the agent runtime'}${qualifier}${source}`;
}

/** What to do about an answer that was not an AWS error, by its status. */
function rawAnswerAdvice(status: number): string {
  if (status >= 500) {
    return 'The service, or a proxy or load balancer on the way, failed. Try again in a moment; if it keeps failing, check '
      + 'any HTTPS_PROXY and AWS_ENDPOINT_URL_* settings and the AWS Health Dashboard for the region.';
  }
  return 'Something on the way answered instead of the AWS service: check any HTTPS_PROXY and AWS_ENDPOINT_URL_* settings '
    + 'and the region.';
}

/**
 * Maps any error thrown while resolving or invoking the runtime to a {@link CliError} with a message naming what failed
 * and what to do about it. A {@link CliError} is returned unchanged.
 */
export function toCliError(err: unknown, ctx: ErrorContext = {}): CliError {
  if (err instanceof CliError) return err;
  const name = errorName(err);
  const message = (err as { message?: unknown } | undefined)?.message;
  const text = typeof message === 'string' && message.length > 0 ? message : String(err);
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(text)) {
    if (ctx.profile) {
      return new CliError(`No AWS credentials found for profile '${ctx.profile}': check that it exists in ~/.aws/config or ~/.aws/credentials, `
        + `or run 'aws sso login --profile ${ctx.profile}'. (${text})`, ExitCode.AUTH);
    }
    return new CliError(
      'No AWS credentials found: set AWS_PROFILE (or pass --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, '
      + `or run 'aws sso login' / 'aws configure'. (${text})`, ExitCode.AUTH);
  }
  if (/region is missing/i.test(text)) {
    return new CliError('No AWS region: pass --region or set AWS_REGION (or a region in your AWS profile).', ExitCode.USAGE);
  }
  const raw = rawHttpAnswer(err);
  if (raw) {
    const what = ctx.runtimeArn ? `Invoking ${describeTarget(ctx)}` : 'The AWS request';
    return new CliError(`${what} got ${describeRawAnswer(raw)}, not an AWS answer. ${rawAnswerAdvice(raw.status)}`, ExitCode.FAILURE);
  }
  if (isAuthError(err)) {
    const what = ctx.runtimeArn ? ` invoking ${describeTarget(ctx)}` : '';
    return new CliError(`Access denied${what}: ${name}: ${text}`, ExitCode.AUTH);
  }
  if (isThrottling(err)) {
    const attempts = ctx.attempts ? ` after ${ctx.attempts} attempt${ctx.attempts === 1 ? '' : 's'}` : '';
    return new CliError(`Throttled${attempts} invoking ${describeTarget(ctx)}: ${name}: ${text}. Wait a moment and try again, `
      + 'or ask for a higher quota.', ExitCode.THROTTLED);
  }
  if (name === 'ResourceNotFoundException') {
    return new CliError(`Agent runtime not found: ${describeTarget(ctx)}. The service said: ${text}. `
      + 'Check the ARN, the region and account of your credentials, and that the endpoint (--qualifier) exists.', ExitCode.NOT_FOUND);
  }
  if (name === 'RuntimeClientError') {
    return new CliError(`The agent failed${ctx.runtimeArn ? ` (${describeTarget(ctx)})` : ''}: ${text}`, ExitCode.FAILURE);
  }
  if (name === 'ValidationException') {
    return new CliError(`The request was rejected: ${text}`, ExitCode.FAILURE);
  }
  if (isNetworkError(err)) {
    return new CliError(`Could not reach the AWS endpoint (${name}): ${text}. Check your network, region and any AWS_ENDPOINT_URL_* setting.`, ExitCode.FAILURE);
  }
  const status = httpStatus(err);
  return new CliError(`${describeError(err)}${status ? ` (HTTP ${status})` : ''}`, ExitCode.FAILURE);
}
