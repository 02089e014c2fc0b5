import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError } from '../errors';
import { migrate } from './migrate';

/** How the cache database is opened. */
export interface OpenOptions {
  /** The compiled SQLite addon to load instead of node_modules' (the app's Electron build in development). */
  nativeBinding?: string;
}

/**
 * Opens (creating if needed) the cache database: WAL, foreign keys, a busy timeout, and the schema
 * migrated to the latest version. `:memory:` is accepted for tests.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  let db: Database;
  try {
    db = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw new AppError('cache-unavailable', `The cache database could not be opened: ${(error as Error).message}.`, 'Check that the cache folder exists and is writable, or choose another one.');
  }
  try {
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode never corrupts the database; at worst the last commit before a power cut is lost.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
