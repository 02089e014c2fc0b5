import { AppError } from '../core/errors';

/** A bad command line (exit 64, EX_USAGE): the same message + hint shape as every other error. */
export class UsageError extends AppError {
  constructor(message: string, hint: string) {
    super('invalid-request', message, hint);
    this.name = 'UsageError';
  }
}
