import type { RequestOf } from '../../../shared/bridge/contract';
import type { ConnectionCheckView, WorkspaceView } from '../../../shared/bridge/types';

/** What saveWorkspace takes. */
export type WorkspaceInput = RequestOf<'saveWorkspace'>;

/** What checkConnection checks: a saved workspace, or an address and token being entered. */
export type ConnectionTarget = RequestOf<'checkConnection'>;

/** The workspaces as the services see them (the WorkspaceManager in the app and the test host). */
export interface Workspaces {
  /** The demo first (when there is one), then the others by name. */
  list(): Promise<WorkspaceView[]>;
  save(input: WorkspaceInput): Promise<WorkspaceView>;
  /** Forgets it and its token (not its cached files or custody log); false when there was no such workspace. */
  remove(id: string): Promise<boolean>;
  /** Makes it the current workspace, also after a restart. */
  open(id: string): Promise<WorkspaceView>;
  check(target: ConnectionTarget): Promise<ConnectionCheckView>;
}
