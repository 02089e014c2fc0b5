import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { assertSecretName, secretFileName, type SecretStore } from './secret-store';

/**
 * Tokens in this process's memory only, for when there is no OS keyring: the user enters the token
 * again after a restart, and no clear token is ever written anywhere. A token file left by an earlier
 * run (when the keyring worked) is removed when that token is replaced or forgotten, so an old token
 * never comes back later.
 */
export class MemorySecretStore implements SecretStore {
  readonly storage = 'this-session-only';
  readonly #values = new Map<string, string>();

  constructor(private readonly staleDir: string | null = null) {}

  async get(name: string): Promise<string | null> {
    assertSecretName(name);
    return this.#values.get(name) ?? null;
  }

  async set(name: string, value: string): Promise<void> {
    assertSecretName(name);
    this.#values.set(name, value);
    await this.#removeStaleFile(name);
  }

  async delete(name: string): Promise<void> {
    assertSecretName(name);
    this.#values.delete(name);
    await this.#removeStaleFile(name);
  }

  async #removeStaleFile(name: string): Promise<void> {
    if (this.staleDir !== null) await unlink(join(this.staleDir, secretFileName(name))).catch(() => undefined);
  }
}
