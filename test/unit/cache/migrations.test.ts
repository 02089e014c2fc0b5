import BetterSqlite3 from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/cache/database';
import { migrate, schemaVersion } from '../../../electron/core/cache/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/cache/migrations';
import { AppError } from '../../../electron/core/errors';

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string }[]);

describe('cache migrations', () => {
  it('numbers migrations 1, 2, 3… with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
  });

  it('0001 creates STRICT tables for workspaces, scopes, jobs, artifacts, records and the custody log', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(db)).toBe(1);
    const created = tables(db);
    expect(created.map((t) => t.name)).toEqual(['artifacts', 'custody_log', 'export_jobs', 'records', 'scopes', 'workspaces']);
    for (const table of created) expect(table.sql).toMatch(/\)\s*STRICT$/);
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records'").all() as { name: string }[]).map((i) => i.name);
    expect(indexes).toEqual(expect.arrayContaining(['records_by_time', 'records_by_request', 'records_by_escalation', 'records_by_verdict', 'records_by_environment']));
  });

  it('0002 adds validation runs, STRICT, with the overall outcome constrained', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS.slice(0, 2));
    expect(schemaVersion(db)).toBe(2);
    const table = tables(db).find((t) => t.name === 'validation_runs');
    expect(table?.sql).toMatch(/\)\s*STRICT$/);
    db.prepare("INSERT INTO workspaces VALUES ('w', 'W', 'offline', NULL, 'now')").run();
    const insert = db.prepare("INSERT INTO validation_runs (workspace_id, scope_json, artifact_ids_json, overall, report_json, created_at) VALUES ('w', '{}', '[]', ?, '{}', 'now')");
    expect(() => insert.run('warn')).not.toThrow();
    expect(() => insert.run('maybe')).toThrow(/CHECK constraint/);
  });

  it('0003 adds trusted signers (fingerprints only in the SHA256: form) and a workspace per custody entry', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS.slice(0, 3));
    expect(schemaVersion(db)).toBe(3);
    const insert = db.prepare("INSERT INTO trusted_signers (fingerprint, name, added_at) VALUES (?, 'Ana', 'now')");
    expect(() => insert.run('SHA256:abc')).not.toThrow();
    expect(() => insert.run('MD5:abc')).toThrow(/CHECK constraint/);
    const columns = (db.prepare('PRAGMA table_info(custody_log)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('workspace_id');
  });

  it('0004 marks removed workspaces instead of deleting them, and adds a STRICT settings table', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS.slice(0, 4));
    expect(schemaVersion(db)).toBe(4);
    const columns = (db.prepare('PRAGMA table_info(workspaces)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('removed_at');
    expect(tables(db).find((t) => t.name === 'settings')?.sql).toMatch(/\)\s*STRICT$/);
    db.prepare("INSERT INTO settings (key, value) VALUES ('current_workspace', 'demo')").run();
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('current_workspace', 'other')").run()).toThrow(/UNIQUE/);
  });

  it('0005 puts artifact_id into the time, verdict and environment indexes of records, keeping their names and rows', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS.slice(0, 4));
    db.prepare("INSERT INTO workspaces (id, name, kind, created_at) VALUES ('w', 'W', 'offline', 'now')").run();
    db.prepare("INSERT INTO artifacts (workspace_id, type, format, path, original_filename, bytes, sha256, source, provenance_json, added_at) VALUES ('w', 'events', 'csv', 'p', 'f', 0, ?, 'imported', '{}', 'now')").run('a'.repeat(64));
    db.prepare("INSERT INTO records (artifact_id, record_index, type, time_ms, verdict, environment, raw) VALUES (1, 1, 'events', 5, 'block', 'production', '{}')").run();
    migrate(db, MIGRATIONS.slice(0, 5));
    expect(schemaVersion(db)).toBe(5);
    const columns = (index: string) => (db.prepare(`PRAGMA index_info(${index})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('records_by_time')).toEqual(['time_ms', 'artifact_id']);
    expect(columns('records_by_verdict')).toEqual(['verdict', 'time_ms', 'artifact_id']);
    expect(columns('records_by_environment')).toEqual(['environment', 'time_ms', 'artifact_id']);
    const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
    expect(indexes).toHaveLength(6);
    expect(indexes.find((i) => i.name === 'records_by_verdict')!.sql).toMatch(/WHERE verdict IS NOT NULL$/);
    expect(db.prepare("SELECT count(*) AS n FROM records INDEXED BY records_by_verdict WHERE verdict = 'block'").get()).toEqual({ n: 1 });
  });

  it('0001: STRICT refuses a wrong type, and the custody log refuses edits and deletions', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO workspaces VALUES ('w', 'Demo', 'demo', NULL, '2026-01-01T00:00:00Z')").run();
    expect(() => db.prepare("INSERT INTO artifacts (workspace_id, type, format, path, original_filename, bytes, sha256, source, provenance_json, added_at) VALUES ('w', 'events', 'csv', 'p', 'f', 'many', ?, 'pulled', '{}', 'now')").run('a'.repeat(64))).toThrow(/cannot store TEXT value in INTEGER column/);
    db.prepare("INSERT INTO custody_log (at, action, actor_json, subject_json, prev_hash, hash) VALUES ('t', 'pulled', '{}', '{}', '0', 'h1')").run();
    expect(() => db.prepare("UPDATE custody_log SET action = 'forged'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM custody_log').run()).toThrow(/append-only/);
  });

  it('is idempotent: running again changes nothing', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
    expect(migrate(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
  });

  it('refuses a database from a newer app, and leaves it untouched', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(AppError);
    expect(() => migrate(db)).toThrow(/newer version of the app/);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION + 1);
    expect(tables(db)).toEqual([]);
  });

  it('a failing migration rolls back entirely, version included', () => {
    const db = new BetterSqlite3(':memory:');
    const broken = [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE half (x INTEGER) STRICT; SELECT * FROM missing_table;') }];
    expect(() => migrate(db, broken)).toThrow(/no such table/);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db).map((t) => t.name)).not.toContain('half');
  });

  it('opens a file database in WAL mode with foreign keys on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'evidence-cache-'));
    try {
      const db = openDatabase(join(dir, 'cache.sqlite'));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      db.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
