import { execFile } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, runCli, tempDir, type CliRun } from './helpers';

// `evidence keys …`: the built CLI in a child process, real key files, checked with openssl.

const sh = promisify(execFile);
/** A passphrase distinctive enough that finding it anywhere in the output can only mean a leak. */
const PASSPHRASE = 'Plover-Quartz-7731-Zephyr';
const env = { EVIDENCE_TEST_PASSPHRASE: PASSPHRASE, EVIDENCE_TEST_WRONG: 'not-the-passphrase-at-all' };
const P = ['--passphrase-env', 'EVIDENCE_TEST_PASSPHRASE'];

let work: Awaited<ReturnType<typeof tempDir>>;
let keyDir: string;
beforeAll(async () => {
  ensureBuilt();
  work = await tempDir();
  keyDir = join(work.dir, 'keys');
});
afterAll(() => work.remove());

const keys = (args: string[], extraEnv: Record<string, string> = {}) => runCli(['keys', ...args], { env: { ...env, ...extraEnv } });
const expectNoSecret = (run: CliRun, secret = PASSPHRASE) => {
  expect(run.stdout).not.toContain(secret);
  expect(run.stderr).not.toContain(secret);
};

/** The fingerprint as openssl derives it from a public key PEM file: base64 of SHA-256 over the DER SPKI, without padding. */
async function opensslFingerprint(publicPemFile: string): Promise<string> {
  const { stdout } = await sh('sh', ['-c', `openssl pkey -pubin -in '${publicPemFile}' -outform DER | openssl dgst -sha256 -binary | base64`]);
  return `SHA256:${stdout.trim().replace(/=+$/, '')}`;
}

describe('evidence keys', () => {
  let fingerprint: string;

  it('init creates an encrypted PKCS#8 key file, mode 0600 in a 0700 folder, and prints its fingerprint and path', async () => {
    const run = await keys(['init', '--key-dir', keyDir, ...P, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const doc = json<{ fingerprint: string; path: string; publicKeyPem: string }>(run);
    fingerprint = doc.fingerprint;
    expect(doc.path).toBe(join(keyDir, 'signing-key.pem'));
    expect(fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(statSync(doc.path).mode & 0o777).toBe(0o600);
    expect(statSync(keyDir).mode & 0o777).toBe(0o700);
    expect(readFileSync(doc.path, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect(readFileSync(doc.path).includes(PASSPHRASE)).toBe(false);
    // openssl opens it with the passphrase, and derives the same fingerprint.
    const { stdout: pub } = await sh('openssl', ['pkey', '-in', doc.path, '-passin', 'env:EVIDENCE_TEST_PASSPHRASE', '-pubout'], { env: { ...process.env, ...env } });
    writeFileSync(join(work.dir, 'openssl.pub.pem'), pub);
    expect(await opensslFingerprint(join(work.dir, 'openssl.pub.pem'))).toBe(fingerprint);
    expectNoSecret(run);
  });

  it('prints the same for people', async () => {
    const other = join(work.dir, 'keys-human');
    const run = await keys(['init', '--key-dir', other, ...P]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Created a signing key\.\n {2}fingerprint {2}SHA256:[A-Za-z0-9+/]{43}\n {2}key file {5}.+signing-key\.pem\n/);
    expect(run.stdout).toContain('$EVIDENCE_TEST_PASSPHRASE');
    expectNoSecret(run);
  });

  it('refuses to replace an existing key unless --replace', async () => {
    const again = await keys(['init', '--key-dir', keyDir, ...P]);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/^evidence: A signing key already exists in .+; it was not replaced\.\n {2}.*--replace/);
    const fingerprintNow = await keys(['fingerprint', '--key-dir', keyDir, ...P]);
    expect(fingerprintNow.stdout).toBe(`${fingerprint}\n`);
  });

  it('export prints the public key, whose openssl fingerprint is the one fingerprint prints; --out never overwrites', async () => {
    const exported = await keys(['export', '--key-dir', keyDir, ...P]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
    const out = join(work.dir, 'me.pub.pem');
    const written = await keys(['export', '--key-dir', keyDir, ...P, '--out', out]);
    expect(written.code, written.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(exported.stdout);
    expect(await opensslFingerprint(out)).toBe(fingerprint);
    const twice = await keys(['export', '--key-dir', keyDir, ...P, '--out', out]);
    expect(twice.code).toBe(3);
    expect(twice.stderr).toContain('already exists; it was not overwritten');
    // Anyone's public key, no passphrase needed.
    const pub = await runCli(['keys', 'fingerprint', '--pub', out]);
    expect(pub.code, pub.stderr).toBe(0);
    expect(pub.stdout).toBe(`${fingerprint}\n`);
    for (const run of [exported, written, twice]) expectNoSecret(run);
  });

  it('a wrong passphrase is a clear error (exit 3) that names the variable, never its value', async () => {
    const run = await keys(['fingerprint', '--key-dir', keyDir, '--passphrase-env', 'EVIDENCE_TEST_WRONG']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^evidence: The key file .+signing-key\.pem could not be decrypted: the passphrase is wrong, or the key is damaged\.\n {2}Check the passphrase in \$EVIDENCE_TEST_WRONG\.\n$/);
    expectNoSecret(run, 'not-the-passphrase-at-all');
  });

  it('no key yet: exit 3 saying how to make one', async () => {
    const run = await keys(['fingerprint', '--key-dir', join(work.dir, 'empty'), ...P]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^evidence: There is no signing key in .+\n {2}Create one with `evidence keys init --passphrase-env EVIDENCE_TEST_PASSPHRASE`/);
  });

  it('takes the key folder from $EVIDENCE_KEY_DIR', async () => {
    const run = await runCli(['keys', 'fingerprint', ...P], { env: { ...env, EVIDENCE_KEY_DIR: keyDir } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${fingerprint}\n`);
  });

  it('imports an openssl key, encrypted with its own passphrase, under the key folder passphrase', async () => {
    const pem = join(work.dir, 'openssl-key.pem');
    await sh('openssl', ['genpkey', '-algorithm', 'ed25519', '-aes-256-cbc', '-pass', 'env:IMPORT_PASS', '-out', pem], { env: { ...process.env, IMPORT_PASS: 'import-only-secret-42' } });
    const dir = join(work.dir, 'imported');
    const without = await keys(['import', pem, '--key-dir', dir, ...P]);
    expect(without.code).toBe(3);
    expect(without.stderr).toContain('--import-passphrase-env NAME');
    const run = await keys(['import', pem, '--key-dir', dir, ...P, '--import-passphrase-env', 'IMPORT_PASS', '--json'], { IMPORT_PASS: 'import-only-secret-42' });
    expect(run.code, run.stderr).toBe(0);
    const { stdout: pub } = await sh('openssl', ['pkey', '-in', pem, '-passin', 'env:IMPORT_PASS', '-pubout'], { env: { ...process.env, IMPORT_PASS: 'import-only-secret-42' } });
    writeFileSync(join(work.dir, 'imported.pub.pem'), pub);
    expect(json<{ fingerprint: string }>(run).fingerprint).toBe(await opensslFingerprint(join(work.dir, 'imported.pub.pem')));
    expect(statSync(join(dir, 'signing-key.pem')).mode & 0o777).toBe(0o600);
    expectNoSecret(run, 'import-only-secret-42');
    expectNoSecret(run);
  });

  it('uses a key from an environment variable with --key-env', async () => {
    const { stdout: pem } = await sh('openssl', ['genpkey', '-algorithm', 'ed25519']);
    const run = await runCli(['keys', 'fingerprint', '--key-env', 'EVIDENCE_TEST_KEY'], { env: { EVIDENCE_TEST_KEY: pem } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^SHA256:[A-Za-z0-9+/]{43}\n$/);
    const body = pem.split('\n')[1]!;
    expectNoSecret(run, body);
  });

  it("trust, trusted and untrust keep the cache's trusted signers", async () => {
    const cache = join(work.dir, 'cache');
    const pub = join(work.dir, 'me.pub.pem');
    const byPub = await runCli(['keys', 'trust', 'Ana Silva', '--pub', pub, '--cache', cache, '--json']);
    expect(byPub.code, byPub.stderr).toBe(0);
    expect(json(byPub)).toMatchObject({ signer: { name: 'Ana Silva', fingerprint, publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') } });
    const other = 'SHA256:' + 'A'.repeat(42) + 'E';
    const byFingerprint = await runCli(['keys', 'trust', 'Bo', other, '--cache', cache]);
    expect(byFingerprint.code, byFingerprint.stderr).toBe(0);
    expect(byFingerprint.stdout).toContain(`Trusted "Bo": ${other}`);
    const listed = await runCli(['keys', 'trusted', '--cache', cache]);
    expect(listed.stdout).toMatch(new RegExp(`^NAME +FINGERPRINT +ADDED +PUBLIC KEY\\nAna Silva +${fingerprint.replace(/[+/]/g, '\\$&')} +\\S+ +yes\\nBo +${other} +\\S+ +no\\n2 trusted signers`));
    const removed = await runCli(['keys', 'untrust', other, '--cache', cache, '--json']);
    expect(json(removed)).toMatchObject({ fingerprint: other, removed: true });
    const again = await runCli(['keys', 'untrust', other, '--cache', cache]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('was not trusted; nothing changed');
    expect(json<{ signers: { name: string }[] }>(await runCli(['keys', 'trusted', '--cache', cache, '--json'])).signers.map((s) => s.name)).toEqual(['Ana Silva']);
    // A fingerprint that does not belong to the public key given is refused.
    const mismatch = await runCli(['keys', 'trust', 'Eve', other, '--pub', pub, '--cache', cache]);
    expect(mismatch.code).toBe(3);
    expect(mismatch.stderr).toContain('does not have the fingerprint given');
  });

  it('lists nothing, and creates nothing, where there is no cache', async () => {
    const cache = join(work.dir, 'no-cache');
    const run = await runCli(['keys', 'trusted', '--cache', cache, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(json(run)).toMatchObject({ signers: [] });
    expect(() => statSync(cache)).toThrow();
  });
});

describe.concurrent('evidence keys usage errors exit 64 and never echo a secret', () => {
  it.each([
    [['keys'], 'evidence keys needs a subcommand.'],
    [['keys', 'frob'], 'Unknown subcommand "keys frob".'],
    [['keys', 'init', '--passphrase', PASSPHRASE], 'A passphrase cannot be given on the command line'],
    [['keys', 'init', `--passphrase=${PASSPHRASE}`], 'A passphrase cannot be given on the command line'],
    [['keys', 'init', '--passphrase-env', PASSPHRASE], '--passphrase-env takes the NAME of an environment variable, not the passphrase.'],
    [['keys', 'init', PASSPHRASE, '--passphrase-env', 'X'], 'evidence keys init takes no arguments.'],
    [['keys', 'init'], 'evidence keys init needs --passphrase-env NAME'],
    [['keys', 'init', '--passphrase-env', 'EVIDENCE_TEST_UNSET'], 'The environment variable EVIDENCE_TEST_UNSET (the passphrase for the new key) is not set, or is empty.'],
    [['keys', 'init', '--key-env', 'K', '--passphrase-env', 'X'], 'evidence keys init writes to the key folder; --key-env does not apply.'],
    [['keys', 'trusted', '--replace'], "Unknown option '--replace'."],
    [['keys', 'untrust', PASSPHRASE], 'The FINGERPRINT is not a key fingerprint.'],
    [['keys', 'trust', 'Ana'], 'evidence keys trust takes a NAME and the FINGERPRINT, or a NAME and --pub FILE.pem.'],
    [['keys', 'fingerprint', '--pub', 'x.pem', '--passphrase-env', 'X'], '--pub and --passphrase-env do not go together.'],
  ])('%j', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(64);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith(`evidence: ${message}`)).toBe(true);
    expectNoSecret(run);
  });
});
