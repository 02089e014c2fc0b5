import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session as electronSession, shell } from 'electron';
import { userInfo } from 'node:os';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { channels, type EventName, type EventPayload } from '../../shared/bridge/contract';
import { createDispatcher } from '../core/bridge/dispatcher';
import { startDemo, type Demo } from '../core/demo';
import { createServices } from '../core/services';
import { PacketDocuments } from '../core/services/packet-documents';
import { createSecretStore, openWorkspaceManager, type WorkspaceManager } from '../core/workspaces';
import { APP_ENTRY_URL } from './app-origin';
import { chooseImportFiles, chooseOutputFolder, choosePacketFile } from './dialogs';
import { openExternalSafely } from './external-links';
import { registerBridge } from './ipc';
import { buildMenuTemplate, markStepShown } from './menu';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { osProtectionFromSafeStorage } from './safe-storage';
import { denyAllPermissions, hardenContents, mainWindowOptions } from './window';

const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, '..', 'preload', 'index.cjs');
const windows = new Set<BrowserWindow>();
let demo: Demo | undefined;
let workspaces: WorkspaceManager | undefined;
let started = false;
let quitting = false;

function emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
  for (const win of windows) if (!win.isDestroyed()) win.webContents.send(channels.events, { name, payload });
}

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath, { width: 1280, height: 820 }));
  windows.add(win);
  win.on('closed', () => windows.delete(win));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** The window a dialog belongs to: the focused one, else the first still open (null: a free-standing dialog). */
function dialogParent(): BrowserWindow | null {
  const focused = BrowserWindow.getFocusedWindow();
  if (focused && windows.has(focused)) return focused;
  return [...windows].find((w) => !w.isDestroyed()) ?? null;
}

function focusExistingWindow(): void {
  const [win] = windows;
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
}

async function start(): Promise<void> {
  const documents = new PacketDocuments();
  serveAppProtocol(protocol, rendererDir, (file) => readFile(file), documents);
  denyAllPermissions(electronSession.defaultSession);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, shell));

  demo = await startDemo();
  // After 'ready': before it, safeStorage cannot tell which keyring it has (and the core refuses 'unknown').
  const osProtection = osProtectionFromSafeStorage(safeStorage);
  const manager = await openWorkspaceManager({
    cacheDir: join(app.getPath('userData'), 'cache'),
    actor: { name: null, os_user: userInfo().username },
    // Electron's net.fetch, so system proxies and OS certificates apply to API calls.
    fetch: net.fetch.bind(net) as typeof fetch,
    // API tokens: encrypted by the OS keyring, or (without one) kept in memory only.
    secrets: createSecretStore({ dir: join(app.getPath('userData'), 'secrets'), os: osProtection }),
    demo,
    // In development node_modules holds the Node build of SQLite; `npm start` builds Electron's into dist/native.
    ...(app.isPackaged ? {} : { nativeBinding: join(__dirname, '..', 'native', 'better_sqlite3.node') }),
  });
  workspaces = manager;
  const services = createServices({
    documents,
    runtime: 'electron',
    app: { name: app.getName(), version: app.getVersion() },
    dataSource: () => manager.dataSource(),
    session: () => manager.current(),
    workspaces: manager,
    keys: { dir: join(app.getPath('userData'), 'keys'), os: () => osProtection },
    onStepShown: (step) => markStepShown(Menu.getApplicationMenu(), step),
    // Paths to write to, packets to verify and files to import come from native dialogs here, never from the renderer.
    choose: {
      outputFolder: () => chooseOutputFolder(dialog, dialogParent()),
      packetFile: () => choosePacketFile(dialog, dialogParent()),
      importFiles: () => chooseImportFiles(dialog, dialogParent()),
    },
    // Only paths the core looked up in the custody log (showPacketInFolder), never one from the renderer.
    reveal: (path) => shell.showItemInFolder(path),
  });
  const dispatch = createDispatcher(services, (method, error) => console.error(`[bridge] ${method} failed:`, error));
  const ourIds = () => new Set([...windows].filter((w) => !w.isDestroyed()).map((w) => w.webContents.id));
  registerBridge(ipcMain, dispatch, ourIds, { emit });

  const menu = buildMenuTemplate(app.getName(), process.platform, {
    showStep: (step) => emit('navigate', { step }),
    showAbout: () => {
      const [win] = windows;
      const detail = `Version ${app.getVersion()}\nElectron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`;
      void (win ? dialog.showMessageBox(win, { type: 'info', message: app.getName(), detail }) : dialog.showMessageBox({ type: 'info', message: app.getName(), detail }));
    },
    openDocumentation: () => {
      openExternalSafely(shell, 'https://docs.keeptrusts.com/').catch((error: unknown) => console.error('[links] could not open the documentation:', error));
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu));
  createMainWindow();
  started = true;
}

/** Stops the in-process demo API (removing its temp files) before the app exits, within a bound. */
function quitCleanly(event: { preventDefault(): void }): void {
  if (quitting || !demo) return;
  quitting = true;
  event.preventDefault();
  workspaces?.close();
  const timeout = new Promise((resolve) => setTimeout(resolve, 3000));
  void Promise.race([demo.close(), timeout]).finally(() => app.exit(0));
}

registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusExistingWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // macOS sends activate on first launch too; only reopen a window once start-up has finished.
  app.on('activate', () => {
    if (started && windows.size === 0) createMainWindow();
  });
  app.on('will-quit', quitCleanly);
  app.whenReady().then(start).catch((error: unknown) => {
    dialog.showErrorBox('The app could not start', error instanceof Error ? error.message : String(error));
    app.quit();
  });
}
