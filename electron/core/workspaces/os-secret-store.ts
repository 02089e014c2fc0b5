import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors';
import { fsyncDir, replaceFileAtomically } from '../fs/atomic';
import type { OsProtection } from '../keys';
import { assertSecretName, secretFileName, type SecretStore } from './secret-store';

const FORMAT = 'evidence-packager-api-token';
/** A token file is a few hundred bytes; anything much larger is not one. */
const MAX_FILE_BYTES = 64 * 1024;

/** A token file: this JSON, nothing else. `ciphertext` is base64 of the OS encryption of the token's UTF-8 bytes. */
interface TokenFile {
  format: typeof FORMAT;
  version: 1;
  backend: string;
  ciphertext: string;
}

/**
 * Tokens encrypted by the OS keyring (Electron's safeStorage in the app), one file per workspace in
 * `dir`: `<workspaceId>.token`, mode 0600, replaced atomically. The clear token is never written.
 */
export class OsSecretStore implements SecretStore {
  readonly storage = 'os-keyring';
  readonly #os: OsProtection;

  constructor(
    private readonly dir: string,
    os: OsProtection,
  ) {
    this.#os = os;
  }

  async get(name: string): Promise<string | null> {
    const bytes = await this.#read(name);
    if (bytes === null) return null;
    const file = parseTokenFile(bytes);
    let plain: Buffer;
    try {
      plain = this.#os.decrypt(Buffer.from(file.ciphertext, 'base64'));
    } catch {
      const moved = file.backend !== this.#os.backend;
      throw new AppError(
        'bad-token',
        'The system keyring could not decrypt the stored API token of this workspace.',
        moved
          ? `The token was stored with the "${file.backend}" keyring and this session uses "${this.#os.backend}". Enter the token again in Workspace.`
          : 'Unlock the keyring and try again, or enter the token again in Workspace.',
        { backend: this.#os.backend, writtenBy: file.backend },
      );
    }
    if (!Buffer.isBuffer(plain)) throw brokenAdapter('did not return bytes');
    const token = plain.toString('utf8');
    plain.fill(0);
    if (token === '') throw damaged('it holds an empty token');
    return token;
  }

  async set(name: string, value: string): Promise<void> {
    const path = join(this.dir, secretFileName(name));
    if (typeof value !== 'string' || value === '') throw new Error('A secret must be a non-empty string.');
    const plain = Buffer.from(value, 'utf8');
    try {
      const ciphertext = this.#encrypt(plain);
      const file: TokenFile = { format: FORMAT, version: 1, backend: this.#os.backend, ciphertext: ciphertext.toString('base64') };
      await replaceFileAtomically(path, Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8'), 0o600);
    } catch (error) {
      if (error instanceof AppError || !(error as NodeJS.ErrnoException).code) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new AppError('write-failed', `The API token could not be stored in ${this.dir} (${code}).`, 'Check that the folder is writable and the disk is not full, then save the workspace again.', { dir: this.dir });
    } finally {
      plain.fill(0);
    }
  }

  async delete(name: string): Promise<void> {
    try {
      await unlink(join(this.dir, secretFileName(name)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    await fsyncDir(this.dir);
  }

  /** Encrypts and checks the adapter really did: a cipher holding the clear token, or one that does not decrypt back, is a bug. */
  #encrypt(plain: Buffer): Buffer {
    let cipher: unknown;
    try {
      cipher = this.#os.encrypt(plain);
    } catch {
      throw new AppError('write-failed', 'The system keyring could not encrypt the API token, so it was not stored.', 'Unlock the keyring and save the workspace again.', { backend: this.#os.backend });
    }
    if (!Buffer.isBuffer(cipher) || cipher.length === 0) throw brokenAdapter('did not return bytes');
    if (cipher.includes(plain)) throw brokenAdapter('returned the token unencrypted');
    const back = this.#os.decrypt(cipher);
    const same = Buffer.isBuffer(back) && back.equals(plain);
    if (Buffer.isBuffer(back)) back.fill(0);
    if (!same) throw brokenAdapter('did not decrypt what it encrypted');
    return cipher;
  }

  async #read(name: string): Promise<Buffer | null> {
    assertSecretName(name);
    const path = join(this.dir, secretFileName(name));
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw new AppError('bad-token', `The stored API token of this workspace could not be read (${code ?? 'error'}).`, 'Check the permissions of the secrets folder, or enter the token again in Workspace.', { path });
    }
    try {
      const info = await handle.stat();
      if (!info.isFile() || info.size > MAX_FILE_BYTES) throw damaged('it is not a token file');
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }
}

function damaged(why: string): AppError {
  return new AppError('bad-token', `The stored API token of this workspace is damaged (${why}).`, 'Enter the token again in Workspace.');
}

function brokenAdapter(what: string): Error {
  // A bug in the adapter, not something the user can act on: reported as `internal`.
  return new Error(`OsProtection ${what}.`);
}

function parseTokenFile(bytes: Buffer): TokenFile {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw damaged('not JSON');
  }
  if (typeof value !== 'object' || value === null) throw damaged('not an object');
  const file = value as Partial<TokenFile>;
  if (file.format !== FORMAT) throw damaged('unknown format');
  if (file.version !== 1) throw damaged('unsupported version');
  if (typeof file.backend !== 'string') throw damaged('no backend');
  if (typeof file.ciphertext !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(file.ciphertext)) throw damaged('no ciphertext');
  return file as TokenFile;
}
