import { isFingerprint } from '../../core/keys';
import type { CacheDirHost } from '../cache-dir';
import { readFlags, type Flags } from '../flags';
import { UsageError } from '../usage-error';
import { parseText } from '../values';
import { resolveKeyDir } from './key-dir';

/**
 * Where the signing key comes from: the key folder (an encrypted PKCS#8 file, opened with the passphrase
 * in the variable named by --passphrase-env), or PEM text in the variable named by --key-env. Only ever
 * names of variables: a secret never passes through argv.
 */
export type KeySource = { kind: 'dir'; dir: string; passphraseEnv: string | null } | { kind: 'env'; keyEnv: string; passphraseEnv: string | null };

const STRING = { type: 'string' } as const;

/** The flags that choose the signing key (`evidence pack`, `evidence keys …`). */
export const KEY_FLAGS = { 'key-dir': STRING, 'passphrase-env': STRING, 'key-env': STRING } as const;

/** The subcommands of `evidence keys`, in the order help lists them. */
export const KEYS_SUBCOMMANDS = ['init', 'import', 'export', 'fingerprint', 'trust', 'untrust', 'trusted'] as const;
export type KeysSubcommand = (typeof KEYS_SUBCOMMANDS)[number];

/** `evidence keys <subcommand>`, understood. */
export type KeysAction =
  | { action: 'init'; key: Extract<KeySource, { kind: 'dir' }> & { passphraseEnv: string }; replace: boolean }
  | { action: 'import'; key: Extract<KeySource, { kind: 'dir' }> & { passphraseEnv: string }; file: string; importPassphraseEnv: string | null; replace: boolean }
  | { action: 'export'; key: KeySource; out: string | null }
  | { action: 'fingerprint'; key: KeySource | null; pub: string | null }
  | { action: 'trust'; name: string; fingerprint: string | null; pub: string | null }
  | { action: 'untrust'; fingerprint: string }
  | { action: 'trusted' };

const SPECS = {
  init: { ...KEY_FLAGS, replace: { type: 'boolean' } },
  import: { ...KEY_FLAGS, 'import-passphrase-env': STRING, replace: { type: 'boolean' } },
  export: { ...KEY_FLAGS, out: STRING },
  fingerprint: { ...KEY_FLAGS, pub: STRING },
  trust: { pub: STRING },
  untrust: {},
  trusted: {},
} as const;

const isSubcommand = (value: string | undefined): value is KeysSubcommand => (KEYS_SUBCOMMANDS as readonly string[]).includes(value ?? '');

/** The name of a variable holding a secret; never echoed back, in case the secret was pasted in its place. */
export function parseSecretEnvName(value: string, flag: string, what: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(value)) {
    throw new UsageError(`${flag} takes the NAME of an environment variable, not ${what}.`, `Put ${what} in a variable (export EVIDENCE_PASSPHRASE=…) and pass ${flag} EVIDENCE_PASSPHRASE.`);
  }
  return value;
}

const passphraseEnv = (flags: Flags) => {
  const value = flags.string('passphrase-env');
  return value === undefined ? null : parseSecretEnvName(value, '--passphrase-env', 'the passphrase');
};

/**
 * The key flags: `--key-env NAME [--passphrase-env NAME]`, or the key folder (`--key-dir DIR`, else
 * $EVIDENCE_KEY_DIR, else the per-user config folder) with `--passphrase-env NAME`, which a command
 * that opens the key cannot do without.
 */
export function keySourceOptions(flags: Flags, command: string, host: CacheDirHost, needsPassphrase: boolean): KeySource {
  const keyEnv = flags.string('key-env');
  if (keyEnv !== undefined) {
    if (flags.string('key-dir') !== undefined) throw new UsageError('Give --key-env or --key-dir, not both.', '--key-env reads the key from an environment variable; --key-dir names the folder holding the key file.');
    return { kind: 'env', keyEnv: parseSecretEnvName(keyEnv, '--key-env', "the key's PEM text"), passphraseEnv: passphraseEnv(flags) };
  }
  const dir = resolveKeyDir(flags.string('key-dir'), host);
  const passphrase = passphraseEnv(flags);
  if (needsPassphrase && passphrase === null) {
    throw new UsageError(
      `evidence ${command} needs --passphrase-env NAME: the signing key file is encrypted with a passphrase.`,
      'Put the passphrase in an environment variable (export EVIDENCE_PASSPHRASE=…) and pass its name: --passphrase-env EVIDENCE_PASSPHRASE. Or give the key itself with --key-env NAME.',
    );
  }
  return { kind: 'dir', dir, passphraseEnv: passphrase };
}

/** A fingerprint given on the command line; not echoed when it is not one (it might be something secret pasted by mistake). */
export function parseFingerprintArg(value: string, where: string): string {
  const candidate = value.trim();
  if (!isFingerprint(candidate)) {
    throw new UsageError(`${where} is not a key fingerprint.`, 'A fingerprint is "SHA256:" followed by 43 base64 characters, as `evidence keys fingerprint` prints it.');
  }
  return candidate;
}

/** `evidence keys <subcommand> [flags]`: each subcommand takes only its own flags. */
export function parseKeysCommand(args: readonly string[], host: CacheDirHost): { flags: Flags; keys: KeysAction } {
  const [sub, ...rest] = args;
  if (!isSubcommand(sub)) {
    throw new UsageError(sub === undefined || sub.startsWith('-') ? 'evidence keys needs a subcommand.' : `Unknown subcommand "keys ${sub.slice(0, 40)}".`, `Subcommands: ${KEYS_SUBCOMMANDS.join(', ')}. Run \`evidence keys --help\`.`);
  }
  const command = `keys ${sub}`;
  // Positionals are allowed here and counted below, so a stray argument is never echoed in an error.
  const flags = readFlags(command, [...rest], SPECS[sub], true);
  const positionals = (count: number, what: string) => {
    if (flags.positionals.length !== count) throw new UsageError(`evidence ${command} takes ${what}.`, `Run \`evidence keys --help\` for its usage.`);
    return flags.positionals;
  };
  const ownDir = () => {
    const key = keySourceOptions(flags, command, host, true);
    if (key.kind !== 'dir' || key.passphraseEnv === null) throw new UsageError(`evidence ${command} writes to the key folder; --key-env does not apply.`, 'Use --key-dir DIR (or $EVIDENCE_KEY_DIR) with --passphrase-env NAME.');
    return { ...key, passphraseEnv: key.passphraseEnv };
  };
  switch (sub) {
    case 'init':
      positionals(0, 'no arguments');
      return { flags, keys: { action: 'init', key: ownDir(), replace: flags.boolean('replace') } };
    case 'import': {
      const [file] = positionals(1, 'one FILE.pem (the private key to import)');
      const importEnv = flags.string('import-passphrase-env');
      return {
        flags,
        keys: {
          action: 'import',
          key: ownDir(),
          file: file!,
          importPassphraseEnv: importEnv === undefined ? null : parseSecretEnvName(importEnv, '--import-passphrase-env', "the imported file's passphrase"),
          replace: flags.boolean('replace'),
        },
      };
    }
    case 'export': {
      positionals(0, 'no arguments');
      const out = flags.string('out');
      return { flags, keys: { action: 'export', key: keySourceOptions(flags, command, host, true), out: out === undefined ? null : parseText(out, '--out', 4096) } };
    }
    case 'fingerprint': {
      positionals(0, 'no arguments');
      const pub = flags.string('pub');
      if (pub === undefined) return { flags, keys: { action: 'fingerprint', key: keySourceOptions(flags, command, host, true), pub: null } };
      const keyFlag = (['key-dir', 'key-env', 'passphrase-env'] as const).find((name) => flags.string(name) !== undefined);
      if (keyFlag) throw new UsageError(`--pub and --${keyFlag} do not go together.`, 'With --pub FILE.pem the fingerprint is of that public key; leave --pub out for your own key.');
      return { flags, keys: { action: 'fingerprint', key: null, pub: parseText(pub, '--pub', 4096) } };
    }
    case 'trust': {
      const pub = flags.string('pub');
      const args = flags.positionals;
      if (args.length < 1 || args.length > 2 || (args.length === 1 && pub === undefined)) {
        throw new UsageError('evidence keys trust takes a NAME and the FINGERPRINT, or a NAME and --pub FILE.pem.', 'e.g. evidence keys trust "Ana Silva" SHA256:…, or evidence keys trust "Ana Silva" --pub signer.pub.pem.');
      }
      return {
        flags,
        keys: {
          action: 'trust',
          name: parseText(args[0]!, 'The NAME', 200),
          fingerprint: args[1] === undefined ? null : parseFingerprintArg(args[1], 'The FINGERPRINT'),
          pub: pub === undefined ? null : parseText(pub, '--pub', 4096),
        },
      };
    }
    case 'untrust': {
      const [fingerprint] = positionals(1, 'one FINGERPRINT');
      return { flags, keys: { action: 'untrust', fingerprint: parseFingerprintArg(fingerprint!, 'The FINGERPRINT') } };
    }
    case 'trusted':
      positionals(0, 'no arguments');
      return { flags, keys: { action: 'trusted' } };
  }
}
