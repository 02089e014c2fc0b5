import { describe, expect, it } from 'vitest';
import { redirectTarget } from '../../../electron/core/api/download';
import { ApiError } from '../../../electron/core/api/errors';
import { apiUrl, isLoopbackHost, isSafeTransport, parseBaseUrl, sameOrigin, withoutQuery } from '../../../electron/core/api/url';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof ApiError ? error.code : 'not an ApiError';
  }
  return 'no error';
};

describe('loopback and transport rules', () => {
  it.each(['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '[::1]', '::1', 'localhost.'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['example.com', '128.0.0.1', '127.0.0.256', '10.0.0.1', 'localhost.example.com', '127.0.0.1.nip.io', '[::2]', '0.0.0.0'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it('allows https anywhere and http only to loopback', () => {
    expect(isSafeTransport(new URL('https://api.keeptrusts.example/v1'))).toBe(true);
    expect(isSafeTransport(new URL('http://127.0.0.1:8080/'))).toBe(true);
    expect(isSafeTransport(new URL('http://[::1]:8080/'))).toBe(true);
    expect(isSafeTransport(new URL('http://api.keeptrusts.example/'))).toBe(false);
    expect(isSafeTransport(new URL('ftp://127.0.0.1/'))).toBe(false);
  });

  it('compares origins by scheme, host and port', () => {
    expect(sameOrigin('https://a.example/x', 'https://a.example:443/y?z')).toBe(true);
    expect(sameOrigin('https://a.example/', 'http://a.example/')).toBe(false);
    expect(sameOrigin('http://127.0.0.1:1/', 'http://127.0.0.1:2/')).toBe(false);
    expect(sameOrigin('https://a.example/', 'https://b.a.example/')).toBe(false);
  });

  it('drops the query (a presigned signature) and fragment', () => {
    expect(withoutQuery('https://s3.example/bucket/k.csv?X-Amz-Signature=abc#x')).toBe('https://s3.example/bucket/k.csv');
  });
});

describe('base URL and joining', () => {
  it('keeps a path prefix with or without a trailing slash', () => {
    for (const base of ['http://127.0.0.1:8080/api', 'http://127.0.0.1:8080/api/', 'http://127.0.0.1:8080/api//']) {
      const url = apiUrl(parseBaseUrl(base), '/v1/exports/jobs', { limit: 5, cursor: undefined });
      expect(url.toString()).toBe('http://127.0.0.1:8080/api/v1/exports/jobs?limit=5');
    }
    expect(apiUrl(parseBaseUrl('http://127.0.0.1:8080/api'), '/v1/events').toString()).toBe('http://127.0.0.1:8080/api/v1/events');
    expect(apiUrl(parseBaseUrl('https://eu.keeptrusts.example'), 'v1/events').toString()).toBe('https://eu.keeptrusts.example/v1/events');
  });

  it('encodes query values', () => {
    expect(apiUrl(parseBaseUrl('https://k.example'), '/v1/events', { since: '2026-03-20T10:00:00+02:00' }).search).toBe('?since=2026-03-20T10%3A00%3A00%2B02%3A00');
  });

  it('refuses plain http to another host, other schemes, credentials, queries and non-URLs', () => {
    expect(codeOf(() => parseBaseUrl('http://api.keeptrusts.example'))).toBe('insecure-url');
    expect(codeOf(() => parseBaseUrl('file:///etc/passwd'))).toBe('insecure-url');
    expect(codeOf(() => parseBaseUrl('https://user:pw@k.example'))).toBe('invalid-request');
    expect(codeOf(() => parseBaseUrl('https://k.example/?token=x'))).toBe('invalid-request');
    expect(codeOf(() => parseBaseUrl('not a url'))).toBe('invalid-request');
  });
});

describe('redirectTarget', () => {
  const api = new URL('https://k.example/v1/exports/jobs/j/download');

  it('resolves relative and absolute https locations', () => {
    expect(redirectTarget(api, '/files/x.csv').toString()).toBe('https://k.example/files/x.csv');
    expect(redirectTarget(api, 'https://s3.example/b/x.csv?sig=1').origin).toBe('https://s3.example');
    expect(redirectTarget(new URL('http://127.0.0.1:1/d'), 'http://127.0.0.1:2/b').origin).toBe('http://127.0.0.1:2');
  });

  it('refuses http to a remote host, a downgrade from https, and other schemes', () => {
    expect(codeOf(() => redirectTarget(api, 'http://s3.example/b/x.csv'))).toBe('unsafe-redirect');
    expect(codeOf(() => redirectTarget(api, 'http://127.0.0.1/x'))).toBe('unsafe-redirect');
    expect(codeOf(() => redirectTarget(api, 'file:///etc/passwd'))).toBe('unsafe-redirect');
    expect(codeOf(() => redirectTarget(api, null))).toBe('bad-response');
  });
});
