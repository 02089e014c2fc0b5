import type { ExportFormat, ExportType, TimeWindow, Verdict } from '../../../shared/domain';

/** An export window as the request names it: a relative window, or dates/instants (`date_to` inclusive for dates). */
export type WindowSpec = { time_window: TimeWindow } | { date_from: string; date_to: string };

/** Optional narrowing of an export, sent as the contract spells it. */
export interface ExportFilters {
  environment?: string;
  verdict?: Verdict;
}

/** What `POST /v1/exports/jobs` is sent; type and format are always explicit (strict in what we send). */
export type CreateJobBody = { type: ExportType; format: ExportFormat; filters?: ExportFilters } & WindowSpec;

/** What a preview asks about; same window and filters as a job. */
export type PreviewParams = { type: ExportType; filters?: ExportFilters } & WindowSpec;

/** Where a job is on its way, whatever the server called it: anything unknown counts as pending. */
export type JobState = 'pending' | 'completed' | 'failed' | 'expired';

/** The artifact of a completed job, as understood; absent or malformed fields are null. */
export interface ExportArtifact {
  filename: string | null;
  content_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  record_count: number | null;
  storage: string | null;
}

/** An export job as understood; `status` is the server's own spelling, `state` what it means here. */
export interface ExportJob {
  id: string;
  type: string | null;
  format: string | null;
  status: string | null;
  state: JobState;
  window: { from: string | null; to: string | null } | null;
  /** The filters the server echoed back; null when it did not echo any. */
  filters: { environment?: string; verdict?: string } | null;
  created_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  expires_at: string | null;
  artifact: ExportArtifact | null;
  error: { code: string | null; message: string | null } | null;
}

/** What a job would contain, as understood; verdict counts use the contract's spelling. */
export interface ExportPreview {
  type: string | null;
  window: { from: string | null; to: string | null } | null;
  record_count: number | null;
  earliest: string | null;
  latest: string | null;
  environments: string[];
  config_versions: string[];
  counts_by_verdict: Record<string, number>;
}

/** One event of the tail; `id` from `id` or `event_id`, verdict normalized when recognized. */
export interface TailEvent {
  id: string | null;
  event_type: string | null;
  timestamp: string | null;
  verdict: string | null;
  reason_code: string | null;
  model: string | null;
  provider: string | null;
  config_version: string | null;
  environment: string | null;
  request_id: string | null;
  escalation_id: string | null;
}

/** Parameters of the events tail: durations (`5m`, `1h`) or instants, newest first. */
export interface EventsTailParams {
  since?: string;
  until?: string;
  verdict?: Verdict;
  limit?: number;
}

/** Every answer keeps the server's raw JSON next to what was understood, so nothing it said is lost. */
export interface JobResult {
  job: ExportJob;
  raw: unknown;
}

/** createJob's answer; `reused` when an ambiguous failure turned out to have created the job after all. */
export interface CreateJobResult extends JobResult {
  reused: boolean;
}

/** One page of jobs, newest first. */
export interface JobPage {
  jobs: ExportJob[];
  nextCursor: string | null;
  raw: unknown;
}

/** A preview and the raw JSON it came from. */
export interface PreviewResult {
  preview: ExportPreview;
  raw: unknown;
}

/** The events tail and the raw JSON it came from. */
export interface EventsTailResult {
  events: TailEvent[];
  since: string | null;
  until: string | null;
  raw: unknown;
}

/** Progress of a download; `total` is null until the server says how big the file is. */
export interface DownloadProgress {
  bytes: number;
  total: number | null;
}

/** Where and how to download a completed job's artifact. */
export interface DownloadOptions {
  /** A file in the cache dir; left in place on cancel or interruption so a later call can resume. */
  partialPath: string;
  /** Where the verified file goes (never overwritten); a function gets the server's sanitized filename. */
  finalPath: string | ((filename: string) => string);
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
}

/** A verified, atomically finished download. */
export interface DownloadResult {
  path: string;
  filename: string;
  bytes: number;
  sha256: string;
  etag: string | null;
  /** The URL the bytes came from, without its query string (presigned signatures stay out of logs). */
  downloadOrigin: string;
  downloadedAt: string;
  resumedCount: number;
}

/** How long to poll a job, and what to tell the caller on the way. */
export interface WaitOptions {
  signal?: AbortSignal;
  onRetry?: CallOptions['onRetry'];
  timeoutMs?: number;
  /** Called when the status changes, with the server's spelling. */
  onStatus?: (status: string | null, job: ExportJob) => void;
}

/** A call that should give up with `cancelled` when its signal aborts. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Told before each pause for a retry (429, 503, a dropped connection…), so the UI can say why it waits. */
  onRetry?: (notice: RetryNotice) => void;
}

/** A retry about to happen: what went wrong, which attempt comes next, and how long the pause is. */
export interface RetryNotice {
  code: string;
  status: number | null;
  /** The attempt about to be made (2 for the first retry) and the most there will be. */
  attempt: number;
  of: number;
  waitMs: number;
}
