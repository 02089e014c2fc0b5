import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { isAppUrl } from './app-origin';
import { openExternalSafely } from './external-links';
import { packetReportId } from './protocol';

/** The one set of web preferences every window gets. Tests assert these; nothing loosens them. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    enableWebSQL: false,
    devTools: true,
  };
}

/** A sub-frame navigation to a packet report the app serves (app://evidence/__packet-report/<id>). */
export function isPacketReportFrame(details: { url?: unknown; isMainFrame?: unknown }): boolean {
  if (details.isMainFrame !== false || typeof details.url !== 'string' || !isAppUrl(details.url)) return false;
  return packetReportId(new URL(details.url).pathname) !== null;
}

/** The parts of a WebContents the hardening needs. */
export interface HardenableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, ...args: unknown[]) => void): unknown;
  on(event: 'will-attach-webview' | 'select-bluetooth-device', listener: (event: { preventDefault(): void }, ...args: unknown[]) => void): unknown;
}

/** The parts of a Session the hardening needs. */
export interface HardenableSession {
  setPermissionRequestHandler(handler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((wc: unknown, permission: string) => boolean) | null): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
  on(event: 'select-hid-device' | 'select-serial-port' | 'select-usb-device', listener: (event: { preventDefault(): void }, details: unknown, callback: (id?: string) => void) => void): unknown;
}

/**
 * Denies every way out of the app: new windows (allow-listed https links go to the OS browser),
 * navigation, redirects and webviews.
 */
export function hardenContents(contents: HardenableContents, shell: { openExternal(url: string): Promise<void> }): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(shell, url).catch((error: unknown) => console.error('[links] could not open an external link:', error));
    return { action: 'deny' };
  });
  // The app is a single page loaded by the main process; no page-initiated navigation is ever legitimate.
  const stayHome = (event: { preventDefault(): void }) => event.preventDefault();
  contents.on('will-navigate', stayHome);
  // One exception: a verified packet's report, loaded into the Verify step's sandboxed frame (never the top frame).
  contents.on('will-frame-navigate', (event: { preventDefault(): void; url?: unknown; isMainFrame?: unknown }) => {
    if (!isPacketReportFrame(event)) event.preventDefault();
  });
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Without a handler Electron picks the first Bluetooth device it finds; choose none instead.
  contents.on('select-bluetooth-device', (event: { preventDefault(): void }, _devices: unknown, callback?: unknown) => {
    event.preventDefault();
    if (typeof callback === 'function') (callback as (id: string) => void)('');
  });
}

/** Denies every permission (camera, notifications, geolocation, …): the app needs none. */
export function denyAllPermissions(session: HardenableSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // No display-media handler on purpose: without one, Electron refuses getDisplayMedia outright.
  for (const chooser of ['select-hid-device', 'select-serial-port', 'select-usb-device'] as const) {
    session.on(chooser, (event, _details, callback) => {
      event.preventDefault();
      callback();
    });
  }
}

/** Options of the main window. */
export function mainWindowOptions(preloadPath: string, bounds: { width: number; height: number; x?: number; y?: number }): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Evidence Packager',
    backgroundColor: '#1b1d21',
    webPreferences: secureWebPreferences(preloadPath),
  };
}
