import type { ErrorCode } from '../shared/errors';

/**
 * An expected refusal (not allowed, not found, slot taken): the caller shows its message to the user.
 * Unexpected failures are plain Errors, logged once and answered with a generic message.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
