import type { TokenStorageView, WorkspaceView } from '../../../../shared/bridge/types';
import { assertNever } from '../../../../shared/result';

/** Where a stored token is kept, as the reviewer reads it. */
export function tokenStorageText(storage: TokenStorageView): string {
  switch (storage) {
    case 'os-keyring':
      return 'kept in the OS keyring';
    case 'this-session-only':
      return 'kept for this session only — the system has no keyring; you will be asked again after a restart';
    default:
      return assertNever(storage);
  }
}

/** What kind of workspace this is, in a sentence. */
export function kindText(kind: WorkspaceView['kind']): string {
  switch (kind) {
    case 'demo':
      return 'The sample API, started inside the app, with generated sample data. Use it to learn the app: it is not evidence of real traffic.';
    case 'keeptrusts':
      return 'A Keeptrusts API: exports are pulled with its token.';
    case 'offline':
      return 'Offline: no API. Export files carried in by hand are imported on the Pull step.';
    default:
      return assertNever(kind);
  }
}
