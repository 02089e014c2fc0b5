import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channels, methodNames, type EvidenceBridge } from '../../../shared/bridge/contract';

// A fake of the two Electron objects the preload touches, to check what it exposes and sends.
const exposed = new Map<string, unknown>();
const invoked: [string, unknown[]][] = [];
const listeners = new Map<string, ((event: unknown, message: unknown) => void)[]>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      invoked.push([channel, args]);
      return { ok: true, value: 'answer' };
    },
    on: (channel: string, listener: (event: unknown, message: unknown) => void) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
    removeListener: (channel: string, listener: (event: unknown, message: unknown) => void) => {
      listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener));
    },
  },
}));

describe('the preload', () => {
  beforeEach(async () => {
    exposed.clear();
    invoked.length = 0;
    listeners.clear();
    vi.resetModules();
    await import('../../../electron/preload/index');
  });

  it('exposes only window.evidence, with one named function per method plus on — never ipcRenderer', () => {
    expect([...exposed.keys()]).toEqual(['evidence']);
    const api = exposed.get('evidence') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'on'].sort());
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
  });

  it('sends each call on its own channel with exactly one argument', async () => {
    const api = exposed.get('evidence') as EvidenceBridge;
    expect(await api.appInfo({})).toEqual({ ok: true, value: 'answer' });
    expect(invoked).toEqual([[channels.method('appInfo'), [{}]]]);
  });

  it('delivers events to subscribers and removes its listener on unsubscribe', () => {
    const api = exposed.get('evidence') as EvidenceBridge;
    const seen: unknown[] = [];
    const off = api.on('navigate', (payload) => seen.push(payload));
    const [listener] = listeners.get(channels.events)!;
    listener!({}, { name: 'navigate', payload: { step: 'verify' } });
    listener!({}, 'garbage');
    listener!({}, { name: 'progress', payload: {} });
    expect(seen).toEqual([{ step: 'verify' }]);
    off();
    expect(listeners.get(channels.events)).toEqual([]);
  });
});
