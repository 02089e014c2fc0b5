import { createPrivateKey, type KeyObject } from 'node:crypto';
import { AppError } from '../errors';
import { keyError, signingKeyFrom, type SigningKey } from './ed25519';
import { pemBeginCount, pemBlocks, pemInput } from './pem';

const PLAIN = 'PRIVATE KEY';
const ENCRYPTED = 'ENCRYPTED PRIVATE KEY';

/** Where a key came from, for messages: a file name or an environment variable's name — never its content. */
export interface KeySource {
  /** e.g. `the key file "reviewer.pem"` or `the environment variable EVIDENCE_KEY`. */
  describe?: string;
}

/**
 * Reads an Ed25519 private key from PKCS#8 PEM: `BEGIN PRIVATE KEY`, or `BEGIN ENCRYPTED PRIVATE KEY`
 * with its passphrase (PBES2 with PBKDF2 or scrypt, as `openssl pkcs8 -topk8 -v2 …` and this app write).
 * Refuses other algorithms, other formats (OpenSSH, PKCS#1/SEC1), a missing or wrong passphrase and
 * garbage, each with a `key-*` AppError whose message and details never contain key material.
 */
export function importPrivateKeyPem(pem: string | Uint8Array, passphrase?: string, source: KeySource = {}): SigningKey {
  const what = source.describe ?? 'The key';
  const text = pemInput(pem);
  if (text === undefined) throw keyError(`${what} is too large to be a private key.`, {});
  const blocks = pemBlocks(text);
  const labels = blocks.map((b) => b.label);
  if (blocks.length === 0) {
    throw keyError(`${what} is not a PEM private key.`, {}, 'Give an Ed25519 private key in PKCS#8 PEM form ("BEGIN PRIVATE KEY" or "BEGIN ENCRYPTED PRIVATE KEY").');
  }
  const keyBlocks = blocks.filter((b) => b.label.includes('PRIVATE KEY'));
  if (keyBlocks.length > 1 || pemBeginCount(text) !== blocks.length) {
    throw keyError(`${what} holds more than one PEM block, or a damaged one.`, { labels }, 'Give a file with exactly one private key.');
  }
  const block = keyBlocks[0];
  if (block === undefined) throw keyError(`${what} holds no private key (found: ${labels.join(', ')}).`, { labels }, 'Give the private key, not a public key or certificate.');
  if (block.label === 'OPENSSH PRIVATE KEY') {
    throw keyError(`${what} is in OpenSSH's own format, which is not supported.`, { label: block.label }, 'Give an Ed25519 key in PKCS#8 PEM form, e.g. one made with `openssl genpkey -algorithm ed25519`.');
  }
  if (block.label !== PLAIN && block.label !== ENCRYPTED) {
    // PKCS#1 (RSA), SEC1 (EC), DSA: none of these can hold an Ed25519 key.
    throw keyError(`${what} is a "${block.label}", not an Ed25519 PKCS#8 key.`, { label: block.label }, 'Use an Ed25519 key (e.g. `openssl genpkey -algorithm ed25519`), or let the app create one.');
  }

  let key: KeyObject;
  if (block.label === ENCRYPTED) {
    if (passphrase === undefined) {
      throw new AppError('key-passphrase-needed', `${what} is encrypted; its passphrase is needed.`, 'Enter the passphrase the key was protected with.');
    }
    try {
      key = createPrivateKey({ key: block.text, format: 'pem', passphrase });
    } catch {
      // OpenSSL says "bad decrypt" for most wrong passphrases; about 1 in 256 decrypt to garbage and fail
      // later as a decoding error. A damaged file looks the same. Neither message helps more than this.
      throw new AppError('key-passphrase-wrong', `${what} could not be decrypted: the passphrase is wrong, or the key is damaged.`, 'Check the passphrase and try again.');
    }
  } else {
    try {
      key = createPrivateKey({ key: block.text, format: 'pem' });
    } catch {
      throw keyError(`${what} could not be read; it is damaged or not a key.`, { label: block.label });
    }
  }
  return signingKeyFrom(key);
}

/** Whether PEM text holds an encrypted private key, i.e. needs a passphrase before it can be imported. */
export function isEncryptedPrivateKeyPem(pem: string | Uint8Array): boolean {
  const text = pemInput(pem);
  return text !== undefined && pemBlocks(text).some((b) => b.label === ENCRYPTED);
}
