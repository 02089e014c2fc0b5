import { generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import {
  fingerprint,
  fingerprintOfSpki,
  generateSigningKey,
  isFingerprint,
  parseFingerprint,
  parsePublicKeyPem,
  publicKeyPem,
  sign,
  verify,
} from '../../../electron/core/keys';
import { caught, expectNoSecrets, openssl, opensslOk, pemBody, tempDir } from './support';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('sign and verify', () => {
  it('round-trips, and any change to bytes, signature or key fails', () => {
    const key = generateSigningKey();
    const bytes = Buffer.from('tagmanifest bytes\n');
    const signature = sign(key, bytes);
    expect(signature).toHaveLength(64);
    expect(verify(key, bytes, signature)).toBe(true);
    expect(verify(key.publicKey, bytes, signature)).toBe(true);
    expect(verify(publicKeyPem(key), bytes, signature)).toBe(true);
    expect(sign(key.privateKey, bytes)).toEqual(signature); // Ed25519 is deterministic

    const flipped = Buffer.from(signature);
    flipped[10]! ^= 1;
    expect(verify(key, bytes, flipped)).toBe(false);
    expect(verify(key, Buffer.from('tagmanifest bytes\r\n'), signature)).toBe(false);
    expect(verify(generateSigningKey(), bytes, signature)).toBe(false);
    expect(verify(key, bytes, signature.subarray(0, 63))).toBe(false);
    expect(verify(key, bytes, Buffer.concat([signature, Buffer.from([0])]))).toBe(false);
  });

  it('is verified by `openssl pkeyutl -verify -rawin`, and a flipped byte fails it', async () => {
    const key = generateSigningKey();
    const file = join(dir, 'tagmanifest-sha256.txt');
    const content = Buffer.from('0123abcd  bagit.txt\n4567ef01  bag-info.txt\n');
    await writeFile(file, content);
    await writeFile(join(dir, 'signer.pub.pem'), publicKeyPem(key));
    await writeFile(`${file}.sig`, sign(key, content));
    const args = ['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'signer.pub.pem'), '-rawin', '-in', file, '-sigfile', `${file}.sig`];
    const good = openssl(args);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout.toString()).toContain('Signature Verified Successfully');

    const flippedContent = Buffer.from(content);
    flippedContent[3]! ^= 0x20;
    await writeFile(file, flippedContent);
    expect(openssl(args).status).not.toBe(0);

    await writeFile(file, content);
    const signature = await readFile(`${file}.sig`);
    signature[0]! ^= 1;
    await writeFile(`${file}.sig`, signature);
    expect(openssl(args).status).not.toBe(0);
  });

  it('verifies what openssl signed', async () => {
    opensslOk(['genpkey', '-algorithm', 'ed25519', '-out', join(dir, 'k.pem')]);
    const pub = opensslOk(['pkey', '-in', join(dir, 'k.pem'), '-pubout']).toString();
    await writeFile(join(dir, 'm.txt'), 'message');
    const signature = opensslOk(['pkeyutl', '-sign', '-inkey', join(dir, 'k.pem'), '-rawin', '-in', join(dir, 'm.txt')]);
    expect(verify(pub, Buffer.from('message'), signature)).toBe(true);
  });

  it('refuses a key that is not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const error = (() => {
      try {
        sign(rsa.privateKey, Buffer.from('x'));
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error?.code).toBe('key-invalid');
    expect(error?.message).toMatch(/RSA.*Ed25519/);
    expect(() => verify(rsa.publicKey, Buffer.from('x'), Buffer.alloc(64))).toThrow(/Ed25519/);
  });

  it('never prints or serialises key material', () => {
    const key = generateSigningKey();
    const der = key.privateKey.export({ type: 'pkcs8', format: 'der' });
    const seedB64 = der.subarray(16).toString('base64');
    const seedHex = der.subarray(16).toString('hex');
    for (const text of [JSON.stringify(key), inspect(key, { showHidden: true, depth: 10 }), String(key)]) {
      expect(text).not.toContain(seedB64);
      expect(text).not.toContain(seedHex);
    }
  });
});

describe('fingerprint', () => {
  it('equals `openssl pkey -pubin -outform DER | openssl dgst -sha256 -binary | openssl base64` without padding', async () => {
    for (let i = 0; i < 5; i++) {
      const key = generateSigningKey();
      const pemFile = join(dir, `pub-${i}.pem`);
      await writeFile(pemFile, publicKeyPem(key));
      const der = opensslOk(['pkey', '-pubin', '-in', pemFile, '-outform', 'DER']);
      const digest = opensslOk(['dgst', '-sha256', '-binary'], der);
      const b64 = opensslOk(['base64', '-A'], digest).toString().trim();
      expect(b64).toMatch(/=$/);
      const expected = `SHA256:${b64.replace(/=+$/, '')}`;
      expect(key.fingerprint).toBe(expected);
      expect(fingerprint(key)).toBe(expected);
      expect(fingerprint(key.publicKey)).toBe(expected);
      expect(fingerprint(key.privateKey)).toBe(expected);
      expect(fingerprint(publicKeyPem(key))).toBe(expected);
      expect(fingerprintOfSpki(der)).toBe(expected);
      expect(expected).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    }
  });

  it('recognises only the canonical shape', () => {
    const good = generateSigningKey().fingerprint;
    expect(isFingerprint(good)).toBe(true);
    expect(parseFingerprint(`  ${good}\n`)).toBe(good);
    const body = good.slice(7);
    const bad = [
      `${good}=`,
      body,
      `sha256:${body}`,
      `SHA256:${body.slice(1)}`,
      `SHA256:${body}A`,
      `SHA256:${body.slice(0, 42)}-`,
      `SHA256:${body.slice(0, 42)}B`, // stray low bits in the last character
      `MD5:${body}`,
      '',
    ];
    for (const text of bad) {
      expect(isFingerprint(text), text).toBe(false);
      expect(() => parseFingerprint(text)).toThrow(expect.objectContaining({ code: 'fingerprint-invalid' }));
    }
    expect(isFingerprint(42)).toBe(false);
  });
});

describe('parsePublicKeyPem', () => {
  it('reads SPKI PEM (as written by openssl), normalising it', async () => {
    opensslOk(['genpkey', '-algorithm', 'ed25519', '-out', join(dir, 'k.pem')]);
    const pub = opensslOk(['pkey', '-in', join(dir, 'k.pem'), '-pubout']).toString();
    const key = parsePublicKeyPem(`Some text before\n${pub.replace(/\n/g, '\r\n')}`);
    expect(key.asymmetricKeyType).toBe('ed25519');
    expect(publicKeyPem(key)).toBe(pub);
  });

  it('refuses private keys without repeating them', async () => {
    const key = generateSigningKey();
    const pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const error = await caught(() => parsePublicKeyPem(pem));
    expect(error).toMatchObject({ code: 'key-invalid', message: 'This is a private key, not a public key.' });
    expectNoSecrets(error, [pemBody(pem)]);
  });

  it('refuses other algorithms, several keys and garbage', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => parsePublicKeyPem(rsa)).toThrow(/RSA key; packets are signed with Ed25519 only/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => parsePublicKeyPem(ec)).toThrow(/EC key/);
    const one = publicKeyPem(generateSigningKey());
    expect(() => parsePublicKeyPem(one + one)).toThrow(/not a PEM public key/);
    expect(() => parsePublicKeyPem('hello')).toThrow(/not a PEM public key/);
    expect(() => parsePublicKeyPem('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n')).toThrow(/damaged or not a key/);
    expect(() => parsePublicKeyPem('x'.repeat(70_000))).toThrow(/too large/);
  });
});
