import { create } from 'zustand';
import type { AppInfo } from '../../../shared/bridge/types';
import type { BridgeError } from '../../../shared/result';
import { getBridge } from '../bridge';

/** What the window knows about the app behind the bridge. */
export type AppInfoState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; info: AppInfo }
  | { status: 'error'; error: BridgeError };

export interface AppInfoActions {
  load(): Promise<void>;
}

/** The state a fresh window starts with (also used by tests). */
export function emptyAppInfoState(): AppInfoState {
  return { status: 'idle' };
}

const NO_BRIDGE: BridgeError = {
  code: 'internal',
  message: 'This window has no connection to the app (window.evidence is missing).',
  hint: 'Open the app itself rather than its page file, or restart it.',
};

export const useAppInfo = create<{ state: AppInfoState } & AppInfoActions>()((set) => ({
  state: emptyAppInfoState(),
  load: async () => {
    const bridge = getBridge();
    if (!bridge) {
      set({ state: { status: 'error', error: NO_BRIDGE } });
      return;
    }
    set({ state: { status: 'loading' } });
    try {
      const result = await bridge.appInfo({});
      set({ state: result.ok ? { status: 'ready', info: result.value } : { status: 'error', error: result.error } });
    } catch (error) {
      set({
        state: {
          status: 'error',
          error: { code: 'internal', message: `The app did not answer: ${(error as Error).message}`, hint: 'Restart the app.' },
        },
      });
    }
  },
}));
