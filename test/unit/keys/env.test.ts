import { describe, expect, it } from 'vitest';
import { encryptPrivateKeyPem, generateSigningKey, keyFromEnv } from '../../../electron/core/keys';
import { caught, expectNoSecrets } from './support';

const PASS = 'passphrase from ci';

describe('keyFromEnv', () => {
  it('reads a plain PEM, a PEM with literal \\n, and an encrypted PEM with its passphrase variable', async () => {
    const key = generateSigningKey();
    const plain = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const encrypted = await encryptPrivateKeyPem(key.privateKey, PASS);
    const env = { PLAIN: plain, FLAT: plain.replace(/\n/g, '\\n'), ENC: encrypted, ENC_PASS: PASS };
    expect(keyFromEnv('PLAIN', { env }).fingerprint).toBe(key.fingerprint);
    expect(keyFromEnv('FLAT', { env }).fingerprint).toBe(key.fingerprint);
    expect(keyFromEnv('ENC', { env, passphraseEnv: 'ENC_PASS' }).fingerprint).toBe(key.fingerprint);
  });

  it('names the variables, never their values', async () => {
    const key = generateSigningKey();
    const plain = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const encrypted = await encryptPrivateKeyPem(key.privateKey, PASS);
    const env = { ENC: encrypted, WRONG: 'not it at all', EMPTY: ' ', BROKEN: plain.slice(0, 80) };
    const secrets = [plain.replace(/-----[^-]+-----|\s/g, ''), encrypted.replace(/-----[^-]+-----|\s/g, ''), PASS];

    const unset = await caught(() => keyFromEnv('NOPE', { env }));
    expect(unset).toMatchObject({ code: 'key-missing', message: 'The environment variable NOPE is not set or empty.' });
    expect(() => keyFromEnv('EMPTY', { env })).toThrow(expect.objectContaining({ code: 'key-missing' }));

    const noPass = await caught(() => keyFromEnv('ENC', { env }));
    expect(noPass).toMatchObject({ code: 'key-passphrase-needed', message: 'The key in the environment variable ENC is encrypted; its passphrase is needed.' });
    const passUnset = await caught(() => keyFromEnv('ENC', { env, passphraseEnv: 'PASS_UNSET' }));
    expect(passUnset).toMatchObject({ code: 'key-passphrase-needed', details: { env: 'PASS_UNSET' } });
    const wrong = await caught(() => keyFromEnv('ENC', { env, passphraseEnv: 'WRONG' }));
    expect(wrong).toMatchObject({ code: 'key-passphrase-wrong' });
    const broken = await caught(() => keyFromEnv('BROKEN', { env }));
    expect(broken).toMatchObject({ code: 'key-invalid' });
    expect(() => keyFromEnv('1BAD', { env })).toThrow(expect.objectContaining({ code: 'invalid-request' }));
    for (const error of [unset, noPass, passUnset, wrong, broken]) expectNoSecrets(error, [...secrets, 'not it at all']);
  });
});
