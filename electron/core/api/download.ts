import { backoffDelay, retryDelay } from './backoff';
import { discardBody, pumpBody } from './download-body';
import { apiError, type ApiErrorCode, type ApiErrorDetails } from './errors';
import { classifyThrown, Exchange } from './exchange';
import { failureForNoAnswer, failureForStatus, parseErrorBody, tidy, type Failure } from './failure';
import { chooseFilename } from './filename';
import { isStrongEtag, parseContentLength, parseContentRange, parseRetryAfter } from './headers';
import { PartialFile } from './partial';
import { pause, send, type ClientContext } from './transport';
import type { DownloadOptions, DownloadResult, ExportJob } from './types';
import { apiUrl, isSafeTransport, sameOrigin, withoutQuery } from './url';

/** Bounds of one download: body interruptions resumed, presigned links re-asked for, redirects followed. */
export interface DownloadPolicy {
  maxResumes: number;
  maxLinkRefreshes: number;
  maxRedirects: number;
  progressIntervalMs: number;
}

/** Defaults that survive a flaky connection without looping forever. */
export const DEFAULT_DOWNLOAD: DownloadPolicy = { maxResumes: 8, maxLinkRefreshes: 2, maxRedirects: 5, progressIntervalMs: 250 };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** What a completed job promises about its file; anything else cannot be downloaded or verified. */
export function downloadExpectations(job: ExportJob): { size: number; sha256: string } {
  if (job.state === 'expired') throw apiError('job-expired', { jobId: job.id, jobStatus: job.status });
  if (job.state === 'failed') throw apiError('job-failed', { jobId: job.id, jobStatus: job.status, serverMessage: tidy(job.error?.message ?? '') });
  if (job.state !== 'completed') throw apiError('job-not-ready', { jobId: job.id, jobStatus: job.status });
  const size = job.artifact?.size_bytes ?? null;
  const sha256 = job.artifact?.sha256 ?? null;
  if (size === null || sha256 === null) throw apiError('bad-response', { jobId: job.id, reason: 'the job does not declare the file size and sha256' });
  return { size, sha256 };
}

/** The next hop of a redirect: https only (http only to loopback, never down from https). */
export function redirectTarget(current: URL, location: string | null): URL {
  if (location === null || location.trim() === '') throw apiError('bad-response', { reason: 'a redirect without a Location' });
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw apiError('bad-response', { reason: 'a redirect to an unreadable address' });
  }
  if (!isSafeTransport(next) || (current.protocol === 'https:' && next.protocol !== 'https:')) {
    throw apiError('unsafe-redirect', { url: `${next.protocol}//${next.host}` });
  }
  return next;
}

/** Downloads, resumes, verifies and atomically finishes a job's file; on cancel or failure there is never a final file. */
export async function downloadJob(ctx: ClientContext, job: ExportJob, options: DownloadOptions, policy: DownloadPolicy): Promise<DownloadResult> {
  const expected = downloadExpectations(job);
  const { signal } = options;
  if (signal?.aborted) throw apiError('cancelled');
  const apiDownload = apiUrl(ctx.base, `/v1/exports/jobs/${encodeURIComponent(job.id)}/download`);
  const file = await PartialFile.open(options.partialPath, expected.sha256);
  const context: ApiErrorDetails = { jobId: job.id };
  let url = apiDownload;
  let failures = 0;
  let resumes = 0;
  let refreshes = 0;
  let redirects = 0;
  let resumedCount = 0;
  let disposition: string | null;
  let lastProgress = -Infinity;
  const progress = (force: boolean) => {
    const t = ctx.now();
    if (!options.onProgress || (!force && t - lastProgress < policy.progressIntervalMs)) return;
    lastProgress = t;
    try {
      options.onProgress({ bytes: file.bytes, total: expected.size });
    } catch {
      // A progress display must not break a download.
    }
  };
  const stop = (code: ApiErrorCode, details: ApiErrorDetails) => apiError(code, { ...context, url: withoutQuery(url), ...details });
  const retryLater = async (failure: Failure) => {
    failures++;
    if (failures >= ctx.retry.maxAttempts) throw apiError(failure.error.code as ApiErrorCode, { ...failure.error.info, attempts: failures });
    const wait = retryDelay(failures, failure.retryAfterMs, ctx.retry, ctx.random);
    ctx.log(`download ${job.id}: ${failure.error.code}; retry ${failures} in ${wait} ms`);
    await pause(ctx, wait, signal);
  };
  const interrupted = async (kind: 'timeout' | 'network', reason: string) => {
    resumes++;
    if (resumes > policy.maxResumes) throw stop(kind === 'timeout' ? 'timeout' : 'server-unreachable', { reason, attempts: resumes });
    ctx.log(`download ${job.id}: interrupted at ${file.bytes} bytes (${reason}); resuming`);
    await pause(ctx, backoffDelay(1, ctx.retry, ctx.random), signal);
  };

  // Bounds: `failures` counts failed attempts without progress (reset by progress), `resumes` body
  // interruptions, `refreshes` presigned links re-asked for, `redirects` hops in one chain.
  try {
    for (;;) {
      if (signal?.aborted) throw apiError('cancelled');
      if (file.bytes > 0 && !isStrongEtag(file.etag)) await file.restart();
      const from = file.bytes;
      const headers: Record<string, string> = { accept: '*/*' };
      if (from > 0 && file.etag !== null) Object.assign(headers, { range: `bytes=${from}-`, 'if-range': file.etag });
      const withAuth = sameOrigin(url, ctx.base);
      const exchange = new Exchange(signal);
      exchange.arm(ctx.timeouts.headersMs);
      let response: Response;
      try {
        response = await send(ctx, url, { method: 'GET', headers, withAuth }, exchange);
      } catch (error) {
        exchange.dispose();
        const why = classifyThrown(error, exchange);
        if (why.kind === 'cancelled') throw why.error;
        const details = why.kind === 'network' ? { reason: why.reason } : { timeoutMs: ctx.timeouts.headersMs };
        await retryLater(failureForNoAnswer(why.kind, { ...context, url: withoutQuery(url), ...details }));
        continue;
      }
      exchange.disarm();
      const { status } = response;
      if (response.type === 'opaqueredirect' || status === 0) {
        // A browser-style fetch hides redirects; the app must inject one that returns them (Node's does).
        discardBody(response, exchange);
        throw stop('bad-response', { reason: 'this fetch hides redirects, so a presigned download cannot be followed' });
      }

      if (REDIRECTS.has(status)) {
        discardBody(response, exchange);
        if (++redirects > policy.maxRedirects) throw stop('bad-response', { reason: 'too many redirects' });
        url = redirectTarget(url, response.headers.get('location'));
        continue;
      }
      redirects = 0;
      if (!withAuth && (status === 401 || status === 403)) {
        // Storage refused the presigned URL (expired or no longer valid): ask the API for a fresh one.
        discardBody(response, exchange);
        if (++refreshes > policy.maxLinkRefreshes) throw stop('link-expired', { status, attempts: refreshes });
        ctx.log(`download ${job.id}: the download link was refused (HTTP ${status}); asking for a new one`);
        url = apiDownload;
        continue;
      }
      if (status === 416) {
        discardBody(response, exchange);
        if (from > 0 && from === expected.size) {
          disposition = response.headers.get('content-disposition');
          break;
        }
        await file.restart();
        await interrupted('network', 'the server refused the range');
        continue;
      }
      if (status !== 200 && status !== 206) {
        exchange.arm(ctx.timeouts.requestMs);
        const text = await exchange.race(response.text()).catch(() => '');
        exchange.dispose();
        const said = parseErrorBody(text, response.headers.get('content-type'));
        const failure = failureForStatus(status, said, parseRetryAfter(response.headers.get('retry-after'), ctx.now()), { ...context, url: withoutQuery(url) });
        if (failure.retry === 'never') throw failure.error;
        await retryLater(failure);
        continue;
      }

      let total: number | null;
      if (status === 206) {
        const range = parseContentRange(response.headers.get('content-range'));
        if (from === 0 || range === null || range.start !== from) {
          // Not the range we asked for: start over from zero rather than splice the wrong bytes.
          discardBody(response, exchange);
          await file.restart();
          await interrupted('network', 'the server sent a different range');
          continue;
        }
        resumedCount++;
        total = range.total;
      } else {
        total = parseContentLength(response.headers.get('content-length'));
      }
      if (total !== null && total !== expected.size) {
        discardBody(response, exchange);
        await file.discard();
        throw stop('size-mismatch', { expected: expected.size, actual: total });
      }
      disposition = response.headers.get('content-disposition');
      const before = status === 206 ? file.bytes : 0;
      const prepare = async () => {
        if (status === 200) {
          await file.restart();
          await file.remember(response.headers.get('etag'));
        }
        progress(true);
      };
      const outcome = await pumpBody(response, exchange, file, ctx.timeouts.idleMs, { prepare, onChunk: () => progress(false) });
      exchange.dispose();
      if (file.bytes > expected.size) {
        await file.discard();
        throw stop('size-mismatch', { expected: expected.size, actual: file.bytes });
      }
      if (outcome.ended && file.bytes === expected.size) break;
      if (file.bytes > before) failures = 0;
      await interrupted(outcome.ended ? 'network' : outcome.kind, outcome.ended ? 'the body ended early' : outcome.reason);
    }

    progress(true);
    const sha256 = file.sha256();
    if (sha256 !== expected.sha256) {
      await file.discard();
      throw stop('checksum-mismatch', { expected: expected.sha256, actual: sha256 });
    }
    if (signal?.aborted) throw apiError('cancelled');
    const filename = chooseFilename(disposition, job.artifact?.filename ?? null, job.id, job.format);
    const finalPath = typeof options.finalPath === 'function' ? options.finalPath(filename) : options.finalPath;
    await file.finish(finalPath);
    return {
      path: finalPath,
      filename,
      bytes: file.bytes,
      sha256,
      etag: file.etag,
      downloadOrigin: withoutQuery(url),
      downloadedAt: new Date(ctx.now()).toISOString(),
      resumedCount,
    };
  } catch (error) {
    await file.close();
    throw error;
  }
}
