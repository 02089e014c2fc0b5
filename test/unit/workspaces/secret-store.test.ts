import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import type { OsProtection } from '../../../electron/core/keys';
import { createSecretStore } from '../../../electron/core/workspaces';
import { caught, FakeOsProtection, tempDir } from '../keys/support';

const TOKEN = 'kt_live_S3CR3T_token_value_1a2b';

describe('the secret store', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  const secretsDir = () => join(dir, 'secrets');

  describe('with an OS keyring that protects', () => {
    it('round-trips a token through an encrypted 0600 file that never holds the token', async () => {
      const os = new FakeOsProtection();
      const store = createSecretStore({ dir: secretsDir(), os });
      expect(store.storage).toBe('os-keyring');
      await store.set('ws_1', TOKEN);
      expect(await store.get('ws_1')).toBe(TOKEN);

      const path = join(secretsDir(), 'ws_1.token');
      const bytes = await readFile(path);
      const text = bytes.toString('utf8');
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(Buffer.from(TOKEN).toString('base64'));
      expect(bytes.includes(Buffer.from('S3CR3T'))).toBe(false);
      const file = JSON.parse(text) as Record<string, unknown>;
      expect(file).toEqual({ format: 'evidence-packager-api-token', version: 1, backend: 'gnome_libsecret', ciphertext: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) });
      if (process.platform !== 'win32') {
        expect((await stat(path)).mode & 0o777).toBe(0o600);
        expect((await stat(secretsDir())).mode & 0o777).toBe(0o700);
      }
      // A later run with the same keyring reads it back.
      expect(await createSecretStore({ dir: secretsDir(), os }).get('ws_1')).toBe(TOKEN);
    });

    it('replaces a token atomically, leaving no temp file, and forgets it on delete', async () => {
      const store = createSecretStore({ dir: secretsDir(), os: new FakeOsProtection() });
      await store.set('ws_1', TOKEN);
      await store.set('ws_1', 'kt_live_another_token_9z9z');
      expect(await store.get('ws_1')).toBe('kt_live_another_token_9z9z');
      expect(await readdir(secretsDir())).toEqual(['ws_1.token']);
      await store.delete('ws_1');
      expect(await store.get('ws_1')).toBeNull();
      await expect(store.delete('ws_1')).resolves.toBeUndefined();
      expect(await readdir(secretsDir())).toEqual([]);
    });

    it('answers null for a workspace without a token, even before the folder exists', async () => {
      const store = createSecretStore({ dir: secretsDir(), os: new FakeOsProtection() });
      expect(await store.get('ws_none')).toBeNull();
    });

    it('says clearly when the keyring cannot decrypt a stored token (another keyring, a reset one)', async () => {
      await createSecretStore({ dir: secretsDir(), os: new FakeOsProtection() }).set('ws_1', TOKEN);
      const error = await caught(() => createSecretStore({ dir: secretsDir(), os: new FakeOsProtection('kwallet5') }).get('ws_1'));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'bad-token', message: expect.stringMatching(/could not decrypt/), hint: expect.stringMatching(/"gnome_libsecret" keyring.*"kwallet5".*enter the token again/i) });
      expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(TOKEN);
    });

    it.each([
      ['not JSON', 'kt_live_plain_text_token'],
      ['an unknown format', JSON.stringify({ format: 'something-else', version: 1, backend: 'x', ciphertext: 'AAAA' })],
      ['an unsupported version', JSON.stringify({ format: 'evidence-packager-api-token', version: 2, backend: 'x', ciphertext: 'AAAA' })],
      ['no ciphertext', JSON.stringify({ format: 'evidence-packager-api-token', version: 1, backend: 'x' })],
    ])('refuses a damaged token file (%s) with a clear error', async (_label, content) => {
      await mkdir(secretsDir(), { recursive: true });
      await writeFile(join(secretsDir(), 'ws_1.token'), content);
      const error = await caught(() => createSecretStore({ dir: secretsDir(), os: new FakeOsProtection() }).get('ws_1'));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'bad-token', message: expect.stringMatching(/stored API token of this workspace is damaged/), hint: 'Enter the token again in Workspace.' });
      expect((error as AppError).message).not.toContain('plain_text_token');
    });

    it('refuses an adapter that would put the clear token on disk, and writes nothing', async () => {
      const leaky: OsProtection = { backend: 'keychain', isAvailable: () => true, encrypt: (plain) => Buffer.concat([Buffer.from('v10'), plain]), decrypt: (c) => c.subarray(3) };
      const store = createSecretStore({ dir: secretsDir(), os: leaky });
      await expect(store.set('ws_1', TOKEN)).rejects.toThrow(/unencrypted/);
      await expect(readdir(secretsDir())).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('accepts only plain workspace ids as names (never a path)', async () => {
      const store = createSecretStore({ dir: secretsDir(), os: new FakeOsProtection() });
      await expect(store.set('../escape', TOKEN)).rejects.toThrow(/plain workspace id/);
      await expect(store.get('a/b')).rejects.toThrow(/plain workspace id/);
    });
  });

  describe('without a keyring that protects', () => {
    it.each([
      ['no OS protection at all', null],
      ["Linux's basic_text", new FakeOsProtection('basic_text')],
      ['an unavailable keyring', Object.assign(new FakeOsProtection('keychain'), { available: false })],
    ])('keeps tokens in memory only (%s) and writes no file', async (_label, os) => {
      const store = createSecretStore({ dir: secretsDir(), os });
      expect(store.storage).toBe('this-session-only');
      await store.set('ws_1', TOKEN);
      expect(await store.get('ws_1')).toBe(TOKEN);
      await expect(readdir(secretsDir())).rejects.toMatchObject({ code: 'ENOENT' });
      if (os) expect((os as FakeOsProtection).encryptCalls).toBe(0);
      // A new run starts without it.
      expect(await createSecretStore({ dir: secretsDir(), os }).get('ws_1')).toBeNull();
      await store.delete('ws_1');
      expect(await store.get('ws_1')).toBeNull();
    });

    it('removes a token file an earlier run stored, once that token is replaced or forgotten', async () => {
      await createSecretStore({ dir: secretsDir(), os: new FakeOsProtection() }).set('ws_1', TOKEN);
      await createSecretStore({ dir: secretsDir(), os: new FakeOsProtection() }).set('ws_2', TOKEN);
      const memory = createSecretStore({ dir: secretsDir(), os: null });
      await memory.set('ws_1', 'kt_live_new_token_for_now');
      await memory.delete('ws_2');
      expect(await readdir(secretsDir())).toEqual([]);
    });
  });
});
