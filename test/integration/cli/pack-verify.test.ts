import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleApi } from '../../../electron/sample-api/server';
import type { EvidenceManifest } from '../../../shared/schemas/evidence';
import { startTestApi } from '../../support/sample-api';
import { ensureBuilt, inCache, json, runCli, tempDir, type CliRun } from './helpers';

// `evidence pack` over a cache filled by `evidence pull` from the real sample API, then `evidence verify`,
// and the standard tools of docs/PACKET.md on the packet: all as a person or a script would run them.

const sh = promisify(execFile);
const PASSPHRASE = 'Marigold-Anvil-5520-Tundra';
const TOKEN_ENV = 'EVIDENCE_TEST_TOKEN';
const env = { EVIDENCE_TEST_PASSPHRASE: PASSPHRASE };
// The test API's clock is fixed at 2026-03-20T10:30:00Z; the scope is the 6 hours pulled.
const SCOPE = {
  window: { relative: '6h', from: '2026-03-20T04:30:00Z', to: '2026-03-20T10:30:00Z' },
  types: ['events', 'escalations'],
  request_ids: [],
  escalation_ids: [],
  references: ['INC-2041'],
  why: 'Blocked requests after the 0.2.0 rollout.',
};

let api: SampleApi;
let work: Awaited<ReturnType<typeof tempDir>>;
let cache: string;
let keyDir: string;
let fingerprint: string;
let packet: { path: string; sha256: string; fingerprint: string; validation: { overall: string; counts: Record<string, number> }; verifyTxt: string };

const path = (name: string) => join(work.dir, name);
// The test data is from March 2026, whatever the date of the run: retention is not what is tested here.
const packArgs = (extra: string[] = [], scope = path('scope.json')) => [
  'pack',
  '--scope',
  scope,
  '--note',
  path('NOTE.md'),
  '--cache',
  cache,
  '--key-dir',
  keyDir,
  '--passphrase-env',
  'EVIDENCE_TEST_PASSPHRASE',
  '--retention-hours',
  '100000',
  ...extra,
];
const expectNoSecret = (run: CliRun) => {
  expect(run.stdout).not.toContain(PASSPHRASE);
  expect(run.stderr).not.toContain(PASSPHRASE);
};

beforeAll(async () => {
  ensureBuilt();
  api = await startTestApi({ data: { eventsPerHour: 120 } });
  work = await tempDir();
  cache = path('cache');
  keyDir = path('keys');
  try {
    const pulled = await runCli(['pull', '--api', api.url, '--token-env', TOKEN_ENV, '--cache', cache, '--type', 'events,escalations', '--format', 'events=csv,escalations=json', '--since', '6h'], {
      env: { [TOKEN_ENV]: api.token },
    });
    if (pulled.code !== 0) throw new Error(`pull failed: ${pulled.stderr}`);
  } finally {
    await api.close();
  }
  const made = await runCli(['keys', 'init', '--key-dir', keyDir, '--passphrase-env', 'EVIDENCE_TEST_PASSPHRASE', '--json'], { env });
  fingerprint = json<{ fingerprint: string }>(made).fingerprint;
  writeFileSync(path('scope.json'), JSON.stringify(SCOPE, null, 2));
  writeFileSync(path('NOTE.md'), '# Why\n\nThe on-call reviewer pulled these after INC-2041. Ünïcödé ✓\n');
});
afterAll(() => work?.remove());

describe('evidence pack', () => {
  it('writes a signed packet from the cache, prints where it is, its sha256, signer and validation, and never the passphrase', async () => {
    const out = path('out');
    const run = await runCli(packArgs(['--out', out, '--reviewer', 'Ana Silva', '--email', 'ana@example.com', '--deeper-context', 'both', '--organization', 'Example Corp', '--json']), { env });
    expect(run.code, run.stderr).toBe(0);
    packet = json(run);
    expect(basename(packet.path)).toMatch(/^evidence-INC-2041-\d{8}T\d{6}Z\.zip$/);
    expect(packet.path.startsWith(out)).toBe(true);
    expect(packet.fingerprint).toBe(fingerprint);
    expect(createHash('sha256').update(readFileSync(packet.path)).digest('hex')).toBe(packet.sha256);
    expect(packet.verifyTxt).toBe(`${basename(packet.path, '.zip')}/data/VERIFY.txt`);
    expect(['pass', 'warn', 'fail']).toContain(packet.validation.overall);
    expectNoSecret(run);
    expect(readFileSync(packet.path).includes(PASSPHRASE)).toBe(false);

    // The custody chain in the cache records the packing, signing and export, by the reviewer.
    const actions = inCache(cache, (db) => (db.prepare('SELECT action FROM custody_log ORDER BY seq').all() as { action: string }[]).map((r) => r.action));
    expect(actions.slice(-6)).toEqual(['validated', 'note-edited', 'packed', 'signed', 'verified', 'exported']);
  });

  it('passes the standard tools of docs/PACKET.md: unzip, openssl pkeyutl -verify -rawin, sha256sum -c on both manifests', async () => {
    const dir = path('unzipped');
    await sh('sh', ['-c', `mkdir -p '${dir}' && cd '${dir}' && unzip -q '${packet.path}'`]);
    const bag = join(dir, basename(packet.path, '.zip'));
    const { stdout } = await sh('sh', ['-c', 'openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in tagmanifest-sha256.txt -sigfile tagmanifest-sha256.txt.sig'], { cwd: bag });
    expect(stdout).toMatch(/Signature Verified Successfully/);
    await sh('sh', ['-c', 'sha256sum -c tagmanifest-sha256.txt && sha256sum -c manifest-sha256.txt'], { cwd: bag });
    expect(existsSync(join(dir, packet.verifyTxt))).toBe(true);
    const evidence = JSON.parse(readFileSync(join(bag, 'evidence.json'), 'utf8')) as EvidenceManifest;
    expect(evidence.reviewer).toMatchObject({ name: 'Ana Silva' });
    expect(evidence.scope.why).toBe(SCOPE.why);
    expect(evidence.exports.map((e) => e.type).sort()).toEqual(['escalations', 'events']);
    const note = readFileSync(join(bag, 'data', 'NOTE.md'), 'utf8');
    expect(note).toContain('Ünïcödé ✓');
    expect(note).toContain('INC-2041');
    expect(readFileSync(join(bag, 'bag-info.txt'), 'utf8')).toContain('Source-Organization: Example Corp');
  });

  it('prints the result for people: path, sha256, signer, validation with a line per problem, and VERIFY.txt', async () => {
    const run = await runCli(packArgs(['--out', path('out-human')]), { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Packet written: .+\.zip\n {2}sha256 {7}[0-9a-f]{64}\n {2}size {9}.+\n {2}packet id {4}pkt-\S+\n {2}signed by {4}SHA256:\S+ \(key: .+\)\n {2}validation {3}(PASS|WARN|FAIL)/);
    expect(run.stdout).toMatch(/ {2}verify {7}evidence-INC-2041-\S+\/data\/VERIFY\.txt inside the zip/);
    expect(run.stdout).toContain(`--trust ${fingerprint}`);
    expectNoSecret(run);
  });

  it('--require-pass writes nothing and exits 2 when a check fails', async () => {
    // Records of 04:30–10:30 are outside a window a day earlier: time coverage fails.
    writeFileSync(path('scope-wrong.json'), JSON.stringify({ ...SCOPE, window: { relative: '6h', from: '2026-03-19T04:30:00Z', to: '2026-03-19T10:30:00Z' } }));
    const out = path('out-refused');
    const run = await runCli(packArgs(['--out', out, '--require-pass', '--json'], path('scope-wrong.json')), { env });
    expect(run.code, run.stderr).toBe(2);
    expect(json(run)).toMatchObject({ written: false, validation: { overall: 'fail' }, exitCode: 2 });
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('signs with a key from the environment (--key-env)', async () => {
    const { stdout: pem } = await sh('openssl', ['genpkey', '-algorithm', 'ed25519']);
    const run = await runCli(['pack', '--scope', path('scope.json'), '--note', path('NOTE.md'), '--cache', cache, '--key-env', 'EVIDENCE_TEST_KEY', '--retention-hours', '100000', '--out', path('out-env'), '--json'], { env: { EVIDENCE_TEST_KEY: pem } });
    expect(run.code, run.stderr).toBe(0);
    expect(json<{ key: string }>(run).key).toBe('$EVIDENCE_TEST_KEY');
    expect(run.stdout).not.toContain(pem.split('\n')[1]!);
  });

  it.concurrent.each([
    [{ ...SCOPE, why: undefined }, 'why is missing or empty: packing needs it.'],
    [{ ...SCOPE, window: { from: '2026-03-20', to: '2026-03-20T10:30:00Z' } }, 'window.from must be an RFC 3339 UTC instant ending in Z'],
    [{ ...SCOPE, types: ['events', 'logs'] }, 'types[1] must be one of events, traces, escalations, audit-log.'],
    [{ ...SCOPE, colour: 'red' }, 'colour is not a field of a scope: remove it or correct its spelling'],
  ])('refuses an unusable scope file with the field and what to do (exit 64): %#', async (scope, problem) => {
    const file = path(`scope-bad-${createHash('sha256').update(problem).digest('hex').slice(0, 8)}.json`);
    writeFileSync(file, JSON.stringify(scope));
    const run = await runCli(packArgs(['--out', path('never')], file), { env });
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/^evidence: The scope file .+scope-bad-\w+\.json is not a usable review scope:\n {2}- /);
    expect(run.stderr).toContain(problem);
    expect(existsSync(path('never'))).toBe(false);
  });

  it('a wrong passphrase is exit 3, and nothing is written', async () => {
    const run = await runCli(packArgs(['--out', path('never-2')]), { env: { EVIDENCE_TEST_PASSPHRASE: 'wrong-passphrase-here' } });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('the passphrase is wrong');
    expect(run.stderr).not.toContain('wrong-passphrase-here');
    expect(existsSync(path('never-2'))).toBe(false);
  });
});

describe('evidence verify', () => {
  it('exits 1 when the packet is valid but the signer is not trusted, saying what to compare', async () => {
    const run = await runCli(['verify', packet.path, '--cache', path('no-cache')]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain(`Signer     ${fingerprint}`);
    expect(run.stdout).toMatch(/VALID, BUT THE SIGNER IS NOT TRUSTED/);
    expect(run.stdout).toContain(`--trust ${fingerprint}`);
    expect(existsSync(path('no-cache'))).toBe(false);
  });

  it("exits 0 with --trust, and with the signer in the cache's trusted signers", async () => {
    const trusted = await runCli(['verify', packet.path, '--trust', fingerprint, '--cache', path('no-cache'), '--json']);
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(json(trusted)).toMatchObject({ status: 'valid-trusted', fingerprint, exitCode: 0 });
    expect((await runCli(['keys', 'trust', 'Ana Silva', fingerprint, '--cache', cache])).code).toBe(0);
    const database = () => createHash('sha256').update(readFileSync(join(cache, 'cache.sqlite'))).digest('hex');
    const before = database();
    const byCache = await runCli(['verify', packet.path, '--cache', cache]);
    expect(byCache.code, byCache.stderr).toBe(0);
    // The cache is only read (SQLite may leave its empty -wal and -shm beside it).
    expect(database()).toBe(before);
    if (existsSync(join(cache, 'cache.sqlite-wal'))) expect(readFileSync(join(cache, 'cache.sqlite-wal')).length).toBe(0);
    expect(byCache.stdout).toMatch(/VALID: the packet is intact since it was signed, and the signer is trusted \("Ana Silva"\)\./);
  });

  it('exits 2 when one byte of an export inside the zip changed, naming the file and what differs', async () => {
    const tampered = path('tampered.zip');
    await sh('python3', [
      '-c',
      `import sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
out = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)
for info in src.infolist():
    data = src.read(info.filename)
    if '/data/exports/' in info.filename and info.filename.endswith('.csv'):
        data = bytearray(data); data[100] ^= 1; data = bytes(data)
    out.writestr(info, data)
out.close()`,
      packet.path,
      tampered,
    ]);
    const run = await runCli(['verify', tampered, '--trust', fingerprint, '--json']);
    expect(run.code, run.stderr).toBe(2);
    const doc = json<{ status: string; findings: { severity: string; check: string; file: string | null; message: string }[] }>(run);
    expect(doc.status).toBe('invalid');
    expect(doc.findings).toContainEqual(expect.objectContaining({ severity: 'error', check: 'payload-manifest', file: expect.stringMatching(/^data\/exports\/.+\.csv$/), message: expect.stringContaining('manifest-sha256.txt') }));
    const human = await runCli(['verify', tampered, '--trust', fingerprint]);
    expect(human.code).toBe(2);
    expect(human.stdout).toMatch(/ERROR +payload-manifest · data\/exports\/.+\.csv\n/);
    expect(human.stdout).toMatch(/\nINVALID: \d+ errors?\./);
  });

  it('exits 2 for a byte flipped in the zip itself', async () => {
    const bytes = readFileSync(packet.path);
    bytes[Math.floor(bytes.length / 3)]! ^= 0x01;
    writeFileSync(path('flipped.zip'), bytes);
    const run = await runCli(['verify', path('flipped.zip'), '--trust', fingerprint]);
    expect(run.code, run.stdout).toBe(2);
  });

  it('exits 3 when the packet cannot be read, 64 without one', async () => {
    const missing = await runCli(['verify', path('missing.zip')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^evidence: The packet ".+missing\.zip" could not be read \(ENOENT\)\./);
    const none = await runCli(['verify']);
    expect(none.code).toBe(64);
    const badTrust = await runCli(['verify', packet.path, '--trust', 'SHA256:nope']);
    expect(badTrust.code).toBe(64);
  });
});
