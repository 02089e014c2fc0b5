import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import { ApiError, apiError, scrubError, type ApiErrorCode } from '../../../electron/core/api/errors';
import { failureForNoAnswer, failureForStatus } from '../../../electron/core/api/failure';
import { ERROR_CODES } from '../../../shared/result';

const CODES: ApiErrorCode[] = [
  'bad-token', 'no-scope', 'not-found', 'request-rejected', 'job-not-ready', 'job-failed', 'job-expired', 'job-timeout',
  'checksum-mismatch', 'size-mismatch', 'server-unreachable', 'timeout', 'rate-limited', 'server-error', 'bad-response',
  'unsafe-redirect', 'insecure-url', 'link-expired', 'file-exists', 'write-failed', 'cancelled', 'invalid-request',
];

describe('ApiError', () => {
  it.each(CODES)('%s is a registered code with a sentence and a next step', (code) => {
    expect(ERROR_CODES).toContain(code);
    const error = apiError(code);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toMatch(/^[A-Z].*[.)]$/);
    expect(error.hint).toMatch(/^[A-Z].*\.$/);
    expect(error.toBridgeError()).toEqual({ code, message: error.message, hint: error.hint });
  });

  it("includes the server's message where it helps, and drops undefined details", () => {
    const error = apiError('job-failed', { jobId: 'j', serverMessage: 'storage backend unavailable', serverCode: undefined });
    expect(error.message).toBe('The export failed on the Keeptrusts side: storage backend unavailable');
    expect(error.details).toEqual({ jobId: 'j', serverMessage: 'storage backend unavailable' });
  });

  it('scrubs a secret from message, hint, details and stack, and from unknown errors', () => {
    const secret = 'kt_live_SECRET';
    const leaky = apiError('request-rejected', { serverMessage: `bad token ${secret}`, reason: secret });
    const clean = scrubError(leaky, secret);
    expect(clean).toBeInstanceOf(ApiError);
    for (const text of [clean.message, JSON.stringify(clean), clean.stack ?? '']) expect(text).not.toContain(secret);
    const bug = scrubError(Object.assign(new TypeError(`oops ${secret}`), { cause: secret }), secret);
    expect(bug.name).toBe('TypeError');
    expect(`${bug.message}${bug.stack}${JSON.stringify(bug)}`).not.toContain(secret);
    expect(scrubError('plain string', secret).message).toBe('plain string');
  });
});

describe('failure classification', () => {
  it.each([
    [401, 'bad-token', 'never'],
    [403, 'no-scope', 'never'],
    [404, 'not-found', 'never'],
    [409, 'job-not-ready', 'never'],
    [410, 'job-expired', 'never'],
    [400, 'request-rejected', 'never'],
    [422, 'request-rejected', 'never'],
    [408, 'timeout', 'idempotent'],
    [429, 'rate-limited', 'always'],
    [503, 'server-error', 'always'],
    [500, 'server-error', 'idempotent'],
    [502, 'server-error', 'idempotent'],
    [504, 'server-error', 'idempotent'],
    [304, 'bad-response', 'never'],
  ] as const)('HTTP %i is %s, retried %s', (status, code, retry) => {
    const failure = failureForStatus(status, {}, null);
    expect(failure.error.code).toBe(code);
    expect(failure.retry).toBe(retry);
    expect(failure.error.info.status).toBe(status);
  });

  it('carries Retry-After for 429 and 503 only', () => {
    expect(failureForStatus(429, {}, 2000)).toMatchObject({ retryAfterMs: 2000, error: { details: { retryAfterMs: 2000 } } });
    expect(failureForStatus(503, {}, 1000).retryAfterMs).toBe(1000);
    expect(failureForStatus(500, {}, 1000).retryAfterMs).toBeNull();
  });

  it('retries a timeout or a network error only for idempotent calls', () => {
    expect(failureForNoAnswer('timeout')).toMatchObject({ retry: 'idempotent', error: { code: 'timeout' } });
    expect(failureForNoAnswer('network', { reason: 'ECONNRESET' })).toMatchObject({ retry: 'idempotent', error: { code: 'server-unreachable', details: { reason: 'ECONNRESET' } } });
    expect(failureForNoAnswer('network', { reason: 'UND_ERR_SOCKET' }).retry).toBe('idempotent');
  });

  it('retries any call whose request provably never left this computer', () => {
    expect(failureForNoAnswer('network', { reason: 'ECONNREFUSED' }).retry).toBe('always');
    expect(failureForNoAnswer('network', { reason: 'ENOTFOUND' }).retry).toBe('always');
    expect(failureForNoAnswer('timeout', { reason: 'ECONNREFUSED' }).retry).toBe('idempotent');
  });
});
