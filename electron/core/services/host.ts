import type { AppInfo, DataSource } from '../../../shared/bridge/types';
import type { OsProtection } from '../keys';
import type { StepId } from '../../../shared/steps';
import type { Session } from '../session';
import type { PacketDocuments } from './packet-documents';
import type { Workspaces } from '../workspaces/types';

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
  /** Export files to import (several at once), or [] when the user cancelled. */
  importFiles(): Promise<string[]>;
}

/** What core services need from their host. */
export interface ServiceHost {
  runtime: AppInfo['runtime'];
  app: { name: string; version: string };
  dataSource: () => DataSource;
  session: () => Session;
  /** Signing keys; without it the key and pack methods answer `not-implemented` (the CLI has its own key commands). */
  keys?: KeyHost;
  /** Without it pack, verifyPacket and chooseImportFiles answer `not-implemented`. */
  choose?: PathChooser;
  /** Shows a file in the OS file manager (Electron's shell.showItemInFolder); without it showPacketInFolder answers `not-implemented`. */
  reveal?: (path: string) => void;
  /**
   * The workspace registry (the app's and the test host's WorkspaceManager, whose current session is
   * `session()`); without it the workspace methods answer `not-implemented` (the CLI picks a workspace per command).
   */
  workspaces?: Workspaces;
  /** Where verified packets' reports wait to be shown (the host serves them); without it reports are not offered. */
  documents?: PacketDocuments;
  /** The window shows this step (Electron marks it in the Go menu); hosts without a menu leave it out. */
  onStepShown?: (step: StepId) => void;
}
