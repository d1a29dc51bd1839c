/**
 * Error codes are an enum; the code → HTTP status and code → CLI exit maps live here and only here.
 * Validation failures are expected (`AppError` with a 4xx code) and are not logged as errors; anything
 * else reaching the error handler is a bug.
 */
export const ErrorCode = {
  BadRequest: 'bad_request',
  ValidationFailed: 'validation_failed',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  Conflict: 'conflict',
  PayloadTooLarge: 'payload_too_large',
  RateLimited: 'rate_limited',
  UnsupportedMediaType: 'unsupported_media_type',
  ComplianceBlocked: 'compliance_blocked',
  ProviderUnavailable: 'provider_unavailable',
  NotReady: 'not_ready',
  Internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const httpStatus: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  compliance_blocked: 422,
  rate_limited: 429,
  provider_unavailable: 503,
  not_ready: 503,
  internal_error: 500,
};

export function httpStatusOf(code: ErrorCode): number {
  return httpStatus[code];
}

/** Exit codes of the `curb` CLI: 2 for bad input, 1 for failures. */
export function exitCodeOf(code: ErrorCode): 1 | 2 {
  const status = httpStatus[code];
  return status >= 400 && status < 500 && code !== 'compliance_blocked' ? 2 : 1;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** An expected, typed failure that crosses a service boundary as an exception (routes, CLI). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return httpStatusOf(this.code);
  }
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

export const notFound = (what: string, id?: string): AppError =>
  new AppError(ErrorCode.NotFound, id ? `${what} ${id} not found` : `${what} not found`);

export const badRequest = (message: string, details?: unknown): AppError => new AppError(ErrorCode.BadRequest, message, details);

/** Turns zod issues into `{ path, message }` pairs that name the field. */
export function describeIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Array<{ path: string; message: string }> {
  return issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

export function validationError(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>, what = 'input'): AppError {
  const described = describeIssues(issues);
  const first = described[0];
  const message = first ? `invalid ${what}: ${first.path}: ${first.message}` : `invalid ${what}`;
  return new AppError(ErrorCode.ValidationFailed, message, { issues: described });
}
