import { DEFAULT_RETRY, defaultSleep, type RetryPolicy, type Sleep } from './backoff';
import { eventsTail, getJob, listJobs, preview } from './calls';
import { createJob } from './create-job';
import { DEFAULT_DOWNLOAD, downloadJob, type DownloadPolicy } from './download';
import { apiError, scrubError, scrubText } from './errors';
import type { ClientContext, Timeouts } from './transport';
import type {
  CallOptions,
  CreateJobBody,
  CreateJobResult,
  DownloadOptions,
  DownloadResult,
  EventsTailParams,
  EventsTailResult,
  ExportJob,
  JobPage,
  JobResult,
  PreviewParams,
  PreviewResult,
  WaitOptions,
} from './types';
import { parseBaseUrl } from './url';
import { DEFAULT_POLL, waitForJob, type PollPolicy } from './wait';

/** Defaults for a person waiting at a desk: a JSON call or a download's headers within 30 s, no body silence over 60 s. */
export const DEFAULT_TIMEOUTS: Timeouts = { requestMs: 30_000, headersMs: 30_000, idleMs: 60_000 };

/** What the client needs; fetch is injected (Electron's net.fetch in the app, global fetch in tests). */
export interface KeeptrustsClientOptions {
  fetch: typeof fetch;
  /** The API's base URL, possibly with a path prefix (`https://host/api`); https, or http to loopback only. */
  baseUrl: string;
  token: string;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryPolicy>;
  poll?: Partial<PollPolicy>;
  download?: Partial<DownloadPolicy>;
  /** Injectable for tests: the pause between retries and polls, jitter, and the wall clock. */
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
  /** One line per retry or resume; never the token (scrubbed even if a server echoes it). */
  log?: (line: string) => void;
}

/** The Keeptrusts export API as this app speaks it: every method resolves or throws an ApiError. */
export interface KeeptrustsClient {
  readonly baseUrl: string;
  preview(params: PreviewParams, options?: CallOptions): Promise<PreviewResult>;
  createJob(body: CreateJobBody, options?: CallOptions): Promise<CreateJobResult>;
  listJobs(params?: { limit?: number; cursor?: string }, options?: CallOptions): Promise<JobPage>;
  getJob(id: string, options?: CallOptions): Promise<JobResult>;
  waitForJob(id: string, options?: WaitOptions): Promise<JobResult>;
  download(job: ExportJob, options: DownloadOptions): Promise<DownloadResult>;
  eventsTail(params?: EventsTailParams, options?: CallOptions): Promise<EventsTailResult>;
}

/** Builds a client; throws `insecure-url` or `invalid-request` at once for an unusable base URL or token. */
export function createKeeptrustsClient(options: KeeptrustsClientOptions): KeeptrustsClient {
  const token = options.token;
  // eslint-disable-next-line no-control-regex
  if (typeof token !== 'string' || token === '' || /[\s\u0000-\u001f\u007f]/.test(token)) {
    throw apiError('invalid-request', { reason: 'the API token is empty or contains spaces' });
  }
  let base: URL;
  try {
    base = parseBaseUrl(options.baseUrl);
  } catch (error) {
    throw scrubError(error, token);
  }
  const log = options.log ?? (() => undefined);
  const ctx: ClientContext = {
    fetch: options.fetch,
    base,
    token,
    timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
    retry: { ...DEFAULT_RETRY, ...options.retry },
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    log: (line) => log(scrubText(line, token)),
  };
  const poll: PollPolicy = { ...DEFAULT_POLL, ...options.poll };
  const downloads: DownloadPolicy = { ...DEFAULT_DOWNLOAD, ...options.download };
  const createdJobIds = new Set<string>();
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (error) {
        throw scrubError(error, token);
      }
    };

  return {
    baseUrl: base.toString(),
    preview: guard((params: PreviewParams, call?: CallOptions) => preview(ctx, params, call)),
    createJob: guard((body: CreateJobBody, call?: CallOptions) => createJob(ctx, body, call, createdJobIds)),
    listJobs: guard(async (params?: { limit?: number; cursor?: string }, call?: CallOptions) => {
      const { jobs, nextCursor, raw } = await listJobs(ctx, params, call);
      return { jobs, nextCursor, raw };
    }),
    getJob: guard((id: string, call?: CallOptions) => getJob(ctx, id, call)),
    waitForJob: guard((id: string, wait?: WaitOptions) => waitForJob(ctx, id, poll, wait)),
    download: guard((job: ExportJob, download: DownloadOptions) => downloadJob(ctx, job, download, downloads)),
    eventsTail: guard((params?: EventsTailParams, call?: CallOptions) => eventsTail(ctx, params, call)),
  };
}
