import type { Database } from 'better-sqlite3';
import { open, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../../core/errors';
import {
  exportPublicKey,
  fingerprint as fingerprintOf,
  generateSigningKey,
  importPrivateKeyPem,
  listTrusted,
  parsePublicKeyPem,
  PassphraseProtection,
  publicKeyPem,
  saveSigningKey,
  trust,
  untrust,
  type SigningKey,
} from '../../core/keys';
import type { KeysCommand } from '../args';
import { openCacheDatabase, type CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { printable, table } from '../format';
import { keyDirOf, loadKey, readSecret, rehint } from '../keys/signing-key';
import type { CommandResult } from './result';

/** PEM files are small; anything larger is not a key (and is not read whole). */
const MAX_PEM_FILE = 64 * 1024;

/** `evidence keys …`: the reviewer's signing key in the key folder, and the cache's trusted signers. */
export async function keysCommand(cmd: KeysCommand, ctx: CommandContext): Promise<CommandResult> {
  const k = cmd.keys;
  switch (k.action) {
    case 'init': {
      const passphrase = readSecret(ctx, k.key.passphraseEnv, 'the passphrase for the new key');
      const key = generateSigningKey();
      const path = await save(keyDirOf(k.key, ctx), key, passphrase, k.replace);
      return saved(key, path, k.key.passphraseEnv, k.replace ? 'Created a new signing key (replacing any key that was there).' : 'Created a signing key.');
    }
    case 'import': {
      // The key folder's passphrase first: a usage problem there should not wait for the file.
      const passphrase = readSecret(ctx, k.key.passphraseEnv, 'the passphrase to store the key under');
      const importPassphrase = k.importPassphraseEnv === null ? undefined : readSecret(ctx, k.importPassphraseEnv, "the imported file's passphrase");
      const text = await readPemFile(resolve(ctx.host.cwd, k.file), k.file, 'key file');
      let key: SigningKey;
      try {
        key = importPrivateKeyPem(text, importPassphrase, { describe: `The key file ${k.file}` });
      } catch (error) {
        return rehint(error, {
          'key-passphrase-needed': 'Put its passphrase in an environment variable and pass its name: --import-passphrase-env NAME.',
          'key-passphrase-wrong': k.importPassphraseEnv ? `Check the passphrase in $${k.importPassphraseEnv}.` : undefined,
        });
      }
      const path = await save(keyDirOf(k.key, ctx), key, passphrase, k.replace);
      return saved(key, path, k.key.passphraseEnv, `Imported the signing key from ${k.file}.`);
    }
    case 'export': {
      const { key } = await loadKey(k.key, ctx);
      const pem = exportPublicKey(key);
      if (k.out === null) return { exit: EXIT.ok, human: pem, json: { fingerprint: key.fingerprint, publicKeyPem: pem } };
      const path = resolve(ctx.host.cwd, k.out);
      await writeNew(path, pem);
      return { exit: EXIT.ok, human: `Wrote the public key to ${path}\n  fingerprint  ${key.fingerprint}`, json: { fingerprint: key.fingerprint, publicKeyPem: pem, path } };
    }
    case 'fingerprint': {
      if (k.pub !== null) {
        const publicKey = parsePublicKeyPem(await readPemFile(resolve(ctx.host.cwd, k.pub), k.pub, 'public key file'));
        const fp = fingerprintOf(publicKey);
        return { exit: EXIT.ok, human: fp, json: { fingerprint: fp, publicKeyPem: publicKeyPem(publicKey), file: resolve(ctx.host.cwd, k.pub) } };
      }
      const { key, from } = await loadKey(k.key!, ctx);
      return { exit: EXIT.ok, human: key.fingerprint, json: { fingerprint: key.fingerprint, key: from } };
    }
    case 'trust': {
      const pem = k.pub === null ? undefined : await readPemFile(resolve(ctx.host.cwd, k.pub), k.pub, 'public key file');
      const fp = k.fingerprint ?? fingerprintOf(parsePublicKeyPem(pem!));
      const cache = openCacheDatabase(cmd.cacheDir, ctx.host, true)!;
      try {
        const signer = trust(cache.db, k.name, fp, pem);
        return { exit: EXIT.ok, human: `Trusted "${printable(signer.name)}": ${signer.fingerprint}\n  in the cache at ${cache.dir}`, json: { cacheDir: cache.dir, signer } };
      } finally {
        cache.db.close();
      }
    }
    case 'untrust': {
      const removed = readTrusted(cmd.cacheDir, ctx, false, (db) => untrust(db, k.fingerprint));
      return {
        exit: EXIT.ok,
        human: removed ? `No longer trusted: ${k.fingerprint}` : `${k.fingerprint} was not trusted; nothing changed.`,
        json: { cacheDir: resolve(ctx.host.cwd, cmd.cacheDir), fingerprint: k.fingerprint, removed },
      };
    }
    case 'trusted': {
      const signers = readTrusted(cmd.cacheDir, ctx, [], listTrusted);
      const rows = signers.map((s) => [printable(s.name), s.fingerprint, s.addedAt, s.publicKeyPem ? 'yes' : 'no']);
      const human = `${table(['NAME', 'FINGERPRINT', 'ADDED', 'PUBLIC KEY'], rows)}\n${signers.length} trusted signer${signers.length === 1 ? '' : 's'} · cache ${resolve(ctx.host.cwd, cmd.cacheDir)}`;
      return { exit: EXIT.ok, human, json: { cacheDir: resolve(ctx.host.cwd, cmd.cacheDir), signers } };
    }
  }
}

/** Works on the cache's trusted signers; where there is no cache yet, nothing is created and `none` is the answer. */
function readTrusted<T>(cacheDir: string, ctx: CommandContext, none: T, work: (db: Database) => T): T {
  const cache = openCacheDatabase(cacheDir, ctx.host, false);
  if (cache === null) return none;
  try {
    return work(cache.db);
  } finally {
    cache.db.close();
  }
}

async function save(dir: string, key: SigningKey, passphrase: string, replace: boolean): Promise<string> {
  try {
    return await saveSigningKey(dir, key, new PassphraseProtection(passphrase), { replace });
  } catch (error) {
    return rehint(error, {
      'file-exists': 'Replacing it changes your fingerprint, and packets you sign from then on no longer match the one you published: add --replace if that is what you want, or keep the current key.',
    });
  }
}

function saved(key: SigningKey, path: string, passphraseEnv: string, headline: string): CommandResult {
  return {
    exit: EXIT.ok,
    human: `${headline}
  fingerprint  ${key.fingerprint}
  key file     ${path}
               (encrypted PKCS#8 with the passphrase in $${passphraseEnv}; mode 0600)
Give the fingerprint to the people who will verify your packets, by a channel other than the packets
(\`evidence keys export\` prints the public key).`,
    json: { fingerprint: key.fingerprint, path, publicKeyPem: exportPublicKey(key) },
  };
}

/** A PEM file named on the command line, refused when unreadable or too large to be a key. */
async function readPemFile(path: string, shown: string, what: string): Promise<string> {
  try {
    if ((await stat(path)).size > MAX_PEM_FILE) throw new AppError('key-invalid', `The ${what} ${shown} is too large to be a key.`, 'Give a PEM file holding one Ed25519 key.');
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('file-unreadable', `The ${what} ${shown} could not be read (${code}).`, 'Check that it exists and that you may read it.', { path });
  }
}

/** Writes a new file; never replaces an existing one. */
async function writeNew(path: string, text: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'EEXIST') throw new AppError('file-exists', `${path} already exists; it was not overwritten.`, 'Choose another --out name, or remove the file first.', { path });
    throw new AppError('write-failed', `${path} could not be written (${code}).`, 'Check that the folder exists and is writable.', { path });
  }
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}
