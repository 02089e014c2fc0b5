import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ArtifactView, KeyStatus, PackOutcomeView, VerificationView } from '../../../shared/bridge/types';
import type { Result } from '../../../shared/result';
import { PacketScreen } from '../../../renderer/src/screens/packet/PacketScreen';
import { emptyNavigationState, useNavigation } from '../../../renderer/src/stores/navigation';
import { emptyNoteState, useNote } from '../../../renderer/src/stores/note';
import { emptyPacketState, usePacket } from '../../../renderer/src/stores/packet';
import { emptyScopeState, useScope } from '../../../renderer/src/stores/scope';
import { emptyVerifyState, useVerify } from '../../../renderer/src/stores/verify';
import { deferred, flush, installBridge, mountEachTest, ok, type Handlers } from './bridge-double';

const FINGERPRINT = 'SHA256:' + 'B'.repeat(43);
const SHA = 'ab'.repeat(32);
const noOs = { available: false, backend: 'basic_text', refusedBecause: 'Linux has no keyring here (basic_text)' };
const keyOf = (state: KeyStatus['state'], extra: Partial<KeyStatus> = {}): KeyStatus => ({
  state,
  protection: state === 'none' ? null : 'passphrase',
  fingerprint: state === 'ready' ? FINGERPRINT : null,
  osProtection: noOs,
  problem: null,
  ...extra,
});
const artifact = (id: number, type: string): ArtifactView =>
  ({ id, type, format: 'csv', originalFilename: `keeptrusts-${type}.csv`, bytes: 2048, sha256: SHA, source: 'pulled', recordCount: 3, firstRecordAt: null, lastRecordAt: null, addedAt: '2026-03-20T10:00:00Z', provenance: {} }) as ArtifactView;
const outcome = (overall: PackOutcomeView['overall'] = 'pass'): PackOutcomeView => ({
  path: '/home/ann/packets/evidence-INC-4521-20260320T100000Z.zip',
  sha256: SHA,
  bytes: 123_456,
  packetId: 'pkt-20260320T100000Z-0123456789ab',
  fingerprint: FINGERPRINT,
  overall,
  validationRunId: 4,
});
const verification: VerificationView = {
  path: outcome().path,
  status: 'valid-trusted',
  packetId: outcome().packetId,
  fingerprint: FINGERPRINT,
  signerName: 'Ann Auditor',
  findings: [],
  files: [],
} as unknown as VerificationView;

/** A bridge for a reviewer who has a scope, a note, two files and a passing validation. */
function bridgeWith(handlers: Handlers = {}) {
  return installBridge({
    keyStatus: () => ok(keyOf('ready')),
    listArtifacts: () => ok({ artifacts: [artifact(1, 'events'), artifact(2, 'escalations')] }),
    latestValidation: () => ok({ runId: 3, report: { generated_at: '2026-03-20T09:00:00Z', overall: 'pass', limitations: [] } as never }),
    ...handlers,
  });
}

function fillScopeAndNote() {
  useScope.getState().setField('why', 'Quarterly access review');
  useScope.getState().setField('referencesText', 'INC-4521');
  useNote.getState().setField('reviewerName', 'Ann Auditor');
}

const ui = mountEachTest();
beforeEach(() => {
  localStorage.clear();
  useScope.setState(emptyScopeState());
  useNote.setState(emptyNoteState());
  usePacket.setState(emptyPacketState());
  useVerify.setState({ state: emptyVerifyState() });
  useNavigation.setState(emptyNavigationState());
});

describe('the signing key', () => {
  it('is created under a passphrase typed twice when the OS keyring cannot protect it', async () => {
    const bridge = bridgeWith({ keyStatus: () => ok(keyOf('none')), createKey: () => ok(keyOf('ready')) });
    ui.render(<PacketScreen />);
    await flush();
    expect(ui.container.textContent).toContain("This computer's keyring cannot protect the key (Linux has no keyring here (basic_text))");
    expect(ui.container.querySelector('input[type=radio][name=key-protection]')).toBeNull();
    expect(ui.button('Choose folder and write packet')!.disabled).toBe(true);
    expect(ui.container.textContent).toContain('Create or unlock the signing key first.');

    const passphrase = ui.field('Passphrase');
    const again = ui.field('The same passphrase again');
    ui.type(passphrase, 'short');
    await act(async () => ui.button('Create the signing key')!.click());
    expect(passphrase.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(passphrase);
    expect(ui.container.textContent).toContain('At least 8 characters.');
    ui.type(passphrase, 'a long passphrase');
    ui.type(again, 'a long passphrasE');
    await act(async () => ui.button('Create the signing key')!.click());
    expect(again.getAttribute('aria-invalid')).toBe('true');
    expect(ui.container.textContent).toContain('The two passphrases differ.');
    expect(bridge.requests('createKey')).toEqual([]);

    ui.type(again, 'a long passphrase');
    await act(async () => ui.button('Create the signing key')!.click());
    await flush();
    expect(bridge.requests('createKey')).toEqual([{ passphrase: 'a long passphrase' }]);
    expect(ui.container.querySelector('[data-testid=key-fingerprint]')!.textContent).toBe(FINGERPRINT);
    expect(ui.button('Copy fingerprint')).toBeDefined();
  });

  it('is created under the OS keyring by default when it can, with the passphrase still offered', async () => {
    const os = { available: true, backend: 'gnome_libsecret', refusedBecause: null };
    const bridge = bridgeWith({ keyStatus: () => ok(keyOf('none', { osProtection: os })), createKey: () => ok(keyOf('ready', { protection: 'os', osProtection: os })) });
    ui.render(<PacketScreen />);
    await flush();
    expect(ui.field("This computer's keyring").checked).toBe(true);
    expect(ui.container.querySelector('input[type=password]')).toBeNull();
    act(() => ui.field('A passphrase').click());
    expect(ui.container.querySelectorAll('input[type=password]')).toHaveLength(2);
    act(() => ui.field("This computer's keyring").click());
    await act(async () => ui.button('Create the signing key')!.click());
    await flush();
    expect(bridge.requests('createKey')).toEqual([{}]);
    expect(ui.container.textContent).toContain("protected by this computer's keyring");
  });

  it('is unlocked with its passphrase; a wrong one is said as an alert', async () => {
    const bridge = bridgeWith({
      keyStatus: () => ok(keyOf('locked')),
      unlockKey: ({ passphrase }) =>
        passphrase === 'right one' ? ok(keyOf('ready')) : ({ ok: false, error: { code: 'key-passphrase-wrong', message: 'That passphrase does not open the key.', hint: 'Type it again.' } } as Result<KeyStatus>),
    });
    ui.render(<PacketScreen />);
    await flush();
    await act(async () => ui.button('Unlock')!.click());
    expect(ui.container.textContent).toContain('Enter the passphrase.');
    ui.type(ui.field('Passphrase'), 'wrong');
    await act(async () => ui.button('Unlock')!.click());
    await flush();
    expect(ui.container.querySelector('[role=alert]')!.textContent).toBe('That passphrase does not open the key.Type it again.');
    ui.type(ui.field('Passphrase'), 'right one');
    await act(async () => ui.button('Unlock')!.click());
    await flush();
    expect(bridge.requests('unlockKey')).toEqual([{ passphrase: 'wrong' }, { passphrase: 'right one' }]);
    expect(ui.container.querySelector('[data-testid=key-fingerprint]')!.textContent).toBe(FINGERPRINT);
  });
});

describe('packing', () => {
  it('shows what will be packed and what stops it, with the step that fixes it', async () => {
    bridgeWith({ listArtifacts: () => ok({ artifacts: [] }), latestValidation: () => ok(null) });
    useScope.getState().setField('why', 'Review');
    ui.render(<PacketScreen />);
    await flush();
    const summary = ui.container.querySelector('[data-testid=pack-summary]')!.textContent!;
    expect(summary).toContain('Export typesEvents, Escalations');
    expect(summary).toContain('Export filesnone yet');
    expect(summary).toContain('Latest validationnone yet');
    const blockers = ui.container.querySelector('[data-testid=packet-blockers]')!.textContent!;
    expect(blockers).toContain('The note is not complete: Enter your name');
    expect(blockers).toContain('There are no export files in this workspace yet.');
    expect(ui.button('Choose folder and write packet')!.disabled).toBe(true);
    act(() => ui.button('Go to the Note step')!.click());
    expect(useNavigation.getState().step).toBe('note');
  });

  it('packs with progress by stage, then shows the packet: path, sha256 and signer with copy, verify now, show in folder', async () => {
    const packed = deferred<Result<PackOutcomeView>>();
    const bridge = bridgeWith({
      pack: () => packed.promise,
      verifyPacket: () => ok(verification),
      showPacketInFolder: () => ok({ shown: true }),
    });
    fillScopeAndNote();
    ui.render(<PacketScreen />);
    await flush();
    expect(ui.container.querySelector('[data-testid=pack-files]')!.textContent).toBe('2 files (4.0 KB): Events, Escalations');
    act(() => ui.field("Include this computer's user and host name").click());
    await act(async () => ui.button('Choose folder and write packet')!.click());
    await flush();
    const [request] = bridge.requests('pack');
    expect(request).toMatchObject({ scope: { why: 'Quarterly access review', references: ['INC-4521'] }, note: { reviewer: { name: 'Ann Auditor' }, supports: ['INC-4521'] }, includeHost: true });
    expect(ui.container.textContent).toContain('Waiting for you to choose a folder');

    const { taskId } = request!;
    const progress = (kind: 'validate' | 'zip' | 'verify', value: number, title: string) => act(() => usePacket.getState().receiveProgress({ taskId, kind, value, title, detail: 'data/NOTE.md' }));
    act(() => usePacket.getState().receiveProgress({ taskId: 'another-task', kind: 'zip', value: 0.9, title: 'Not ours', detail: '' }));
    expect(ui.container.querySelector('[role=progressbar]')).toBeNull();
    progress('validate', 0.2, 'Validating');
    progress('zip', 0.5, 'Writing the packet');
    const bar = ui.container.querySelector('[role=progressbar]')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(ui.container.querySelector('.stage-status')!.textContent).toBe('Stage 2 of 3: Write and sign the packet');
    expect([...ui.container.querySelectorAll('.pack-stages li')].map((li) => li.textContent)).toEqual([
      '✓ Validate the files again (done)',
      '● Write and sign the packet (in progress)',
      '○ Verify what was written (to do)',
    ]);

    packed.resolve(ok(outcome()));
    await flush();
    expect(ui.container.querySelector('[data-testid=pack-path]')!.textContent).toBe(outcome().path);
    expect(ui.container.querySelector('[data-testid=pack-sha256]')!.textContent).toBe(SHA);
    expect(ui.container.querySelector('[data-testid=pack-fingerprint]')!.textContent).toBe(FINGERPRINT);
    expect(document.activeElement?.id).toBe('result-heading');
    expect(ui.container.querySelector('[data-testid=pack-result-warning]')).toBeNull();

    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void copied.push(t) }, configurable: true });
    await act(async () => ui.button('Copy SHA-256')!.click());
    await act(async () => ui.button('Copy fingerprint')!.click());
    expect(copied).toEqual([SHA, FINGERPRINT]);
    expect([...ui.container.querySelectorAll('.copy-outcome')].map((s) => s.textContent)).toEqual(['Copied.', 'Copied.']);

    await act(async () => ui.button('Verify now')!.click());
    await flush();
    expect(bridge.requests('verifyPacket')).toEqual([{ taskId: expect.stringMatching(/^verify-/), packetId: outcome().packetId }]);
    expect(ui.container.querySelector('[data-testid=pack-verdict]')!.textContent).toContain('Valid — signed by Ann Auditor (trusted)');

    await act(async () => ui.button('Show in folder')!.click());
    await flush();
    expect(bridge.requests('showPacketInFolder')).toEqual([{ packetId: outcome().packetId }]);
    expect(ui.container.textContent).toContain('Shown in the file manager.');

    act(() => ui.button('See every finding in the Verify step')!.click());
    expect(useNavigation.getState().step).toBe('verify');
    expect(useVerify.getState().state).toEqual({ status: 'done', result: verification, trust: { busy: false, error: null } });
  });

  it('says so when a packet was written with warnings or failures', async () => {
    bridgeWith({ pack: () => ok(outcome('fail')) });
    fillScopeAndNote();
    ui.render(<PacketScreen />);
    await flush();
    await act(async () => ui.button('Choose folder and write packet')!.click());
    await flush();
    expect(ui.container.querySelector('[data-testid=pack-result-warning]')!.textContent).toContain('did not pass cleanly (fail)');
    expect(ui.container.querySelector('.overall-fail')!.textContent).toContain('Failed checks');
  });

  it('goes back to ready when the folder dialog is closed; shows other errors with their hint', async () => {
    const bridge = bridgeWith({ pack: () => ({ ok: false, error: { code: 'cancelled', message: 'No folder was chosen, so no packet was written.', hint: '' } }) });
    fillScopeAndNote();
    ui.render(<PacketScreen />);
    await flush();
    await act(async () => ui.button('Choose folder and write packet')!.click());
    await flush();
    expect(ui.container.querySelector('[role=alert]')).toBeNull();
    expect(ui.container.querySelector('[data-testid=pack-notice]')!.textContent).toBe('No folder was chosen, so no packet was written.');
    expect(ui.button('Choose folder and write packet')!.disabled).toBe(false);

    bridge.handlers.pack = () => ({ ok: false, error: { code: 'write-failed', message: 'The folder is read-only.', hint: 'Choose another folder.' } });
    await act(async () => ui.button('Choose folder and write packet')!.click());
    await flush();
    expect(ui.container.querySelector('[role=alert]')!.textContent).toBe('No packet was written. The folder is read-only.Choose another folder.');
    await act(async () => ui.button('Back to the packet')!.click());
    await flush();
    expect(ui.button('Choose folder and write packet')).toBeDefined();
  });

  it('cancels the running pack by its task id', async () => {
    const packed = deferred<Result<PackOutcomeView>>();
    const bridge = bridgeWith({
      pack: () => packed.promise,
      cancelTask: () => {
        packed.resolve({ ok: false, error: { code: 'cancelled', message: 'Cancelled by the user.', hint: '' } });
        return ok({ cancelled: true });
      },
    });
    fillScopeAndNote();
    ui.render(<PacketScreen />);
    await flush();
    await act(async () => ui.button('Choose folder and write packet')!.click());
    await flush();
    const { taskId } = bridge.requests('pack')[0]!;
    act(() => usePacket.getState().receiveProgress({ taskId, kind: 'validate', value: null, title: 'Validating', detail: '' }));
    expect(ui.container.querySelector('[role=progressbar]')!.hasAttribute('aria-valuenow')).toBe(false);
    await act(async () => ui.button('Cancel')!.click());
    await flush();
    expect(bridge.requests('cancelTask')).toEqual([{ taskId }]);
    expect(ui.container.querySelector('[data-testid=pack-notice]')!.textContent).toBe('Cancelled by the user.');
  });
});
