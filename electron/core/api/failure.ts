import { apiError, type ApiError, type ApiErrorDetails } from './errors';
import { isObject } from './parse';

/** What an error body said, if anything readable. */
export interface ServerSaid {
  serverCode?: string;
  serverMessage?: string;
}

const MAX_MESSAGE = 300;

/** Server text fit for a message: one line, no control characters, capped (servers write essays and stack traces). */
export function tidy(text: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (clean === '') return undefined;
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE)}…` : clean;
}

/** Reads an error body whatever its shape (JSON envelope, other JSON, text); HTML is not quoted, it says nothing useful. */
export function parseErrorBody(text: string, contentType: string | null): ServerSaid {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (/html/i.test(contentType ?? '') || /^<(!doctype|html|\?xml|[a-z])/i.test(trimmed)) {
    const s3 = /<Message>([^<]*)<\/Message>/.exec(trimmed);
    return s3 ? { serverMessage: tidy(s3[1]!) } : {};
  }
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { serverMessage: tidy(trimmed) };
  }
  if (!isObject(json)) return {};
  const envelope = json.error;
  const said: ServerSaid = {};
  if (isObject(envelope)) {
    if (typeof envelope.code === 'string') said.serverCode = tidy(envelope.code);
    if (typeof envelope.message === 'string') said.serverMessage = tidy(envelope.message);
  } else if (typeof envelope === 'string') {
    said.serverCode = tidy(envelope);
  }
  const message = json.message ?? json.detail ?? json.error_description;
  if (said.serverMessage === undefined && typeof message === 'string') said.serverMessage = tidy(message);
  if (said.serverCode === undefined && typeof json.code === 'string') said.serverCode = tidy(json.code);
  return said;
}

/** When a failure may be retried: never, only for idempotent calls, or always (the server refused it outright). */
export type RetryClass = 'never' | 'idempotent' | 'always';

/** A failed attempt: whether to retry, how long the server asked us to wait, and the error if we stop. */
export interface Failure {
  retry: RetryClass;
  retryAfterMs: number | null;
  error: ApiError;
}

/** Maps an HTTP error status to a typed error and a retry class. */
export function failureForStatus(status: number, said: ServerSaid, retryAfterMs: number | null, extra: ApiErrorDetails = {}): Failure {
  const details: ApiErrorDetails = { ...extra, status, ...said };
  const stop = (error: ApiError): Failure => ({ retry: 'never', retryAfterMs: null, error });
  switch (status) {
    case 401:
      return stop(apiError('bad-token', details));
    case 403:
      return stop(apiError('no-scope', details));
    case 404:
      return stop(apiError('not-found', details));
    case 409:
      return stop(apiError('job-not-ready', details));
    case 410:
      return stop(apiError('job-expired', details));
    case 408:
      return { retry: 'idempotent', retryAfterMs: null, error: apiError('timeout', details) };
    case 429:
      return { retry: 'always', retryAfterMs, error: apiError('rate-limited', { ...details, retryAfterMs: retryAfterMs ?? undefined }) };
    case 503:
      return { retry: 'always', retryAfterMs, error: apiError('server-error', details) };
  }
  if (status >= 500) return { retry: 'idempotent', retryAfterMs: null, error: apiError('server-error', details) };
  if (status >= 400) return stop(apiError('request-rejected', details));
  return stop(apiError('bad-response', { ...details, reason: `unexpected HTTP ${status}` }));
}

/** Network errors that happen before a request leaves this computer, so any call may safely retry them. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** A request that got no answer: retried only when idempotent, unless it provably never left. */
export function failureForNoAnswer(kind: 'timeout' | 'network', extra: ApiErrorDetails = {}): Failure {
  const retry = kind === 'network' && NEVER_SENT.has(extra.reason ?? '') ? 'always' : 'idempotent';
  return { retry, retryAfterMs: null, error: apiError(kind === 'timeout' ? 'timeout' : 'server-unreachable', extra) };
}
