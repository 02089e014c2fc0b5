import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportJob } from '../../../electron/core/api';
import { parseJob } from '../../../electron/core/api/parse';
import { observedClient, startOddServer, tempDir } from './helpers';

// Real HTTP servers on 127.0.0.1 that behave unlike the sample API: another Keeptrusts deployment's
// spellings, proxies that ignore ranges or answer HTML, redirects to places the token must not go.

const TOKEN = 'kt_live_oddserver';
const FILE = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));
const SHA = createHash('sha256').update(FILE).digest('hex');
const exists = (path: string) => access(path).then(() => true, () => false);

function jobFor(overrides: Record<string, unknown> = {}): ExportJob {
  return parseJob({
    id: 'exp_01',
    type: 'events',
    format: 'csv',
    status: 'completed',
    artifact: { filename: 'keeptrusts-events-20260320T103000Z.csv', size_bytes: FILE.length, sha256: SHA },
    ...overrides,
  })!;
}

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

describe('servers that are not the sample API', () => {
  let dir: string;
  let removeDir: () => Promise<void>;
  let closers: (() => Promise<void>)[];
  beforeEach(async () => {
    ({ dir, remove: removeDir } = await tempDir());
    closers = [];
  });
  afterEach(async () => {
    await Promise.all(closers.map((close) => close()));
    await removeDir();
  });
  async function serve(handler: Handler): Promise<string> {
    let n = 0;
    const server = await startOddServer((req, res) => handler(req, res, n++));
    closers.push(server.close);
    return server.url;
  }
  const paths = () => ({ partialPath: join(dir, 'd.part'), finalPath: (name: string) => join(dir, name) });

  /** Sends the file (or the part after `from`), cut after `cutAfter` bytes of body if given. */
  function sendFile(res: ServerResponse, opts: { from?: number; status?: number; contentRange?: string; cutAfter?: number; disposition?: string }) {
    const body = FILE.subarray(opts.from ?? 0);
    const headers: Record<string, string | number> = { etag: '"v1"', 'content-length': body.length, 'content-type': 'text/csv' };
    if (opts.contentRange) headers['content-range'] = opts.contentRange;
    if (opts.disposition) headers['content-disposition'] = opts.disposition;
    res.writeHead(opts.status ?? 200, headers);
    if (opts.cutAfter === undefined) return void res.end(body);
    res.write(body.subarray(0, opts.cutAfter), () => res.socket?.destroy());
  }

  it('speaks a Keeptrusts variant: exp_ ids, event_id, past-tense verdicts, unknown fields, plain-text errors', async () => {
    const url = await serve((req, res, n) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (n === 0) return void res.writeHead(500, { 'content-type': 'text/plain' }).end('upstream hiccup');
      if (path === '/v1/events') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ events: [{ event_id: 'e1', verdict: 'blocked', tenant: 't' }, { id: 'e2', verdict: 'allowed' }], cursor: 'z' }));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'exp_7', status: 'processing', progress: 0.4, type: 'events' }));
    });
    const { client } = observedClient({ url, token: TOKEN });
    const tail = await client.eventsTail();
    expect(tail.events.map((e) => [e.id, e.verdict])).toEqual([
      ['e1', 'block'],
      ['e2', 'allow'],
    ]);
    expect(tail.raw).toMatchObject({ cursor: 'z' });
    const { job, raw } = await client.getJob('exp_7');
    expect(job).toMatchObject({ id: 'exp_7', status: 'processing', state: 'pending' });
    expect(raw).toMatchObject({ progress: 0.4 });
  });

  it('does not crash on an HTML error page or an HTML 200 where JSON was expected', async () => {
    const url = await serve((_req, res, n) => {
      res.writeHead(n === 0 ? 404 : 200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body>Welcome to our portal</body></html>');
    });
    const { client } = observedClient({ url, token: TOKEN });
    const notFound = await client.listJobs().catch((e: unknown) => e);
    expect(notFound).toMatchObject({ code: 'not-found', details: { status: 404 } });
    expect(JSON.stringify(notFound)).not.toContain('portal');
    await expect(client.listJobs()).rejects.toMatchObject({ code: 'bad-response', details: { reason: 'the body is not JSON' } });
  });

  it('adopts the job when a POST was accepted but its answer is unreadable, without posting again', async () => {
    const created = { id: 'exp_9', type: 'events', format: 'csv', status: 'queued', window: { from: '', to: '' }, filters: {}, created_at: '' };
    const url = await serve((req, res) => {
      if (req.method === 'POST') {
        const now = Date.now();
        Object.assign(created, { created_at: new Date(now).toISOString(), window: { from: new Date(now - 3_600_000).toISOString(), to: new Date(now).toISOString() } });
        return void res.writeHead(202, { 'content-type': 'text/html' }).end('<html>Accepted</html>');
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jobs: [created], next_cursor: null }));
    });
    const { client, requests } = observedClient({ url, token: TOKEN });
    const result = await client.createJob({ type: 'events', format: 'csv', time_window: '1h' });
    expect(result).toMatchObject({ reused: true, job: { id: 'exp_9' }, raw: { id: 'exp_9' } });
    expect(requests.map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it('restarts from zero when a 206 does not start where the partial ends', async () => {
    const url = await serve((req, res, n) => {
      if (n === 0) return sendFile(res, { cutAfter: 30_000 });
      if (req.headers.range) return sendFile(res, { status: 206, contentRange: `bytes 0-${FILE.length - 1}/${FILE.length}` });
      sendFile(res, {});
    });
    const { client, requests } = observedClient({ url, token: TOKEN });
    const result = await client.download(jobFor(), paths());
    expect(requests.map((r) => r.range)).toEqual([null, 'bytes=30000-', null]);
    expect(result).toMatchObject({ sha256: SHA, bytes: FILE.length, resumedCount: 0 });
  });

  it('restarts from zero when the server ignores the range and sends the whole file', async () => {
    const url = await serve((_req, res, n) => sendFile(res, n === 0 ? { cutAfter: 30_000 } : {}));
    const { client, requests } = observedClient({ url, token: TOKEN });
    const result = await client.download(jobFor(), paths());
    expect(requests.map((r) => r.range)).toEqual([null, 'bytes=30000-']);
    expect(result).toMatchObject({ sha256: SHA, resumedCount: 0 });
    expect(await readFile(result.path)).toEqual(FILE);
  });

  it("keeps the server's filename, sanitized", async () => {
    const url = await serve((_req, res) => sendFile(res, { disposition: `attachment; filename="fallback.csv"; filename*=UTF-8''..%2F..%2Fetc%2Fevil%01%0A.csv` }));
    const { client } = observedClient({ url, token: TOKEN });
    const result = await client.download(jobFor(), paths());
    expect(result.filename).toBe('evil.csv');
    expect(result.path).toBe(join(dir, 'evil.csv'));
  });

  it('refuses a redirect to plain http on another host, without following it', async () => {
    const url = await serve((_req, res) => res.writeHead(302, { location: 'http://198.51.100.7/bucket/x.csv?sig=1' }).end());
    const { client, requests } = observedClient({ url, token: TOKEN });
    const error = await client.download(jobFor(), paths()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unsafe-redirect', details: { url: 'http://198.51.100.7' } });
    expect(requests).toHaveLength(1);
    expect(await exists(join(dir, 'keeptrusts-events-20260320T103000Z.csv'))).toBe(false);
  });

  it('sends the token to the API origin only, across a redirect chain that comes back', async () => {
    const seen: { port: string; auth: boolean }[] = [];
    let apiUrl = '';
    const storage = await serve((req, res) => {
      seen.push({ port: 'storage', auth: req.headers.authorization !== undefined });
      res.writeHead(307, { location: `${apiUrl}/files/x.csv` }).end();
    });
    apiUrl = await serve((req, res) => {
      seen.push({ port: 'api', auth: req.headers.authorization === `Bearer ${TOKEN}` });
      if (req.url?.startsWith('/files/')) return sendFile(res, {});
      res.writeHead(302, { location: `${storage}/bucket/x.csv?sig=1` }).end();
    });
    const { client } = observedClient({ url: apiUrl, token: TOKEN });
    await client.download(jobFor(), paths());
    expect(seen).toEqual([
      { port: 'api', auth: true },
      { port: 'storage', auth: false },
      { port: 'api', auth: true },
    ]);
  });

  it('refuses a job without a declared sha256 rather than download something it cannot verify', async () => {
    const { client } = observedClient({ url: 'http://127.0.0.1:9', token: TOKEN });
    const unverifiable = jobFor({ artifact: { filename: 'x.csv', size_bytes: 10 } });
    await expect(client.download(unverifiable, paths())).rejects.toMatchObject({ code: 'bad-response' });
    await expect(client.download(jobFor({ status: 'running' }), paths())).rejects.toMatchObject({ code: 'job-not-ready', details: { jobStatus: 'running' } });
  });
});
