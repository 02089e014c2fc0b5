import type { Database } from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { Workspace } from '../workspace';

const COLUMNS = 'id, name, kind, api_base_url AS apiBaseUrl';
/** Ids the bridge accepts (`ws_…`, `demo`, `offline`); rows the CLI made under other ids (`api:https://…`) are its own. */
const BRIDGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The offline workspace a host without a demo falls back to when there is no other (the CLI's id for it too). */
export const OFFLINE_WORKSPACE: Workspace = { id: 'offline', name: 'Offline (imported files)', kind: 'offline', apiBaseUrl: null };

/** A new workspace id: `ws_` and 16 random hex digits. */
export function newWorkspaceId(): string {
  return `ws_${randomBytes(8).toString('hex')}`;
}

/** The workspaces the user can pick (not the demo, not removed ones), by name. */
export function listWorkspaces(db: Database): Workspace[] {
  const rows = db.prepare(`SELECT ${COLUMNS} FROM workspaces WHERE removed_at IS NULL AND kind <> 'demo' ORDER BY name COLLATE NOCASE, id`).all() as Workspace[];
  return rows.filter((w) => BRIDGE_ID.test(w.id));
}

/** A workspace that has not been removed, or null. */
export function findWorkspace(db: Database, id: string): Workspace | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM workspaces WHERE id = ? AND removed_at IS NULL`).get(id) as Workspace | undefined) ?? null;
}

/** Records a new workspace (never its token). */
export function addWorkspace(db: Database, workspace: Workspace): void {
  db.prepare('INSERT INTO workspaces (id, name, kind, api_base_url, created_at) VALUES (?, ?, ?, ?, ?)').run(workspace.id, workspace.name, workspace.kind, workspace.apiBaseUrl, new Date().toISOString());
}

/** Changes a workspace's name and API address; false when there is no such workspace (or it was removed). */
export function updateWorkspace(db: Database, workspace: Workspace): boolean {
  return db.prepare('UPDATE workspaces SET name = ?, api_base_url = ? WHERE id = ? AND removed_at IS NULL').run(workspace.name, workspace.apiBaseUrl, workspace.id).changes === 1;
}

/**
 * Marks a workspace removed; false when there was none to remove. The row stays, with everything cached
 * under it (artifacts, records, validation runs, its custody chain): removing forgets the workspace, not
 * the evidence or the record of what was done with it.
 */
export function removeWorkspace(db: Database, id: string): boolean {
  return db.prepare("UPDATE workspaces SET removed_at = ? WHERE id = ? AND removed_at IS NULL AND kind <> 'demo'").run(new Date().toISOString(), id).changes === 1;
}

/** Records (or brings back) the offline workspace. */
export function ensureOfflineWorkspace(db: Database): Workspace {
  db.prepare('INSERT INTO workspaces (id, name, kind, api_base_url, created_at) VALUES (?, ?, ?, NULL, ?) ON CONFLICT (id) DO UPDATE SET removed_at = NULL').run(
    OFFLINE_WORKSPACE.id,
    OFFLINE_WORKSPACE.name,
    OFFLINE_WORKSPACE.kind,
    new Date().toISOString(),
  );
  return findWorkspace(db, OFFLINE_WORKSPACE.id) ?? OFFLINE_WORKSPACE;
}
