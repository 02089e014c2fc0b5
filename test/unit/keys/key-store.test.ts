import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import {
  exportPublicKey,
  findSigningKeyFiles,
  generateSigningKey,
  KEY_FILE_NAMES,
  loadOrCreateSigningKey,
  loadSigningKey,
  OsKeyProtection,
  osProtectionRefusal,
  PassphraseProtection,
  saveSigningKey,
  type OsProtection,
  type SigningKey,
} from '../../../electron/core/keys';
import { caught, expectNoSecrets, FakeOsProtection, opensslOk, tempDir } from './support';

const PASS = 'a long enough passphrase';
const posix = process.platform !== 'win32';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

/** The key's clear forms, none of which may be written anywhere. */
function clearForms(key: SigningKey): string[] {
  const der = key.privateKey.export({ type: 'pkcs8', format: 'der' });
  const pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return [pem.replace(/-----[^-]+-----|\s/g, ''), der.toString('base64'), der.subarray(16).toString('base64'), der.subarray(16).toString('hex')];
}

async function expectMode0600(path: string): Promise<void> {
  if (posix) expect((await stat(path)).mode & 0o777).toBe(0o600);
}

describe('PassphraseProtection', () => {
  it('writes an encrypted PKCS#8 file, mode 0600, that openssl opens with the passphrase', async () => {
    const key = generateSigningKey();
    const path = await saveSigningKey(dir, key, new PassphraseProtection(PASS));
    expect(path).toBe(join(dir, KEY_FILE_NAMES.passphrase));
    await expectMode0600(path);
    const text = await readFile(path, 'utf8');
    expect(text).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n[\s\S]+-----END ENCRYPTED PRIVATE KEY-----\n$/);
    expect(text).not.toContain('BEGIN PRIVATE KEY');
    for (const clear of clearForms(key)) expect(text).not.toContain(clear);
    expect(opensslOk(['pkey', '-in', path, '-passin', `pass:${PASS}`, '-pubout']).toString()).toBe(exportPublicKey(key));
    expect((await loadSigningKey(dir, new PassphraseProtection(PASS))).fingerprint).toBe(key.fingerprint);
    expect(await readdir(dir)).toEqual([KEY_FILE_NAMES.passphrase]); // no temp file left behind
  });

  it('refuses a wrong passphrase, a short one for a new file, and a clear key in its place', async () => {
    const key = generateSigningKey();
    await saveSigningKey(dir, key, new PassphraseProtection(PASS));
    const wrong = await caught(() => loadSigningKey(dir, new PassphraseProtection('wrong passphrase')));
    expect(wrong).toMatchObject({ code: 'key-passphrase-wrong' });
    expectNoSecrets(wrong, [...clearForms(key), PASS, 'wrong passphrase']);
    expect(() => new PassphraseProtection('')).toThrow(expect.objectContaining({ code: 'key-passphrase-needed' }));
    await expect(saveSigningKey(join(dir, 'other'), key, new PassphraseProtection('short'))).rejects.toMatchObject({ code: 'key-passphrase-weak' });

    const clear = join(dir, 'clear');
    await saveSigningKey(clear, key, new PassphraseProtection(PASS));
    await writeFile(join(clear, KEY_FILE_NAMES.passphrase), key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await expect(loadSigningKey(clear, new PassphraseProtection(PASS))).rejects.toMatchObject({ code: 'key-invalid', message: expect.stringMatching(/does not hold exactly one encrypted private key/) });
  });

  it('keeps the passphrase out of logs and JSON', () => {
    const protection = new PassphraseProtection(PASS);
    expect(JSON.stringify(protection)).toBe('{"kind":"passphrase"}');
    expect(inspect(protection, { showHidden: true })).not.toContain(PASS);
  });
});

describe('OsKeyProtection', () => {
  it('refuses the basic_text backend (no keyring), telling the user a passphrase will be used', async () => {
    const os = new FakeOsProtection('basic_text');
    const error = await caught(() => new OsKeyProtection(os));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'key-protection-refused', details: { backend: 'basic_text' } });
    expect((error as AppError).message).toMatch(/a passphrase will be used instead/);
    expect(osProtectionRefusal(os)?.code).toBe('key-protection-refused');
    expect(os.encryptCalls).toBe(0);
  });

  it('refuses an unavailable or unknown backend, and one that becomes unavailable later', async () => {
    const off = new FakeOsProtection('gnome_libsecret');
    off.available = false;
    expect(() => new OsKeyProtection(off)).toThrow(/a passphrase will be used instead/);
    expect(() => new OsKeyProtection(new FakeOsProtection('unknown'))).toThrow(expect.objectContaining({ code: 'key-protection-refused' }));
    const throws: OsProtection = { backend: 'kwallet5', isAvailable: () => { throw new Error('dbus'); }, encrypt: (b) => b, decrypt: (b) => b };
    expect(osProtectionRefusal(throws)?.code).toBe('key-protection-refused');

    const later = new FakeOsProtection('kwallet6');
    const protection = new OsKeyProtection(later);
    later.available = false;
    await expect(saveSigningKey(dir, generateSigningKey(), protection)).rejects.toMatchObject({ code: 'key-protection-refused' });
    expect(await readdir(dir)).toEqual([]);
    expect(osProtectionRefusal(new FakeOsProtection('keychain'))).toBeNull();
  });

  it('round-trips through a working OS protection: mode 0600, JSON header and ciphertext only', async () => {
    const os = new FakeOsProtection('gnome_libsecret');
    const key = generateSigningKey();
    const path = await saveSigningKey(dir, key, new OsKeyProtection(os));
    expect(path).toBe(join(dir, KEY_FILE_NAMES.os));
    await expectMode0600(path);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('BEGIN PRIVATE KEY');
    expect(text).not.toContain('PRIVATE KEY');
    for (const clear of clearForms(key)) expect(text).not.toContain(clear);
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(file).sort()).toEqual(['algorithm', 'backend', 'ciphertext', 'fingerprint', 'format', 'protection', 'version']);
    expect(file).toMatchObject({ format: 'evidence-packager-signing-key', version: 1, protection: 'os', backend: 'gnome_libsecret', algorithm: 'ed25519', fingerprint: key.fingerprint });
    const loaded = await loadSigningKey(dir, new OsKeyProtection(os));
    expect(loaded.fingerprint).toBe(key.fingerprint);
    expect(exportPublicKey(loaded)).toBe(exportPublicKey(key));
  });

  it('reports a keyring that cannot decrypt, and a file whose fingerprint was altered', async () => {
    const os = new FakeOsProtection('gnome_libsecret');
    const key = generateSigningKey();
    const path = await saveSigningKey(dir, key, new OsKeyProtection(os));
    const otherKeyring = new FakeOsProtection('kwallet5');
    const error = await caught(() => loadSigningKey(dir, new OsKeyProtection(otherKeyring)));
    expect(error).toMatchObject({ code: 'key-unreadable', details: { backend: 'kwallet5', writtenBy: 'gnome_libsecret' } });
    expect((error as AppError).hint).toMatch(/"gnome_libsecret" keyring/);

    const file = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeFile(path, JSON.stringify({ ...file, fingerprint: generateSigningKey().fingerprint }));
    await expect(loadSigningKey(dir, new OsKeyProtection(os))).rejects.toMatchObject({ code: 'key-invalid', message: expect.stringMatching(/does not match the fingerprint/) });
    await writeFile(path, 'not json');
    await expect(loadSigningKey(dir, new OsKeyProtection(os))).rejects.toMatchObject({ code: 'key-invalid' });
  });

  it('refuses an adapter that hands the key back unencrypted', async () => {
    const passThrough: OsProtection = { backend: 'gnome_libsecret', isAvailable: () => true, encrypt: (b) => Buffer.from(b), decrypt: (b) => Buffer.from(b) };
    const wrapped: OsProtection = { ...passThrough, encrypt: (b) => Buffer.concat([Buffer.from('v10'), b]), decrypt: (b) => b.subarray(3) };
    for (const os of [passThrough, wrapped]) {
      await expect(saveSigningKey(dir, generateSigningKey(), new OsKeyProtection(os))).rejects.toThrow(/unencrypted/);
    }
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('key store', () => {
  it('creates the key on first use, then loads the same one', async () => {
    const keyDir = join(dir, 'keys', 'nested');
    const first = await loadOrCreateSigningKey(keyDir, new PassphraseProtection(PASS));
    expect(first.created).toBe(true);
    if (posix) expect((await stat(keyDir)).mode & 0o777).toBe(0o700);
    const second = await loadOrCreateSigningKey(keyDir, new PassphraseProtection(PASS));
    expect(second).toMatchObject({ created: false, path: first.path });
    expect(second.key.fingerprint).toBe(first.key.fingerprint);

    const os = new FakeOsProtection();
    const a = await loadOrCreateSigningKey(join(dir, 'os'), new OsKeyProtection(os));
    const b = await loadOrCreateSigningKey(join(dir, 'os'), new OsKeyProtection(os));
    expect([a.created, b.created]).toEqual([true, false]);
    expect(b.key.fingerprint).toBe(a.key.fingerprint);
    expect(os.encryptCalls).toBe(1);
  });

  it('two first uses at once end with one key', async () => {
    const results = await Promise.all([1, 2, 3].map(() => loadOrCreateSigningKey(dir, new PassphraseProtection(PASS))));
    expect(new Set(results.map((r) => r.key.fingerprint)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await readdir(dir)).toEqual([KEY_FILE_NAMES.passphrase]);
  });

  it('never overwrites a key file unless asked, and removes the other kind when replacing', async () => {
    const os = new FakeOsProtection();
    const first = generateSigningKey();
    const path = await saveSigningKey(dir, first, new PassphraseProtection(PASS));
    const before = await readFile(path);
    const second = generateSigningKey();
    await expect(saveSigningKey(dir, second, new PassphraseProtection(PASS))).rejects.toMatchObject({ code: 'file-exists' });
    await expect(saveSigningKey(dir, second, new OsKeyProtection(os))).rejects.toMatchObject({ code: 'file-exists' });
    expect(await readFile(path)).toEqual(before);
    expect(await findSigningKeyFiles(dir)).toEqual([{ kind: 'passphrase', path }]);

    await saveSigningKey(dir, second, new PassphraseProtection(PASS), { replace: true });
    await expectMode0600(path);
    expect((await loadSigningKey(dir, new PassphraseProtection(PASS))).fingerprint).toBe(second.fingerprint);

    const third = generateSigningKey();
    const osPath = await saveSigningKey(dir, third, new OsKeyProtection(os), { replace: true });
    expect(await findSigningKeyFiles(dir)).toEqual([{ kind: 'os', path: osPath }]);
    expect((await loadSigningKey(dir, new OsKeyProtection(os))).fingerprint).toBe(third.fingerprint);
    expect(await readdir(dir)).toEqual([KEY_FILE_NAMES.os]);
  });

  it('does not create a second key when the existing one is protected the other way', async () => {
    const os = new FakeOsProtection();
    const { key } = await loadOrCreateSigningKey(dir, new OsKeyProtection(os));
    const error = await caught(() => loadOrCreateSigningKey(dir, new PassphraseProtection(PASS)));
    expect(error).toMatchObject({ code: 'key-protection-mismatch', details: { protectedBy: 'os' } });
    expect(await readdir(dir)).toEqual([KEY_FILE_NAMES.os]);
    expect((await loadSigningKey(dir, new OsKeyProtection(os))).fingerprint).toBe(key.fingerprint);
    await expect(loadSigningKey(join(dir, 'empty'), new PassphraseProtection(PASS))).rejects.toMatchObject({ code: 'key-missing' });
  });
});
