import { extname, resolve, sep } from 'node:path';
import { PACKET_REPORT_PATH } from '../../shared/domain';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** The renderer's Content-Security-Policy; the same text is in the built index.html's meta tag. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; object-src 'none'; frame-src 'self'; worker-src 'none'; manifest-src 'none'";

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Maps an app:// URL to a file under `rootDir`, or null when it is another host, escapes the root
 * (`..`, encoded separators), or has a type the renderer never serves.
 */
export function resolveAppAsset(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const file = resolve(root, relative);
  if (!file.startsWith(root + sep)) return null;
  if (!(extname(file) in MEDIA_TYPES)) return null;
  return file;
}

/** The media type for a served file. */
export function mediaTypeOf(file: string): string {
  return MEDIA_TYPES[extname(file)] ?? 'application/octet-stream';
}

/** Headers every app:// response carries. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'content-type': mediaTypeOf(file),
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}

/**
 * A packet's report is someone else's HTML: it gets its own policy (no scripts, no network, no forms, a
 * sandbox) and may only be framed by the app's own page.
 */
export const PACKET_REPORT_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox";

/** Headers of a served packet report. */
export function packetReportHeaders(): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': PACKET_REPORT_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  };
}

/** The report id in a request path (`/__packet-report/<id>`), or null when the path is not one. */
export function packetReportId(pathname: string): string | null {
  if (!pathname.startsWith(PACKET_REPORT_PATH)) return null;
  const id = pathname.slice(PACKET_REPORT_PATH.length);
  return /^[A-Za-z0-9_-]{16,64}$/.test(id) ? id : null;
}

function packetReportIdOf(requestUrl: string): string | null {
  try {
    const url = new URL(requestUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST ? packetReportId(url.pathname) : null;
  } catch {
    return null;
  }
}

/** The reports the protocol may serve (PacketDocuments). */
export interface PacketReports {
  report(id: string): string | null;
}

/** The parts of Electron's `protocol` module used here. */
export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
  handle(scheme: string, handler: (request: { url: string; method: string }) => Promise<Response> | Response): void;
}

/** Must run before `app.ready`: makes app:// a standard, secure origin (like https) without CORS or fetch. */
export function registerAppScheme(protocol: ProtocolLike): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } },
  ]);
}

/** Serves the built renderer from `rootDir` over app://, read-only, and verified packets' reports. */
export function serveAppProtocol(protocol: ProtocolLike, rootDir: string, readFile: (file: string) => Promise<Uint8Array>, reports?: PacketReports): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response('Method not allowed', { status: 405 });
    const reportId = reports ? packetReportIdOf(request.url) : null;
    if (reportId !== null) {
      const html = reports!.report(reportId);
      return html === null ? new Response('Not found', { status: 404 }) : new Response(html, { status: 200, headers: packetReportHeaders() });
    }
    const file = resolveAppAsset(rootDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, { status: 200, headers: appResponseHeaders(file) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
