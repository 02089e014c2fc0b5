import type { Database } from 'better-sqlite3';

/** Where evidence comes from. The token lives only in memory here (the secret store keeps it at rest). */
export interface Workspace {
  id: string;
  name: string;
  kind: 'demo' | 'keeptrusts' | 'offline';
  apiBaseUrl: string | null;
}

/** Records a workspace in the cache (without any secret), keeping an existing row as it is. */
export function ensureWorkspace(db: Database, workspace: Workspace): void {
  db.prepare('INSERT INTO workspaces (id, name, kind, api_base_url, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET api_base_url = excluded.api_base_url').run(
    workspace.id,
    workspace.name,
    workspace.kind,
    workspace.apiBaseUrl,
    new Date().toISOString(),
  );
}
