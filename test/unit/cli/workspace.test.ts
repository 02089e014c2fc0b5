import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { UsageError } from '../../../electron/cli/usage-error';
import { apiWorkspaceId, chooseWorkspace, workspaceFor } from '../../../electron/cli/workspace';
import { openDatabase } from '../../../electron/core/cache/database';
import { ensureWorkspace } from '../../../electron/core/workspace';

describe('workspaces on the command line', () => {
  it('derives one stable id per API, whatever the trailing slash or host case', () => {
    expect(apiWorkspaceId('https://EU.keeptrusts.com/api/')).toBe('api:https://eu.keeptrusts.com/api');
    expect(apiWorkspaceId('https://eu.keeptrusts.com/api')).toBe('api:https://eu.keeptrusts.com/api');
    expect(apiWorkspaceId('http://127.0.0.1:8080/')).toBe('api:http://127.0.0.1:8080');
  });

  it('writes pulls to the API workspace and imports to the offline one unless told otherwise', () => {
    expect(workspaceFor({ apiBaseUrl: 'https://h/', workspaceId: null })).toMatchObject({ id: 'api:https://h', kind: 'keeptrusts', apiBaseUrl: 'https://h/' });
    expect(workspaceFor({ apiBaseUrl: 'https://h/', workspaceId: 'audit-q1' })).toMatchObject({ id: 'audit-q1', kind: 'keeptrusts' });
    expect(workspaceFor({ apiBaseUrl: null, workspaceId: null })).toMatchObject({ id: 'offline', kind: 'offline', apiBaseUrl: null });
    expect(workspaceFor({ apiBaseUrl: null, workspaceId: 'usb' })).toMatchObject({ id: 'usb', kind: 'offline' });
  });

  describe('choosing one to read', () => {
    let db: Database;
    beforeEach(() => {
      db = openDatabase(':memory:');
    });
    afterEach(() => db.close());

    it('is none in an empty cache, the only one when there is one, and a usage error when several are possible', () => {
      expect(chooseWorkspace(db, { workspaceId: null, apiBaseUrl: null })).toBeNull();
      ensureWorkspace(db, workspaceFor({ apiBaseUrl: 'https://h/', workspaceId: null }));
      expect(chooseWorkspace(db, { workspaceId: null, apiBaseUrl: null })?.id).toBe('api:https://h');
      ensureWorkspace(db, workspaceFor({ apiBaseUrl: null, workspaceId: null }));
      expect(() => chooseWorkspace(db, { workspaceId: null, apiBaseUrl: null })).toThrow(UsageError);
      expect(() => chooseWorkspace(db, { workspaceId: null, apiBaseUrl: null })).toThrow(/several workspaces: api:https:\/\/h, offline/);
      expect(chooseWorkspace(db, { workspaceId: 'offline', apiBaseUrl: null })?.kind).toBe('offline');
      expect(chooseWorkspace(db, { workspaceId: null, apiBaseUrl: 'https://h' })?.kind).toBe('keeptrusts');
      expect(() => chooseWorkspace(db, { workspaceId: 'nope', apiBaseUrl: null })).toThrow(/no workspace "nope"/);
    });
  });
});
