import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PacketHistoryView, VerificationView } from '../../../shared/bridge/types';
import { HistoryScreen } from '../../../renderer/src/screens/history/HistoryScreen';
import { emptyHistoryState, useHistory } from '../../../renderer/src/stores/history';
import { emptyNavigationState, useNavigation } from '../../../renderer/src/stores/navigation';
import { emptyPacketState, usePacket } from '../../../renderer/src/stores/packet';
import { emptyVerifyState, useVerify } from '../../../renderer/src/stores/verify';
import { flush, installBridge, mountEachTest, ok } from './bridge-double';

const SHA = 'cd'.repeat(32);
const packets: PacketHistoryView[] = [
  {
    packetId: 'pkt-20260321T100000Z-aaaaaaaaaaaa',
    createdAt: '2026-03-21T10:00:00Z',
    path: '/home/ann/packets/evidence-INC-1-20260321T100000Z.zip',
    sha256: SHA,
    present: true,
    entries: [
      { seq: 11, at: '2026-03-21T10:00:00Z', action: 'packed', actor: 'Ann Auditor', subject: { packet_id: 'pkt-20260321T100000Z-aaaaaaaaaaaa' }, artifactSha256: null },
      { seq: 14, at: '2026-03-21T10:00:01Z', action: 'exported', actor: 'Ann Auditor', subject: { packet_id: 'pkt-20260321T100000Z-aaaaaaaaaaaa', path: '/home/ann/packets/x.zip', n: 2 }, artifactSha256: SHA },
    ],
  },
  { packetId: 'pkt-20260320T100000Z-bbbbbbbbbbbb', createdAt: '2026-03-20T10:00:00Z', path: '/gone/old.zip', sha256: null, present: false, entries: [] },
];
const verification = { path: packets[0]!.path, status: 'invalid', packetId: packets[0]!.packetId, fingerprint: null, signerName: null, findings: [{ severity: 'error', check: 'signature', file: null, message: 'Bad.' }], files: [] } as unknown as VerificationView;

const ui = mountEachTest();
beforeEach(() => {
  useHistory.setState(emptyHistoryState());
  usePacket.setState(emptyPacketState());
  useVerify.setState({ state: emptyVerifyState() });
  useNavigation.setState(emptyNavigationState());
});

describe('HistoryScreen', () => {
  it('lists the packets: created in UTC with local time, id, short sha256, path, present or missing', async () => {
    installBridge({ listPackets: () => ok({ packets }) });
    ui.render(<HistoryScreen />);
    await flush();
    expect(ui.container.querySelector('[role=status]')!.textContent).toBe('2 packets in this workspace.');
    const rows = [...ui.container.querySelectorAll('table.history-table > tbody > tr')];
    expect(rows).toHaveLength(2);
    const cells = [...rows[0]!.querySelectorAll('td')].map((td) => td.textContent);
    expect(cells[1]).toMatch(/^2026-03-21T10:00:00Z \(.+ local\)$/);
    expect(cells.slice(2)).toEqual([packets[0]!.packetId, `${SHA.slice(0, 12)}…`, packets[0]!.path, 'Present']);
    expect([...rows[1]!.querySelectorAll('td')].map((td) => td.textContent).slice(3)).toEqual(['—', '/gone/old.zip', 'Missing']);
  });

  it('opens a row for its custody entries and actions; verifies, shows in folder, packs again', async () => {
    const bridge = installBridge({ listPackets: () => ok({ packets }), verifyPacket: () => ok(verification), showPacketInFolder: () => ok({ shown: false }) });
    ui.render(<HistoryScreen />);
    await flush();
    const toggle = ui.button(`Details of ${packets[0]!.packetId}`)!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    act(() => toggle.click());
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const details = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    const custody = details.querySelector('table.custody-table')!;
    expect(custody.querySelector('caption')!.textContent).toBe(`Custody entries of ${packets[0]!.packetId}`);
    const entries = [...custody.querySelectorAll(':scope > tbody > tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(entries[0]![0]).toBe('11');
    expect(entries[0]![1]).toMatch(/^2026-03-21T10:00:00Z \(/);
    expect(entries[0]!.slice(2)).toEqual(['packed', 'Ann Auditor', `packet_id: ${packets[0]!.packetId}`]);
    expect(entries[1]![4]).toBe(`packet_id: ${packets[0]!.packetId}path: /home/ann/packets/x.zipn: 2`);

    await act(async () => ui.button('Verify')!.click());
    await flush();
    expect(bridge.requests('verifyPacket')).toEqual([{ taskId: expect.stringMatching(/^verify-/), packetId: packets[0]!.packetId }]);
    expect(details.textContent).toContain('Invalid — 1 problem');

    await act(async () => ui.button('Show in folder')!.click());
    await flush();
    expect(bridge.requests('showPacketInFolder')).toEqual([{ packetId: packets[0]!.packetId }]);
    expect(details.textContent).toContain('The packet is no longer where it was written');

    act(() => ui.button('See every finding in the Verify step')!.click());
    expect(useNavigation.getState().step).toBe('verify');
    expect(useVerify.getState().state).toMatchObject({ status: 'done', result: { status: 'invalid' } });

    usePacket.setState({ run: { status: 'failed', error: { code: 'internal', message: 'x', hint: '' } } });
    act(() => ui.button('Pack again')!.click());
    expect(useNavigation.getState().step).toBe('packet');
    expect(usePacket.getState().run).toEqual({ status: 'idle', notice: null });
  });

  it('disables Verify and Show in folder for a packet whose file is missing, saying why', async () => {
    installBridge({ listPackets: () => ok({ packets }) });
    ui.render(<HistoryScreen />);
    await flush();
    act(() => ui.button(`Details of ${packets[1]!.packetId}`)!.click());
    expect(ui.button('Verify')!.disabled).toBe(true);
    expect(ui.button('Show in folder')!.disabled).toBe(true);
    expect(ui.container.textContent).toContain('no longer where it was written');
    expect(ui.container.textContent).toContain('No custody entries are recorded for this packet.');
  });

  it('says when there are none yet, and when they cannot be listed', async () => {
    const bridge = installBridge({ listPackets: () => ok({ packets: [] }) });
    ui.render(<HistoryScreen />);
    await flush();
    expect(ui.container.textContent).toContain('No packets have been made in this workspace yet.');
    act(() => ui.button('Go to the Packet step')!.click());
    expect(useNavigation.getState().step).toBe('packet');

    bridge.handlers.listPackets = () => ({ ok: false, error: { code: 'cache-unavailable', message: 'The cache is locked.', hint: 'Close the other window.' } });
    await act(async () => ui.button('Refresh')!.click());
    await flush();
    expect(ui.container.querySelector('[role=alert]')!.textContent).toBe('The packets could not be listed. The cache is locked.Close the other window.');
  });
});
