import { createPublicKey, generateKeyPairSync, sign as cryptoSign, verify as cryptoVerify, KeyObject } from 'node:crypto';
import { AppError } from '../errors';
import { fingerprintOfSpki } from './fingerprint';
import { pemBeginCount, pemBlocks, pemInput } from './pem';

/** Ed25519 signatures are always 64 bytes. */
export const SIGNATURE_BYTES = 64;

/**
 * A reviewer's signing key. KeyObjects never print or serialise their material (`JSON.stringify` gives
 * `{}`), so a SigningKey that reaches a log shows only its fingerprint.
 */
export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** `SHA256:<base64 without padding>` over the DER SPKI. */
  readonly fingerprint: string;
}

/** A new random Ed25519 key. */
export function generateSigningKey(): SigningKey {
  return signingKeyFrom(generateKeyPairSync('ed25519').privateKey);
}

/** Wraps a private KeyObject, refusing anything that is not an Ed25519 private key. */
export function signingKeyFrom(privateKey: KeyObject): SigningKey {
  if (privateKey.type !== 'private') throw keyError('This is not a private key.', { keyType: privateKey.type });
  assertEd25519(privateKey);
  const publicKey = createPublicKey(privateKey);
  return Object.freeze({ privateKey, publicKey, fingerprint: fingerprint(publicKey) });
}

/** The raw 64-byte Ed25519 signature over `bytes` (what `openssl pkeyutl -sign -rawin` writes). */
export function sign(key: SigningKey | KeyObject, bytes: Uint8Array): Buffer {
  const privateKey = key instanceof KeyObject ? key : key.privateKey;
  if (privateKey.type !== 'private') throw keyError('Signing needs a private key.', { keyType: privateKey.type });
  assertEd25519(privateKey);
  return cryptoSign(null, bytes, privateKey);
}

/**
 * Whether `signature` is a valid Ed25519 signature over `bytes` by `key` (a public KeyObject, a
 * SigningKey, or SPKI PEM text). A wrong, short or long signature is `false`, never a throw; a key that
 * is not Ed25519 is an error.
 */
export function verify(key: SigningKey | KeyObject | string, bytes: Uint8Array, signature: Uint8Array): boolean {
  const publicKey = toPublicKey(key);
  if (signature.byteLength !== SIGNATURE_BYTES) return false;
  return cryptoVerify(null, bytes, publicKey, signature);
}

/** The public key as SPKI PEM (`-----BEGIN PUBLIC KEY-----`), the content of a packet's signer.pub.pem. */
export function publicKeyPem(key: SigningKey | KeyObject): string {
  return toPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
}

/** The key's fingerprint, `SHA256:` + unpadded base64 of SHA-256 over its DER SPKI. Takes public PEM text too. */
export function fingerprint(key: SigningKey | KeyObject | string): string {
  if (!(key instanceof KeyObject) && typeof key !== 'string') return key.fingerprint;
  return fingerprintOfSpki(toPublicKey(key).export({ type: 'spki', format: 'der' }));
}

/**
 * Reads SPKI PEM text holding one Ed25519 public key. Anything else is refused with a `key-invalid`
 * error: other algorithms, garbage, several keys — and private keys, which node:crypto would quietly
 * accept here (and which must not end up where public keys go: packets, the trusted-signer list).
 */
export function parsePublicKeyPem(pem: string | Uint8Array): KeyObject {
  const text = pemInput(pem);
  if (text === undefined) throw keyError('This is too large to be a public key.', {});
  const blocks = pemBlocks(text);
  if (blocks.some((b) => b.label.includes('PRIVATE'))) {
    throw keyError('This is a private key, not a public key.', {}, 'Give the public key (a "BEGIN PUBLIC KEY" PEM such as signer.pub.pem). Keep the private key to yourself.');
  }
  if (blocks.length !== 1 || pemBeginCount(text) !== 1 || blocks[0]!.label !== 'PUBLIC KEY') {
    throw keyError('This is not a PEM public key.', { labels: blocks.map((b) => b.label) });
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: blocks[0]!.text, format: 'pem' });
  } catch {
    throw keyError('The public key could not be read; it is damaged or not a key.', {});
  }
  assertEd25519(key);
  return key;
}

function toPublicKey(key: SigningKey | KeyObject | string): KeyObject {
  if (typeof key === 'string') return parsePublicKeyPem(key);
  if (!(key instanceof KeyObject)) return key.publicKey;
  if (key.type === 'secret') throw keyError('This is not an asymmetric key.', { keyType: 'secret' });
  assertEd25519(key);
  return key.type === 'public' ? key : createPublicKey(key);
}

function assertEd25519(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'ed25519') {
    const type = key.asymmetricKeyType ?? 'unknown';
    throw keyError(`This is ${article(type)} ${type.toUpperCase()} key; packets are signed with Ed25519 only.`, { keyType: type }, 'Use an Ed25519 key (e.g. `openssl genpkey -algorithm ed25519`), or let the app create one.');
  }
}

function article(type: string): string {
  return /^[aeiou]|^rsa|^x/i.test(type) ? 'an' : 'a';
}

/** A `key-invalid` error; messages and details name kinds and labels, never key material. */
export function keyError(message: string, details: Record<string, unknown>, hint = 'Use an Ed25519 key in PEM form (PKCS#8 for a private key, SPKI for a public key).'): AppError {
  return new AppError('key-invalid', message, hint, details);
}
