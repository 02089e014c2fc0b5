import { resolve } from 'node:path';
import { AppError } from '../../core/errors';
import { keyFromEnv, loadSigningKey, PassphraseProtection, type SigningKey } from '../../core/keys';
import type { CommandContext } from '../context';
import { UsageError } from '../usage-error';
import type { KeySource } from './flags';

/** A signing key, and where it came from in words (a file's path or a variable's name, never its content). */
export interface LoadedKey {
  key: SigningKey;
  from: string;
}

/**
 * The value of the variable holding a secret (a passphrase, a key's PEM text), registered for redaction
 * before anything else happens with it, so no output can ever show it. Used exactly as set (like
 * `openssl -passin env:NAME`): a passphrase's spaces are part of it.
 */
export function readSecret(ctx: CommandContext, name: string, what: string): string {
  const value = ctx.host.env[name];
  if (value === undefined || value === '') throw new UsageError(`The environment variable ${name} (${what}) is not set, or is empty.`, `Put ${what} in it (export ${name}=…) and run again.`);
  ctx.out.redact(value);
  return value;
}

/** The same error with a hint for the command line (the core's hints speak of the app's dialogs), keeping its code and so its exit code. */
export function rehint(error: unknown, hints: Partial<Record<string, string>>): never {
  if (error instanceof AppError && hints[error.code] !== undefined) throw new AppError(error.code, error.message, hints[error.code]!, error.details);
  throw error;
}

/** The key folder resolved against the working directory. */
export const keyDirOf = (source: Extract<KeySource, { kind: 'dir' }>, ctx: CommandContext) => resolve(ctx.host.cwd, source.dir);

/** Opens the signing key: from the key folder with its passphrase, or from the --key-env variable. */
export async function loadKey(source: KeySource, ctx: CommandContext): Promise<LoadedKey> {
  if (source.kind === 'env') {
    // Read here first so both values are redacted before the core sees them; the core reads them again from the same env.
    const pem = readSecret(ctx, source.keyEnv, "the signing key's PEM text");
    // Each line of the key's body too, should a line of it ever reach a message on its own.
    for (const line of pem.split(/\\n|\r?\n/).map((l) => l.trim())) if (line.length >= 16 && !line.startsWith('-----')) ctx.out.redact(line);
    if (source.passphraseEnv !== null) readSecret(ctx, source.passphraseEnv, "the key's passphrase");
    try {
      const key = keyFromEnv(source.keyEnv, { env: ctx.host.env as NodeJS.ProcessEnv, ...(source.passphraseEnv !== null ? { passphraseEnv: source.passphraseEnv } : {}) });
      return { key, from: `$${source.keyEnv}` };
    } catch (error) {
      return rehint(error, {
        'key-passphrase-needed': `Put its passphrase in another environment variable and pass its name: --passphrase-env NAME.`,
        'key-passphrase-wrong': source.passphraseEnv !== null ? `Check the passphrase in $${source.passphraseEnv}.` : undefined,
      });
    }
  }
  const dir = keyDirOf(source, ctx);
  if (source.passphraseEnv === null) throw new UsageError('The signing key file is encrypted; its passphrase is needed.', 'Pass --passphrase-env NAME, the variable holding the passphrase.');
  const passphrase = readSecret(ctx, source.passphraseEnv, "the signing key's passphrase");
  try {
    return { key: await loadSigningKey(dir, new PassphraseProtection(passphrase)), from: dir };
  } catch (error) {
    return rehint(error, {
      'key-missing': `Create one with \`evidence keys init --passphrase-env ${source.passphraseEnv}\` (or import one with \`evidence keys import FILE.pem\`), or point --key-dir (or $EVIDENCE_KEY_DIR) at the folder holding it.`,
      'key-passphrase-wrong': `Check the passphrase in $${source.passphraseEnv}.`,
      'key-protection-mismatch': "That key is protected by the app's system keyring, which the command line cannot open. Give the command line its own key folder (--key-dir), or pass the key with --key-env.",
    });
  }
}
