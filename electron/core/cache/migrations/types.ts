import type { Database } from 'better-sqlite3';

/** One schema step. `version` is the PRAGMA user_version after it runs; never edit a shipped one. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
