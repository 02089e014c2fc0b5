import { generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import { encryptPrivateKeyPem, generateSigningKey, importPrivateKeyPem, isEncryptedPrivateKeyPem, publicKeyPem, sign, verify } from '../../../electron/core/keys';
import { caught, expectNoSecrets, opensslOk, pemBody, tempDir } from './support';

const PASS = 'correct horse battery staple';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

/** An Ed25519 key made by openssl: the plain PKCS#8 PEM, its public key, and encrypted copies. */
async function opensslKey(): Promise<{ plain: string; pub: string; pbkdf2: string; scrypt: string }> {
  const file = join(dir, 'k.pem');
  opensslOk(['genpkey', '-algorithm', 'ed25519', '-out', file]);
  const pbkdf2 = opensslOk(['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', file, '-passout', `pass:${PASS}`]).toString();
  const scrypt = opensslOk(['pkcs8', '-topk8', '-scrypt', '-in', file, '-passout', `pass:${PASS}`]).toString();
  const pub = opensslOk(['pkey', '-in', file, '-pubout']).toString();
  return { plain: await readFile(file, 'utf8'), pub, pbkdf2, scrypt };
}

describe('importPrivateKeyPem', () => {
  it('imports plain and encrypted (PBKDF2 and scrypt) PKCS#8 made by openssl', async () => {
    const { plain, pub, pbkdf2, scrypt } = await opensslKey();
    expect(plain).toContain('BEGIN PRIVATE KEY');
    expect(pbkdf2).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    for (const [pem, passphrase] of [[plain, undefined], [pbkdf2, PASS], [scrypt, PASS], [Buffer.from(pbkdf2), PASS]] as const) {
      const key = importPrivateKeyPem(pem, passphrase);
      expect(publicKeyPem(key)).toBe(pub);
      expect(verify(pub, Buffer.from('m'), sign(key, Buffer.from('m')))).toBe(true);
    }
    expect(isEncryptedPrivateKeyPem(pbkdf2)).toBe(true);
    expect(isEncryptedPrivateKeyPem(plain)).toBe(false);
  });

  it('asks for the passphrase of an encrypted key, and refuses a wrong one without key material', async () => {
    const { plain, pbkdf2, scrypt } = await opensslKey();
    for (const pem of [pbkdf2, scrypt]) {
      const missing = await caught(() => importPrivateKeyPem(pem));
      expect(missing).toBeInstanceOf(AppError);
      expect(missing).toMatchObject({ code: 'key-passphrase-needed', message: 'The key is encrypted; its passphrase is needed.' });
      const wrong = await caught(() => importPrivateKeyPem(pem, 'not the passphrase'));
      expect(wrong).toMatchObject({ code: 'key-passphrase-wrong' });
      expect((wrong as AppError).message).toMatch(/passphrase is wrong/);
      expectNoSecrets(missing, [pemBody(pem), pemBody(plain), PASS]);
      expectNoSecrets(wrong, [pemBody(pem), pemBody(plain), PASS, 'not the passphrase']);
    }
  });

  it('refuses RSA and EC keys, OpenSSH keys, several keys and garbage, with clear messages and no key material', async () => {
    const rsaPlain = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const cases: Array<[string, RegExp]> = [
      [rsaPlain.export({ type: 'pkcs8', format: 'pem' }).toString(), /RSA key; packets are signed with Ed25519 only/],
      [rsaPlain.export({ type: 'pkcs1', format: 'pem' }).toString(), /"RSA PRIVATE KEY", not an Ed25519 PKCS#8 key/],
      [rsaPlain.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASS }).toString(), /RSA key/],
      [generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString(), /"EC PRIVATE KEY"/],
      [generateKeyPairSync('x25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), /X25519 key/],
      ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n', /OpenSSH's own format/],
      ['-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIGarbageGarbageGarbageGarbageGarbageGarbage\n-----END PRIVATE KEY-----\n', /could not be read; it is damaged or not a key/],
      ['-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIGarbage\n', /not a PEM private key/],
      ['hello, this is not a key', /not a PEM private key/],
      ['', /not a PEM private key/],
      [publicKeyPem(generateSigningKey()), /holds no private key \(found: PUBLIC KEY\)/],
    ];
    for (const [pem, message] of cases) {
      const error = await caught(() => importPrivateKeyPem(pem, PASS));
      expect(error, pem).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('key-invalid');
      expect((error as AppError).message).toMatch(message);
      expect((error as AppError).hint).toMatch(/\.$/);
      expectNoSecrets(error, [pemBody(pem).slice(20)].filter((s) => s.length >= 16));
    }
    const two = (await opensslKey()).plain;
    expect(() => importPrivateKeyPem(two + two)).toThrow(/more than one PEM block/);
    expect(() => importPrivateKeyPem(Buffer.alloc(70_000, 0x41))).toThrow(/too large/);
  });

  it('names where the key came from when told', () => {
    expect(() => importPrivateKeyPem('nope', undefined, { describe: 'The key file "reviewer.pem"' })).toThrow('The key file "reviewer.pem" is not a PEM private key.');
  });
});

describe('encryptPrivateKeyPem (PBES2 + scrypt + AES-256-CBC)', () => {
  it('writes PKCS#8 that openssl decrypts to the same key, and that reads back here', async () => {
    const key = generateSigningKey();
    const pem = await encryptPrivateKeyPem(key.privateKey, PASS);
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END ENCRYPTED PRIVATE KEY-----\n$/);
    await writeFile(join(dir, 'enc.pem'), pem);
    const structure = opensslOk(['asn1parse', '-in', join(dir, 'enc.pem')]).toString();
    expect(structure).toContain(':PBES2');
    expect(structure).toContain(':scrypt');
    expect(structure).toContain(':aes-256-cbc');
    expect(structure).toMatch(/INTEGER\s+:4000/); // N = 16384
    const pub = opensslOk(['pkey', '-in', join(dir, 'enc.pem'), '-passin', `pass:${PASS}`, '-pubout']).toString();
    expect(pub).toBe(publicKeyPem(key));
    expect(importPrivateKeyPem(pem, PASS).fingerprint).toBe(key.fingerprint);
    expect(() => importPrivateKeyPem(pem, `${PASS}!`)).toThrow(expect.objectContaining({ code: 'key-passphrase-wrong' }));
    // Fresh salt and IV every time.
    expect(await encryptPrivateKeyPem(key.privateKey, PASS)).not.toBe(pem);
  });

  it('handles non-ASCII passphrases as UTF-8, like openssl', async () => {
    const key = generateSigningKey();
    const passphrase = 'påsfrasé ключ 🔑';
    await writeFile(join(dir, 'enc.pem'), await encryptPrivateKeyPem(key.privateKey, passphrase));
    const pub = opensslOk(['pkey', '-in', join(dir, 'enc.pem'), '-passin', `pass:${passphrase}`, '-pubout']).toString();
    expect(pub).toBe(publicKeyPem(key));
  });
});
