import { beforeEach, describe, expect, it } from 'vitest';
import { runMenuCommand, subscribeToBridgeEvents } from '../../../renderer/src/events';
import { emptyNavigationState, useNavigation } from '../../../renderer/src/stores/navigation';
import { emptyPullState, usePull } from '../../../renderer/src/stores/pull';
import { emptyVerifyState, useVerify } from '../../../renderer/src/stores/verify';
import type { EvidenceBridge } from '../../../shared/bridge/contract';
import { flush, installBridge, ok } from './bridge-double';

describe('menu commands from the main process', () => {
  beforeEach(() => {
    useNavigation.setState(emptyNavigationState());
    useVerify.setState({ state: emptyVerifyState() });
    usePull.setState(emptyPullState());
  });

  it('File → Open Packet… shows Verify and asks the main process for a packet (its chooser answers, never a path from here)', async () => {
    const bridge = installBridge({ verifyPacket: () => ({ ok: false, error: { code: 'cancelled', message: 'No packet was chosen.', hint: '' } }) });
    runMenuCommand('open-packet');
    expect(useNavigation.getState().step).toBe('verify');
    await flush();
    expect(bridge.calls.filter((c) => c.method === 'verifyPacket').map((c) => Object.keys(c.request as object))).toEqual([['taskId']]);
    expect(useVerify.getState().state).toEqual({ status: 'idle' });
  });

  it('File → Import Files… shows Pull and opens the import chooser', async () => {
    const bridge = installBridge({ chooseImportFiles: () => ok({ files: [] }) });
    runMenuCommand('import-files');
    expect(useNavigation.getState().step).toBe('pull');
    await flush();
    expect(bridge.calls.map((c) => c.method)).toContain('chooseImportFiles');
  });

  it('is subscribed to the menuCommand event', () => {
    const subscribed: string[] = [];
    const bridge = new Proxy({} as EvidenceBridge, {
      get: (_t, name) => (name === 'on' ? (event: string) => (subscribed.push(event), () => {}) : undefined),
    });
    Object.defineProperty(window, 'evidence', { value: bridge, configurable: true });
    subscribeToBridgeEvents()();
    expect(subscribed).toContain('menuCommand');
  });
});
