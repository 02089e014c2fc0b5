import type { Migration } from './types';

/**
 * Trusted signers (name → key fingerprint) for verifying packets, and one custody chain per workspace:
 * each entry's prev_hash links to the previous entry of the same workspace, so a packet can carry its
 * review's whole chain without anyone else's entries. (No build wrote custody entries before this.)
 */
export const signersAndCustodyChains: Migration = {
  version: 3,
  name: 'signers-and-custody-chains',
  up(db) {
    db.exec(`
      CREATE TABLE trusted_signers (
        fingerprint TEXT PRIMARY KEY CHECK (fingerprint GLOB 'SHA256:*'),
        name TEXT NOT NULL,
        public_key_pem TEXT,
        added_at TEXT NOT NULL
      ) STRICT;
      ALTER TABLE custody_log ADD COLUMN workspace_id TEXT REFERENCES workspaces(id);
      CREATE INDEX custody_by_workspace ON custody_log (workspace_id, seq);
    `);
  },
};
