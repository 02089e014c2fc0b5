import type { SavedScopeView } from '../../../shared/bridge/types';
import type { BridgeServices } from '../bridge/services';
import { deleteScope, listScopes, upsertScope, type SavedScope } from '../cache/scopes';
import { AppError } from '../errors';
import type { ServiceHost } from './host';

const view = (s: SavedScope): SavedScopeView => ({ id: s.id, name: s.name, updatedAt: s.updatedAt, scope: s.scope });

/** saveScope, listScopes and deleteScope: review scopes saved by name in the session's workspace. */
export function scopeServices(host: ServiceHost): Pick<BridgeServices, 'saveScope' | 'listScopes' | 'deleteScope'> {
  return {
    saveScope: async ({ id, name, scope }) => {
      const session = host.session();
      const saved = await session.writes.run(async () => upsertScope(session.db, session.workspace.id, { ...(id !== undefined ? { id } : {}), name: name.trim(), scope }));
      if (!saved) throw new AppError('not-found', 'That saved scope no longer exists in this workspace.', 'Save it as a new scope instead.');
      return { id: saved.id, name: saved.name, updatedAt: saved.updatedAt };
    },
    listScopes: async () => {
      const session = host.session();
      return { scopes: listScopes(session.db, session.workspace.id).map(view) };
    },
    deleteScope: async ({ id }) => {
      const session = host.session();
      return { deleted: await session.writes.run(async () => deleteScope(session.db, session.workspace.id, id)) };
    },
  };
}
