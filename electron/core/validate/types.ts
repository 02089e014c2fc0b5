import type { ExportFormat, ExportType } from '../../../shared/domain';
import type { FileFacts } from './facts';

/** What the server declared about a job's artifact (any of it may be missing). */
export interface JobMetadata {
  id: string;
  completedAt: string | null;
  artifact: { filename: string | null; sizeBytes: number | null; sha256: string | null; recordCount: number | null } | null;
}

/** One file to validate: where it is, its original name (as downloaded or carried in), and its job if pulled. */
export interface ExportFileInput {
  path: string;
  name: string;
  type: ExportType;
  format: ExportFormat;
  job: JobMetadata | null;
  /** The cache's id for the file, when it came from the cache. */
  artifactId?: number;
}

/** The scope with its window resolved to ms. */
export interface ResolvedScope {
  from: number;
  to: number;
  bucketMs: number;
  environment: string | null;
  configVersion: string | null;
  types: readonly ExportType[];
  requestIds: readonly string[];
  escalationIds: readonly string[];
}

/** Settings a reviewer may change; defaults in DEFAULT_SETTINGS. */
export interface ValidationSettings {
  /** The API's record retention (KEEPTRUSTS_EVENT_RETENTION_HOURS on the server). */
  retentionHours: number;
  /** How far a filename's timestamp may be from the job's completion time. */
  filenameToleranceSeconds: number;
  /** Records larger than this stop the reading of a file (a hostile or broken file). */
  maxRecordBytes: number;
}

export const DEFAULT_SETTINGS: ValidationSettings = { retentionHours: 720, filenameToleranceSeconds: 300, maxRecordBytes: 1024 * 1024 };

/** Everything a per-file check may look at. */
export interface FileCheckContext {
  file: ExportFileInput;
  facts: FileFacts;
  scope: ResolvedScope;
  settings: ValidationSettings;
}
