import type { OsProtection } from '../core/keys';

/** The parts of Electron's `safeStorage` the adapter uses (a fake in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which password store Chromium picked (`basic_text` when there is none). */
  getSelectedStorageBackend(): string;
}

/** The store behind safeStorage where Electron does not name it. */
const FIXED_BACKENDS: Partial<Record<NodeJS.Platform, string>> = { darwin: 'keychain', win32: 'dpapi' };

/**
 * Adapts Electron's safeStorage to the core's OsProtection. Create it after the app's `ready` event:
 * before it, Linux reports the `unknown` backend, which the core refuses.
 *
 * - `backend`: on Linux `getSelectedStorageBackend()` (asked each time, so a late answer counts); the
 *   core refuses `basic_text` (no keyring: the "encryption" key is a constant in Chromium's source) and
 *   `unknown`. On macOS `keychain`, on Windows `dpapi`.
 * - `encrypt`/`decrypt`: safeStorage takes and gives strings, so the bytes travel as base64.
 */
export function osProtectionFromSafeStorage(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): OsProtection {
  return {
    get backend(): string {
      const fixed = FIXED_BACKENDS[platform];
      if (fixed) return fixed;
      try {
        return safeStorage.getSelectedStorageBackend();
      } catch {
        return 'unknown';
      }
    },
    isAvailable: () => safeStorage.isEncryptionAvailable(),
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (cipher) => Buffer.from(safeStorage.decryptString(cipher), 'base64'),
  };
}
