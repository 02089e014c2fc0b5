import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TrustedSignerView, VerificationView } from '../../../shared/bridge/types';
import type { Result } from '../../../shared/result';
import { VerifyScreen } from '../../../renderer/src/screens/verify/VerifyScreen';
import { emptyVerifyState, useVerify } from '../../../renderer/src/stores/verify';
import { flush, installBridge, mountEachTest, ok } from './bridge-double';

const FINGERPRINT = 'SHA256:' + 'A'.repeat(43);

function view(overrides: Partial<VerificationView> = {}): VerificationView {
  return {
    path: '/packets/evidence-review-20260101T000000Z.zip',
    status: 'valid-untrusted',
    packetId: 'pkt-1',
    fingerprint: FINGERPRINT,
    signerName: null,
    findings: [{ severity: 'warning', check: 'trust', file: null, message: 'The signer is not in your trusted list.' }],
    files: [
      { path: 'evidence-review/bagit.txt', bytes: 55, sha256: 'ab', ok: true },
      { path: 'evidence-review/data/exports/events.json', bytes: 1234, sha256: 'cd', ok: true },
    ],
    note: null,
    reportId: null,
    ...overrides,
  };
}

/** A stand-in for window.evidence: each call is recorded; verifyPacket waits until the test answers it. */
function fakeBridge() {
  let answerVerify: (result: Result<VerificationView>) => void = () => {};
  const { calls, handlers } = installBridge({
    verifyPacket: () => new Promise((resolve) => (answerVerify = resolve)),
    cancelTask: () => {
      answerVerify({ ok: false, error: { code: 'cancelled', message: 'Cancelled by the user.', hint: '' } });
      return ok({ cancelled: true });
    },
    trustSigner: () => ok({ signer: {} as TrustedSignerView, signers: [] }),
  });
  return {
    calls,
    answer: (result: Result<VerificationView>) => answerVerify(result),
    failTrust: (message: string) => (handlers.trustSigner = () => ({ ok: false, error: { code: 'fingerprint-invalid', message, hint: 'Check it.' } })),
  };
}

const ui = mountEachTest();
beforeEach(() => {
  useVerify.setState({ state: emptyVerifyState() });
});

describe('the verify store', () => {
  it('goes choosing → verifying (on its own progress only) → done', async () => {
    const bridge = fakeBridge();
    const running = useVerify.getState().verify();
    const state = useVerify.getState().state;
    expect(state.status).toBe('choosing');
    const taskId = state.status === 'choosing' ? state.taskId : '';
    expect(taskId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(bridge.calls).toEqual([{ method: 'verifyPacket', request: { taskId } }]);

    useVerify.getState().receiveProgress({ taskId: 'someone-else', kind: 'download', value: 0.5, title: 'x', detail: 'y' });
    expect(useVerify.getState().state.status).toBe('choosing');
    useVerify.getState().receiveProgress({ taskId, kind: 'verify', value: 0.25, title: 'Verifying the packet', detail: 'data/NOTE.md' });
    expect(useVerify.getState().state).toEqual({ status: 'verifying', taskId, progress: { value: 0.25, title: 'Verifying the packet', detail: 'data/NOTE.md' } });

    bridge.answer({ ok: true, value: view() });
    await running;
    expect(useVerify.getState().state).toEqual({ status: 'done', result: view(), trust: { busy: false, error: null } });
  });

  it('returns to the start when the dialog is closed, and reports other errors', async () => {
    const bridge = fakeBridge();
    let running = useVerify.getState().verify();
    bridge.answer({ ok: false, error: { code: 'cancelled', message: 'No packet was chosen.', hint: '' } });
    await running;
    expect(useVerify.getState().state).toEqual({ status: 'idle' });

    running = useVerify.getState().verify();
    bridge.answer({ ok: false, error: { code: 'file-unreadable', message: 'Cannot read it.', hint: 'Check the file.' } });
    await running;
    expect(useVerify.getState().state).toMatchObject({ status: 'failed', error: { code: 'file-unreadable' } });
  });

  it('cancels the running task by its id', async () => {
    const bridge = fakeBridge();
    const running = useVerify.getState().verify();
    const state = useVerify.getState().state;
    await useVerify.getState().cancel();
    await running;
    expect(bridge.calls[1]).toEqual({ method: 'cancelTask', request: { taskId: state.status === 'choosing' ? state.taskId : '?' } });
    expect(useVerify.getState().state.status).toBe('idle');
  });

  it('trusts the signer by fingerprint and updates the verdict', async () => {
    const bridge = fakeBridge();
    useVerify.setState({ state: { status: 'done', result: view(), trust: { busy: false, error: null } } });
    await useVerify.getState().trust('  Alice Auditor ');
    expect(bridge.calls).toEqual([{ method: 'trustSigner', request: { name: 'Alice Auditor', fingerprint: FINGERPRINT } }]);
    const state = useVerify.getState().state;
    expect(state).toMatchObject({ status: 'done', result: { status: 'valid-trusted', signerName: 'Alice Auditor' }, trust: { busy: false, error: null } });
    if (state.status === 'done') expect(state.result.findings).toEqual([{ severity: 'info', check: 'trust', file: null, message: 'The signer is trusted as “Alice Auditor” (added just now).' }]);
  });

  it('keeps the verdict and shows the error when trusting fails; ignores an empty name', async () => {
    const bridge = fakeBridge();
    bridge.failTrust('That is not a fingerprint.');
    useVerify.setState({ state: { status: 'done', result: view(), trust: { busy: false, error: null } } });
    await useVerify.getState().trust('   ');
    expect(bridge.calls).toEqual([]);
    await useVerify.getState().trust('Bob');
    expect(useVerify.getState().state).toMatchObject({ status: 'done', result: { status: 'valid-untrusted' }, trust: { error: { message: 'That is not a fingerprint.' } } });
  });

  it('says plainly when there is no bridge', async () => {
    await useVerify.getState().verify();
    expect(useVerify.getState().state).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/window\.evidence is missing/) } });
  });
});

describe('VerifyScreen', () => {
  const render = () => ui.render(<VerifyScreen />);

  it('offers to open a packet, and calls the store when asked', async () => {
    const bridge = fakeBridge();
    render();
    expect(ui.container.textContent).toContain('nothing is extracted or written');
    act(() => ui.button('Open a packet…')!.click());
    expect(bridge.calls.map((c) => c.method)).toEqual(['verifyPacket']);
    expect(ui.container.textContent).toContain('Waiting for you to choose a packet');
    expect(ui.button('Open a packet…')!.disabled).toBe(true);
    expect(ui.button('Cancel')).toBeDefined();
  });

  it('shows progress as an accessible progress bar', () => {
    useVerify.setState({ state: { status: 'verifying', taskId: 't', progress: { value: 0.42, title: 'Verifying the packet', detail: 'data/report.html' } } });
    render();
    const bar = ui.container.querySelector('[role=progressbar]')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(bar.getAttribute('aria-label')).toBe('Verifying the packet');
    expect(ui.container.textContent).toContain('data/report.html');
    act(() => useVerify.setState({ state: { status: 'verifying', taskId: 't', progress: { value: null, title: 'Verifying the packet', detail: 'Checking the zip itself' } } }));
    expect(ui.container.querySelector('[role=progressbar]')!.hasAttribute('aria-valuenow')).toBe(false);
  });

  it('puts the verdict first for an unknown signer, with the full fingerprint, copy and a validated trust form', async () => {
    fakeBridge();
    useVerify.setState({ state: { status: 'done', result: view(), trust: { busy: false, error: null } } });
    render();
    const sections = [...ui.container.querySelectorAll('h2')].map((h) => h.textContent);
    expect(sections[0]).toContain('Valid — but the signer is not in your trusted list');
    expect(sections.slice(1)).toEqual(['Findings', 'Files in the packet']);
    expect(ui.container.querySelector('[data-testid=fingerprint]')!.textContent).toBe(FINGERPRINT);
    expect(ui.container.textContent).toContain('/packets/evidence-review-20260101T000000Z.zip');
    expect(ui.container.textContent).toContain('pkt-1');
    expect(document.activeElement?.id).toBe('verdict-heading');

    // Copy: the clipboard may refuse; the screen says so instead of failing silently.
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
    await act(async () => ui.button('Copy fingerprint')!.click());
    expect(ui.container.textContent).toContain('Copying was not allowed here');
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void copied.push(t) }, configurable: true });
    await act(async () => ui.button('Copy fingerprint')!.click());
    expect(copied).toEqual([FINGERPRINT]);
    expect(ui.container.textContent).toContain('Copied.');

    // The name is labelled and must not be empty.
    const input = ui.container.querySelector('input')!;
    const label = ui.container.querySelector(`label[for="${input.id}"]`);
    expect(label?.textContent).toMatch(/Signer's name/);
    act(() => ui.button('Trust this signer')!.click());
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(ui.container.textContent).toContain('Enter a name for this signer.');
    expect(useVerify.getState().state).toMatchObject({ result: { status: 'valid-untrusted' } });

    ui.type(input, 'Alice');
    act(() => ui.button('Trust this signer')!.click());
    await flush();
    expect(ui.container.querySelector('h2')!.textContent).toContain('Valid — signed by Alice (trusted)');
    expect(ui.container.querySelector('form')).toBeNull();
  });

  it('shows an invalid packet with its problem count, findings grouped by check with their files (as text), and bad files', () => {
    const html = '<img src=x onerror=alert(1)>';
    useVerify.setState({
      state: {
        status: 'done',
        trust: { busy: false, error: null },
        result: view({
          status: 'invalid',
          findings: [
            { severity: 'error', check: 'zip-safety', file: 'evidence-review/data/exports/events.json', message: 'CRC-32 does not match.' },
            { severity: 'error', check: 'payload-manifest', file: 'data/exports/events.json', message: `sha256 differs ${html}` },
            { severity: 'warning', check: 'trust', file: null, message: 'The signer is not in your trusted list.' },
          ],
          files: [{ path: 'evidence-review/data/exports/events.json', bytes: 1234, sha256: null, ok: false }],
        }),
      },
    });
    render();
    expect(ui.container.querySelector('h2')!.textContent).toContain('Invalid — 2 problems');
    expect(ui.container.querySelector('form')).toBeNull();
    expect([...ui.container.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['The zip itself', 'Payload manifest', 'Trust']);
    const first = ui.container.querySelector('.finding')!;
    expect(first.textContent).toBe('Errorevidence-review/data/exports/events.jsonCRC-32 does not match.');
    expect(ui.container.querySelector('img')).toBeNull();
    expect(ui.container.textContent).toContain(html);
    expect(ui.container.querySelector('tbody')!.textContent).toContain('Not OK');
  });

  it('shows the packet’s note as text and its report in a fully sandboxed frame, on request', () => {
    const note = '# Note\n<img src=x onerror=alert(1)>\n';
    useVerify.setState({ state: { status: 'done', trust: { busy: false, error: null }, result: view({ note, reportId: 'r3p0rt-id-0123456789ab' }) } });
    render();
    expect(ui.container.querySelector('pre')).toBeNull();
    expect(ui.container.querySelector('iframe')).toBeNull();
    const button = (name: string) => [...ui.container.querySelectorAll('button')].find((b) => b.textContent?.startsWith(name))!;
    act(() => button('Read the note').click());
    expect(ui.container.querySelector('pre#packet-note')!.textContent).toBe(note);
    expect(ui.container.querySelector('img')).toBeNull();
    expect(button('Hide the note').getAttribute('aria-expanded')).toBe('true');
    act(() => button('Open the report').click());
    expect(ui.container.querySelector('pre')).toBeNull();
    const frame = ui.container.querySelector('iframe')!;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('src')).toBe('/__packet-report/r3p0rt-id-0123456789ab');
    expect(frame.getAttribute('title')).toBe('report.html from the packet');
  });

  it('offers no documents when the packet’s copies did not match its manifest, and cautions on an invalid packet', () => {
    useVerify.setState({ state: { status: 'done', trust: { busy: false, error: null }, result: view() } });
    render();
    expect(ui.container.textContent).not.toContain('What the packet says');
    act(() => useVerify.setState({ state: { status: 'done', trust: { busy: false, error: null }, result: view({ status: 'invalid', note: 'n' }) } }));
    expect(ui.container.querySelector('.verify-caution')!.textContent).toContain('cannot be relied on');
  });

  it('shows why verifying failed, with the hint', () => {
    useVerify.setState({ state: { status: 'failed', error: { code: 'file-unreadable', message: 'Cannot read it.', hint: 'Check the file.' } } });
    render();
    expect(ui.container.querySelector('[role=alert]')!.textContent).toContain('Cannot read it.');
    expect(ui.container.querySelector('[role=alert]')!.textContent).toContain('Check the file.');
  });
});
