import { build } from 'esbuild';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { EventName, EventPayload } from '../../../shared/bridge/contract';
import { createDispatcher } from '../../../electron/core/bridge/dispatcher';
import { startDemo, type Demo } from '../../../electron/core/demo';
import type { OsProtection } from '../../../electron/core/keys';
import { createServices } from '../../../electron/core/services';
import { PacketDocuments } from '../../../electron/core/services/packet-documents';
import { createSecretStore, openWorkspaceManager, type WorkspaceManager } from '../../../electron/core/workspaces';
import { appResponseHeaders, packetReportHeaders, packetReportId, resolveAppAsset } from '../../../electron/main/protocol';

/**
 * What the host's stand-ins for the native dialogs answer. The page cannot set these (a renderer never
 * names a path); the test sets them on the TestHost object, in its own process.
 * - `outputFolder`: where pack writes; by default the host's `packetsDir`. null: the user cancelled.
 * - `packetFile`: what verifyPacket reads; by default the newest .zip in `packetsDir` (null when none).
 * - `importFiles`: what chooseImportFiles picks; by default none ([]: the user cancelled).
 */
export interface HostChoices {
  outputFolder?: string | null;
  packetFile?: string | null;
  importFiles?: string[];
}

/** A running test host. */
export interface TestHost {
  url: string;
  /** The in-process sample API behind the demo workspace: `demo.api.knobs` and `demo.api.setData()` inject faults. */
  demo: Demo;
  /** The workspaces and the session in use (tokens in a temp folder of this host, or in memory without `os`). */
  workspaces: WorkspaceManager;
  /** The signing key's folder (a temp folder of this host unless given). */
  keysDir: string;
  /** The default output folder of pack. */
  packetsDir: string;
  /** The cache folder (SQLite database, WAL, pulled files); removed on close unless it was given. */
  cacheDir: string;
  /** This host's temp folder: `keys/` (unless keysDir was given), `packets/`, `secrets/` (tokens, with an OS keyring). */
  workDir: string;
  /** What the next dialogs answer; change it between calls. */
  choices: HostChoices;
  /** The paths showPacketInFolder asked the OS file manager to show, oldest first. */
  revealed: string[];
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

/** The newest .zip in `dir`, or null. */
async function newestPacket(dir: string): Promise<string | null> {
  let newest: { path: string; mtime: number } | null = null;
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.zip')) continue;
    const path = join(dir, name);
    const { mtimeMs } = await stat(path);
    if (!newest || mtimeMs > newest.mtime) newest = { path, mtime: mtimeMs };
  }
  return newest?.path ?? null;
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
export async function startTestHost(options: {
  rendererDir: string;
  port?: number;
  cacheDir?: string;
  keysDir?: string;
  /** The OS keyring the host pretends to have; by default none, so keys need a passphrase (as on Linux without a keyring). */
  os?: OsProtection | null;
}): Promise<TestHost> {
  const bridgeScript = await bundleBrowserBridge();
  const demo = await startDemo();
  const cacheDir = options.cacheDir ?? (await mkdtemp(join(tmpdir(), 'evidence-test-host-')));
  const workDir = await mkdtemp(join(tmpdir(), 'evidence-test-host-work-'));
  const keysDir = options.keysDir ?? join(workDir, 'keys');
  const packetsDir = join(workDir, 'packets');
  await mkdir(packetsDir);
  const choices: HostChoices = {};
  const revealed: string[] = [];
  const workspaces = await openWorkspaceManager({
    cacheDir,
    actor: { name: 'Test Host', os_user: 'test-host' },
    fetch,
    secrets: createSecretStore({ dir: join(workDir, 'secrets'), os: options.os ?? null }),
    demo,
  });
  const documents = new PacketDocuments();
  const services = createServices({
    documents,
    runtime: 'test-host',
    app: { name: 'Evidence Packager', version: JSON.parse(await readFile('package.json', 'utf8')).version as string },
    dataSource: () => workspaces.dataSource(),
    session: () => workspaces.current(),
    workspaces,
    keys: { dir: keysDir, os: () => options.os ?? null },
    choose: {
      outputFolder: async () => (choices.outputFolder !== undefined ? choices.outputFolder : packetsDir),
      packetFile: async () => (choices.packetFile !== undefined ? choices.packetFile : newestPacket(packetsDir)),
      importFiles: async () => choices.importFiles ?? [],
    },
    reveal: (path) => void revealed.push(path),
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
    const reportId = packetReportId(url.pathname);
    if (reportId !== null && req.method === 'GET') {
      const html = documents.report(reportId);
      if (html === null) res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      else res.writeHead(200, packetReportHeaders()).end(html);
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
    workspaces,
    keysDir,
    packetsDir,
    cacheDir,
    workDir,
    choices,
    revealed,
    emit,
    async close() {
      for (const stream of eventStreams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      workspaces.close();
      await demo.close();
      if (!options.cacheDir) await rm(cacheDir, { recursive: true, force: true });
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
