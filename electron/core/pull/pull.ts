import type { Database } from 'better-sqlite3';
import { mkdir, rm, rmdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ExportFormat, ExportType } from '../../../shared/domain';
import type { Progress } from '../../../shared/progress';
import type { CreateJobBody, ExportFilters, ExportJob, KeeptrustsClient, RetryNotice, WindowSpec } from '../api';
import { cacheLayout } from '../cache/layout';
import { actorLabel, type Actor } from '../actor';
import { appendCustody } from '../custody';
import { AppError } from '../errors';
import { ingestArtifact } from '../ingest/ingest';

/** What to pull: one job per export type, over one window, optionally for one environment. */
export interface PullRequest {
  workspaceId: string;
  exports: { type: ExportType; format: ExportFormat }[];
  window: WindowSpec;
  filters?: ExportFilters;
}

/** Where to pull from and where to put it, and how to report. */
export interface PullContext {
  db: Database;
  cacheDir: string;
  client: KeeptrustsClient;
  apiBaseUrl: string;
  actor: Actor;
  taskId: string;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  onJobStatus?: (status: { jobId: string; exportType: ExportType; status: string; detail: string }) => void;
}

/** What happened to one export of a pull. */
export type PullOutcome =
  | { type: ExportType; format: ExportFormat; status: 'pulled'; jobId: string; artifactId: number; sha256: string; records: number; filename: string }
  | { type: ExportType; format: ExportFormat; status: 'duplicate'; jobId: string; artifactId: number; sha256: string }
  | { type: ExportType; format: ExportFormat; status: 'failed'; jobId: string | null; error: AppError };

/**
 * Turns "this scope" into export files on disk and records in the cache: for each export type a job is
 * created, awaited, downloaded (resumable, verified against the job's metadata) and ingested. Each
 * export stands alone: a failure leaves the cache as it was before that export, and the others go on.
 * Cancelling stops the whole pull.
 */
export async function pullExports(request: PullRequest, ctx: PullContext): Promise<PullOutcome[]> {
  const outcomes: PullOutcome[] = [];
  for (const [index, spec] of request.exports.entries()) {
    const share = { index, of: request.exports.length };
    try {
      outcomes.push(await pullOne(spec.type, spec.format, request, ctx, share));
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError('internal', `Pulling ${spec.type} failed unexpectedly.`, 'Try again; if it keeps failing, report it with the log.');
      if (appError.code === 'cancelled' || ctx.signal?.aborted) throw cancelledPull(appError);
      outcomes.push({ type: spec.type, format: spec.format, status: 'failed', jobId: (error as { jobId?: string }).jobId ?? null, error: appError });
    }
  }
  return outcomes;
}

async function pullOne(
  type: ExportType,
  format: ExportFormat,
  request: PullRequest,
  ctx: PullContext,
  share: { index: number; of: number },
): Promise<PullOutcome> {
  const layout = cacheLayout(ctx.cacheDir);
  const report = (kind: Progress['kind'], value: number | null, detail: string) =>
    ctx.onProgress?.({ taskId: ctx.taskId, kind, value: value === null ? null : (share.index + value) / share.of, title: `Pulling ${type} (${share.index + 1} of ${share.of})`, detail });
  const waiting = (step: string) => (notice: RetryNotice) =>
    report('download', null, `${step}: Keeptrusts answered ${notice.status ?? notice.code}; trying again in ${seconds(notice.waitMs)} (attempt ${notice.attempt} of ${notice.of})`);
  const signalOption = ctx.signal ? { signal: ctx.signal } : {};

  const body = { type, format, ...request.window, ...(request.filters ? { filters: request.filters } : {}) } as CreateJobBody;
  report('download', 0, 'Creating the export job');
  const created = await ctx.client.createJob(body, { ...signalOption, onRetry: waiting('Creating the export job') });
  const jobId = created.job.id;
  const status = (job: ExportJob) => ctx.onJobStatus?.({ jobId, exportType: type, status: job.status ?? job.state, detail: job.error?.message ?? '' });
  status(created.job);
  const done = await withJobId(jobId, () => ctx.client.waitForJob(jobId, { ...signalOption, onStatus: (_s, job) => status(job), onRetry: waiting('Waiting for the export job') }));
  status(done.job);
  const declared = done.job.artifact?.sha256 ?? null;
  if (declared) {
    const existing = ctx.db.prepare('SELECT id FROM artifacts WHERE workspace_id = ? AND sha256 = ?').get(request.workspaceId, declared) as { id: number } | undefined;
    if (existing) return { type, format, status: 'duplicate', jobId, artifactId: existing.id, sha256: declared };
  }

  const folder = declared ?? `job-${jobId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const artifactDir = dirname(layout.artifact(folder, 'x'));
  await mkdir(layout.partialDir, { recursive: true });
  await mkdir(artifactDir, { recursive: true });
  const downloaded = await withJobId(jobId, () =>
    ctx.client.download(done.job, {
      partialPath: layout.resumable(`job-${jobId}`),
      finalPath: (filename) => layout.artifact(folder, filename),
      ...signalOption,
      onProgress: ({ bytes, total }) => report('download', total ? (bytes / total) * 0.5 : null, total ? `${mb(bytes)} of ${mb(total)}` : mb(bytes)),
    }),
  ).catch(async (error: unknown) => {
    await rmdir(artifactDir).catch(() => undefined);
    throw error;
  });

  let artifactId: number | null = null;
  try {
    const now = new Date().toISOString();
    const jobRow = ctx.db
      .prepare(
        `INSERT INTO export_jobs (workspace_id, remote_id, type, format, status, request_json, raw_json, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, remote_id) DO UPDATE SET status = excluded.status, raw_json = excluded.raw_json, updated_at = excluded.updated_at
         RETURNING id`,
      )
      .get(request.workspaceId, jobId, type, format, done.job.status ?? done.job.state, JSON.stringify(body), JSON.stringify(done.raw), now, now) as { id: number };
    const provenance = {
      kind: 'pulled',
      api_base_url: ctx.apiBaseUrl,
      job_id: jobId,
      request: body,
      server_declared: {
        record_count: done.job.artifact?.record_count ?? null,
        size_bytes: done.job.artifact?.size_bytes ?? null,
        sha256: declared,
        filename: done.job.artifact?.filename ?? null,
      },
      download_origin: downloaded.downloadOrigin,
      downloaded_at: downloaded.downloadedAt,
      resumed: downloaded.resumedCount,
      pulled_by: actorLabel(ctx.actor),
    };
    artifactId = Number(
      ctx.db
        .prepare("INSERT INTO artifacts (workspace_id, job_id, type, format, path, original_filename, bytes, sha256, source, provenance_json, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pulled', ?, ?)")
        .run(request.workspaceId, jobRow.id, type, format, layout.relativeArtifact(folder, downloaded.filename), downloaded.filename, downloaded.bytes, downloaded.sha256, JSON.stringify(provenance), now).lastInsertRowid,
    );
    const result = await ingestArtifact(ctx.db, {
      artifactId,
      type,
      format,
      file: downloaded.path,
      displayName: downloaded.filename,
      ...signalOption,
      onProgress: (p) => report('ingest', 0.5 + (p.totalBytes ? (p.bytes / p.totalBytes) * 0.5 : 0), `${p.records.toLocaleString('en-US')} records`),
    });
    appendCustody(ctx.db, request.workspaceId, {
      action: 'pulled',
      actor: ctx.actor,
      subject: { job_id: jobId, export_type: type, format, original_filename: downloaded.filename, bytes: downloaded.bytes },
      artifactSha256: downloaded.sha256,
    });
    report('ingest', 1, `${result.records.toLocaleString('en-US')} records`);
    return { type, format, status: 'pulled', jobId, artifactId, sha256: downloaded.sha256, records: result.records, filename: downloaded.filename };
  } catch (error) {
    // Undo this export entirely: no artifact row, no job row, no file.
    if (artifactId !== null) ctx.db.prepare('DELETE FROM artifacts WHERE id = ?').run(artifactId);
    ctx.db.prepare('DELETE FROM export_jobs WHERE workspace_id = ? AND remote_id = ? AND id NOT IN (SELECT job_id FROM artifacts WHERE job_id IS NOT NULL)').run(request.workspaceId, jobId);
    await rm(downloaded.path, { force: true });
    await rmdir(dirname(downloaded.path)).catch(() => undefined);
    throw Object.assign(error as object, { jobId });
  }
}

async function withJobId<T>(jobId: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw Object.assign(error as object, { jobId });
  }
}

function cancelledPull(cause: AppError): AppError {
  return cause.code === 'cancelled'
    ? cause
    : new AppError('cancelled', 'The pull was cancelled.', 'Exports already pulled are kept; the cancelled one left nothing in the cache. Pull again to finish.');
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
