/**
 * Service exceptions as the emulator answers them on the wire (restJson1: status code, `x-amzn-errortype`
 * header and a `{"message", "__type"}` JSON body).
 */

/** HTTP status the service uses for each exception name (control plane and data plane). */
export const ERROR_STATUS: Readonly<Record<string, number>> = {
  ValidationException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ServiceQuotaExceededException: 402,
  ThrottlingException: 429,
  InternalServerException: 500,
  RuntimeClientError: 424,
  UnknownOperationException: 404,
};

/** Reasons a ValidationException can carry (model enum `ValidationExceptionReason`). */
export type ValidationReason = 'CannotParse' | 'FieldValidationFailed' | 'IdempotentParameterMismatchException' | 'ResourceConflict';

/** One entry of a ValidationException `fieldList`. */
export interface FieldError {
  readonly name: string;
  readonly message: string;
}

/** An exception the emulator answers instead of a successful result. */
export class ServiceError extends Error {
  /** HTTP status of the answer. */
  public readonly status: number;

  constructor(
    /** Exception name, sent as `x-amzn-errortype`; '' for a bare HTTP error without a name. */
    public readonly type: string,
    message: string,
    status?: number,
    /** ValidationException only. */
    public readonly reason?: ValidationReason,
    /** ValidationException only. */
    public readonly fieldList?: FieldError[],
  ) {
    super(message);
    this.status = status ?? ERROR_STATUS[type] ?? 400;
  }

  /** JSON body of the answer; `namespace` is the Smithy namespace of the service that answers. */
  public body(namespace: string): Record<string, unknown> {
    return {
      message: this.message,
      ...(this.type ? { __type: `${namespace}#${this.type}` } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.fieldList ? { fieldList: this.fieldList } : {}),
    };
  }
}

/** 404 ResourceNotFoundException. */
export function notFound(message: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', message);
}

/** 409 ConflictException. */
export function conflict(message: string): ServiceError {
  return new ServiceError('ConflictException', message);
}

/** 402 ServiceQuotaExceededException. */
export function quotaExceeded(message: string): ServiceError {
  return new ServiceError('ServiceQuotaExceededException', message);
}

/** 400 ValidationException with reason `FieldValidationFailed` built from AWS-style field errors. */
export function fieldValidation(errors: FieldError[]): ServiceError {
  const n = errors.length;
  const message = `${n} validation error${n === 1 ? '' : 's'} detected: ${errors.map((e) => e.message).join('; ')}`;
  return new ServiceError('ValidationException', message, 400, 'FieldValidationFailed',
    errors.map((e) => ({ name: e.name, message: e.message.replace(/^.*failed to satisfy constraint: /, '') })));
}

/** 400 ValidationException with reason `CannotParse` (a value of the wrong JSON type, or a body that is not JSON). */
export function cannotParse(message: string): ServiceError {
  return new ServiceError('ValidationException', message, 400, 'CannotParse');
}
