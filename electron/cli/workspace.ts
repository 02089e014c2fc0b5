import type { Database } from 'better-sqlite3';
import type { Workspace } from '../core/workspace';
import { UsageError } from './usage-error';

/** The workspace of files imported without an API. */
export const OFFLINE_WORKSPACE_ID = 'offline';

/** A stable id per API: `api:` + origin + path, so `https://h/api/` and `https://h/api` are one workspace. */
export function apiWorkspaceId(apiBaseUrl: string): string {
  const url = new URL(apiBaseUrl);
  return `api:${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The workspace a pull or import writes to: the API's (kind keeptrusts) or the offline one; `--workspace` renames it. */
export function workspaceFor(options: { apiBaseUrl: string | null; workspaceId: string | null }): Workspace {
  if (options.apiBaseUrl) {
    const id = options.workspaceId ?? apiWorkspaceId(options.apiBaseUrl);
    return { id, name: `Keeptrusts API ${apiWorkspaceId(options.apiBaseUrl).slice(4)}`, kind: 'keeptrusts', apiBaseUrl: options.apiBaseUrl };
  }
  const id = options.workspaceId ?? OFFLINE_WORKSPACE_ID;
  return { id, name: id === OFFLINE_WORKSPACE_ID ? 'Offline (imported files)' : `Offline workspace ${id}`, kind: 'offline', apiBaseUrl: null };
}

/** What a read command was told about its workspace. */
export type WorkspaceChoice = { workspaceId: string | null; apiBaseUrl: string | null };

/** The workspace a read command looks at: the one named, else the only one in the cache; several need a choice. */
export function chooseWorkspace(db: Database, choice: WorkspaceChoice): Workspace | null {
  const rows = db.prepare('SELECT id, name, kind, api_base_url AS apiBaseUrl FROM workspaces ORDER BY id').all() as Workspace[];
  const wanted = choice.workspaceId ?? (choice.apiBaseUrl ? apiWorkspaceId(choice.apiBaseUrl) : null);
  const list = rows.map((w) => w.id).join(', ');
  if (wanted === null) {
    if (rows.length > 1) throw new UsageError(`This cache holds several workspaces: ${list}.`, 'Choose one with --workspace ID, or with --api URL for the one pulled from that API.');
    return rows[0] ?? null;
  }
  const found = rows.find((w) => w.id === wanted);
  if (!found && rows.length > 0) throw new UsageError(`This cache has no workspace "${wanted}".`, `Workspaces in it: ${list}.`);
  return found ?? null;
}
