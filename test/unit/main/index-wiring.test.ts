import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A fake `electron` module: records what the main process wires before 'ready' (which never comes here). */
const fake = vi.hoisted(() => {
  const state = {
    dir: '',
    lock: true,
    appListeners: new Map<string, ((...args: unknown[]) => void)[]>(),
    quit: 0,
    schemes: [] as unknown[],
  };
  const app = {
    getPath: (name: string) => `${state.dir}/${name}`,
    getName: () => 'Evidence Packager',
    getVersion: () => '9.9.9',
    isReady: () => false,
    isPackaged: false,
    requestSingleInstanceLock: () => state.lock,
    quit: () => void state.quit++,
    exit: () => {},
    on: (event: string, listener: (...args: unknown[]) => void) => {
      state.appListeners.set(event, [...(state.appListeners.get(event) ?? []), listener]);
      return app;
    },
    whenReady: () => new Promise<void>(() => {}),
  };
  const electron = {
    app,
    protocol: { registerSchemesAsPrivileged: (schemes: unknown) => void state.schemes.push(schemes), handle: () => {} },
    BrowserWindow: { getFocusedWindow: () => null },
    dialog: { showMessageBox: async () => ({ response: 0 }), showErrorBox: () => {}, showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
    ipcMain: { handle: () => {}, removeHandler: () => {} },
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (t: unknown) => t, getApplicationMenu: () => null },
    net: { fetch: () => {} },
    safeStorage: {},
    screen: {},
    session: {},
    shell: {},
    clipboard: { writeText: () => {} },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

describe('the main process entry (with a fake electron module)', () => {
  let before: { uncaught: number; rejection: number };
  beforeEach(async () => {
    vi.resetModules();
    fake.state.dir = await mkdtemp(join(tmpdir(), 'main-entry-'));
    fake.state.appListeners.clear();
    fake.state.quit = 0;
    before = { uncaught: process.listenerCount('uncaughtException'), rejection: process.listenerCount('unhandledRejection') };
  });
  afterEach(async () => {
    // Remove the listeners the entry added, so the test runner's own stay in charge.
    for (const listener of process.listeners('uncaughtException').slice(before.uncaught)) process.off('uncaughtException', listener);
    for (const listener of process.listeners('unhandledRejection').slice(before.rejection)) process.off('unhandledRejection', listener);
    await rm(fake.state.dir, { recursive: true, force: true });
  });

  it('takes the single-instance lock and wires second launches, opened files, the lifecycle and crash reporting', async () => {
    fake.state.lock = true;
    await import('../../../electron/main/index');
    expect([...fake.state.appListeners.keys()].sort()).toEqual(['activate', 'open-file', 'second-instance', 'will-quit', 'window-all-closed']);
    expect(fake.state.quit).toBe(0);
    expect(fake.state.schemes).not.toHaveLength(0);
    expect(process.listenerCount('uncaughtException')).toBe(before.uncaught + 1);
    expect(process.listenerCount('unhandledRejection')).toBe(before.rejection + 1);
    // The start is logged to main.log in the app's log folder.
    expect(await readFile(join(fake.state.dir, 'logs', 'main.log'), 'utf8')).toMatch(/INFO {2}\[app\] Evidence Packager 9\.9\.9 starting/);
    // A non-packet file handed over by macOS is left to the OS.
    let prevented = false;
    for (const listener of fake.state.appListeners.get('open-file')!) listener({ preventDefault: () => (prevented = true) }, '/tmp/notes.txt');
    expect(prevented).toBe(false);
    for (const listener of fake.state.appListeners.get('open-file')!) listener({ preventDefault: () => (prevented = true) }, '/tmp/packet.zip');
    expect(prevented).toBe(true);
  });

  it('quits at once when another instance holds the lock', async () => {
    fake.state.lock = false;
    await import('../../../electron/main/index');
    expect(fake.state.quit).toBe(1);
    expect(fake.state.appListeners.size).toBe(0);
  });
});
