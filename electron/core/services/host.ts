import type { AppInfo, DataSource } from '../../../shared/bridge/types';
import type { OsProtection } from '../keys';
import type { Session } from '../session';

/** Where the signing key lives and what can protect it at rest. */
export interface KeyHost {
  /** The key folder (the app's userData/keys). */
  dir: string;
  /**
   * The OS keyring (the app adapts Electron's safeStorage, after `ready`), or null where there is none:
   * then keys are protected by a passphrase.
   */
  os: () => OsProtection | null;
}

/**
 * Native choosers, run by the host (the main process's dialogs). Paths to write to and packets to verify
 * come only from here, never from the renderer, so a compromised window cannot name a path.
 */
export interface PathChooser {
  /** A folder to write the packet into, or null when the user cancelled. */
  outputFolder(): Promise<string | null>;
  /** A packet (zip) to verify, or null when the user cancelled. */
  packetFile(): Promise<string | null>;
}

/** What core services need from their host. */
export interface ServiceHost {
  runtime: AppInfo['runtime'];
  app: { name: string; version: string };
  dataSource: () => DataSource;
  session: () => Session;
  /** Signing keys; without it the key and pack methods answer `not-implemented` (the CLI has its own key commands). */
  keys?: KeyHost;
  /** Without it pack and verifyPacket answer `not-implemented`. */
  choose?: PathChooser;
}
