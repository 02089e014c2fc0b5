import type { Database } from 'better-sqlite3';
import type { ValidationReport } from '../../../shared/schemas/validation';
import type { Actor } from '../actor';
import { appendCustody } from '../custody';
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

/**
 * Keeps a validation report and records it in the workspace's custody chain (`validated`), both or
 * neither (a savepoint when the caller is already in a transaction). Returns the run id.
 */
export function recordValidation(db: Database, workspaceId: string, actor: Actor, files: readonly ExportFileInput[], report: ValidationReport, at?: string): number {
  return db.transaction(() => {
    const runId = saveValidationRun(db, workspaceId, files, report);
    appendCustody(db, workspaceId, { action: 'validated', actor, subject: { validation_run_id: runId, overall: report.overall }, artifactSha256: null, ...(at ? { at } : {}) });
    return runId;
  })();
}

/** The workspace's most recent validation report, or null. */
export function latestValidationRun(db: Database, workspaceId: string): { runId: number; report: ValidationReport } | null {
  const row = db.prepare('SELECT id, report_json FROM validation_runs WHERE workspace_id = ? ORDER BY id DESC LIMIT 1').get(workspaceId) as { id: number; report_json: string } | undefined;
  return row ? { runId: row.id, report: JSON.parse(row.report_json) as ValidationReport } : null;
}
