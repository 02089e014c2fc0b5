import { describe, expect, it } from 'vitest';
import { openWithOs, osRefusal, OsSealFailure, parseOsEnvelope, sealWithOs, type OsProtection } from '../../../electron/core/keys';
import { FakeOsProtection } from './support';

describe('os-seal', () => {
  it('seals and opens back to the same bytes, never holding the plaintext', () => {
    const os = new FakeOsProtection('keychain');
    const plain = Buffer.from('kt_live_secret_token_1234');
    const cipher = sealWithOs(os, plain);
    expect(cipher.includes(plain)).toBe(false);
    expect(openWithOs(os, cipher).equals(plain)).toBe(true);
  });

  it('refuses basic_text, and accepts a real backend', () => {
    expect(osRefusal(new FakeOsProtection('basic_text'))).toMatchObject({ code: 'key-protection-refused', details: { backend: 'basic_text' } });
    expect(osRefusal(new FakeOsProtection('keychain'))).toBeNull();
  });

  it('refuses an adapter that returns the plaintext', () => {
    const passThrough: OsProtection = { backend: 'keychain', isAvailable: () => true, encrypt: (b) => Buffer.concat([Buffer.from('v10'), b]), decrypt: (b) => b.subarray(3) };
    expect(() => sealWithOs(passThrough, Buffer.from('secret'), { what: 'token' })).toThrow(/returned the token unencrypted/);
  });

  it('types a keyring failure', () => {
    const os = new FakeOsProtection('keychain');
    const cipher = sealWithOs(os, Buffer.from('secret'));
    const other = new FakeOsProtection('keychain');
    let caught: unknown;
    try {
      openWithOs(other, cipher);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OsSealFailure);
    expect(caught).toMatchObject({ step: 'decrypt', backend: 'keychain' });
  });

  it('parses the shared envelope fields and words damage through the caller', () => {
    const damaged = (why: string) => new Error(`damaged: ${why}`);
    const good = Buffer.from(JSON.stringify({ format: 'f', version: 1, backend: 'keychain', ciphertext: 'AAAA', extra: 1 }));
    expect(parseOsEnvelope(good, 'f', damaged)).toMatchObject({ backend: 'keychain', ciphertext: 'AAAA', extra: 1 });
    expect(() => parseOsEnvelope(Buffer.from('{'), 'f', damaged)).toThrow('damaged: not JSON');
    expect(() => parseOsEnvelope(Buffer.from(JSON.stringify({ format: 'f', version: 1, backend: 'x' })), 'f', damaged)).toThrow('damaged: no ciphertext');
  });
});
