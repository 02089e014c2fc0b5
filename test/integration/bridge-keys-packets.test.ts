import { createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../electron/core/bridge/dispatcher';
import type { CallContext } from '../../electron/core/bridge/services';
import { custodyChain, verifyChain } from '../../electron/core/custody';
import { KEY_FILE_NAMES, MIN_PASSPHRASE_LENGTH as CORE_MIN_PASSPHRASE_LENGTH, type OsProtection } from '../../electron/core/keys';
import type { Session } from '../../electron/core/session';
import type { EventName } from '../../shared/bridge/contract';
import type { KeyStatus, PackOutcomeView, PublicKeyView, TrustedSignerView, VerificationView } from '../../shared/bridge/types';
import { MIN_PASSPHRASE_LENGTH } from '../../shared/domain';
import type { NoteFields } from '../../shared/schemas/note';
import type { ReviewScope } from '../../shared/schemas/scope';
import { startDemoBridge, TestChooser, type DemoBridge } from '../support/demo-bridge';
import { FakeOsProtection } from '../unit/keys/support';
import { sh } from './packet/support';

const PASSPHRASE = 'correct horse battery staple';
const WRONG = 'incorrect pony battery staple';

// The key, pack and verify methods end to end through the dispatcher (schema checks included), against
// the demo sample API, a real cache and a real key folder; the OS keyring and the dialogs are fakes.
describe('bridge services: keys, trusted signers, pack, verify', () => {
  let bridge: DemoBridge;
  let session: Session;
  let dir: string;
  let keysDir: string;
  let outDir: string;
  const chooser = new TestChooser();
  const events: { name: EventName; payload: unknown }[] = [];
  const ctx: CallContext = { emit: (name, payload) => void events.push({ name, payload }) };

  /** A run of the app: its own services (so its own in-memory key) over the same session and key folder. */
  const run = (os: OsProtection | null, keys = keysDir): Dispatch => bridge.dispatcher({ keys: { dir: keys, os: () => os }, choose: chooser });
  let dispatch: Dispatch;

  const call = <T>(method: string, payload: unknown, via: Dispatch = dispatch) => bridge.call<T>(method, payload, via);
  const failure = (method: string, payload: unknown, via: Dispatch = dispatch) => bridge.failure(method, payload, via);

  beforeAll(async () => {
    bridge = await startDemoBridge(ctx, { prefix: 'evidence-bridge-keys-', seed: 5 });
    ({ session, dir } = bridge);
    keysDir = join(dir, 'keys');
    outDir = join(dir, 'out');
    await mkdir(outDir);
    // Linux without a keyring: safeStorage reports basic_text, which must not protect a key.
    dispatch = run(new FakeOsProtection('basic_text'));
  });
  afterAll(() => bridge.close());

  it('the contract and the core agree on the passphrase rule', () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(CORE_MIN_PASSPHRASE_LENGTH);
  });

  it('creates a key under a working OS keyring, which opens again in the next run without a passphrase', async () => {
    const os = new FakeOsProtection('gnome_libsecret');
    const osKeys = join(dir, 'os-keys');
    const first = run(os, osKeys);
    const none = await call<KeyStatus>('keyStatus', {}, first);
    expect(none).toEqual({
      state: 'none',
      protection: null,
      fingerprint: null,
      osProtection: { available: true, backend: 'gnome_libsecret', refusedBecause: null },
      problem: null,
    });
    const created = await call<KeyStatus>('createKey', {}, first);
    expect(created).toMatchObject({ state: 'ready', protection: 'os', fingerprint: expect.stringMatching(/^SHA256:[A-Za-z0-9+/]{43}$/), problem: null });
    expect(await readdir(osKeys)).toEqual([KEY_FILE_NAMES.os]);
    expect((await stat(join(osKeys, KEY_FILE_NAMES.os))).mode & 0o777).toBe(0o600);
    expect(await failure('createKey', {}, first)).toMatchObject({ code: 'file-exists' });

    const next = run(os, osKeys);
    expect(await call<KeyStatus>('keyStatus', {}, next)).toMatchObject({ state: 'ready', protection: 'os', fingerprint: created.fingerprint });
    expect(await failure('createKey', { passphrase: PASSPHRASE }, next)).toMatchObject({ code: 'file-exists' });

    // The keyring gone (another login, a reset): the key is there but cannot open, and the status says why.
    const lost = run(new FakeOsProtection('gnome_libsecret'), osKeys);
    const status = await call<KeyStatus>('keyStatus', {}, lost);
    expect(status).toMatchObject({ state: 'locked', protection: 'os', fingerprint: null, problem: { code: 'key-unreadable' } });
    expect(await failure('publicKey', {}, lost)).toMatchObject({ code: 'key-unreadable' });
  });

  it('refuses basic_text: without a passphrase createKey fails clearly; with one it works', async () => {
    const none = await call<KeyStatus>('keyStatus', {});
    expect(none).toMatchObject({ state: 'none', osProtection: { available: true, backend: 'basic_text', refusedBecause: expect.stringMatching(/plain-text/) } });
    const refused = await failure('createKey', {});
    expect(refused).toMatchObject({ code: 'key-passphrase-needed', details: { backend: 'basic_text', minLength: 8 } });
    expect(refused.message).toMatch(/basic_text.*passphrase of at least 8 characters/);
    await expect(stat(keysDir)).rejects.toMatchObject({ code: 'ENOENT' });

    const created = await call<KeyStatus>('createKey', { passphrase: PASSPHRASE });
    expect(created).toMatchObject({ state: 'ready', protection: 'passphrase', fingerprint: expect.stringMatching(/^SHA256:/) });
    const pem = await readFile(join(keysDir, KEY_FILE_NAMES.passphrase), 'utf8');
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(pem).not.toContain(PASSPHRASE);
    expect(await failure('createKey', { passphrase: PASSPHRASE })).toMatchObject({ code: 'file-exists' });
  });

  it('a new run is locked until unlockKey; a wrong passphrase is a clear error that does not contain it', async () => {
    const { fingerprint } = await call<KeyStatus>('keyStatus', {});
    chooser.asked = { outputFolder: 0, packetFile: 0, importFiles: 0 };
    dispatch = run(new FakeOsProtection('basic_text'));
    const locked = await call<KeyStatus>('keyStatus', {});
    expect(locked).toMatchObject({ state: 'locked', protection: 'passphrase', fingerprint: null, problem: null });
    expect(await failure('publicKey', {})).toMatchObject({ code: 'key-locked' });
    expect(await failure('pack', { taskId: 'pack-locked', scope: await scope(), note })).toMatchObject({ code: 'key-locked', hint: expect.stringMatching(/[Uu]nlock/) });
    expect(chooser.asked.outputFolder).toBe(0);

    const wrong = await dispatch('unlockKey', { passphrase: WRONG }, ctx);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'key-passphrase-wrong' } });
    expect(JSON.stringify(wrong)).not.toContain(WRONG);
    expect(JSON.stringify(wrong)).not.toContain(WRONG.slice(0, 8));
    expect(await call<KeyStatus>('keyStatus', {})).toMatchObject({ state: 'locked' });

    const unlocked = await call<KeyStatus>('unlockKey', { passphrase: PASSPHRASE });
    expect(unlocked).toMatchObject({ state: 'ready', protection: 'passphrase', fingerprint });
    expect(JSON.stringify(unlocked)).not.toContain(PASSPHRASE);
  });

  it('hands out the public key, which node:crypto reads and whose fingerprint matches', async () => {
    const { pem, fingerprint } = await call<PublicKeyView>('publicKey', {});
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
    const key = createPublicKey(pem);
    expect(key.asymmetricKeyType).toBe('ed25519');
    const der = key.export({ type: 'spki', format: 'der' });
    expect(`SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`).toBe(fingerprint);
    expect(pem).not.toMatch(/PRIVATE/);
  });

  it('trusts, lists and stops trusting signers', async () => {
    const { fingerprint } = await call<PublicKeyView>('publicKey', {});
    expect(await call('listTrustedSigners', {})).toEqual({ signers: [] });
    const trusted = await call<{ signer: TrustedSignerView; signers: TrustedSignerView[] }>('trustSigner', { name: '  Ana (laptop) ', fingerprint });
    expect(trusted.signer).toEqual({ name: 'Ana (laptop)', fingerprint, addedAt: expect.stringMatching(/Z$/) });
    expect(trusted.signers).toEqual([trusted.signer]);
    expect(await call('listTrustedSigners', {})).toEqual({ signers: [trusted.signer] });
    expect(await call('untrustSigner', { fingerprint })).toEqual({ removed: true, signers: [] });
    expect(await call('untrustSigner', { fingerprint })).toEqual({ removed: false, signers: [] });
    // Shaped like a fingerprint, but with stray bits in its last character: not canonical, refused by the core.
    expect(await failure('trustSigner', { name: 'x', fingerprint: `${fingerprint.slice(0, -1)}${fingerprint.endsWith('B') ? 'C' : 'B'}` })).toMatchObject({
      code: 'fingerprint-invalid',
    });
  });

  const note: NoteFields = {
    why: 'Blocked requests after the 0.2.0 rollout.',
    supports: ['INC-2041'],
    request_ids: [],
    escalation_ids: [],
    limitations: ['Staging was out of scope.'],
    deeper_context: 'events',
    free_text: 'Packed through the bridge.',
    reviewer: { name: 'Ana' },
  };
  /** The scope of what was pulled: the first events job's window. */
  const scope = async (): Promise<ReviewScope> => {
    const job = session.db.prepare("SELECT raw_json FROM export_jobs WHERE type = 'events' ORDER BY id LIMIT 1").get() as { raw_json: string } | undefined;
    const window = job ? (JSON.parse(job.raw_json) as { window: { from: string; to: string } }).window : { from: '2026-03-20T00:00:00Z', to: '2026-03-20T06:00:00Z' };
    return { window: { relative: '6h', ...window }, types: ['events', 'escalations'], request_ids: [], escalation_ids: [], references: ['INC-2041'], why: note.why };
  };
  let packed: PackOutcomeView;

  it('packs after a pull into the folder the chooser returns; the zip verifies with openssl and sha256sum', async () => {
    const { outcomes } = await call<{ outcomes: { status: string }[] }>('pull', {
      taskId: 'pull-1',
      exports: [{ type: 'events', format: 'csv' }, { type: 'escalations', format: 'json' }],
      window: { time_window: '6h' },
    });
    expect(outcomes.map((o) => o.status)).toEqual(['pulled', 'pulled']);
    chooser.folder = outDir;
    events.length = 0;
    packed = await call<PackOutcomeView>('pack', { taskId: 'pack-1', scope: await scope(), note, includeHost: true });
    expect(dirname(packed.path)).toBe(outDir);
    expect(basename(packed.path)).toMatch(/^evidence-INC-2041-\d{8}T\d{6}Z\.zip$/);
    const zip = await readFile(packed.path);
    expect(packed).toMatchObject({ bytes: zip.length, sha256: createHash('sha256').update(zip).digest('hex'), overall: expect.stringMatching(/^(pass|warn|fail)$/) });
    const { fingerprint, pem } = await call<PublicKeyView>('publicKey', {});
    expect(packed.fingerprint).toBe(fingerprint);
    expect(packed.packetId).toMatch(/^pkt-/);
    const progress = events.filter((e) => e.name === 'progress').map((e) => e.payload as { taskId: string; kind: string; value: number | null });
    expect(progress.every((p) => p.taskId === 'pack-1')).toBe(true);
    expect(progress.some((p) => p.kind === 'zip')).toBe(true);
    expect(progress.at(-1)!.value).toBe(1);
    expect(await call('latestValidation', {})).toMatchObject({ runId: packed.validationRunId });

    const unzipped = join(dir, 'unzipped');
    await mkdir(unzipped);
    await sh(`unzip -q '${packed.path}'`, unzipped);
    const bag = join(unzipped, basename(packed.path, '.zip'));
    await sh('openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in tagmanifest-sha256.txt -sigfile tagmanifest-sha256.txt.sig', bag);
    await sh('sha256sum -c tagmanifest-sha256.txt && sha256sum -c manifest-sha256.txt', bag);
    expect(await readFile(join(bag, 'signer.pub.pem'), 'utf8')).toBe(pem);
    const signed = cryptoVerify(null, await readFile(join(bag, 'tagmanifest-sha256.txt')), createPublicKey(pem), await readFile(join(bag, 'tagmanifest-sha256.txt.sig')));
    expect(signed).toBe(true);
    const evidence = JSON.parse(await readFile(join(bag, 'evidence.json'), 'utf8')) as { host?: { os_user: string; host_name: string } };
    expect(evidence.host).toMatchObject({ os_user: 'ana', host_name: expect.any(String) });

    const chain = custodyChain(session.db, session.workspace.id);
    expect(chain.slice(-3).map((e) => [e.action, e.artifact_sha256])).toEqual([
      ['signed', packed.sha256],
      ['verified', packed.sha256],
      ['exported', packed.sha256],
    ]);
    expect(verifyChain(chain)).toEqual([]);
  });

  it('verifies that zip as valid-untrusted, then valid-trusted once the signer is trusted, touching nothing', async () => {
    const before = { custody: custodyChain(session.db, session.workspace.id).length, files: await readdir(outDir) };
    chooser.packet = packed.path;
    events.length = 0;
    const untrusted = await call<VerificationView>('verifyPacket', { taskId: 'verify-1' });
    expect(untrusted).toMatchObject({ path: packed.path, status: 'valid-untrusted', packetId: packed.packetId, fingerprint: packed.fingerprint, signerName: null });
    expect(untrusted.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(untrusted.files.every((f) => f.ok)).toBe(true);
    const progress = events.filter((e) => e.name === 'progress').map((e) => e.payload as { taskId: string; kind: string; value: number | null });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.taskId === 'verify-1' && p.kind === 'verify')).toBe(true);
    expect(progress.at(-1)!.value).toBe(1);

    await call('trustSigner', { name: 'Ana', fingerprint: packed.fingerprint });
    const trusted = await call<VerificationView>('verifyPacket', { taskId: 'verify-2' });
    expect(trusted).toMatchObject({ status: 'valid-trusted', signerName: 'Ana' });

    // No custody entry, no import, no file written next to the packet.
    expect(custodyChain(session.db, session.workspace.id)).toHaveLength(before.custody);
    expect(await readdir(outDir)).toEqual(before.files);
  });

  it('answers cancelled when the user closes a chooser, writing nothing', async () => {
    const before = { custody: custodyChain(session.db, session.workspace.id).length, files: await readdir(outDir) };
    chooser.folder = null;
    expect(await failure('pack', { taskId: 'pack-2', scope: await scope(), note })).toMatchObject({ code: 'cancelled' });
    chooser.packet = null;
    expect(await failure('verifyPacket', { taskId: 'verify-3' })).toMatchObject({ code: 'cancelled' });
    expect(custodyChain(session.db, session.workspace.id)).toHaveLength(before.custody);
    expect(await readdir(outDir)).toEqual(before.files);
  });

  it('cancels a pack by task id while its folder is being chosen', async () => {
    const before = custodyChain(session.db, session.workspace.id).length;
    let answer!: (folder: string | null) => void;
    chooser.folder = new Promise((resolve) => (answer = resolve));
    const running = dispatch('pack', { taskId: 'pack-3', scope: await scope(), note }, ctx);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await call('cancelTask', { taskId: 'pack-3' })).toEqual({ cancelled: true });
    answer(outDir);
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(custodyChain(session.db, session.workspace.id)).toHaveLength(before);
  });

  it('answers not-implemented where the host has no keys or choosers', async () => {
    const bare = bridge.dispatcher();
    expect(await failure('keyStatus', {}, bare)).toMatchObject({ code: 'not-implemented' });
    expect(await failure('verifyPacket', { taskId: 'v' }, bare)).toMatchObject({ code: 'not-implemented' });
  });

  const goodScope: ReviewScope = { window: { from: '2026-03-20T00:00:00Z', to: '2026-03-21T00:00:00Z' }, types: [], request_ids: [], escalation_ids: [] };
  const fp = 'SHA256:' + 'A'.repeat(43);
  it.each([
    ['createKey', { passphrase: PASSPHRASE, protection: 'none' }],
    ['createKey', { passphrase: 'short' }],
    ['createKey', { passphrase: 12345678 }],
    ['createKey', { passphrase: 'x'.repeat(1025) }],
    ['unlockKey', {}],
    ['unlockKey', { passphrase: '' }],
    ['unlockKey', { passphrase: ['a', 'b'] }],
    ['keyStatus', { verbose: true }],
    ['publicKey', { private: true }],
    ['trustSigner', { name: 'Ana', fingerprint: 'SHA256:short' }],
    ['trustSigner', { name: 'Ana', fingerprint: `sha256:${'A'.repeat(43)}` }],
    ['trustSigner', { name: 'Ana', fingerprint: `${fp}=` }],
    ['trustSigner', { name: '', fingerprint: fp }],
    ['trustSigner', { name: 'Ana', fingerprint: fp, publicKeyPem: 'x' }],
    ['untrustSigner', { fingerprint: 'AA:BB' }],
    ['pack', { taskId: 'p', scope: goodScope, note, outDir: '/tmp' }],
    ['pack', { taskId: 'p', scope: goodScope, note, includeHost: 'yes' }],
    ['pack', { taskId: 'p', scope: goodScope }],
    ['pack', { taskId: 'p', scope: goodScope, note: { ...note, extra: 1 } }],
    ['pack', { taskId: '../p', scope: goodScope, note }],
    ['verifyPacket', { taskId: 'v', path: '/etc/passwd' }],
    ['verifyPacket', {}],
  ])('refuses a bad %s request before any work starts', async (method, payload) => {
    chooser.asked = { outputFolder: 0, packetFile: 0, importFiles: 0 };
    const result = await dispatch(method, payload, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(JSON.stringify(result)).not.toContain(PASSPHRASE);
    expect(chooser.asked).toEqual({ outputFolder: 0, packetFile: 0, importFiles: 0 });
  });
});
