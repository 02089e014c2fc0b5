import type { BridgeError } from '../../shared/result';
import { AppError } from '../core/errors';

const TOKEN_CODES = new Set(['bad-token', 'no-scope']);

/** The core's hints speak of the app's settings; on the command line, say which variable the token came from. */
export function withTokenHint(error: BridgeError, tokenEnv: string): BridgeError {
  return TOKEN_CODES.has(error.code) ? { ...error, hint: `${error.hint} The token was read from $${tokenEnv}.` } : error;
}

/** The same for a thrown error, keeping its code (and so its exit code). */
export function rethrowWithTokenHint(error: unknown, tokenEnv: string): never {
  if (error instanceof AppError && TOKEN_CODES.has(error.code)) throw new AppError(error.code, error.message, withTokenHint(error.toBridgeError(), tokenEnv).hint, error.details);
  throw error;
}
