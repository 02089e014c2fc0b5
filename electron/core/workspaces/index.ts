// Workspaces (demo, Keeptrusts APIs, offline), their tokens at rest, and the session of the one in use.
import { osRefusal, type OsProtection } from '../keys';
import { MemorySecretStore } from './memory-secret-store';
import { OsSecretStore } from './os-secret-store';
import type { SecretStore } from './secret-store';

export { WorkspaceManager, openWorkspaceManager, type WorkspaceManagerOptions } from './manager';
export { CHECK_POLICY, checkConnection, type CheckPolicy } from './check';
export { maskToken } from './mask';
export { MemorySecretStore } from './memory-secret-store';
export { OsSecretStore } from './os-secret-store';
export type { SecretStore } from './secret-store';
export type { ConnectionTarget, WorkspaceInput, Workspaces } from './types';

/**
 * The secret store for this run: token files in `dir` encrypted by the OS keyring when it protects
 * anything, else memory only (Linux's `basic_text` "encryption" is a constant key, so it counts as none).
 */
export function createSecretStore(options: { dir: string; os: OsProtection | null }): SecretStore {
  if (options.os && osRefusal(options.os) === null) return new OsSecretStore(options.dir, options.os);
  return new MemorySecretStore(options.dir);
}
