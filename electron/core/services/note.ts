import type { BridgeServices } from '../bridge/services';
import { previewNote } from '../packet/note-preview';
import type { ServiceHost } from './host';
import type { Keyring } from './keys';

/** previewNote: NOTE.md as the packet would carry it, signed by the open key if there is one. */
export function noteServices(host: ServiceHost, keyring: Keyring): Pick<BridgeServices, 'previewNote'> {
  return {
    previewNote: async ({ scope, note }) => {
      const session = host.session();
      // Only a key already open (or opening by itself, under the OS keyring) names the signer; nothing is asked for.
      const fingerprint = host.keys ? await keyring.status().then((s) => s.fingerprint, () => null) : null;
      const markdown = previewNote(scope, note, { db: session.db, cacheDir: session.cacheDir, workspaceId: session.workspace.id, now: Date.now(), fingerprint });
      return { markdown };
    },
  };
}
