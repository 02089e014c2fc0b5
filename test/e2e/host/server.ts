import { build } from 'esbuild';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { EventName, EventPayload } from '../../../shared/bridge/contract';
import { createDispatcher } from '../../../electron/core/bridge/dispatcher';
import { openDemoSession, startDemo, type Demo } from '../../../electron/core/demo';
import { closeSession } from '../../../electron/core/session';
import { createServices } from '../../../electron/core/services';
import { appResponseHeaders, resolveAppAsset } from '../../../electron/main/protocol';

/** A running test host. */
export interface TestHost {
  url: string;
  demo: Demo;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

const BRIDGE_SCRIPT = '/__host/bridge.js';
const MAX_BODY = 1024 * 1024;

async function bundleBrowserBridge(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./browser-bridge.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Hosts the same core services as the Electron main process, behind the same dispatcher, over HTTP on
 * 127.0.0.1, and serves the built renderer with `window.evidence` injected. Playwright drives it.
 */
export async function startTestHost(options: { rendererDir: string; port?: number; cacheDir?: string }): Promise<TestHost> {
  const bridgeScript = await bundleBrowserBridge();
  const demo = await startDemo();
  const cacheDir = options.cacheDir ?? (await mkdtemp(join(tmpdir(), 'evidence-test-host-')));
  const session = openDemoSession(demo, { cacheDir, actor: { name: 'Test Host', os_user: 'test-host' }, fetch });
  const services = createServices({
    runtime: 'test-host',
    app: { name: 'Evidence Packager', version: JSON.parse(await readFile('package.json', 'utf8')).version as string },
    dataSource: () => ({ kind: 'demo', apiBaseUrl: demo.apiBaseUrl }),
    session: () => session,
  });
  const eventStreams = new Set<ServerResponse>();
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    const line = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const stream of eventStreams) stream.write(line);
  };
  const dispatch = createDispatcher(services, (method, error) => console.error(`[test-host] ${method} failed:`, error));
  let origin = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/__bridge/call/') && req.method === 'POST') {
      // Only the page this host served may call: a foreign origin (another tab, a hostile page) may not.
      if (req.headers.origin !== origin || !req.headers['content-type']?.startsWith('application/json')) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
        return;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(await readBody(req));
      } catch {
        payload = Symbol('unparseable');
      }
      const method = decodeURIComponent(url.pathname.slice('/__bridge/call/'.length));
      const result = await dispatch(method, payload, { emit });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(result));
      return;
    }
    if (url.pathname === '/__bridge/events' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      eventStreams.add(res);
      req.on('close', () => eventStreams.delete(res));
      return;
    }
    if (url.pathname === BRIDGE_SCRIPT) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(bridgeScript);
      return;
    }
    const file = resolveAppAsset(options.rendererDir, `app://evidence${url.pathname}`);
    if (req.method !== 'GET' || !file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    if (file.endsWith('index.html')) {
      // The shipped page, CSP and all, plus one same-origin script that defines window.evidence.
      const html = body.toString('utf8').replace('<script', `<script src="${BRIDGE_SCRIPT}"></script>\n    <script`);
      body = Buffer.from(html, 'utf8');
    }
    res.writeHead(200, appResponseHeaders(file)).end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    demo,
    emit,
    async close() {
      for (const stream of eventStreams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      closeSession(session);
      await demo.close();
      if (!options.cacheDir) await rm(cacheDir, { recursive: true, force: true });
    },
  };
}
