import type { Database } from 'better-sqlite3';
import type { ValidationReport } from '../../../shared/schemas/validation';
import type { ExportFileInput } from '../validate';

/** Keeps a validation report; returns its run id. */
export function saveValidationRun(db: Database, workspaceId: string, files: readonly ExportFileInput[], report: ValidationReport): number {
  const ids = files.map((f) => f.artifactId ?? null);
  return Number(
    db
      .prepare('INSERT INTO validation_runs (workspace_id, scope_json, artifact_ids_json, overall, report_json, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(workspaceId, JSON.stringify(report.scope), JSON.stringify(ids), report.overall, JSON.stringify(report), report.generated_at).lastInsertRowid,
  );
}

/** The workspace's most recent validation report, or null. */
export function latestValidationRun(db: Database, workspaceId: string): { runId: number; report: ValidationReport } | null {
  const row = db.prepare('SELECT id, report_json FROM validation_runs WHERE workspace_id = ? ORDER BY id DESC LIMIT 1').get(workspaceId) as { id: number; report_json: string } | undefined;
  return row ? { runId: row.id, report: JSON.parse(row.report_json) as ValidationReport } : null;
}
