import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, json, runCli, tempDir } from './helpers';

// Help, usage errors and the launcher: the built CLI as a child process; none of these reach an API.

let work: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  ensureBuilt();
  work = await tempDir();
});
afterAll(() => work.remove());

const PULL = ['pull', '--api', 'http://127.0.0.1:9', '--token-env', 'EVIDENCE_TEST_TOKEN'];

describe('evidence --help', () => {
  it('lists the commands, the token rule, the cache folder and every exit code', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    for (const command of ['pull', 'import', 'jobs', 'records', 'artifacts', 'validate', 'keys', 'pack', 'verify', 'demo']) expect(run.stdout).toMatch(new RegExp(`\\n  ${command} +\\S`));
    expect(run.stdout).toMatch(/read only from the environment variable named by --token-env/);
    expect(run.stdout).toMatch(/\$EVIDENCE_CACHE_DIR/);
    expect(run.stdout).toMatch(/\$XDG_CACHE_HOME\/evidence-packager, or ~\/\.cache\/evidence-packager/);
    expect(run.stdout).toMatch(/\$EVIDENCE_KEY_DIR/);
    expect(run.stdout).toMatch(/\$XDG_CONFIG_HOME\/evidence-packager\/keys, or ~\/\.config\/evidence-packager\/keys/);
    expect(run.stdout).toMatch(/read only from environment variables named by --passphrase-env/);
    expect(run.stdout).toMatch(/Exit codes:\n {2}0 +success.*\n {2}1 +partial.*\n(?: {7}.*\n)* {2}2 +validate: at least one check failed; verify: the packet is invalid;\n(?: {7}.*\n)* {2}3 +failure.*\n(?: {7}.*\n)* {2}64 +usage error.*\n {2}130 +cancelled/);
  });

  it('has help per command, exit codes included', async () => {
    const run = await runCli(['pull', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: evidence pull --api URL --token-env NAME --type TYPE/);
    expect(run.stdout).toMatch(/--since W/);
    expect(run.stdout).toMatch(/130 +cancelled/);
  });

  it.each([
    ['keys', /^Usage: evidence keys init --passphrase-env NAME/, /64 +usage error/],
    ['pack', /^Usage: evidence pack --scope SCOPE\.json --note NOTE\.md --out DIR/, /2 +--require-pass only/],
    ['verify', /^Usage: evidence verify PACKET\.zip/, /0 +valid, and the signer is trusted[\s\S]+1 +valid, but the signer is not trusted[\s\S]+2 +invalid[\s\S]+3 +the packet could not be read/],
    ['demo', /^Usage: evidence demo/, /130 +cancelled/],
  ])('has help for %s, exit codes included', async (command, usage, codes) => {
    const run = await runCli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(usage);
    expect(run.stdout).toMatch(codes);
  });

  it('prints the version', async () => {
    expect((await runCli(['--version'])).stdout).toMatch(/^evidence \d+\.\d+\.\d+\n$/);
  });
});

describe('usage errors exit 64 (EX_USAGE) with what to do instead', () => {
  it.each([
    [['frobnicate'], 'Unknown command "frobnicate".', 'Commands: pull, import, jobs, records, artifacts, validate'],
    [['pull', '--token-env', 'X', '--type', 'events'], 'evidence pull needs --api URL.', 'evidence pull --help'],
    [[...PULL], 'evidence pull needs at least one --type.', '--type events'],
    [[...PULL, '--type', 'events', '--since', '2d'], '--since "2d" is not a window the API offers.', '1h, 6h, 24h, 7d, 30d'],
    [[...PULL, '--type', 'events', '--from', '2026-03-01'], '--from and --to go together.', '--from 2026-03-01 --to 2026-03-31'],
    [[...PULL, '--type', 'events', '--format', 'xml'], 'Unknown format "xml".', 'csv or json'],
    [[...PULL, '--type', 'events', '--colour'], "Unknown option '--colour'.", 'evidence pull --help'],
    [['records', '--limit', '0'], '--limit must be a whole number from 1 to 1000.', '--cursor'],
    [['import'], 'evidence import needs at least one FILE.', 'evidence import FILE'],
    [[...PULL, '--type', 'events'], 'The environment variable EVIDENCE_TEST_TOKEN is not set, or is empty.', 'export EVIDENCE_TEST_TOKEN='],
    [['pack', '--note', 'n.md', '--out', 'o', '--passphrase-env', 'P'], 'evidence pack needs --scope FILE (the review scope, JSON).', 'evidence pack --help'],
    [['pack', '--scope', 's.json', '--note', 'n.md', '--out', 'o'], 'evidence pack needs --passphrase-env NAME: the signing key file is encrypted with a passphrase.', '--passphrase-env EVIDENCE_PASSPHRASE'],
    [['pack', '--scope', 's.json', '--note', 'n.md', '--out', 'o', '--passphrase-env', 'P', '--deeper-context', 'logs'], '--deeper-context must be events, escalations, both.', 'the events, the escalations, or both'],
    [['pack', '--scope', 's.json', '--note', 'n.md', '--out', 'o', '--key-env', 'K', '--key-dir', 'd'], 'Give --key-env or --key-dir, not both.', '--key-env reads the key'],
    [['verify'], 'evidence verify needs the PACKET.zip to verify.', 'evidence verify PACKET.zip'],
    [['verify', 'a.zip', 'b.zip'], 'evidence verify takes one packet at a time.', 'evidence verify PACKET.zip'],
    [['verify', 'a.zip', '--trust', 'SHA256:abc'], 'A --trust value is not a key fingerprint.', 'SHA256:'],
    [['demo', '--api', 'http://127.0.0.1:9'], "Unknown option '--api'.", 'evidence demo --help'],
  ])('%j', async (args, message, hint) => {
    const run = await runCli(args);
    expect(run.code).toBe(64);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith(`evidence: ${message}\n  `)).toBe(true);
    expect(run.stderr).toContain(hint);
  });

  it('refuses a token on the command line, without repeating it', async () => {
    const run = await runCli([...PULL.slice(0, 3), '--type', 'events', '--token', 'kt_live_typed_in_the_shell']);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('The API token cannot be given on the command line');
    expect(run.stdout + run.stderr).not.toContain('kt_live_typed_in_the_shell');
  });

  it('answers a usage error with a JSON document too under --json', async () => {
    const run = await runCli([...PULL, '--type', 'logs', '--json']);
    expect(run.code).toBe(64);
    expect(json(run)).toEqual({ error: { code: 'invalid-request', message: 'Unknown export type "logs".', hint: 'Use one or more of: events, traces, escalations, audit-log.' }, exitCode: 64 });
  });
});

describe('the launcher', () => {
  it('says to build first, and exits 3, when the bundle is missing', async () => {
    const bin = join(work.dir, 'bin', 'evidence.mjs');
    await mkdir(join(work.dir, 'bin'));
    await copyFile(BIN, bin);
    const run = await runCli(['--help'], { bin });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Run `npm run build` first');
  });
});
