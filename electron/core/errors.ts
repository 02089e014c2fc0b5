import type { BridgeError, ErrorCode } from '../../shared/result';

/**
 * An error meant for a person: a stable code, what went wrong, and what to do next. Anything thrown
 * that is not an AppError is a bug and is reported as `internal`.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBridgeError(): BridgeError {
    return this.details === undefined
      ? { code: this.code, message: this.message, hint: this.hint }
      : { code: this.code, message: this.message, hint: this.hint, details: this.details };
  }
}
