import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_FORMATS, EXPORT_TYPES, VERDICTS, isExportFormat, isExportType, type ExportType } from '../../shared/domain';
import { defaultDataConfig, type DataConfig } from './data-config';
import { CONTENT_TYPES } from './format';
import { recordsInWindow, recordsNewestFirst, type RecordFilters } from './generate';
import { HttpError, delay, readJsonBody, sendError, sendJson, sendStatusFault, serveFile } from './http';
import { JobStore, jobToJson, type Job } from './jobs';
import { defaultKnobs, takeFault, validDataPatch, validKnobPatch, type Knobs, type RouteName } from './knobs';
import { PresignedStorage } from './storage';
import { parseSince, resolveWindow } from './window';

/** How to start a sample API. Everything has a default; tests set what they exercise. */
export interface SampleApiOptions {
  host?: string;
  port?: number;
  storagePort?: number;
  seed?: number;
  /** The bearer token with export scope. */
  token?: string;
  /** Tokens that authenticate but lack the export scope (answered 403). */
  noScopeTokens?: string[];
  /** A path prefix for every API route, e.g. `/api` for a self-hosted install behind a proxy. */
  basePath?: string;
  /** The data clock: a fixed instant (ms or RFC 3339) or a function. Default: the real clock. */
  now?: number | string | (() => number);
  data?: Partial<Omit<DataConfig, 'seed' | 'now'>>;
  knobs?: Partial<Knobs>;
  /** One line per request (method, path, status, ms); never headers or tokens. */
  log?: (line: string) => void;
  /** Serve the /__control routes that change knobs at run time (tests, the CLI). Off for the in-app demo. */
  control?: boolean;
}

/** A running sample API. */
export interface SampleApi {
  /** Base URL clients use (origin + basePath). */
  url: string;
  origin: string;
  storageOrigin: string;
  token: string;
  /** Mutable: tests change knobs between calls. */
  knobs: Knobs;
  data: () => DataConfig;
  setData(patch: Partial<Omit<DataConfig, 'seed' | 'now'>>): void;
  jobs: JobStore;
  storage: PresignedStorage;
  close(): Promise<void>;
}

/** The default bearer token of the sample API. */
export const SAMPLE_TOKEN = 'kt_sample_token';
/** A token the sample API knows but that lacks the export scope. */
export const SAMPLE_NO_SCOPE_TOKEN = 'kt_sample_noscope';

function clockOf(now: SampleApiOptions['now']): () => number {
  if (typeof now === 'function') return now;
  if (typeof now === 'number') return () => now;
  if (typeof now === 'string') {
    const fixed = Date.parse(now);
    if (!Number.isFinite(fixed)) throw new Error(`--now must be an RFC 3339 instant, got "${now}"`);
    return () => fixed;
  }
  return () => Date.now();
}

/** Starts a Keeptrusts-compatible API over generated data, plus its presigned-storage listener. */
export async function startSampleApi(options: SampleApiOptions = {}): Promise<SampleApi> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? SAMPLE_TOKEN;
  const noScope = new Set(options.noScopeTokens ?? [SAMPLE_NO_SCOPE_TOKEN]);
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const clock = clockOf(options.now);
  let base = defaultDataConfig(options.seed ?? 1, clock(), options.data);
  const data = (): DataConfig => ({ ...base, now: clock() });
  const knobs: Knobs = { ...defaultKnobs(), ...options.knobs };
  const artifactDir = await mkdtemp(join(tmpdir(), 'keeptrusts-sample-'));
  const jobs = new JobStore(data, knobs, artifactDir, clock);
  const storage = new PresignedStorage(knobs);
  const storageOrigin = await storage.start(host, options.storagePort ?? 0);

  const control = options.control ?? true;
  const handler = createHandler({ token, noScope, basePath, clock, data, knobs, jobs, storage, setData, log: options.log, control });
  function setData(patch: Partial<Omit<DataConfig, 'seed' | 'now'>>) {
    base = { ...base, ...patch };
  }
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url: origin + basePath,
    origin,
    storageOrigin,
    token,
    knobs,
    data,
    setData,
    jobs,
    storage,
    async close() {
      jobs.close();
      await closeServer(server);
      await storage.close();
      await Promise.allSettled(jobs.all().map((job) => job.done));
      await rm(artifactDir, { recursive: true, force: true });
    },
  };
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

interface HandlerContext {
  token: string;
  noScope: Set<string>;
  basePath: string;
  clock: () => number;
  data: () => DataConfig;
  knobs: Knobs;
  jobs: JobStore;
  storage: PresignedStorage;
  setData: (patch: Partial<Omit<DataConfig, 'seed' | 'now'>>) => void;
  log: ((line: string) => void) | undefined;
  control: boolean;
}

type Route = { name: RouteName; run: () => Promise<void> | void };

function createHandler(ctx: HandlerContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://sample.invalid');
    res.on('finish', () => ctx.log?.(`${req.method} ${url.pathname} ${res.statusCode} ${Date.now() - started}ms`));
    try {
      if (ctx.control && url.pathname.startsWith('/__control/')) {
        requireToken(req, ctx);
        return await control(req, res, url, ctx);
      }
      if (!url.pathname.startsWith(`${ctx.basePath}/v1/`)) throw new HttpError(404, 'not_found', `No route ${url.pathname}`);
      const route = matchRoute(req, res, url, url.pathname.slice(ctx.basePath.length), ctx);
      const fault = takeFault(ctx.knobs, route.name);
      if (fault?.kind === 'status') return sendStatusFault(res, fault, Date.now());
      if (fault?.kind === 'slow-headers') await delay(fault.delayMs ?? 30_000, res);
      if (fault && route.name !== 'download' && (fault.kind === 'cut' || fault.kind === 'short')) {
        res.socket?.destroy();
        return;
      }
      requireToken(req, ctx);
      if (route.name === 'download') return await download(req, res, url, ctx, fault);
      await route.run();
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
      } else if (error instanceof HttpError) {
        sendError(res, error.status, error.code, error.message);
      } else {
        sendError(res, 500, 'internal_error', 'The sample API failed unexpectedly');
      }
    }
  };
}

function requireToken(req: IncomingMessage, ctx: HandlerContext): void {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer (\S+)$/.exec(header);
  if (!match) throw new HttpError(401, 'unauthorized', 'Missing bearer token');
  if (ctx.noScope.has(match[1]!)) throw new HttpError(403, 'forbidden', 'This token does not have the export scope');
  if (match[1] !== ctx.token) throw new HttpError(401, 'unauthorized', 'Invalid token');
}

function matchRoute(req: IncomingMessage, res: ServerResponse, url: URL, path: string, ctx: HandlerContext): Route {
  const method = req.method ?? 'GET';
  const only = (allowed: string[]) => {
    if (!allowed.includes(method)) throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${path}`);
  };
  if (path === '/v1/exports/preview') {
    only(['GET']);
    return { name: 'preview', run: () => preview(res, url, ctx) };
  }
  if (path === '/v1/exports/jobs') {
    only(['GET', 'POST']);
    return method === 'POST'
      ? { name: 'create-job', run: () => createJob(req, res, ctx) }
      : { name: 'list-jobs', run: () => listJobs(res, url, ctx) };
  }
  if (path === '/v1/events') {
    only(['GET']);
    return { name: 'events', run: () => eventsTail(res, url, ctx) };
  }
  const job = /^\/v1\/exports\/jobs\/([^/]+)(\/download)?$/.exec(path);
  if (job) {
    only(['GET', 'HEAD']);
    const id = decodeURIComponent(job[1]!);
    return job[2]
      ? { name: 'download', run: () => undefined }
      : { name: 'get-job', run: () => sendJson(res, 200, jobToJson(findJob(id, ctx))) };
  }
  throw new HttpError(404, 'not_found', `No route ${path}`);
}

function findJob(id: string, ctx: HandlerContext): Job {
  const job = ctx.jobs.get(id);
  if (!job) throw new HttpError(404, 'job_not_found', `No export job ${id}`);
  return job;
}

function filtersFrom(source: { environment?: unknown; verdict?: unknown } | undefined): RecordFilters {
  const filters: RecordFilters = {};
  if (source?.environment !== undefined) {
    if (typeof source.environment !== 'string' || source.environment === '') {
      throw new HttpError(400, 'invalid_filter', 'filters.environment must be a non-empty string');
    }
    filters.environment = source.environment;
  }
  if (source?.verdict !== undefined) {
    if (typeof source.verdict !== 'string' || !(VERDICTS as readonly string[]).includes(source.verdict)) {
      throw new HttpError(400, 'invalid_filter', `filters.verdict must be one of ${VERDICTS.join(', ')}`);
    }
    filters.verdict = source.verdict;
  }
  return filters;
}

function typeFrom(value: unknown): ExportType {
  if (value === undefined) return 'events';
  if (!isExportType(value)) throw new HttpError(400, 'invalid_type', `type must be one of ${EXPORT_TYPES.join(', ')}`);
  return value;
}

function queryParams(url: URL): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of url.searchParams) out[key] = value;
  return out;
}

/** Lets other requests in every `every` items, so a month-long preview never freezes the process. */
async function* yielding<T>(items: Iterable<T>, every = 20_000): AsyncGenerator<T> {
  let count = 0;
  for (const item of items) {
    yield item;
    if (++count % every === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

async function preview(res: ServerResponse, url: URL, ctx: HandlerContext): Promise<void> {
  const query = queryParams(url);
  const type = typeFrom(query.type);
  const window = resolveWindow(query, ctx.clock());
  const filters = filtersFrom(query);
  let count = 0;
  let earliest: number | null = null;
  let latest: number | null = null;
  const environments = new Set<string>();
  const versions = new Set<string>();
  const verdicts: Record<string, number> = {};
  for await (const { t, record } of yielding(recordsInWindow(ctx.data(), type, window.from, window.to, filters))) {
    if (res.destroyed) return;
    count++;
    earliest ??= t;
    latest = t;
    environments.add(record.environment);
    if ('config_version' in record) versions.add(record.config_version);
    if ('verdict' in record) verdicts[record.verdict] = (verdicts[record.verdict] ?? 0) + 1;
  }
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  sendJson(res, 200, {
    type,
    window: { from: iso(window.from), to: iso(window.to) },
    record_count: count,
    earliest: iso(earliest),
    latest: iso(latest),
    environments: [...environments].sort(),
    config_versions: [...versions].sort(),
    counts_by_verdict: verdicts,
  });
}

async function createJob(req: IncomingMessage, res: ServerResponse, ctx: HandlerContext): Promise<void> {
  const body = (await readJsonBody(req)) ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_request', 'The request body must be a JSON object');
  }
  const params = body as Record<string, unknown>;
  const type = typeFrom(params.type);
  const format = params.format ?? 'json';
  if (!isExportFormat(format)) throw new HttpError(400, 'invalid_format', `format must be one of ${EXPORT_FORMATS.join(', ')}`);
  const window = resolveWindow(params, ctx.clock());
  const rawFilters = params.filters;
  if (rawFilters !== undefined && (typeof rawFilters !== 'object' || rawFilters === null || Array.isArray(rawFilters))) {
    throw new HttpError(400, 'invalid_filter', 'filters must be an object');
  }
  const job = ctx.jobs.create(type, format, window, filtersFrom(rawFilters as Record<string, unknown> | undefined));
  sendJson(res, 202, jobToJson(job), { location: `${ctx.basePath}/v1/exports/jobs/${job.id}` });
}

function listJobs(res: ServerResponse, url: URL, ctx: HandlerContext): void {
  const limitText = url.searchParams.get('limit') ?? '20';
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > 100) throw new HttpError(400, 'invalid_limit', 'limit must be 1 to 100');
  const cursor = url.searchParams.get('cursor');
  let offset = 0;
  if (cursor) {
    const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
    if (!/^o:\d+$/.test(decoded)) throw new HttpError(400, 'invalid_cursor', 'cursor is not one this API issued');
    offset = Number(decoded.slice(2));
  }
  const page = ctx.jobs.page(offset, limit);
  sendJson(res, 200, {
    jobs: page.jobs.map(jobToJson),
    next_cursor: page.next === null ? null : Buffer.from(`o:${page.next}`).toString('base64url'),
  });
}

async function download(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: HandlerContext,
  fault: ReturnType<typeof takeFault>,
): Promise<void> {
  const id = decodeURIComponent(/\/jobs\/([^/]+)\/download$/.exec(url.pathname)![1]!);
  const job = findJob(id, ctx);
  if (job.status === 'expired') throw new HttpError(410, 'expired', `Export job ${id} has expired; create a new one`);
  if (job.status !== 'completed' || !job.artifact) {
    throw new HttpError(409, 'not_ready', `Export job ${id} is ${job.status}, not completed`);
  }
  const file = {
    path: job.artifact.path,
    size: job.artifact.sizeBytes,
    etag: `"${job.artifact.sha256}"`,
    contentType: CONTENT_TYPES[job.format],
    filename: job.artifact.filename,
  };
  if (job.storage === 's3') {
    const location = ctx.storage.presign(`${job.id}/${job.artifact.filename}`, file, ctx.knobs.presignTtlMs);
    res.writeHead(302, { location, 'cache-control': 'no-store', 'content-length': 0 });
    res.end();
    return;
  }
  await serveFile(req, res, file, fault);
}

async function eventsTail(res: ServerResponse, url: URL, ctx: HandlerContext): Promise<void> {
  const now = ctx.clock();
  const data = ctx.data();
  // Nothing exists before data start; clamping keeps `since=99999d` from walking empty hours.
  const since = Math.max(parseSince(url.searchParams.get('since') ?? '1h', now, 'since'), data.dataStart);
  const untilText = url.searchParams.get('until');
  const until = untilText ? parseSince(untilText, now, 'until') : now;
  const limitText = url.searchParams.get('limit') ?? '50';
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > 1000) throw new HttpError(400, 'invalid_limit', 'limit must be 1 to 1000');
  const filters = filtersFrom({ verdict: url.searchParams.get('verdict') ?? undefined });
  const events = [];
  for await (const { record } of yielding(recordsNewestFirst(data, 'events', since, Math.min(until, now - 1), filters))) {
    events.push(record);
    if (events.length >= limit) break;
  }
  sendJson(res, 200, { events, since: new Date(since).toISOString(), until: new Date(until).toISOString() });
}

function badRequestOnError<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw new HttpError(400, 'invalid_request', (error as Error).message);
  }
}

async function control(req: IncomingMessage, res: ServerResponse, url: URL, ctx: HandlerContext): Promise<void> {
  const body = req.method === 'POST' ? await readJsonBody(req) : undefined;
  if (url.pathname === '/__control/knobs') {
    if (req.method === 'POST') {
      Object.assign(ctx.knobs, badRequestOnError(() => validKnobPatch(body)));
    }
    return sendJson(res, 200, ctx.knobs);
  }
  if (url.pathname === '/__control/data' && req.method === 'POST') {
    ctx.setData(badRequestOnError(() => validDataPatch(body)));
    const { seed: _seed, ...rest } = ctx.data();
    return sendJson(res, 200, rest);
  }
  if (url.pathname === '/__control/storage-requests') return sendJson(res, 200, ctx.storage.requests);
  throw new HttpError(404, 'not_found', `No control route ${url.pathname}`);
}
