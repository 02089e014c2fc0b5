import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PacketDocuments } from '../../../electron/core/services/packet-documents';
import { appResponseHeaders, CONTENT_SECURITY_POLICY, packetReportId, PACKET_REPORT_POLICY, resolveAppAsset, serveAppProtocol, type ProtocolLike } from '../../../electron/main/protocol';

const root = resolve('/opt/app/renderer');

describe('resolveAppAsset', () => {
  it.each([
    ['app://evidence/', join(root, 'index.html')],
    ['app://evidence/index.html', join(root, 'index.html')],
    ['app://evidence/assets/index-abc.js', join(root, 'assets/index-abc.js')],
  ])('serves %s from the renderer folder', (url, file) => {
    expect(resolveAppAsset(root, url)).toBe(file);
  });

  it.each([
    ['app://evidence/../secrets.html', 'secrets.html'],
    ['app://evidence/%2e%2e/%2e%2e/etc/passwd.html', 'etc/passwd.html'],
  ])('keeps dot segments inside the root: %s', (url, inside) => {
    // The URL parser resolves dot segments against the origin's root, so they can never climb out.
    expect(resolveAppAsset(root, url)).toBe(join(root, inside));
  });

  it.each([
    'app://evidence/..%2f..%2fetc%2fpasswd.js',
    'app://evidence/assets%5c..%5c..%5cx.js',
    'app://evidence/a%00.js',
    'app://other/index.html',
    'https://evidence/index.html',
    'app://evidence/main.cjs',
    'app://evidence/%E0%A4%A.js',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });

  it('sends the CSP, nosniff and the right media type', () => {
    expect(appResponseHeaders('/x/index.html')).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    });
  });
});

describe('packet reports over app://', () => {
  function served(documents: PacketDocuments) {
    let handler: ((request: { url: string; method: string }) => Promise<Response> | Response) | undefined;
    const protocol: ProtocolLike = { registerSchemesAsPrivileged: () => {}, handle: (_scheme, h) => void (handler = h) };
    const reads: string[] = [];
    serveAppProtocol(protocol, root, async (file) => (reads.push(file), new Uint8Array()), documents);
    return { get: (url: string) => Promise.resolve(handler!({ url, method: 'GET' })), reads };
  }

  it('serves a kept report under its own sandboxing CSP, never from disk', async () => {
    const documents = new PacketDocuments();
    const id = documents.put('<!doctype html><title>report</title>');
    const { get, reads } = served(documents);
    const response = await get(`app://evidence/__packet-report/${id}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html><title>report</title>');
    expect(response.headers.get('content-security-policy')).toBe(PACKET_REPORT_POLICY);
    expect(PACKET_REPORT_POLICY).toMatch(/\bsandbox$/);
    expect(PACKET_REPORT_POLICY).not.toMatch(/script-src/);
    expect(reads).toEqual([]);
  });

  it('answers 404 for an unknown or malformed id, and a forgotten one once newer reports push it out', async () => {
    const documents = new PacketDocuments(2);
    const first = documents.put('a');
    documents.put('b');
    documents.put('c');
    const { get } = served(documents);
    expect((await get(`app://evidence/__packet-report/${first}`)).status).toBe(404);
    expect((await get('app://evidence/__packet-report/not-one-of-ours-at-all')).status).toBe(404);
    expect(packetReportId('/__packet-report/../../etc/passwd')).toBeNull();
    expect(packetReportId('/__packet-report/abc')).toBeNull();
    expect(packetReportId('/index.html')).toBeNull();
  });

  it('lets the app frame only its own origin', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("frame-src 'self'");
  });
});
