import type { Migration } from './types';

/**
 * The first schema: workspaces, scopes, export jobs, artifacts, records and the custody log.
 * STRICT tables; times are RFC 3339 UTC text, record times also as integer ms for range queries.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE workspaces (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('demo', 'keeptrusts', 'offline')),
        api_base_url TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE scopes (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        scope_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE export_jobs (
        id INTEGER PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        type TEXT NOT NULL,
        format TEXT NOT NULL,
        status TEXT NOT NULL,
        request_json TEXT NOT NULL,
        raw_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (workspace_id, remote_id)
      ) STRICT;

      CREATE TABLE artifacts (
        id INTEGER PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        job_id INTEGER REFERENCES export_jobs(id) ON DELETE SET NULL,
        type TEXT NOT NULL CHECK (type IN ('events', 'traces', 'escalations', 'audit-log')),
        format TEXT NOT NULL CHECK (format IN ('csv', 'json')),
        path TEXT NOT NULL,
        original_filename TEXT NOT NULL,
        bytes INTEGER NOT NULL CHECK (bytes >= 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        source TEXT NOT NULL CHECK (source IN ('pulled', 'imported')),
        provenance_json TEXT NOT NULL,
        record_count INTEGER,
        first_record_at TEXT,
        last_record_at TEXT,
        added_at TEXT NOT NULL,
        ingested_at TEXT,
        UNIQUE (workspace_id, sha256)
      ) STRICT;

      CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        artifact_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
        record_index INTEGER NOT NULL,
        type TEXT NOT NULL,
        record_id TEXT,
        time_ms INTEGER,
        environment TEXT,
        config_version TEXT,
        request_id TEXT,
        escalation_id TEXT,
        verdict TEXT,
        raw TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX records_by_position ON records (artifact_id, record_index);
      CREATE INDEX records_by_time ON records (time_ms);
      CREATE INDEX records_by_request ON records (request_id) WHERE request_id IS NOT NULL;
      CREATE INDEX records_by_escalation ON records (escalation_id) WHERE escalation_id IS NOT NULL;
      CREATE INDEX records_by_verdict ON records (verdict, time_ms) WHERE verdict IS NOT NULL;
      CREATE INDEX records_by_environment ON records (environment, time_ms);

      CREATE TABLE custody_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        actor_json TEXT NOT NULL,
        subject_json TEXT NOT NULL,
        artifact_sha256 TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      ) STRICT;
      -- Append-only: the database itself refuses edits and deletions of custody entries.
      CREATE TRIGGER custody_log_no_update BEFORE UPDATE ON custody_log
        BEGIN SELECT RAISE(ABORT, 'custody log entries are append-only'); END;
      CREATE TRIGGER custody_log_no_delete BEFORE DELETE ON custody_log
        BEGIN SELECT RAISE(ABORT, 'custody log entries are append-only'); END;
    `);
  },
};
