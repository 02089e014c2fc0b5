import type { Database } from 'better-sqlite3';
import { AppError } from '../errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations/types';

/** Reads PRAGMA user_version. */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the latest schema, one transaction per migration (each also sets
 * user_version, so a crash leaves a consistent version). Refuses a database from a newer app.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const from = schemaVersion(db);
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  if (from > latest) {
    throw new AppError(
      'cache-too-new',
      `This cache was written by a newer version of the app (schema ${from}; this version knows up to ${latest}).`,
      'Update the app, or choose another cache folder. The cache was not changed.',
    );
  }
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: Math.max(from, latest) };
}

export { LATEST_SCHEMA_VERSION };
