import { describe, expect, it } from 'vitest';
import { channels, methodNames } from '../../../shared/bridge/contract';
import { createDispatcher } from '../../../electron/core/bridge/dispatcher';
import { createServices } from '../../../electron/core/services';
import type { Session } from '../../../electron/core/session';

/** These tests exercise the bridge, not the cache: any service that needs a session is a test bug. */
const noSession = (): Session => {
  throw new Error('no session in this test');
};
import { registerBridge, type InvokeEventLike, type IpcMainLike } from '../../../electron/main/ipc';

/** A stand-in for Electron's ipcMain that lets a test invoke a channel as a renderer would. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  }
}

const OUR_WINDOW = 7;
const ourFrame = { url: 'app://evidence/index.html', parent: null };
const fromOurWindow: InvokeEventLike = { sender: { id: OUR_WINDOW }, senderFrame: ourFrame };

function setUp() {
  const ipc = new FakeIpcMain();
  const services = createServices({ runtime: 'electron', app: { name: 'Evidence Packager', version: '1.0.0' }, dataSource: () => ({ kind: 'none' }), session: noSession });
  const unregister = registerBridge(ipc, createDispatcher(services), () => new Set([OUR_WINDOW]), { emit: () => {} });
  return { ipc, unregister };
}

describe('registerBridge (the IPC adapter)', () => {
  it('registers every method of the map, and unregisters them all', () => {
    const { ipc, unregister } = setUp();
    expect([...ipc.handlers.keys()].sort()).toEqual(methodNames.map((m) => channels.method(m)).sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('passes a good payload from our window to the service', async () => {
    const { ipc } = setUp();
    const result = await ipc.invoke(channels.method('appInfo'), fromOurWindow, {});
    expect(result).toMatchObject({ ok: true, value: { name: 'Evidence Packager', runtime: 'electron' } });
  });

  it('rejects a bad payload with invalid-request', async () => {
    const { ipc } = setUp();
    const result = await ipc.invoke(channels.method('appInfo'), fromOurWindow, { injected: '<script>' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('rejects extra arguments', async () => {
    const { ipc } = setUp();
    const result = await ipc.invoke(channels.method('appInfo'), fromOurWindow, {}, 'second');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it.each<[string, InvokeEventLike]>([
    ['another window', { sender: { id: 99 }, senderFrame: ourFrame }],
    ['a null senderFrame', { sender: { id: OUR_WINDOW }, senderFrame: null }],
    ['an iframe in our window', { sender: { id: OUR_WINDOW }, senderFrame: { url: 'app://evidence/index.html', parent: ourFrame } }],
    ['a foreign origin in our window', { sender: { id: OUR_WINDOW }, senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a file:// page', { sender: { id: OUR_WINDOW }, senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
    ['a look-alike host', { sender: { id: OUR_WINDOW }, senderFrame: { url: 'app://evidence.evil/index.html', parent: null } }],
  ])('rejects %s as an untrusted sender', async (_label, event) => {
    const { ipc } = setUp();
    const result = await ipc.invoke(channels.method('appInfo'), event, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
  });
});
