import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../electron/main/external-links';
import { denyAllPermissions, hardenContents, isPacketReportFrame, mainWindowOptions, secureWebPreferences, type HardenableContents } from '../../../electron/main/window';

type Listener = (event: { preventDefault(): void }, ...args: unknown[]) => void;

class FakeContents implements HardenableContents {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  readonly listeners = new Map<string, Listener[]>();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  /** Fires an event and says whether every listener let it through. */
  fire(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    for (const listener of this.listeners.get(event) ?? []) listener({ preventDefault: () => (prevented = true) }, ...args);
    return !prevented;
  }
}

describe('the secure window factory', () => {
  it('uses the hardened web preferences, always', () => {
    const prefs = mainWindowOptions('/app/preload.cjs', { width: 1000, height: 700 }).webPreferences;
    expect(prefs).toEqual(secureWebPreferences('/app/preload.cjs'));
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });

  it('denies new windows and opens only allow-listed https links outside', async () => {
    const contents = new FakeContents();
    const opened: string[] = [];
    hardenContents(contents, { openExternal: async (url) => void opened.push(url) });
    for (const url of ['https://docs.keeptrusts.com/guide', 'http://docs.keeptrusts.com/', 'https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(opened).toEqual(['https://docs.keeptrusts.com/guide']);
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s, whatever the target', (event) => {
    const contents = new FakeContents();
    hardenContents(contents, { openExternal: async () => {} });
    expect(contents.fire(event, 'https://evil.example/')).toBe(false);
    expect(contents.fire(event, 'app://evidence/index.html')).toBe(false);
  });

  it('lets only a sub-frame load a packet report from the app origin; everything else stays put', () => {
    const report = 'app://evidence/__packet-report/AAAAAAAAAAAAAAAAAAAAAA';
    const fire = (details: object) => {
      const contents = new FakeContents();
      hardenContents(contents, { openExternal: async () => {} });
      let prevented = false;
      for (const listener of contents.listeners.get('will-frame-navigate') ?? []) listener({ preventDefault: () => (prevented = true), ...details });
      return !prevented;
    };
    expect(fire({ url: report, isMainFrame: false })).toBe(true);
    expect(fire({ url: `${report}#scope`, isMainFrame: false })).toBe(true);
    expect(fire({ url: report, isMainFrame: true })).toBe(false);
    expect(fire({ url: report })).toBe(false);
    expect(fire({ url: 'app://evidence/index.html', isMainFrame: false })).toBe(false);
    expect(fire({ url: 'https://evil.example/__packet-report/AAAAAAAAAAAAAAAAAAAAAA', isMainFrame: false })).toBe(false);
    expect(fire({ url: 'app://evidence/__packet-report/../index.html', isMainFrame: false })).toBe(false);
    expect(isPacketReportFrame({ url: 42, isMainFrame: false })).toBe(false);
  });

  it('denies every permission request and check, every device, and picks no device in any chooser', () => {
    let request: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
    let check: ((wc: unknown, permission: string) => boolean) | null = null;
    let device: ((details: unknown) => boolean) | null = null;
    const choosers = new Map<string, (event: { preventDefault(): void }, details: unknown, callback: (id?: string) => void) => void>();
    denyAllPermissions({
      setPermissionRequestHandler: (h) => void (request = h),
      setPermissionCheckHandler: (h) => void (check = h),
      setDevicePermissionHandler: (h) => void (device = h),
      on: (event, listener) => choosers.set(event, listener),
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'display-capture', 'openExternal']) {
      let granted: boolean | undefined;
      request!(null, permission, (g) => (granted = g));
      expect(granted).toBe(false);
      expect(check!(null, permission)).toBe(false);
    }
    expect(device!({ deviceType: 'usb' })).toBe(false);
    expect([...choosers.keys()].sort()).toEqual(['select-hid-device', 'select-serial-port', 'select-usb-device']);
    for (const chooser of choosers.values()) {
      let prevented = false;
      let chosen: string | undefined = 'not called';
      chooser({ preventDefault: () => (prevented = true) }, {}, (id) => (chosen = id));
      expect(prevented).toBe(true);
      expect(chosen).toBeUndefined();
    }
  });

  it('chooses no Bluetooth device', () => {
    const contents = new FakeContents();
    hardenContents(contents, { openExternal: async () => {} });
    let chosen: string | undefined;
    expect(contents.fire('select-bluetooth-device', [{ deviceId: 'a' }], (id: string) => (chosen = id))).toBe(false);
    expect(chosen).toBe('');
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://docs.keeptrusts.com/x', true],
    ['https://keeptrusts.com/', true],
    ['http://keeptrusts.com/', false],
    ['https://user:pw@keeptrusts.com/', false],
    ['https://keeptrusts.com.evil.example/', false],
    ['https://127.0.0.1/', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});
