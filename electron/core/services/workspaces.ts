import type { BridgeServices } from '../bridge/services';
import { AppError } from '../errors';
import type { Workspaces } from '../workspaces/types';
import type { ServiceHost } from './host';

function workspacesOf(host: ServiceHost): Workspaces {
  if (!host.workspaces) throw new AppError('not-implemented', 'Workspaces are not available here.', 'Use the app; on the command line, choose the API with --api or the workspace with --workspace.');
  return host.workspaces;
}

/** listWorkspaces, saveWorkspace, removeWorkspace, openWorkspace and checkConnection, over the host's workspace registry. */
export function workspaceServices(host: ServiceHost): Pick<BridgeServices, 'listWorkspaces' | 'saveWorkspace' | 'removeWorkspace' | 'openWorkspace' | 'checkConnection'> {
  return {
    listWorkspaces: async () => ({ workspaces: await workspacesOf(host).list() }),
    saveWorkspace: async (input) => {
      const workspaces = workspacesOf(host);
      const workspace = await workspaces.save(input);
      return { workspace, workspaces: await workspaces.list() };
    },
    removeWorkspace: async ({ id }) => {
      const workspaces = workspacesOf(host);
      const removed = await workspaces.remove(id);
      return { removed, workspaces: await workspaces.list() };
    },
    openWorkspace: async ({ id }) => ({ workspace: await workspacesOf(host).open(id) }),
    checkConnection: async (target) => workspacesOf(host).check(target),
  };
}
