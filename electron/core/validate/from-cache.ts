import type { Database } from 'better-sqlite3';
import { isAbsolute, join } from 'node:path';
import type { ExportFormat, ExportType } from '../../../shared/domain';
import { AppError } from '../errors';
import type { ExportFileInput, JobMetadata } from './types';

interface ArtifactRow {
  id: number;
  type: ExportType;
  format: ExportFormat;
  path: string;
  original_filename: string;
  remote_id: string | null;
  raw_json: string | null;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** What the server said about a job, from the raw job JSON the cache kept (any shape; missing parts are null). */
export function jobMetadata(remoteId: string, rawJson: string): JobMetadata {
  let raw: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(rawJson) as unknown;
    if (typeof parsed === 'object' && parsed !== null) raw = parsed as Record<string, unknown>;
  } catch {
    // A job row the cache could not parse still names its job; its metadata is just unknown.
  }
  const artifact = typeof raw.artifact === 'object' && raw.artifact !== null ? (raw.artifact as Record<string, unknown>) : null;
  return {
    id: remoteId,
    completedAt: str(raw.completed_at),
    artifact: artifact && {
      filename: str(artifact.filename),
      sizeBytes: num(artifact.size_bytes),
      sha256: str(artifact.sha256),
      recordCount: num(artifact.record_count),
    },
  };
}

/**
 * The cached export files of a workspace (all, or the given ids) as validation inputs: the stored file,
 * its original name, and the metadata of the job it was pulled from.
 */
export function cachedExportInputs(db: Database, cacheDir: string, workspaceId: string, artifactIds?: readonly number[]): ExportFileInput[] {
  const rows = db
    .prepare(
      `SELECT a.id, a.type, a.format, a.path, a.original_filename, j.remote_id, j.raw_json
         FROM artifacts a LEFT JOIN export_jobs j ON j.id = a.job_id
        WHERE a.workspace_id = ? ORDER BY a.added_at, a.id`,
    )
    .all(workspaceId) as ArtifactRow[];
  const wanted = artifactIds ? rows.filter((r) => artifactIds.includes(r.id)) : rows;
  const unknown = artifactIds?.filter((id) => !rows.some((r) => r.id === id)) ?? [];
  if (unknown.length > 0) {
    throw new AppError('not-found', `No export file with id ${unknown.join(', ')} in this workspace.`, 'List the files with `evidence artifacts` (or refresh the window) and choose again.', { artifactIds: unknown });
  }
  return wanted.map((r) => ({
    path: isAbsolute(r.path) ? r.path : join(cacheDir, r.path),
    name: r.original_filename,
    type: r.type,
    format: r.format,
    job: r.remote_id !== null && r.raw_json !== null ? jobMetadata(r.remote_id, r.raw_json) : null,
    artifactId: r.id,
  }));
}
