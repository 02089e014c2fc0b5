import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSigningKey, getTrusted, isTrusted, listTrusted, publicKeyPem, trust, untrust } from '../../../electron/core/keys';
import { tempCache } from '../../support/cache';
import { caught, expectNoSecrets } from './support';

let cache: Awaited<ReturnType<typeof tempCache>>;
beforeEach(async () => (cache = await tempCache()));
afterEach(() => cache.close());

const NOW = new Date('2026-03-21T10:00:00Z');

describe('trusted signers', () => {
  it('adds, lists, renames, looks up and removes', () => {
    const alice = generateSigningKey();
    const bob = generateSigningKey();
    expect(trust(cache.db, 'Alice (SecOps)', alice.fingerprint, undefined, NOW)).toEqual({ name: 'Alice (SecOps)', fingerprint: alice.fingerprint, publicKeyPem: null, addedAt: '2026-03-21T10:00:00.000Z' });
    trust(cache.db, '  Bob  ', `${bob.fingerprint}\n`, publicKeyPem(bob), NOW);
    expect(listTrusted(cache.db).map((s) => [s.name, s.fingerprint, s.publicKeyPem])).toEqual([
      ['Alice (SecOps)', alice.fingerprint, null],
      ['Bob', bob.fingerprint, publicKeyPem(bob)],
    ]);
    expect(isTrusted(cache.db, alice.fingerprint)).toBe('Alice (SecOps)');
    expect(isTrusted(cache.db, generateSigningKey().fingerprint)).toBeNull();
    expect(isTrusted(cache.db, 'garbage')).toBeNull();

    // Trusting again renames and adds the key, keeping when it was first added.
    trust(cache.db, 'Alice', alice.fingerprint, publicKeyPem(alice), new Date('2026-04-01T00:00:00Z'));
    expect(getTrusted(cache.db, alice.fingerprint)).toEqual({ name: 'Alice', fingerprint: alice.fingerprint, publicKeyPem: publicKeyPem(alice), addedAt: '2026-03-21T10:00:00.000Z' });
    trust(cache.db, 'Alice L.', alice.fingerprint);
    expect(getTrusted(cache.db, alice.fingerprint)?.publicKeyPem).toBe(publicKeyPem(alice));

    expect(untrust(cache.db, alice.fingerprint)).toBe(true);
    expect(untrust(cache.db, alice.fingerprint)).toBe(false);
    expect(isTrusted(cache.db, alice.fingerprint)).toBeNull();
    expect(listTrusted(cache.db).map((s) => s.name)).toEqual(['Bob']);
  });

  it('refuses malformed fingerprints, names, and keys that do not fit', async () => {
    const key = generateSigningKey();
    const body = key.fingerprint.slice(7);
    for (const bad of [`${key.fingerprint}=`, body, `SHA256:${body.slice(1)}`, `sha256:${body}`, `SHA256:${body.slice(0, 42)}B`, 'SHA256:*', '']) {
      expect(() => trust(cache.db, 'X', bad), bad).toThrow(expect.objectContaining({ code: 'fingerprint-invalid' }));
      expect(() => untrust(cache.db, bad), bad).toThrow(expect.objectContaining({ code: 'fingerprint-invalid' }));
    }
    for (const name of ['', '   ', 'two\nlines', 'x'.repeat(201)]) {
      expect(() => trust(cache.db, name, key.fingerprint)).toThrow(expect.objectContaining({ code: 'invalid-request' }));
    }
    expect(() => trust(cache.db, 'X', key.fingerprint, publicKeyPem(generateSigningKey()))).toThrow(expect.objectContaining({ code: 'fingerprint-invalid', message: 'The public key does not have the fingerprint given.' }));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => trust(cache.db, 'X', key.fingerprint, rsa)).toThrow(expect.objectContaining({ code: 'key-invalid' }));

    // A private key pasted where the public key goes is refused, not stored in the cache.
    const privatePem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const error = await caught(() => trust(cache.db, 'X', key.fingerprint, privatePem));
    expect(error).toMatchObject({ code: 'key-invalid', message: 'This is a private key, not a public key.' });
    expectNoSecrets(error, [privatePem.replace(/-----[^-]+-----|\s/g, '')]);
    expect(listTrusted(cache.db)).toEqual([]);
  });
});
