import { describe, expect, it } from 'vitest';
import { crashReport, createCrashHandler, type CrashBoxOptions, type CrashDeps } from '../../../electron/main/crash';

const versions = { app: '1.2.3', electron: '44.0.0', chrome: '140.0.1', node: '22.1.0', platform: 'linux', arch: 'x64', osRelease: '6.8.0' };
const when = new Date('2026-03-20T10:30:00Z');

describe('crashReport', () => {
  it('names the versions, the platform and the error with its stack', () => {
    const error = new TypeError('cannot read x');
    const report = crashReport('main-error', error, versions, when);
    expect(report).toContain('Evidence Packager 1.2.3 — main-error');
    expect(report).toContain('Time: 2026-03-20T10:30:00.000Z');
    expect(report).toContain('Electron 44.0.0, Chromium 140.0.1, Node 22.1.0');
    expect(report).toContain('Platform: linux x64 (6.8.0)');
    expect(report).toContain('TypeError: cannot read x');
    expect(report).toContain('crash.test.ts');
    expect(report.match(/TypeError: cannot read x/g)).toHaveLength(1);
  });

  it('scrubs secrets and copes with values that are not errors', () => {
    const report = crashReport('unhandled-rejection', new Error('401 with Bearer kt_live_abcdef0123456789 for https://s3.example/a.zip?X-Amz-Signature=ff00'), versions, when);
    expect(report).not.toContain('kt_live_abcdef0123456789');
    expect(report).not.toContain('ff00');
    expect(crashReport('unhandled-rejection', 'plain reason', versions, when)).toContain('plain reason');
    expect(crashReport('unhandled-rejection', { code: 42 }, versions, when)).toContain('{"code":42}');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => crashReport('unhandled-rejection', circular, versions, when)).not.toThrow();
  });
});

function setUp(responses: number[], extra: Partial<CrashDeps> = {}) {
  const shown: CrashBoxOptions[] = [];
  const did: string[] = [];
  const logged: string[] = [];
  const handler = createCrashHandler({
    versions,
    now: () => when,
    showMessageBox: async (options) => {
      shown.push(options);
      return { response: responses.shift() ?? 0 };
    },
    copy: (text) => void did.push(`copy:${text.length > 0}`),
    reload: () => void did.push('reload'),
    quit: () => void did.push('quit'),
    log: (message) => void logged.push(message),
    ...extra,
  });
  return { handler, shown, did, logged };
}

describe('the crash dialog', () => {
  it('shows a short message with the report as detail; Copy report copies and shows it again; Quit quits', async () => {
    const { handler, shown, did, logged } = setUp([1, 3]);
    await handler('main-error', new Error('boom'));
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatchObject({ type: 'error', buttons: ['Keep working', 'Copy report', 'Reload window', 'Quit'], cancelId: 0, noLink: true });
    expect(shown[0]!.message).toMatch(/drafts are saved/);
    expect(shown[0]!.detail).toContain('Error: boom');
    expect(did).toEqual(['copy:true', 'quit']);
    expect(logged).toEqual(['[crash] main-error']);
  });

  it('reloads the window whose page died (the one named by the call)', async () => {
    const reloaded: string[] = [];
    const { handler, shown, did } = setUp([0]);
    await handler('renderer-gone', new Error('crashed'), { reload: () => void reloaded.push('that window') });
    expect(shown[0]!.buttons).toEqual(['Reload window', 'Copy report', 'Quit']);
    expect(reloaded).toEqual(['that window']);
    expect(did).toEqual([]);
  });

  it('shows one dialog at a time; a burst of errors is logged only', async () => {
    let release: (v: { response: number }) => void = () => {};
    const { handler, shown, logged } = setUp([], {
      showMessageBox: (options) => {
        shown.push(options);
        return shown.length === 1 ? new Promise((r) => (release = r)) : Promise.resolve({ response: 0 });
      },
    });
    const first = handler('main-error', new Error('one'));
    await handler('main-error', new Error('two'));
    expect(shown).toHaveLength(1);
    expect(logged).toHaveLength(2);
    release({ response: 0 });
    await first;
    await handler('main-error', new Error('three'));
    expect(shown).toHaveLength(2);
  });

  it('closes quietly when the window answers again (unresponsive → responsive)', async () => {
    const controller = new AbortController();
    const { handler, shown, did } = setUp([], {
      showMessageBox: async (options) => {
        shown.push(options);
        controller.abort();
        return { response: 1 };
      },
    });
    await handler('unresponsive', new Error('hung'), { signal: controller.signal, reload: () => void did.push('reload') });
    expect(shown[0]).toMatchObject({ type: 'warning', buttons: ['Wait', 'Reload window', 'Copy report'], signal: controller.signal });
    expect(did).toEqual([]);
  });

  it('never throws, even when the dialog fails', async () => {
    const { handler, logged } = setUp([], { showMessageBox: () => Promise.reject(new Error('no display')) });
    await expect(handler('main-error', new Error('boom'))).resolves.toBeUndefined();
    expect(logged).toEqual(['[crash] main-error', '[crash] the error dialog failed']);
  });
});
