import type { TokenStorageView } from '../../../shared/bridge/types';

/**
 * Where workspace API tokens are kept, by name (a workspace id). A token goes in once and comes out only
 * in the main process, to build an API client: never into the cache, a log, an error or the window.
 */
export interface SecretStore {
  /** How tokens are kept: encrypted by the OS keyring, or only in memory until the app quits. */
  readonly storage: TokenStorageView;
  /** The token stored under `name`, or null when there is none. Throws a `bad-token` AppError when it cannot be read. */
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  /** Forgets the token (a no-op when there is none). */
  delete(name: string): Promise<void>;
}

const SECRET_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** A secret's name becomes a file name: only plain ids, never a path. */
export function assertSecretName(name: string): void {
  if (typeof name !== 'string' || !SECRET_NAME.test(name)) throw new Error('A secret name must be a plain workspace id.');
}

/** The file that holds (or held) the token named `name` in `dir`. */
export function secretFileName(name: string): string {
  assertSecretName(name);
  return `${name}.token`;
}
