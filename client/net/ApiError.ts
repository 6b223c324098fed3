import { ErrorCode } from '../../shared/errors';

/** A failed request to our server, with the code the interface turns into words. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** HTTP status, or 0 when the request never got an answer. */
    readonly status: number,
    readonly issues: { path: string; message: string }[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Any thrown value as an ApiError, so callers switch on one type. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(ErrorCode.INTERNAL, 'Unexpected client error', 0, [], { cause: error });
}
