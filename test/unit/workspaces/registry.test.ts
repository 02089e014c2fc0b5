import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/cache/database';
import { readSetting, writeSetting } from '../../../electron/core/cache/settings';
import { ensureWorkspace } from '../../../electron/core/workspace';
import { addWorkspace, ensureOfflineWorkspace, findWorkspace, listWorkspaces, newWorkspaceId, removeWorkspace, updateWorkspace } from '../../../electron/core/workspaces/registry';

describe('the workspace registry', () => {
  let db: Database;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => db.close());

  it('makes ids of ws_ and 16 hex digits, each new', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newWorkspaceId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^ws_[0-9a-f]{16}$/);
  });

  it('lists saved workspaces by name, case-insensitively, without the demo or ids the bridge cannot name', () => {
    ensureWorkspace(db, { id: 'demo', name: 'Demo', kind: 'demo', apiBaseUrl: 'http://127.0.0.1:1' });
    ensureWorkspace(db, { id: 'api:https://h.example', name: 'From the CLI', kind: 'keeptrusts', apiBaseUrl: 'https://h.example' });
    addWorkspace(db, { id: 'ws_b', name: 'beta', kind: 'offline', apiBaseUrl: null });
    addWorkspace(db, { id: 'ws_a', name: 'Alpha', kind: 'keeptrusts', apiBaseUrl: 'https://api.keeptrusts.com' });
    addWorkspace(db, { id: 'ws_c', name: 'Charlie', kind: 'offline', apiBaseUrl: null });
    expect(listWorkspaces(db).map((w) => w.id)).toEqual(['ws_a', 'ws_b', 'ws_c']);
    expect(findWorkspace(db, 'ws_a')).toEqual({ id: 'ws_a', name: 'Alpha', kind: 'keeptrusts', apiBaseUrl: 'https://api.keeptrusts.com' });
    expect(findWorkspace(db, 'ws_nope')).toBeNull();
  });

  it('updates the name and address, never the kind; not a removed workspace', () => {
    addWorkspace(db, { id: 'ws_a', name: 'Alpha', kind: 'keeptrusts', apiBaseUrl: 'https://a.example' });
    expect(updateWorkspace(db, { id: 'ws_a', name: 'Alpha 2', kind: 'offline', apiBaseUrl: 'https://b.example' })).toBe(true);
    expect(findWorkspace(db, 'ws_a')).toEqual({ id: 'ws_a', name: 'Alpha 2', kind: 'keeptrusts', apiBaseUrl: 'https://b.example' });
    removeWorkspace(db, 'ws_a');
    expect(updateWorkspace(db, { id: 'ws_a', name: 'Back', kind: 'keeptrusts', apiBaseUrl: null })).toBe(false);
  });

  it('removes by marking: the row and everything cached under it stay, the custody log included', () => {
    addWorkspace(db, { id: 'ws_a', name: 'Alpha', kind: 'offline', apiBaseUrl: null });
    db.prepare("INSERT INTO artifacts (workspace_id, type, format, path, original_filename, bytes, sha256, source, provenance_json, added_at) VALUES ('ws_a', 'events', 'csv', 'p', 'f.csv', 0, ?, 'imported', '{}', 'now')").run('a'.repeat(64));
    db.prepare("INSERT INTO custody_log (at, action, actor_json, subject_json, prev_hash, hash, workspace_id) VALUES ('t', 'imported', '{}', '{}', '0', 'h1', 'ws_a')").run();
    expect(removeWorkspace(db, 'ws_a')).toBe(true);
    expect(removeWorkspace(db, 'ws_a')).toBe(false);
    expect(findWorkspace(db, 'ws_a')).toBeNull();
    expect(listWorkspaces(db)).toEqual([]);
    expect(db.prepare("SELECT count(*) AS n FROM artifacts WHERE workspace_id = 'ws_a'").get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT count(*) AS n FROM custody_log WHERE workspace_id = 'ws_a'").get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT removed_at FROM workspaces WHERE id = 'ws_a'").get()).toEqual({ removed_at: expect.stringMatching(/Z$/) });
  });

  it('never removes the demo', () => {
    ensureWorkspace(db, { id: 'demo', name: 'Demo', kind: 'demo', apiBaseUrl: 'http://127.0.0.1:1' });
    expect(removeWorkspace(db, 'demo')).toBe(false);
    expect(findWorkspace(db, 'demo')).not.toBeNull();
  });

  it('creates the offline fallback, or brings it back after removal', () => {
    expect(ensureOfflineWorkspace(db)).toEqual({ id: 'offline', name: 'Offline (imported files)', kind: 'offline', apiBaseUrl: null });
    removeWorkspace(db, 'offline');
    expect(ensureOfflineWorkspace(db).id).toBe('offline');
    expect(listWorkspaces(db).map((w) => w.id)).toEqual(['offline']);
  });

  it('keeps settings by key', () => {
    expect(readSetting(db, 'current_workspace')).toBeNull();
    writeSetting(db, 'current_workspace', 'ws_a');
    writeSetting(db, 'current_workspace', 'ws_b');
    expect(readSetting(db, 'current_workspace')).toBe('ws_b');
  });
});
