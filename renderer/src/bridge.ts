import type { EvidenceBridge } from '../../shared/bridge/contract';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or the test host; its type comes from the bridge contract. */
    readonly evidence?: EvidenceBridge;
  }
}

/** The bridge, or null when the window was opened without one (e.g. the built page opened directly). */
export function getBridge(): EvidenceBridge | null {
  return window.evidence ?? null;
}
