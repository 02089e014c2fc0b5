import type { ErrorCode } from '../../../shared/result';
import { AppError } from '../errors';

/** Specifics the UI may show or map to actions; never secrets, never a presigned query string. */
export interface ApiErrorDetails {
  status?: number;
  serverCode?: string;
  serverMessage?: string;
  jobId?: string;
  jobStatus?: string | null;
  attempts?: number;
  retryAfterMs?: number;
  timeoutMs?: number;
  url?: string;
  path?: string;
  expected?: string | number;
  actual?: string | number;
  reason?: string;
  /** The request may or may not have been processed (network error or 5xx after sending). */
  ambiguous?: boolean;
}

/** The codes this client throws; each has a sentence and a next step below. */
export type ApiErrorCode = Extract<
  ErrorCode,
  | 'bad-token'
  | 'no-scope'
  | 'not-found'
  | 'request-rejected'
  | 'job-not-ready'
  | 'job-failed'
  | 'job-expired'
  | 'job-timeout'
  | 'checksum-mismatch'
  | 'size-mismatch'
  | 'server-unreachable'
  | 'timeout'
  | 'rate-limited'
  | 'server-error'
  | 'bad-response'
  | 'unsafe-redirect'
  | 'insecure-url'
  | 'link-expired'
  | 'file-exists'
  | 'write-failed'
  | 'cancelled'
  | 'invalid-request'
>;

/** An AppError from talking to Keeptrusts, so callers can tell API failures from other ones. */
export class ApiError extends AppError {
  constructor(code: ApiErrorCode, message: string, hint: string, details?: ApiErrorDetails) {
    super(code, message, hint, details);
    this.name = 'ApiError';
  }

  /** The details, typed. */
  get info(): ApiErrorDetails {
    return (this.details ?? {}) as ApiErrorDetails;
  }
}

const said = (d: ApiErrorDetails) => (d.serverMessage ? `: ${d.serverMessage}` : '.');
const minutes = (ms: number | undefined) => (ms === undefined ? 'the time allowed' : `${Math.max(1, Math.round(ms / 60_000))} min`);
const RETRY_LATER = 'Try again in a few minutes; if it keeps happening, check the Keeptrusts status page.';
const DOWNLOAD_AGAIN = 'Download it again; if it happens again, create a new export for the same scope.';

const TEXT: Record<ApiErrorCode, { message: (d: ApiErrorDetails) => string; hint: string }> = {
  'bad-token': {
    message: () => 'Keeptrusts did not accept the API token.',
    hint: 'Check the token in the workspace settings: it may be mistyped, expired or revoked.',
  },
  'no-scope': {
    message: () => 'The API token works but is not allowed to export evidence.',
    hint: 'Ask a Keeptrusts admin for a token with the export scope, then enter it in the workspace settings.',
  },
  'not-found': {
    message: (d) => (d.jobId ? `Keeptrusts has no export job ${d.jobId}.` : 'Keeptrusts answered that this address does not exist.'),
    hint: 'Check the API address in the workspace settings, then create a new export.',
  },
  'request-rejected': {
    message: (d) => `Keeptrusts refused the request${said(d)}`,
    hint: 'Check the export type, format, time window and filters, then try again.',
  },
  'job-not-ready': {
    message: () => 'The export is not finished yet, so there is nothing to download.',
    hint: 'Wait for the export to complete, then download it.',
  },
  'job-failed': {
    message: (d) => `The export failed on the Keeptrusts side${said(d)}`,
    hint: 'Create the export again; if it keeps failing, send the job id to Keeptrusts support.',
  },
  'job-expired': {
    message: () => 'The export has expired and can no longer be downloaded.',
    hint: 'Create a new export for the same scope.',
  },
  'job-timeout': {
    message: (d) => `The export did not finish within ${minutes(d.timeoutMs)} (last status: ${d.jobStatus ?? 'none'}).`,
    hint: 'Try again later, or choose a smaller time window.',
  },
  'checksum-mismatch': {
    message: () => 'The downloaded file does not match the checksum Keeptrusts declared, so it was discarded.',
    hint: DOWNLOAD_AGAIN,
  },
  'size-mismatch': {
    message: () => 'The downloaded file is not the size Keeptrusts declared, so it was discarded.',
    hint: DOWNLOAD_AGAIN,
  },
  'server-unreachable': {
    message: () => 'Could not reach the Keeptrusts API (the connection failed or kept dropping).',
    hint: 'Check the network connection and the API address in the workspace settings, then try again.',
  },
  timeout: {
    message: () => 'The Keeptrusts API stopped answering in time.',
    hint: 'Check the network connection and try again.',
  },
  'rate-limited': {
    message: () => 'Keeptrusts is limiting requests right now and asked this app to slow down.',
    hint: 'Wait a minute, then try again.',
  },
  'server-error': {
    message: (d) => `The Keeptrusts API had a problem${d.status ? ` (HTTP ${d.status})` : ''}.`,
    hint: RETRY_LATER,
  },
  'bad-response': {
    message: (d) => `The Keeptrusts API sent an answer this app could not understand${d.reason ? ` (${d.reason})` : ''}.`,
    hint: 'Check that the API address in the workspace settings points at the Keeptrusts API, not a web page.',
  },
  'unsafe-redirect': {
    message: () => 'The download was redirected to an address this app will not use (it must be https).',
    hint: 'Ask your Keeptrusts administrator to serve downloads over https.',
  },
  'insecure-url': {
    message: () => 'The API address must use https (plain http is allowed only for this computer).',
    hint: 'Change the API address in the workspace settings to an https:// address.',
  },
  'link-expired': {
    message: () => 'The download link kept expiring before the file arrived.',
    hint: "Check this computer's clock and the connection speed, then try again.",
  },
  'file-exists': {
    message: (d) => `A file already exists at ${d.path ?? 'the destination'}; it was not overwritten.`,
    hint: 'Move or rename the existing file, or download to another folder.',
  },
  'write-failed': {
    message: (d) => `The download could not be written to disk${d.reason ? ` (${d.reason})` : ''}.`,
    hint: 'Check free disk space and that the cache folder is writable.',
  },
  cancelled: {
    message: () => 'Cancelled.',
    hint: 'Start it again when ready; a download resumes where it stopped.',
  },
  'invalid-request': {
    message: (d) => `The request is not valid${d.reason ? `: ${d.reason}` : '.'}`,
    hint: 'Check the values you entered and try again.',
  },
};

/** Builds an ApiError with its standard wording, so every path speaks the same plain language. */
export function apiError(code: ApiErrorCode, details: ApiErrorDetails = {}): ApiError {
  const text = TEXT[code];
  const clean = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)) as ApiErrorDetails;
  return new ApiError(code, text.message(clean), text.hint, Object.keys(clean).length > 0 ? clean : undefined);
}

/** Replaces every occurrence of the secret in a string, so no message can carry the token out. */
export function scrubText(text: string, secret: string): string {
  return secret.length === 0 ? text : text.split(secret).join('[redacted]');
}

function scrubValue(value: unknown, secret: string): unknown {
  if (typeof value === 'string') return scrubText(value, secret);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, secret));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, secret)]));
  }
  return value;
}

/** The last line of defence for the token: every public method passes its errors through here. */
export function scrubError(error: unknown, secret: string): Error {
  if (error instanceof ApiError) {
    const details = error.details === undefined ? undefined : (scrubValue(error.details, secret) as ApiErrorDetails);
    return new ApiError(error.code as ApiErrorCode, scrubText(error.message, secret), scrubText(error.hint, secret), details);
  }
  // A bug keeps its class name but loses its cause (which may quote a request), and its text is scrubbed.
  const original = error instanceof Error ? error : new Error(String(error));
  const clean = new Error(scrubText(original.message, secret));
  clean.name = original.name;
  clean.stack = scrubText(original.stack ?? '', secret);
  return clean;
}
