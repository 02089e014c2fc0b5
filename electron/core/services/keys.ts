import type { KeyStatus, TrustedSignerView } from '../../../shared/bridge/types';
import type { BridgeServices } from '../bridge/services';
import { AppError } from '../errors';
import {
  exportPublicKey,
  findSigningKeyFiles,
  generateSigningKey,
  listTrusted,
  loadSigningKey,
  MIN_PASSPHRASE_LENGTH,
  OsKeyProtection,
  osProtectionRefusal,
  PassphraseProtection,
  saveSigningKey,
  trust,
  untrust,
  type KeyProtection,
  type KeyProtectionKind,
  type OsProtection,
  type SigningKey,
  type TrustedSigner,
} from '../keys';
import type { KeyHost, ServiceHost } from './host';

type OsView = KeyStatus['osProtection'];

function keysOf(host: ServiceHost): KeyHost {
  if (!host.keys) throw new AppError('not-implemented', 'Signing keys are not available here.', 'Use the app, or the `evidence keys` commands of the command line.');
  return host.keys;
}

/** The host's OS keyring, or null; a host whose adapter throws has none. */
function osOf(keys: KeyHost): OsProtection | null {
  try {
    return keys.os();
  } catch {
    return null;
  }
}

function noKeyring(): AppError {
  return new AppError('key-protection-refused', 'There is no system keyring here; a passphrase will be used instead.', 'Choose a passphrase for the signing key.', { backend: 'none', available: false });
}

/** Why the OS keyring cannot protect a key (null when it can), and what the window shows about it. */
function osState(os: OsProtection | null): { view: OsView; refusal: AppError | null } {
  if (!os) {
    const refusal = noKeyring();
    return { view: { available: false, backend: 'none', refusedBecause: refusal.message }, refusal };
  }
  const refusal = osProtectionRefusal(os);
  let available = false;
  let backend = 'unknown';
  try {
    available = os.isAvailable() === true;
    backend = typeof os.backend === 'string' && os.backend !== '' ? os.backend : 'unknown';
  } catch {
    // osProtectionRefusal has already judged such an adapter unusable.
  }
  return { view: { available, backend, refusedBecause: refusal?.message ?? null }, refusal };
}

/** What a look at the key folder found: the status, and the error behind a locked OS-protected key. */
interface Inspection {
  status: KeyStatus;
  problem: AppError | null;
}

/**
 * The reviewer's signing key for one run of the app. The open key lives here, in the main process's
 * memory, and nowhere else: never on disk in the clear, never across the bridge, never in a message.
 * A new run (a new createServices) starts locked again. Passphrases are used once and not kept.
 */
export class Keyring {
  #open: { key: SigningKey; protection: KeyProtectionKind } | null = null;
  /** One key operation at a time (creating, unlocking, opening the OS-protected key). */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: ServiceHost) {}

  status(): Promise<KeyStatus> {
    return this.#serial(async () => (await this.#inspect()).status);
  }

  /**
   * Creates the key, never replacing one. A passphrase given is used (the user chose it); without one the
   * OS keyring protects the key, and when it cannot (none, locked, Linux's basic_text) a passphrase is needed.
   */
  create(passphrase: string | undefined): Promise<KeyStatus> {
    return this.#serial(async () => {
      const keys = keysOf(this.host);
      const existing = await findSigningKeyFiles(keys.dir);
      if (this.#open || existing.length > 0) {
        throw new AppError(
          'file-exists',
          'There is already a signing key; it was not replaced.',
          'Unlock the existing key instead. Replacing a key changes your fingerprint, so whoever verifies your packets would have to trust the new one.',
        );
      }
      let protection: KeyProtection;
      if (passphrase !== undefined) {
        protection = new PassphraseProtection(passphrase);
      } else {
        const os = osOf(keys);
        const { view, refusal } = osState(os);
        if (refusal || !os) {
          throw new AppError(
            'key-passphrase-needed',
            `The system keyring cannot protect the signing key here (backend "${view.backend}"), so a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters is needed.`,
            (refusal ?? noKeyring()).hint,
            { backend: view.backend, available: view.available, minLength: MIN_PASSPHRASE_LENGTH },
          );
        }
        protection = new OsKeyProtection(os);
      }
      const key = generateSigningKey();
      await saveSigningKey(keys.dir, key, protection);
      this.#open = { key, protection: protection.kind };
      return (await this.#inspect()).status;
    });
  }

  /** Opens the passphrase-protected key for this run. A key already open is left as it is. */
  unlock(passphrase: string): Promise<KeyStatus> {
    return this.#serial(async () => {
      const keys = keysOf(this.host);
      if (!this.#open) {
        const key = await loadSigningKey(keys.dir, new PassphraseProtection(passphrase));
        this.#open = { key, protection: 'passphrase' };
      }
      return (await this.#inspect()).status;
    });
  }

  /** The open key, opening an OS-protected one on the way; else a `key-missing`, `key-locked` or keyring error. */
  require(): Promise<SigningKey> {
    return this.#serial(async () => {
      const { status, problem } = await this.#inspect();
      if (this.#open) return this.#open.key;
      if (status.state === 'none') {
        throw new AppError('key-missing', 'There is no signing key yet, so nothing can be signed.', 'Create a signing key first, then try again.');
      }
      if (status.protection === 'passphrase') {
        throw new AppError('key-locked', 'The signing key is locked.', 'Unlock it with its passphrase, then try again.');
      }
      throw problem ?? new AppError('key-locked', 'The signing key could not be opened.', 'Unlock the system keyring, then try again.');
    });
  }

  async #inspect(): Promise<Inspection> {
    const keys = keysOf(this.host);
    const os = osOf(keys);
    const { view } = osState(os);
    const status = (state: KeyStatus['state'], protection: KeyStatus['protection'], problem: AppError | null = null): Inspection => ({
      status: { state, protection, fingerprint: state === 'ready' ? this.#open!.key.fingerprint : null, osProtection: view, problem: problem?.toBridgeError() ?? null },
      problem,
    });
    if (this.#open) return status('ready', this.#open.protection);
    const files = await findSigningKeyFiles(keys.dir);
    if (files.length === 0) return status('none', null);
    let problem: AppError | null = null;
    if (files.some((f) => f.kind === 'os')) {
      try {
        if (!os) throw noKeyring();
        this.#open = { key: await loadSigningKey(keys.dir, new OsKeyProtection(os)), protection: 'os' };
        return status('ready', 'os');
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        problem = error;
      }
    }
    // After an interrupted switch both files may be there: the passphrase one can still be unlocked.
    if (files.some((f) => f.kind === 'passphrase')) return status('locked', 'passphrase');
    return status('locked', 'os', problem);
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  toJSON(): { state: string } {
    return { state: this.#open ? 'open' : 'closed' };
  }
}

const signerView = (s: TrustedSigner): TrustedSignerView => ({ name: s.name, fingerprint: s.fingerprint, addedAt: s.addedAt });

/** keyStatus, createKey, unlockKey, publicKey and the trusted-signer list. */
export function keyServices(
  host: ServiceHost,
  keyring: Keyring,
): Pick<BridgeServices, 'keyStatus' | 'createKey' | 'unlockKey' | 'publicKey' | 'listTrustedSigners' | 'trustSigner' | 'untrustSigner'> {
  const signers = () => listTrusted(host.session().db).map(signerView);
  return {
    keyStatus: () => keyring.status(),
    createKey: ({ passphrase }) => keyring.create(passphrase),
    unlockKey: ({ passphrase }) => keyring.unlock(passphrase),
    publicKey: async () => {
      const key = await keyring.require();
      return { pem: exportPublicKey(key), fingerprint: key.fingerprint };
    },
    listTrustedSigners: async () => ({ signers: signers() }),
    trustSigner: async ({ name, fingerprint }) => {
      const session = host.session();
      const signer = await session.writes.run(async () => trust(session.db, name, fingerprint));
      return { signer: signerView(signer), signers: signers() };
    },
    untrustSigner: async ({ fingerprint }) => {
      const session = host.session();
      const removed = await session.writes.run(async () => untrust(session.db, fingerprint));
      return { removed, signers: signers() };
    },
  };
}
