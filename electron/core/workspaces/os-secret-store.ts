import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors';
import { fsyncDir, replaceFileAtomically } from '../fs/atomic';
import { readSmallFile } from '../fs/read-small-file';
import { openWithOs, osEnvelopeBytes, OsSealFailure, parseOsEnvelope, sealWithOs, type OsProtection } from '../keys';
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
      plain = openWithOs(this.#os, Buffer.from(file.ciphertext, 'base64'));
    } catch (error) {
      if (!(error instanceof OsSealFailure)) throw error;
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
      await replaceFileAtomically(path, osEnvelopeBytes(file), 0o600);
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

  /** Encrypts through sealWithOs, which checks the adapter really did; a keyring that refuses is `write-failed`. */
  #encrypt(plain: Buffer): Buffer {
    try {
      return sealWithOs(this.#os, plain, { what: 'token' });
    } catch (error) {
      if (!(error instanceof OsSealFailure)) throw error;
      throw new AppError('write-failed', 'The system keyring could not encrypt the API token, so it was not stored.', 'Unlock the keyring and save the workspace again.', { backend: this.#os.backend });
    }
  }

  #read(name: string): Promise<Buffer | null> {
    assertSecretName(name);
    const path = join(this.dir, secretFileName(name));
    return readSmallFile(path, MAX_FILE_BYTES, {
      unreadable: (code) =>
        new AppError('bad-token', `The stored API token of this workspace could not be read (${code}).`, 'Check the permissions of the secrets folder, or enter the token again in Workspace.', { path }),
      notAFile: () => damaged('it is not a token file'),
    });
  }
}

function damaged(why: string): AppError {
  return new AppError('bad-token', `The stored API token of this workspace is damaged (${why}).`, 'Enter the token again in Workspace.');
}

function parseTokenFile(bytes: Buffer): TokenFile {
  return parseOsEnvelope<TokenFile>(bytes, FORMAT, damaged);
}
