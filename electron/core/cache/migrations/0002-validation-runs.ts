import type { Migration } from './types';

/** Validation runs: the report of each validation, kept so the packet carries exactly what was shown. */
export const validationRuns: Migration = {
  version: 2,
  name: 'validation-runs',
  up(db) {
    db.exec(`
      CREATE TABLE validation_runs (
        id INTEGER PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        scope_json TEXT NOT NULL,
        artifact_ids_json TEXT NOT NULL,
        overall TEXT NOT NULL CHECK (overall IN ('pass', 'warn', 'fail')),
        report_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX validation_runs_by_workspace ON validation_runs (workspace_id, id);
    `);
  },
};
