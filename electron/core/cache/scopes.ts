import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ReviewScope } from '../../../shared/schemas/scope';

/** A review scope the reviewer saved under a name, to reload later. */
export interface SavedScope {
  id: string;
  name: string;
  scope: ReviewScope;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  name: string;
  scope_json: string;
  created_at: string;
  updated_at: string;
}

const fromRow = (row: Row): SavedScope => ({ id: row.id, name: row.name, scope: JSON.parse(row.scope_json) as ReviewScope, createdAt: row.created_at, updatedAt: row.updated_at });

/**
 * Inserts a scope, or updates the workspace's scope with `id`. Returns null when `id` names no scope of
 * this workspace (another workspace's scope is never touched).
 */
export function upsertScope(db: Database, workspaceId: string, input: { id?: string; name: string; scope: ReviewScope }, now: Date = new Date()): SavedScope | null {
  const at = now.toISOString();
  const json = JSON.stringify(input.scope);
  if (input.id !== undefined) {
    const changed = db.prepare('UPDATE scopes SET name = ?, scope_json = ?, updated_at = ? WHERE id = ? AND workspace_id = ?').run(input.name, json, at, input.id, workspaceId).changes;
    return changed === 0 ? null : getScope(db, workspaceId, input.id);
  }
  const id = `scope_${randomUUID()}`;
  db.prepare('INSERT INTO scopes (id, workspace_id, name, scope_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, workspaceId, input.name, json, at, at);
  return getScope(db, workspaceId, id);
}

/** One saved scope of the workspace, or null. */
export function getScope(db: Database, workspaceId: string, id: string): SavedScope | null {
  const row = db.prepare('SELECT id, name, scope_json, created_at, updated_at FROM scopes WHERE id = ? AND workspace_id = ?').get(id, workspaceId) as Row | undefined;
  return row ? fromRow(row) : null;
}

/** The workspace's saved scopes, most recently saved first. */
export function listScopes(db: Database, workspaceId: string): SavedScope[] {
  const rows = db.prepare('SELECT id, name, scope_json, created_at, updated_at FROM scopes WHERE workspace_id = ? ORDER BY updated_at DESC, rowid DESC').all(workspaceId) as Row[];
  return rows.map(fromRow);
}

/** Deletes a saved scope of the workspace; true when there was one. */
export function deleteScope(db: Database, workspaceId: string, id: string): boolean {
  return db.prepare('DELETE FROM scopes WHERE id = ? AND workspace_id = ?').run(id, workspaceId).changes > 0;
}
