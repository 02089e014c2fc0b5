import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, net, protocol, safeStorage, screen, session as electronSession, shell } from 'electron';
import { release, userInfo } from 'node:os';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { channels, type EventName, type EventPayload, type MenuCommand } from '../../shared/bridge/contract';
import { createDispatcher } from '../core/bridge/dispatcher';
import { startDemo, type Demo } from '../core/demo';
import { createServices } from '../core/services';
import { PacketDocuments } from '../core/services/packet-documents';
import { createSecretStore, openWorkspaceManager, type WorkspaceManager } from '../core/workspaces';
import { APP_ENTRY_URL } from './app-origin';
import { crashReport, createCrashHandler, type CrashKind, type CrashTarget, type ReportVersions } from './crash';
import { chooseImportFiles, chooseOutputFolder, choosePacketFile } from './dialogs';
import { openExternalSafely } from './external-links';
import { registerBridge } from './ipc';
import { createLogFile } from './log-file';
import { buildMenuTemplate, markStepShown } from './menu';
import { packetPathFromArgv, PendingPacket, WindowCommands } from './open-packet';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { osProtectionFromSafeStorage } from './safe-storage';
import { denyAllPermissions, hardenContents, mainWindowOptions } from './window';
import { fitToDisplays, loadWindowState, trackWindowState, WINDOW_STATE_FILE } from './window-state';

const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, '..', 'preload', 'index.cjs');
const windows = new Set<BrowserWindow>();
let demo: Demo | undefined;
let workspaces: WorkspaceManager | undefined;
let started = false;
let quitting = false;

/** The app's log folder (app.getPath('logs'); userData/logs if Electron cannot name one). */
function logsDir(): string {
  try {
    return app.getPath('logs');
  } catch {
    return join(app.getPath('userData'), 'logs');
  }
}

/** main.log in the log folder: rotated at 1 MB (3 kept), every line scrubbed of secrets, also on the console. */
const log = createLogFile({ dir: logsDir() });

const crashVersions: ReportVersions = {
  app: app.getVersion(),
  electron: process.versions.electron,
  chrome: process.versions.chrome,
  node: process.versions.node,
  platform: process.platform,
  arch: process.arch,
  osRelease: release(),
};

const crash = createCrashHandler({
  versions: crashVersions,
  showMessageBox: (options) => {
    const parent = dialogParent();
    return parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
  },
  copy: (text) => clipboard.writeText(text),
  reload: () => {
    const [win] = [...windows].filter((w) => !w.isDestroyed());
    if (win) win.webContents.reload();
    else if (started) void createMainWindow();
  },
  quit: () => app.quit(),
  log: (message, report) => log.error(message, report),
});

/** An unexpected error: logged, and (once the app is ready) a dialog with a copyable report. */
function reportCrash(kind: CrashKind, error: unknown, at?: CrashTarget): Promise<void> {
  if (!app.isReady()) {
    // No message boxes before 'ready'; the error box can be shown (it blocks), with the same scrubbed report.
    const report = crashReport(kind, error, crashVersions);
    log.error(`[crash] ${kind} before the app was ready:`, report);
    dialog.showErrorBox('Evidence Packager could not start', report);
    return Promise.resolve();
  }
  return crash(kind, error, at);
}

function emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
  for (const win of windows) if (!win.isDestroyed()) win.webContents.send(channels.events, { name, payload });
}

/** Menu and OS commands for the window, held until its page listens (see WindowCommands). */
const commands = new WindowCommands<MenuCommand>((command) => emit('menuCommand', { command }));
/** A packet the OS asked us to open; the Verify step's chooser answers it instead of its dialog. */
const pendingPacket = new PendingPacket();

async function createMainWindow(): Promise<BrowserWindow> {
  const statePath = join(app.getPath('userData'), WINDOW_STATE_FILE);
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)];
  const saved = fitToDisplays(await loadWindowState(statePath), displays);
  const { maximized, ...bounds } = saved;
  const win = new BrowserWindow(mainWindowOptions(preloadPath, bounds));
  windows.add(win);
  trackWindowState(win, { path: statePath, onError: (error) => log.warn('[window] could not save the window state:', error) });
  win.on('closed', () => {
    windows.delete(win);
    if (windows.size === 0) commands.notReady();
  });
  win.once('ready-to-show', () => {
    // maximize() shows the window too, so only once there is something to show.
    if (maximized) win.maximize();
    win.show();
  });
  watchWindowHealth(win);
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** A dead or hung renderer gets the crash dialog (reload brings the saved drafts back). */
function watchWindowHealth(win: BrowserWindow): void {
  const contents = win.webContents;
  // A new page in the top frame does not listen yet; it says so with its first stepShown.
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) commands.notReady();
  });
  contents.on('render-process-gone', (_event, details) => {
    commands.notReady();
    if (quitting || details.reason === 'clean-exit') return;
    const error = Object.assign(new Error(`The window's process ended (${details.reason}, exit code ${details.exitCode}).`), { name: 'RenderProcessGone' });
    void reportCrash('renderer-gone', error, { reload: () => !win.isDestroyed() && contents.reload() });
  });
  let hung: AbortController | null = null;
  win.on('unresponsive', () => {
    if (hung) return;
    const controller = new AbortController();
    hung = controller;
    const error = Object.assign(new Error('The window has not answered for a while.'), { name: 'Unresponsive' });
    void reportCrash('unresponsive', error, { reload: () => !win.isDestroyed() && contents.reload(), signal: controller.signal }).finally(() => {
      // Wait or Reload: a later hang asks again.
      if (hung === controller) hung = null;
    });
  });
  win.on('responsive', () => {
    hung?.abort();
    hung = null;
  });
}

/** The window a dialog belongs to: the focused one, else the first still open (null: a free-standing dialog). */
function dialogParent(): BrowserWindow | null {
  const focused = BrowserWindow.getFocusedWindow();
  if (focused && windows.has(focused)) return focused;
  return [...windows].find((w) => !w.isDestroyed()) ?? null;
}

function focusExistingWindow(): void {
  const [win] = [...windows].filter((w) => !w.isDestroyed());
  if (!win) {
    // macOS keeps running without a window; a second launch or an opened file brings one back.
    if (started) void createMainWindow();
    return;
  }
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}

/**
 * A packet (.zip) opened from the OS (a second launch's arguments, macOS's open-file, the first launch's
 * arguments): the window comes forward, goes to Verify and verifies that file (the main process answers
 * the chooser with it; the path never passes through the renderer).
 */
function openPacketFromOs(path: string): void {
  log.info('[open] a packet was opened from the OS');
  pendingPacket.offer(path);
  focusExistingWindow();
  commands.run('open-packet');
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
    onStepShown: (step) => {
      markStepShown(Menu.getApplicationMenu(), step);
      // The page has subscribed to events before its first stepShown: commands that waited go now.
      commands.ready();
    },
    // Paths to write to, packets to verify and files to import come from native dialogs here, never from the renderer.
    choose: {
      outputFolder: () => chooseOutputFolder(dialog, dialogParent()),
      packetFile: () => {
        const opened = pendingPacket.take();
        return opened !== null ? Promise.resolve(opened) : choosePacketFile(dialog, dialogParent());
      },
      importFiles: () => chooseImportFiles(dialog, dialogParent()),
    },
    // Only paths the core looked up in the custody log (showPacketInFolder), never one from the renderer.
    reveal: (path) => shell.showItemInFolder(path),
  });
  const dispatch = createDispatcher(services, (method, error) => log.error(`[bridge] ${method} failed:`, error));
  const ourIds = () => new Set([...windows].filter((w) => !w.isDestroyed()).map((w) => w.webContents.id));
  registerBridge(ipcMain, dispatch, ourIds, { emit });

  const menu = buildMenuTemplate(app.getName(), process.platform, {
    showStep: (step) => emit('navigate', { step }),
    openPacket: () => {
      pendingPacket.take(); // the user asked for the dialog: an unused packet from the OS no longer counts
      commands.run('open-packet');
    },
    importFiles: () => commands.run('import-files'),
    showAbout: () => {
      const [win] = windows;
      const detail = `Version ${app.getVersion()}\nElectron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`;
      void (win ? dialog.showMessageBox(win, { type: 'info', message: app.getName(), detail }) : dialog.showMessageBox({ type: 'info', message: app.getName(), detail }));
    },
    openDocumentation: () => {
      openExternalSafely(shell, 'https://docs.keeptrusts.com/').catch((error: unknown) => log.error('[links] could not open the documentation:', error));
    },
    openLogsFolder: () => {
      const dir = logsDir();
      mkdir(dir, { recursive: true })
        .then(() => shell.openPath(dir))
        .then((failure) => failure && log.warn('[logs] could not open the log folder:', failure))
        .catch((error: unknown) => log.warn('[logs] could not open the log folder:', error));
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu));
  await createMainWindow();
  started = true;
  const launchedWith = packetPathFromArgv(process.argv, process.cwd());
  if (launchedWith) openPacketFromOs(launchedWith);
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
process.on('uncaughtException', (error) => void reportCrash('main-error', error));
process.on('unhandledRejection', (reason) => void reportCrash('unhandled-rejection', reason));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  log.info(`[app] ${app.getName()} ${app.getVersion()} starting (Electron ${process.versions.electron}, ${process.platform} ${process.arch})`);
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const packet = packetPathFromArgv(argv, workingDirectory);
    if (packet) openPacketFromOs(packet);
    else focusExistingWindow();
  });
  // macOS: a packet double-clicked or dropped on the Dock icon; it may come before 'ready' (then it waits).
  app.on('open-file', (event, path) => {
    if (!/\.zip$/i.test(path)) return;
    event.preventDefault();
    if (started) openPacketFromOs(path);
    else {
      pendingPacket.offer(path);
      commands.run('open-packet');
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // macOS sends activate on first launch too; only reopen a window once start-up has finished.
  app.on('activate', () => {
    if (started && windows.size === 0) void createMainWindow();
  });
  app.on('will-quit', quitCleanly);
  app.whenReady().then(start).catch((error: unknown) => {
    log.error('[app] could not start:', error);
    dialog.showErrorBox('The app could not start', error instanceof Error ? error.message : String(error));
    app.quit();
  });
}
