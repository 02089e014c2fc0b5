import { describe, expect, it } from 'vitest';
import { parseCommandLine, type ParsedCommand } from '../../../electron/cli/args';
import { platformKeyDir, resolveKeyDir } from '../../../electron/cli/keys/key-dir';
import { UsageError } from '../../../electron/cli/usage-error';

// The command lines of keys, pack, verify and demo, and where the key folder is.

const host = { env: {}, platform: 'linux' as const, homedir: '/home/ana' };
const parse = (args: string[], env: Record<string, string> = {}) => parseCommandLine(args, { ...host, env });
const usage = (args: string[]): UsageError => {
  try {
    parse(args);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(args)} parsed without a usage error`);
};
const as = <K extends ParsedCommand['kind']>(cmd: ParsedCommand, kind: K) => {
  if (cmd.kind !== kind) throw new Error(`expected ${kind}, got ${cmd.kind}`);
  return cmd as Extract<ParsedCommand, { kind: K }>;
};
const FP = `SHA256:${'A'.repeat(42)}E`;

describe('the per-user key folder', () => {
  it.each([
    ['linux', {}, '/home/ana', '/home/ana/.config/evidence-packager/keys'],
    ['linux', { XDG_CONFIG_HOME: '/etc/ana' }, '/home/ana', '/etc/ana/evidence-packager/keys'],
    ['linux', { XDG_CONFIG_HOME: 'relative' }, '/home/ana', '/home/ana/.config/evidence-packager/keys'],
    ['darwin', { XDG_CONFIG_HOME: '/ignored' }, '/Users/ana', '/Users/ana/Library/Application Support/evidence-packager/keys'],
    ['win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana', 'C:\\Users\\ana\\AppData\\Roaming\\evidence-packager\\keys'],
    ['win32', {}, 'C:\\Users\\ana', 'C:\\Users\\ana\\AppData\\Roaming\\evidence-packager\\keys'],
  ] as const)('on %s with %j', (platform, env, homedir, expected) => {
    expect(platformKeyDir({ platform, env, homedir })).toBe(expected);
  });

  it('prefers --key-dir, then $EVIDENCE_KEY_DIR', () => {
    const h = { ...host, env: { EVIDENCE_KEY_DIR: '/env' } };
    expect(resolveKeyDir('/flag', h)).toBe('/flag');
    expect(resolveKeyDir(undefined, h)).toBe('/env');
  });
});

describe('evidence keys', () => {
  it('reads each subcommand with only its own flags', () => {
    expect(as(parse(['keys', 'init', '--passphrase-env', 'PP', '--replace']), 'keys').keys).toEqual({
      action: 'init',
      key: { kind: 'dir', dir: '/home/ana/.config/evidence-packager/keys', passphraseEnv: 'PP' },
      replace: true,
    });
    expect(as(parse(['keys', 'import', 'k.pem', '--key-dir', 'd', '--passphrase-env', 'PP', '--import-passphrase-env', 'IP']), 'keys').keys).toMatchObject({
      action: 'import',
      file: 'k.pem',
      importPassphraseEnv: 'IP',
      key: { dir: 'd' },
    });
    expect(as(parse(['keys', 'export', '--key-env', 'KEY', '--out', 'p.pem']), 'keys').keys).toEqual({ action: 'export', key: { kind: 'env', keyEnv: 'KEY', passphraseEnv: null }, out: 'p.pem' });
    expect(as(parse(['keys', 'fingerprint', '--pub', 'p.pem']), 'keys').keys).toEqual({ action: 'fingerprint', key: null, pub: 'p.pem' });
    expect(as(parse(['keys', 'trust', 'Ana Silva', FP, '--cache', '/c']), 'keys')).toMatchObject({ cacheDir: '/c', keys: { action: 'trust', name: 'Ana Silva', fingerprint: FP, pub: null } });
    expect(as(parse(['keys', 'trust', 'Ana', '--pub', 'p.pem']), 'keys').keys).toEqual({ action: 'trust', name: 'Ana', fingerprint: null, pub: 'p.pem' });
    expect(as(parse(['keys', 'untrust', ` ${FP} `]), 'keys').keys).toEqual({ action: 'untrust', fingerprint: FP });
    expect(as(parse(['keys', 'trusted', '--json']), 'keys')).toMatchObject({ json: true, keys: { action: 'trusted' } });
  });

  it('gives help for keys and its subcommands', () => {
    expect(parse(['keys', '--help'])).toEqual({ kind: 'help', topic: 'keys' });
    expect(parse(['keys', 'init', '-h'])).toEqual({ kind: 'help', topic: 'keys' });
  });

  it.each([
    [['keys', 'export'], 'evidence keys export needs --passphrase-env NAME'],
    [['keys', 'init', '--passphrase-env', 'has space'], '--passphrase-env takes the NAME of an environment variable, not the passphrase.'],
    [['keys', 'export', '--key-env', 'K', '--key-dir', 'd'], 'Give --key-env or --key-dir, not both.'],
    [['keys', 'trusted', '--passphrase-env', 'PP'], "Unknown option '--passphrase-env'."],
    [['keys', 'trust', 'Ana', 'SHA256:AAAA'], 'The FINGERPRINT is not a key fingerprint.'],
    [['keys', 'import', '--passphrase-env', 'PP'], 'evidence keys import takes one FILE.pem (the private key to import).'],
    [['keys', 'init', '--key', 'x'], 'A private key cannot be given on the command line.'],
  ])('%j is a usage error', (args, message) => {
    expect(usage(args).message.startsWith(message)).toBe(true);
  });
});

describe('evidence pack', () => {
  const PACK = ['pack', '--scope', 's.json', '--note', 'n.md', '--out', 'out', '--passphrase-env', 'PP'];

  it('reads a full pack', () => {
    const cmd = as(
      parse([...PACK, '--reviewer', 'Ana', '--email', 'ana@example.com', '--deeper-context', 'both', '--organization', 'Example', '--include-host', '--artifact', '3,5', '--artifact', '5', '--retention-hours', '48', '--workspace', 'w1', '--require-pass', '--key-dir', '/k']),
      'pack',
    );
    expect(cmd).toMatchObject({
      scopeFile: 's.json',
      noteFile: 'n.md',
      outDir: 'out',
      reviewer: 'Ana',
      email: 'ana@example.com',
      deeperContext: 'both',
      organization: 'Example',
      includeHost: true,
      artifactIds: [3, 5],
      retentionHours: 48,
      workspaceId: 'w1',
      apiBaseUrl: null,
      requirePass: true,
      key: { kind: 'dir', dir: '/k', passphraseEnv: 'PP' },
    });
  });

  it('uses $EVIDENCE_KEY_DIR, or --key-env without a passphrase', () => {
    expect(as(parse(PACK, { EVIDENCE_KEY_DIR: '/env-keys' }), 'pack').key).toEqual({ kind: 'dir', dir: '/env-keys', passphraseEnv: 'PP' });
    expect(as(parse(['pack', '--scope', 's', '--note', 'n', '--out', 'o', '--key-env', 'K']), 'pack').key).toEqual({ kind: 'env', keyEnv: 'K', passphraseEnv: null });
  });

  it.each([
    [['pack', '--note', 'n', '--out', 'o', '--passphrase-env', 'PP'], 'evidence pack needs --scope FILE'],
    [['pack', '--scope', 's', '--out', 'o', '--passphrase-env', 'PP'], 'evidence pack needs --note FILE'],
    [['pack', '--scope', 's', '--note', 'n', '--passphrase-env', 'PP'], 'evidence pack needs --out DIR'],
    [[...PACK, 'extra'], 'evidence pack takes no arguments, only options.'],
    [[...PACK, '--email', 'not an email'], '--email is not an email address.'],
    [[...PACK, '--artifact', 'x'], '--artifact "x" is not an artifact id.'],
    [[...PACK, '--passphrase=hunter2hunter2'], 'A passphrase cannot be given on the command line'],
  ])('%j is a usage error', (args, message) => {
    const error = usage(args);
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.message + error.hint).not.toContain('hunter2');
  });
});

describe('evidence verify and demo', () => {
  it('reads verify with trusted fingerprints', () => {
    expect(as(parse(['verify', 'p.zip', '--trust', FP, '--trust', FP]), 'verify')).toMatchObject({ packet: 'p.zip', trust: [FP] });
  });

  it('reads demo: --cache only when given ($EVIDENCE_CACHE_DIR is not the demo cache)', () => {
    expect(as(parse(['demo'], { EVIDENCE_CACHE_DIR: '/real' }), 'demo')).toMatchObject({ outDir: null, demoCache: null });
    expect(as(parse(['demo', '--out', 'o', '--cache', 'c']), 'demo')).toMatchObject({ outDir: 'o', demoCache: 'c' });
  });
});
