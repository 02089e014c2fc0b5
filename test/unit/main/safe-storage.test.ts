import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSigningKey, KEY_FILE_NAMES, loadSigningKey, OsKeyProtection, osProtectionRefusal, saveSigningKey } from '../../../electron/core/keys';
import { createDispatcher } from '../../../electron/core/bridge/dispatcher';
import { createServices } from '../../../electron/core/services';
import type { Session } from '../../../electron/core/session';
import { createSecretStore } from '../../../electron/core/workspaces';
import { osProtectionFromSafeStorage, type SafeStorageLike } from '../../../electron/main/safe-storage';
import { tempDir } from '../keys/support';

/** A stand-in for Electron's safeStorage: strings in, AES-256-GCM bytes out, with a switchable backend. */
class FakeSafeStorage implements SafeStorageLike {
  readonly #key = randomBytes(32);
  readonly seen: string[] = [];
  available = true;
  backendAsked = 0;
  constructor(public backend = 'gnome_libsecret') {}
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    this.backendAsked++;
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    this.seen.push(plainText);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }
  decryptString(encrypted: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.#key, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
  }
}

describe('the safeStorage adapter (OsProtection)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it("names Linux's backend from safeStorage, asking each time, and fixed names on macOS and Windows", () => {
    const storage = new FakeSafeStorage('kwallet5');
    const linux = osProtectionFromSafeStorage(storage, 'linux');
    expect(linux.backend).toBe('kwallet5');
    storage.backend = 'gnome_libsecret';
    expect(linux.backend).toBe('gnome_libsecret');
    expect(osProtectionFromSafeStorage(storage, 'darwin').backend).toBe('keychain');
    expect(osProtectionFromSafeStorage(storage, 'win32').backend).toBe('dpapi');
    expect(storage.backendAsked).toBe(2);
  });

  it('round-trips bytes through encryptString/decryptString as base64', () => {
    const storage = new FakeSafeStorage();
    const os = osProtectionFromSafeStorage(storage, 'linux');
    const bytes = randomBytes(48);
    const cipher = os.encrypt(bytes);
    expect(storage.seen).toEqual([bytes.toString('base64')]);
    expect(cipher.includes(bytes)).toBe(false);
    expect(os.decrypt(cipher).equals(bytes)).toBe(true);
  });

  it('is refused by the core on basic_text (no keyring), on unknown (before ready) and when unavailable', () => {
    const storage = new FakeSafeStorage('basic_text');
    const os = osProtectionFromSafeStorage(storage, 'linux');
    expect(osProtectionRefusal(os)).toMatchObject({ code: 'key-protection-refused', details: { backend: 'basic_text', available: true } });
    expect(() => new OsKeyProtection(os)).toThrow(expect.objectContaining({ code: 'key-protection-refused' }));
    storage.backend = 'unknown';
    expect(osProtectionRefusal(os)).toMatchObject({ code: 'key-protection-refused', details: { backend: 'unknown' } });
    const mac = new FakeSafeStorage();
    mac.available = false;
    expect(osProtectionRefusal(osProtectionFromSafeStorage(mac, 'darwin'))).toMatchObject({ code: 'key-protection-refused', details: { backend: 'keychain', available: false } });
  });

  it('counts a backend query that throws as unknown, i.e. refused', () => {
    const storage = new FakeSafeStorage();
    storage.getSelectedStorageBackend = () => {
      throw new Error('not ready');
    };
    expect(osProtectionRefusal(osProtectionFromSafeStorage(storage, 'linux'))).toMatchObject({ code: 'key-protection-refused' });
  });

  it('protects a signing key at rest with a working keyring, and opens it again', async () => {
    const storage = new FakeSafeStorage('gnome_libsecret');
    const protection = new OsKeyProtection(osProtectionFromSafeStorage(storage, 'linux'));
    const key = generateSigningKey();
    const path = await saveSigningKey(dir, key, protection);
    expect(path).toBe(join(dir, KEY_FILE_NAMES.os));
    const file = JSON.parse(await readFile(path, 'utf8')) as { backend: string; fingerprint: string; ciphertext: string };
    expect(file).toMatchObject({ backend: 'gnome_libsecret', fingerprint: key.fingerprint });
    const der = key.privateKey.export({ type: 'pkcs8', format: 'der' });
    expect(Buffer.from(file.ciphertext, 'base64').includes(der.subarray(der.length - 32))).toBe(false);
    const again = await loadSigningKey(dir, new OsKeyProtection(osProtectionFromSafeStorage(storage, 'linux')));
    expect(again.fingerprint).toBe(key.fingerprint);
  });

  it("keeps API tokens in memory only on Linux's basic_text backend: no file, nothing encrypted", async () => {
    const storage = new FakeSafeStorage('basic_text');
    const secrets = join(dir, 'secrets');
    const store = createSecretStore({ dir: secrets, os: osProtectionFromSafeStorage(storage, 'linux') });
    expect(store.storage).toBe('this-session-only');
    await store.set('ws_1', 'kt_live_abcdef0123456789');
    expect(await store.get('ws_1')).toBe('kt_live_abcdef0123456789');
    await expect(readdir(secrets)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(storage.seen).toEqual([]);
    // With a keyring that protects, the same adapter keeps them encrypted on disk.
    expect(createSecretStore({ dir: secrets, os: osProtectionFromSafeStorage(new FakeSafeStorage('kwallet5'), 'linux') }).storage).toBe('os-keyring');
  });

  it('refuses to create a signing key under basic_text without a passphrase (key-passphrase-needed), writing nothing', async () => {
    const storage = new FakeSafeStorage('basic_text');
    const noSession = (): Session => {
      throw new Error('no session in this test');
    };
    const services = createServices({
      runtime: 'electron',
      app: { name: 'Evidence Packager', version: '1.0.0' },
      dataSource: () => ({ kind: 'none' }),
      session: noSession,
      keys: { dir, os: () => osProtectionFromSafeStorage(storage, 'linux') },
    });
    const dispatch = createDispatcher(services);
    const answer = await dispatch('createKey', {}, { emit: () => {} });
    expect(answer).toMatchObject({ ok: false, error: { code: 'key-passphrase-needed' } });
    expect(await readdir(dir)).toEqual([]);
    expect(storage.seen).toEqual([]);
  });
});
