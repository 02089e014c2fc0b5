import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors';

/**
 * Encryption by the operating system, bound to the user's login: what the Electron main process adapts
 * `safeStorage` to (Keychain on macOS, DPAPI on Windows, libsecret/KWallet on Linux). Core never imports
 * Electron; the adapter is injected.
 */
export interface OsProtection {
  /** The backend's name: on Linux `safeStorage.getSelectedStorageBackend()`, elsewhere e.g. `keychain`, `dpapi`. */
  readonly backend: string;
  isAvailable(): boolean;
  encrypt(plain: Buffer): Buffer;
  decrypt(cipher: Buffer): Buffer;
}

/**
 * Backends that do not protect anything: `basic_text` is Chromium's fallback when Linux has no keyring
 * (the "encryption" key is a constant in the source); `unknown` is what Electron reports before the app is
 * ready, i.e. we cannot tell.
 */
export const REFUSED_OS_BACKENDS: readonly string[] = ['basic_text', 'unknown'];

/** Why `os` cannot protect a secret (the signing key, API tokens), or null when it can. */
export function osRefusal(os: OsProtection): AppError | null {
  const backend = typeof os.backend === 'string' ? os.backend : '';
  let available: boolean;
  try {
    available = os.isAvailable() === true;
  } catch {
    available = false;
  }
  if (backend !== '' && !REFUSED_OS_BACKENDS.includes(backend) && available) return null;
  const why =
    backend === 'basic_text'
      ? 'No system keyring is available (only plain-text storage), so it cannot protect the signing key'
      : 'The system keyring is not available';
  return new AppError(
    'key-protection-refused',
    `${why}; a passphrase will be used instead.`,
    backend === 'basic_text'
      ? 'Choose a passphrase for the signing key. To use the keyring instead, install and unlock one (GNOME Keyring or KWallet) and restart the app.'
      : 'Choose a passphrase for the signing key.',
    { backend: backend || 'none', available },
  );
}

/** The name the key protection has always used for osRefusal. */
export const osProtectionRefusal = osRefusal;

/** The OS keyring refused to encrypt or decrypt (locked, reset, another user): callers word it as their own AppError. */
export class OsSealFailure extends Error {
  constructor(
    readonly step: 'encrypt' | 'decrypt',
    readonly backend: string,
  ) {
    super(`The system keyring could not ${step}.`);
    this.name = 'OsSealFailure';
  }
}

export interface SealOptions {
  /** What is sealed, for the adapter-bug message ("returned the <what> unencrypted"). Default `secret`. */
  what?: string;
  /** Bytes that must not appear in the ciphertext; default the whole plaintext (e.g. a key's 32-byte seed inside its DER). */
  secret?: Buffer;
}

/**
 * The only place that encrypts with the OS keyring. Checks the adapter really did: a ciphertext holding the
 * secret, or one that does not decrypt back to `plain`, is an adapter bug (a plain Error, reported as
 * `internal`). A keyring that refuses throws OsSealFailure.
 */
export function sealWithOs(os: OsProtection, plain: Buffer, options: SealOptions = {}): Buffer {
  let cipher: unknown;
  try {
    cipher = os.encrypt(plain);
  } catch {
    throw new OsSealFailure('encrypt', os.backend);
  }
  if (!Buffer.isBuffer(cipher) || cipher.length === 0) throw brokenAdapter('did not return bytes');
  // An adapter that returns its input, or wraps it, would put the clear secret on disk.
  if (cipher.includes(options.secret ?? plain)) throw brokenAdapter(`returned the ${options.what ?? 'secret'} unencrypted`);
  const back = openWithOs(os, cipher);
  const same = back.length === plain.length && timingSafeEqual(back, plain);
  back.fill(0);
  if (!same) throw brokenAdapter('did not decrypt what it encrypted');
  return cipher;
}

/** The only place that decrypts with the OS keyring. The caller wipes the result when done. */
export function openWithOs(os: OsProtection, cipher: Buffer): Buffer {
  let plain: unknown;
  try {
    plain = os.decrypt(cipher);
  } catch {
    throw new OsSealFailure('decrypt', os.backend);
  }
  if (!Buffer.isBuffer(plain)) throw brokenAdapter('did not return bytes');
  return plain;
}

/** The fields every OS-sealed file has: `ciphertext` is base64 of what sealWithOs returned. */
export interface OsEnvelope {
  format: string;
  version: 1;
  backend: string;
  ciphertext: string;
}

/**
 * Parses the JSON of an OS-sealed file and checks the shared fields; the caller checks its own (returned
 * unchecked) and words the errors through `damaged(why)`.
 */
export function parseOsEnvelope<T extends OsEnvelope>(bytes: Buffer, format: T['format'], damaged: (why: string) => Error): OsEnvelope & Partial<T> {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw damaged('not JSON');
  }
  if (typeof value !== 'object' || value === null) throw damaged('not an object');
  const file = value as Partial<OsEnvelope>;
  if (file.format !== format) throw damaged('unknown format');
  if (file.version !== 1) throw damaged('unsupported version');
  if (typeof file.backend !== 'string') throw damaged('no backend');
  if (typeof file.ciphertext !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(file.ciphertext)) throw damaged('no ciphertext');
  return value as OsEnvelope & Partial<T>;
}

/** The JSON text of an OS-sealed file, as both file formats have always been written. */
export function osEnvelopeBytes(file: OsEnvelope): Buffer {
  return Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
}

function brokenAdapter(what: string): Error {
  // A bug in the adapter, not something the user can act on: reported as `internal`.
  return new Error(`OsProtection ${what}.`);
}
