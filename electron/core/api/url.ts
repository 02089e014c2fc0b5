import { apiError } from './errors';

/** True for hosts that never leave this computer, the only ones plain http is allowed to reach. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4.slice(1).every((octet) => Number(octet) <= 255);
}

/** True when a URL may carry our traffic: https anywhere, http only to loopback. */
export function isSafeTransport(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

/** True when two URLs share scheme, host and port: the only case the token may follow. */
export function sameOrigin(a: URL | string, b: URL | string): boolean {
  return new URL(a).origin === new URL(b).origin;
}

/** The URL without query or fragment, for logs and records (a presigned query is a credential). */
export function withoutQuery(url: URL | string): string {
  const copy = new URL(url);
  copy.search = '';
  copy.hash = '';
  return copy.toString();
}

/** Checks and normalizes the base URL: a path prefix and trailing slash are fine; credentials, query, fragment are not. */
export function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw apiError('invalid-request', { reason: 'the API address is not a URL' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw apiError('insecure-url', { reason: url.protocol });
  if (!isSafeTransport(url)) throw apiError('insecure-url');
  if (url.username || url.password || url.search || url.hash) {
    throw apiError('invalid-request', { reason: 'the API address must not contain a user, a query or a fragment' });
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/`;
  return url;
}

/** Joins a contract path (`/v1/...`) under the base URL's own path, skipping undefined query values. */
export function apiUrl(base: URL, path: string, query: Record<string, string | number | undefined> = {}): URL {
  const url = new URL(path.replace(/^\/+/, ''), base);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}
