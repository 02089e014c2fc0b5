import type { Migration } from './types';

/**
 * The workspace registry: a removed workspace is marked, not deleted (its artifacts, records and custody
 * entries stay, and the custody log refuses deletions anyway), and a small key/value table for app
 * settings such as the workspace in use. Tokens never go here: they live in the secret store.
 */
export const workspaceRegistry: Migration = {
  version: 4,
  name: 'workspace-registry',
  up(db) {
    db.exec(`
      ALTER TABLE workspaces ADD COLUMN removed_at TEXT;
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
