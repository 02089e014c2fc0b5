import { AppError } from '../errors';
import type { SigningKey } from './ed25519';
import { importPrivateKeyPem } from './import';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The CLI's `--key-env NAME`: the signing key from an environment variable holding PKCS#8 PEM text
 * (CI secret stores often flatten newlines to a literal `\n`; that is undone). An encrypted key takes its
 * passphrase from the variable named `passphraseEnv`. Messages name the variables, never their values.
 */
export function keyFromEnv(name: string, options: { passphraseEnv?: string; env?: NodeJS.ProcessEnv } = {}): SigningKey {
  const env = options.env ?? process.env;
  checkName(name);
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new AppError('key-missing', `The environment variable ${name} is not set or empty.`, `Put the signing key's PEM text in ${name}.`, { env: name });
  }
  let passphrase: string | undefined;
  if (options.passphraseEnv !== undefined) {
    checkName(options.passphraseEnv);
    passphrase = env[options.passphraseEnv];
    if (passphrase === undefined || passphrase === '') {
      throw new AppError('key-passphrase-needed', `The environment variable ${options.passphraseEnv} (the key's passphrase) is not set or empty.`, `Put the passphrase in ${options.passphraseEnv}.`, { env: options.passphraseEnv });
    }
  }
  const pem = !value.includes('\n') && value.includes('\\n') ? value.replaceAll('\\n', '\n') : value;
  try {
    return importPrivateKeyPem(pem, passphrase, { describe: `The key in the environment variable ${name}` });
  } catch (error) {
    if (error instanceof AppError && error.code === 'key-passphrase-needed') {
      throw new AppError(error.code, error.message, 'Give the passphrase in another environment variable.', { env: name });
    }
    throw error;
  }
}

function checkName(name: string): void {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new AppError('invalid-request', 'That is not an environment variable name.', 'Use letters, digits and underscores, not starting with a digit.');
  }
}
