/** What every bridge call resolves to: a value, or an error a person can act on. Never a throw. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

/** An error as the UI and CLI see it: a stable code to map to an action, a sentence, and a next step. */
export interface BridgeError {
  code: ErrorCode;
  message: string;
  hint: string;
  /** Machine-readable specifics (e.g. which field was wrong). Never secrets. */
  details?: unknown;
}

/** Error codes the UI maps to wording and actions. Add codes here, not ad hoc strings. */
export const ERROR_CODES = [
  'invalid-request',
  'unknown-method',
  'untrusted-sender',
  'not-implemented',
  'cancelled',
  'internal',
  // cache and ingest
  'cache-too-new',
  'cache-unavailable',
  'malformed-file',
  'unknown-export-type',
  'file-unreadable',
  // Keeptrusts API client
  'bad-token',
  'no-scope',
  'not-found',
  'request-rejected',
  'job-not-ready',
  'job-failed',
  'job-expired',
  'job-timeout',
  'checksum-mismatch',
  'size-mismatch',
  'server-unreachable',
  'timeout',
  'rate-limited',
  'server-error',
  'bad-response',
  'unsafe-redirect',
  'insecure-url',
  'link-expired',
  'file-exists',
  'write-failed',
  // signing keys and trusted signers
  'key-invalid',
  'key-missing',
  'key-locked',
  'key-unreadable',
  'key-passphrase-needed',
  'key-passphrase-wrong',
  'key-passphrase-weak',
  'key-protection-refused',
  'key-protection-mismatch',
  'fingerprint-invalid',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Builds a success result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Builds a failure result. */
export function fail<T = never>(code: ErrorCode, message: string, hint: string, details?: unknown): Result<T> {
  return { ok: false, error: details === undefined ? { code, message, hint } : { code, message, hint, details } };
}

/** For exhaustive switches over unions: a compile error when a case is missing. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
