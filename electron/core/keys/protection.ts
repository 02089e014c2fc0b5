import { createPrivateKey, type KeyObject } from 'node:crypto';
import { AppError } from '../errors';
import { keyError, signingKeyFrom, type SigningKey } from './ed25519';
import { isFingerprint } from './fingerprint';
import { importPrivateKeyPem } from './import';
import { pemBlocks } from './pem';
import { openWithOs, osEnvelopeBytes, OsSealFailure, osRefusal, parseOsEnvelope, sealWithOs, type OsProtection } from './os-seal';
import { encryptPrivateKeyPem } from './pkcs8-scrypt';

export { osProtectionRefusal, REFUSED_OS_BACKENDS, type OsProtection } from './os-seal';

/** How a signing key is protected at rest. */
export type KeyProtectionKind = 'passphrase' | 'os';

/**
 * Turns a signing key into the bytes of its key file and back. The bytes never hold the clear key.
 * `where` names the file in messages.
 */
export interface KeyProtection {
  readonly kind: KeyProtectionKind;
  seal(key: SigningKey): Promise<Buffer>;
  open(bytes: Buffer, where: string): SigningKey;
}

/** New key files need at least this many characters of passphrase; existing ones open with any. */
export const MIN_PASSPHRASE_LENGTH = 8;

/**
 * A passphrase-protected PKCS#8 file (`BEGIN ENCRYPTED PRIVATE KEY`, scrypt + AES-256-CBC; see
 * pkcs8-scrypt.ts): what the CLI uses, and the app when the OS keyring is missing. `openssl pkey` reads it.
 * The passphrase is kept in a private field, so it is not printed or serialised with the object.
 */
export class PassphraseProtection implements KeyProtection {
  readonly kind = 'passphrase';
  readonly #passphrase: string;

  constructor(passphrase: string) {
    if (typeof passphrase !== 'string' || passphrase.length === 0) {
      throw new AppError('key-passphrase-needed', 'A passphrase is needed to protect the signing key.', 'Enter a passphrase.');
    }
    this.#passphrase = passphrase;
  }

  async seal(key: SigningKey): Promise<Buffer> {
    if ([...this.#passphrase].length < MIN_PASSPHRASE_LENGTH) {
      throw new AppError(
        'key-passphrase-weak',
        `The passphrase is too short to protect a signing key (at least ${MIN_PASSPHRASE_LENGTH} characters).`,
        'Choose a longer passphrase; a few unrelated words are easy to remember and hard to guess.',
        { minLength: MIN_PASSPHRASE_LENGTH },
      );
    }
    return Buffer.from(await encryptPrivateKeyPem(key.privateKey, this.#passphrase), 'utf8');
  }

  open(bytes: Buffer, where: string): SigningKey {
    const text = bytes.toString('utf8');
    const labels = pemBlocks(text).map((b) => b.label);
    if (labels.length !== 1 || labels[0] !== 'ENCRYPTED PRIVATE KEY') {
      // A clear key in the key file's place is refused rather than used: keys at rest are encrypted.
      throw keyError(`The key file ${where} does not hold exactly one encrypted private key.`, { labels }, 'Import the key again with a passphrase, or create a new key.');
    }
    return importPrivateKeyPem(text, this.#passphrase, { describe: `The key file ${where}` });
  }

  toJSON(): { kind: KeyProtectionKind } {
    return { kind: this.kind };
  }
}

const FORMAT = 'evidence-packager-signing-key';

/** The OS-protected key file: this JSON, nothing else. `ciphertext` is base64 of the OS encryption of the PKCS#8 DER. */
interface OsKeyFile {
  format: typeof FORMAT;
  version: 1;
  protection: 'os';
  backend: string;
  algorithm: 'ed25519';
  fingerprint: string;
  ciphertext: string;
}

/**
 * A key file encrypted by the OS (see OsProtection). Refuses, when made and on each use, a backend that
 * does not protect (see REFUSED_OS_BACKENDS): the caller then falls back to PassphraseProtection.
 */
export class OsKeyProtection implements KeyProtection {
  readonly kind = 'os';
  readonly #os: OsProtection;

  constructor(os: OsProtection) {
    const refusal = osRefusal(os);
    if (refusal) throw refusal;
    this.#os = os;
  }

  get backend(): string {
    return this.#os.backend;
  }

  async seal(key: SigningKey): Promise<Buffer> {
    this.#assertUsable();
    const plain = key.privateKey.export({ type: 'pkcs8', format: 'der' });
    const seed = plain.subarray(plain.length - 32); // an Ed25519 PKCS#8 ends with the 32-byte private key
    try {
      const cipher = this.#seal(plain, seed);
      const file: OsKeyFile = {
        format: FORMAT,
        version: 1,
        protection: 'os',
        backend: this.#os.backend,
        algorithm: 'ed25519',
        fingerprint: key.fingerprint,
        ciphertext: cipher.toString('base64'),
      };
      return osEnvelopeBytes(file);
    } finally {
      plain.fill(0);
    }
  }

  open(bytes: Buffer, where: string): SigningKey {
    this.#assertUsable();
    const file = parseOsKeyFile(bytes, where);
    const plain = this.#open(Buffer.from(file.ciphertext, 'base64'), where, file.backend);
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' });
    } catch {
      throw keyError(`The key file ${where} decrypted to something that is not a key.`, {}, 'The file is damaged. Import the key again, or create a new key.');
    } finally {
      plain.fill(0);
    }
    const key = signingKeyFrom(privateKey);
    if (key.fingerprint !== file.fingerprint) {
      throw keyError(`The key in ${where} does not match the fingerprint recorded with it.`, { recorded: file.fingerprint, actual: key.fingerprint }, 'The file was altered or damaged. Import the key again, or create a new key.');
    }
    return key;
  }

  toJSON(): { kind: KeyProtectionKind; backend: string } {
    return { kind: this.kind, backend: this.#os.backend };
  }

  #assertUsable(): void {
    const refusal = osRefusal(this.#os);
    if (refusal) throw refusal;
  }

  #seal(plain: Buffer, seed: Buffer): Buffer {
    try {
      return sealWithOs(this.#os, plain, { what: 'key', secret: seed });
    } catch (error) {
      if (!(error instanceof OsSealFailure)) throw error;
      if (error.step === 'decrypt') throw this.#unreadable(FILE_DESCRIPTION);
      throw new AppError('key-protection-refused', 'The system keyring could not encrypt the signing key; a passphrase will be used instead.', 'Choose a passphrase for the signing key.', { backend: this.#os.backend });
    }
  }

  #open(cipher: Buffer, where: string, writtenBy: string): Buffer {
    try {
      return openWithOs(this.#os, cipher);
    } catch (error) {
      if (error instanceof OsSealFailure) throw this.#unreadable(where, writtenBy);
      throw error;
    }
  }

  #unreadable(where: string, writtenBy?: string): AppError {
    const moved = writtenBy !== undefined && writtenBy !== this.#os.backend;
    return new AppError(
      'key-unreadable',
      `The system keyring could not decrypt ${where}.`,
      moved
        ? `The key was stored with the "${writtenBy}" keyring and this session uses "${this.#os.backend}". Switch back, import the key again, or create a new key.`
        : 'Unlock the keyring and try again. If the keyring was reset or this is another user account, import the key again or create a new key.',
      { backend: this.#os.backend, ...(writtenBy !== undefined ? { writtenBy } : {}) },
    );
  }
}

const FILE_DESCRIPTION = 'the signing key';

function parseOsKeyFile(bytes: Buffer, where: string): OsKeyFile {
  const damaged = (why: string) => keyError(`The key file ${where} is not a signing key file written by this app (${why}).`, {}, 'Import the key again, or create a new key.');
  const file = parseOsEnvelope<OsKeyFile>(bytes, FORMAT, damaged);
  if (file.protection !== 'os') throw damaged('not protected by the system keyring');
  if (file.algorithm !== 'ed25519') throw damaged('not an Ed25519 key');
  if (!isFingerprint(file.fingerprint)) throw damaged('no fingerprint');
  return file as OsKeyFile;
}
