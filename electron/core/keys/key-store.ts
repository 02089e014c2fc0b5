import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors';
import { fsyncDir, publishFile } from '../fs/atomic';
import { readSmallFile } from '../fs/read-small-file';
import { generateSigningKey, keyError, publicKeyPem, type SigningKey } from './ed25519';
import { MAX_PEM_BYTES } from './pem';
import type { KeyProtection, KeyProtectionKind } from './protection';

/**
 * The reviewer's signing key at rest, one file in `dir` (the app's userData, or the CLI's key folder):
 *
 *   signing-key.pem       PassphraseProtection: encrypted PKCS#8 PEM (`openssl pkey` reads it)
 *   signing-key.os.json   OsKeyProtection: a small JSON header and the OS-encrypted key
 *
 * Files are mode 0600 (the folder 0700 when we create it), written to a temp file, fsynced and published
 * under a name that does not exist yet; replacing a key is always an explicit `{replace: true}`.
 */
export const KEY_FILE_NAMES: Readonly<Record<KeyProtectionKind, string>> = {
  passphrase: 'signing-key.pem',
  os: 'signing-key.os.json',
};

const KINDS: readonly KeyProtectionKind[] = ['os', 'passphrase'];

/** A key file found in a folder. */
export interface KeyFile {
  kind: KeyProtectionKind;
  path: string;
}

/** The key files in `dir` (none, one, or — after an interrupted switch — both), so the app knows what to ask for. */
export async function findSigningKeyFiles(dir: string): Promise<KeyFile[]> {
  const found: KeyFile[] = [];
  for (const kind of KINDS) {
    const path = join(dir, KEY_FILE_NAMES[kind]);
    if (await exists(path)) found.push({ kind, path });
  }
  return found;
}

/** Loads the key that `protection` protects in `dir`; `key-missing` when there is none, `key-protection-mismatch` when it is protected the other way. */
export async function loadSigningKey(dir: string, protection: KeyProtection): Promise<SigningKey> {
  const path = join(dir, KEY_FILE_NAMES[protection.kind]);
  const bytes = await readKeyFile(path);
  if (bytes !== null) return protection.open(bytes, path);
  const other = (await findSigningKeyFiles(dir))[0];
  if (other) throw mismatch(other, protection.kind);
  throw new AppError('key-missing', `There is no signing key in ${dir}.`, 'Create a signing key, or import an existing one.', { dir });
}

/**
 * Writes `key` to `dir` under `protection`. Refuses (`file-exists`) when a key file of either kind is
 * there, unless `replace` is set; a replaced key of the other kind is removed after the new one is in place.
 * Returns the key file's path.
 */
export async function saveSigningKey(dir: string, key: SigningKey, protection: KeyProtection, options: { replace?: boolean } = {}): Promise<string> {
  const path = join(dir, KEY_FILE_NAMES[protection.kind]);
  const existing = await findSigningKeyFiles(dir);
  if (existing.length > 0 && !options.replace) {
    throw new AppError('file-exists', `A signing key already exists in ${dir}; it was not replaced.`, 'Replacing a signing key changes your fingerprint: confirm the replacement explicitly, or keep the current key.', { path: existing[0]!.path });
  }
  const bytes = await protection.seal(key);
  await writeKeyFile(dir, path, bytes, options.replace === true);
  for (const other of existing) {
    if (other.kind !== protection.kind) await unlink(other.path).catch(() => undefined);
  }
  if (existing.some((f) => f.kind !== protection.kind)) await fsyncDir(dir);
  return path;
}

/**
 * The signing key in `dir`: loaded when it exists, generated and saved on first use. If another process
 * creates it at the same moment, its key wins and is loaded.
 */
export async function loadOrCreateSigningKey(dir: string, protection: KeyProtection): Promise<{ key: SigningKey; created: boolean; path: string }> {
  const path = join(dir, KEY_FILE_NAMES[protection.kind]);
  const existing = await findSigningKeyFiles(dir);
  if (existing.length > 0) return { key: await loadSigningKey(dir, protection), created: false, path };
  const key = generateSigningKey();
  try {
    await saveSigningKey(dir, key, protection);
  } catch (error) {
    if (error instanceof AppError && error.code === 'file-exists') return { key: await loadSigningKey(dir, protection), created: false, path };
    throw error;
  }
  return { key, created: true, path };
}

/** The public half to hand out (SPKI PEM, as in a packet's signer.pub.pem). */
export function exportPublicKey(key: SigningKey): string {
  return publicKeyPem(key);
}

function readKeyFile(path: string): Promise<Buffer | null> {
  return readSmallFile(path, MAX_PEM_BYTES, {
    unreadable: (code) => new AppError('key-unreadable', `The key file ${path} could not be read (${code}).`, 'Check the file and folder permissions.', { path }),
    notAFile: () => keyError(`${path} is not a signing key file.`, { path }),
  });
}

async function writeKeyFile(dir: string, path: string, bytes: Buffer, replace: boolean): Promise<void> {
  const temp = join(dir, `.signing-key.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // 'wx': never follow or reuse something already at the temp name; 0600 from the first byte.
    const handle = await open(temp, 'wx', 0o600);
    try {
      if (process.platform !== 'win32') await handle.chmod(0o600); // exact, whatever the umask
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (replace) {
      await rename(temp, path);
      await fsyncDir(dir);
    } else {
      await publishFile(temp, path);
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('write-failed', `The signing key could not be written to ${path} (${code}).`, 'Check that the folder exists and is writable, and that the disk is not full.', { path });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw new AppError('key-unreadable', `The key file ${path} could not be read (${code ?? 'error'}).`, 'Check the file and folder permissions.', { path });
  }
}

function mismatch(file: KeyFile, wanted: KeyProtectionKind): AppError {
  const how = file.kind === 'os' ? 'the system keyring' : 'a passphrase';
  return new AppError(
    'key-protection-mismatch',
    `The signing key in ${file.path} is protected by ${how}, not ${wanted === 'os' ? 'the system keyring' : 'a passphrase'}.`,
    file.kind === 'os'
      ? 'Unlock or restore the system keyring to use this key, or import a key / create a new one (your fingerprint changes).'
      : 'Enter the passphrase of this key, or import a key / create a new one (your fingerprint changes).',
    { path: file.path, protectedBy: file.kind },
  );
}
