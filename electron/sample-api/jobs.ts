import type { ExportFormat, ExportType } from '../../shared/domain';
import { writeArtifact, type Artifact } from './artifact';
import type { DataConfig } from './data-config';
import { CONTENT_TYPES } from './format';
import { recordsInWindow, withoutTimes, type RecordFilters } from './generate';
import type { Knobs } from './knobs';
import { createRng } from './prng';
import type { Window } from './window';

/** A job as the sample API keeps it; `toJson` is what clients see. */
export interface Job {
  id: string;
  type: ExportType;
  format: ExportFormat;
  status: string;
  window: Window;
  filters: RecordFilters;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
  expiresAt: number | null;
  artifact: Artifact | null;
  declaredSha256: string | null;
  storage: Knobs['storage'];
  error: { code: string; message: string } | null;
  /** Settles when the job reaches a terminal status. */
  done: Promise<void>;
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
/** Waits `ms`, or less when `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** The job as JSON, per the contract. */
export function jobToJson(job: Job): Record<string, unknown> {
  return {
    id: job.id,
    type: job.type,
    format: job.format,
    status: job.status,
    window: { from: iso(job.window.from), to: iso(job.window.to) },
    filters: job.filters,
    created_at: iso(job.createdAt),
    started_at: iso(job.startedAt),
    completed_at: iso(job.completedAt),
    expires_at: iso(job.expiresAt),
    artifact: job.artifact && {
      filename: job.artifact.filename,
      content_type: CONTENT_TYPES[job.format].split(';')[0],
      size_bytes: job.artifact.sizeBytes,
      sha256: job.declaredSha256,
      record_count: job.artifact.recordCount,
      storage: job.storage,
    },
    error: job.error,
  };
}

/** Keeps export jobs and runs each one: queued → running → completed | failed | expired. */
export class JobStore {
  private readonly jobs = new Map<string, Job>();
  private readonly order: string[] = [];
  private counter = 0;
  private readonly stopping = new AbortController();

  constructor(
    private readonly data: () => DataConfig,
    private readonly knobs: Knobs,
    private readonly artifactDir: string,
    private readonly now: () => number,
  ) {}

  /** Creates a job and starts it in the background. */
  create(type: ExportType, format: ExportFormat, window: Window, filters: RecordFilters): Job {
    const config = this.data();
    const id = `job_${createRng(config.seed, 0x10b, this.counter++).hex(24)}`;
    const outcome = this.knobs.jobOutcome;
    const job: Job = {
      id,
      type,
      format,
      status: 'queued',
      window,
      filters,
      createdAt: this.now(),
      startedAt: null,
      completedAt: null,
      expiresAt: null,
      artifact: null,
      declaredSha256: null,
      storage: this.knobs.storage,
      error: null,
      done: Promise.resolve(),
    };
    job.done = this.run(job, outcome, this.knobs.jobDurationMs, this.knobs.wrongSha256);
    this.jobs.set(id, job);
    this.order.push(id);
    return job;
  }

  private async run(job: Job, outcome: Knobs['jobOutcome'], durationMs: number, wrongSha256: boolean): Promise<void> {
    await wait(durationMs / 2, this.stopping.signal);
    if (this.stopping.signal.aborted) return;
    job.status = this.knobs.runningStatus;
    job.startedAt = this.now();
    const started = Date.now();
    if (outcome === 'fail') {
      await wait(durationMs / 2, this.stopping.signal);
      job.status = 'failed';
      job.completedAt = this.now();
      job.error = { code: 'export_failed', message: 'Export generation failed: storage backend unavailable (sample API fault)' };
      return;
    }
    const records = withoutTimes(recordsInWindow(this.data(), job.type, job.window.from, job.window.to, job.filters));
    let artifact: Artifact;
    try {
      artifact = await writeArtifact(this.artifactDir, job.id, job.type, job.format, records, this.now(), this.stopping.signal);
    } catch (error) {
      if (this.stopping.signal.aborted) return;
      job.status = 'failed';
      job.completedAt = this.now();
      job.error = { code: 'export_failed', message: `Export generation failed: ${(error as Error).message}` };
      return;
    }
    await wait(Math.max(0, durationMs / 2 - (Date.now() - started)), this.stopping.signal);
    if (this.stopping.signal.aborted) return;
    // The artifact becomes visible only with the completed status, as a real export service does.
    job.artifact = artifact;
    job.declaredSha256 = wrongSha256 ? artifact.sha256.replace(/^./, (c) => (c === '0' ? '1' : '0')) : artifact.sha256;
    job.completedAt = this.now();
    job.expiresAt = outcome === 'expire' ? job.completedAt : job.completedAt + 86_400_000;
    job.status = outcome === 'expire' ? 'expired' : 'completed';
  }

  /** A job by id, marked expired once the clock passes its expiry. */
  get(id: string): Job | undefined {
    const job = this.jobs.get(id);
    if (job?.status === 'completed' && job.expiresAt !== null && this.now() >= job.expiresAt) job.status = 'expired';
    return job;
  }

  /** Jobs newest first, `limit` at a time from `offset`. */
  page(offset: number, limit: number): { jobs: Job[]; next: number | null } {
    const newestFirst = [...this.order].reverse();
    const jobs = newestFirst.slice(offset, offset + limit).map((id) => this.get(id)!);
    return { jobs, next: offset + limit < newestFirst.length ? offset + limit : null };
  }

  /** Every job, oldest first. */
  all(): Job[] {
    return this.order.map((id) => this.jobs.get(id)!);
  }

  /** Stops every running job (their partial artifacts are removed). */
  close(): void {
    this.stopping.abort();
  }
}
