import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error';

/** One command's flags, as node:util parseArgs declares them. */
export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/** Parsed flags: strings, booleans and repeated strings, looked up by name. */
export interface Flags {
  positionals: string[];
  string(name: string): string | undefined;
  strings(name: string): string[];
  boolean(name: string): boolean;
}

/** Flags every command takes. */
export const COMMON_FLAGS: FlagSpec = {
  cache: { type: 'string' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** Strict parsing (unknown flags, missing values and stray arguments are usage errors); a flag given twice is too, unless repeatable. */
export function readFlags(command: string, args: string[], spec: FlagSpec, allowPositionals: boolean): Flags {
  const options = { ...COMMON_FLAGS, ...spec };
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: FlagSpec; strict: true; allowPositionals: boolean; tokens: true }>>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals, tokens: true });
  } catch (error) {
    throw new UsageError(firstSentence(error), `Run \`evidence ${command} --help\` for its options.`);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || options[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given twice.`, 'Give it once.');
    seen.add(token.name);
  }
  const values = parsed.values as Record<string, string | boolean | (string | boolean)[] | undefined>;
  return {
    positionals: parsed.positionals,
    string: (name) => (typeof values[name] === 'string' ? values[name] : undefined),
    strings: (name) => {
      const value = values[name];
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
    },
    boolean: (name) => values[name] === true,
  };
}

/** Flags that would put a secret on the command line (shell history, `ps`): refused, saying where the secret goes instead. */
const SECRET_FLAGS: Record<string, [string, string]> = {
  '--token': ['The API token cannot be given on the command line (it would land in shell history and in `ps`).', 'Put the token in an environment variable and pass its name: --token-env KEEPTRUSTS_TOKEN.'],
  '--passphrase': ['A passphrase cannot be given on the command line (it would land in shell history and in `ps`).', 'Put it in an environment variable and pass its name: --passphrase-env EVIDENCE_PASSPHRASE.'],
  '--import-passphrase': ['A passphrase cannot be given on the command line (it would land in shell history and in `ps`).', 'Put it in an environment variable and pass its name: --import-passphrase-env NAME.'],
  '--key': ['A private key cannot be given on the command line.', 'Keep it in the key folder (evidence keys import FILE.pem), or put its PEM text in an environment variable and pass its name: --key-env NAME.'],
};

/** Refuses a secret given as a flag, before anything else reads the command line, and without repeating it. */
export function refuseSecretFlags(args: readonly string[]): void {
  const secret = args.map((arg) => arg.split('=', 1)[0]!).find((name) => Object.hasOwn(SECRET_FLAGS, name));
  if (secret !== undefined) throw new UsageError(...SECRET_FLAGS[secret]!);
}

/** A flag the command cannot do without. */
export function required(flags: Flags, command: string, name: string, what: string): string {
  const value = flags.string(name);
  if (value === undefined || value === '') throw new UsageError(`evidence ${command} needs --${name} ${what}.`, `Run \`evidence ${command} --help\` for its options.`);
  return value;
}

/** A flag that may be left out (null), parsed when given. */
export function optional<T>(flags: Flags, name: string, parse: (value: string) => T): T | null {
  const value = flags.string(name);
  return value === undefined ? null : parse(value);
}

/** Node's parseArgs messages go on to explain `--` escaping; the first sentence is the useful part. */
function firstSentence(error: unknown): string {
  const text = error instanceof Error ? error.message : '';
  const first = (text.split(/(?<=\.)\s/)[0] ?? '').trim();
  if (first === '') return 'The command line could not be read.';
  return first.endsWith('.') ? first : `${first}.`;
}
