import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, markStepShown, type MenuActions } from '../../../electron/main/menu';
import { STEPS } from '../../../shared/steps';

const noop: MenuActions = { showStep: () => {}, openPacket: () => {}, importFiles: () => {}, showAbout: () => {}, openDocumentation: () => {}, openLogsFolder: () => {} };

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label?.replace('&', '') === label);
  return (menu?.submenu ?? []) as MenuItemConstructorOptions[];
}

describe('the application menu', () => {
  it('lists every step of the path under Go with Ctrl/Cmd+number, wired to showStep', () => {
    const shown: string[] = [];
    const template = buildMenuTemplate('Evidence Packager', 'linux', { ...noop, showStep: (s) => void shown.push(s) });
    const go = submenu(template, 'Go');
    expect(go.map((item) => item.label)).toEqual(STEPS.map((s) => s.label));
    expect(go.map((item) => item.accelerator)).toEqual(STEPS.map((_s, i) => `CmdOrCtrl+${i + 1}`));
    for (const item of go) (item.click as () => void)();
    expect(shown).toEqual(STEPS.map((s) => s.id));
    expect(go.map((item) => [item.type, item.checked])).toEqual(STEPS.map((_s, i) => ['radio', i === 0]));
  });

  it('marks the step on screen by its Go item id, and ignores a menu without it', () => {
    const items = new Map(STEPS.map((s) => [`go-${s.id}`, { checked: false }]));
    markStepShown({ getMenuItemById: (id) => items.get(id) ?? null }, 'validate');
    expect([...items].filter(([, item]) => item.checked).map(([id]) => id)).toEqual(['go-validate']);
    expect(() => markStepShown(null, 'scope')).not.toThrow();
    expect(() => markStepShown({ getMenuItemById: () => null }, 'scope')).not.toThrow();
  });

  it('has an app menu with About on macOS, and About under Help elsewhere', () => {
    let about = 0;
    const actions = { ...noop, showAbout: () => void about++ };
    const mac = buildMenuTemplate('Evidence Packager', 'darwin', actions);
    expect(mac[0]!.label).toBe('Evidence Packager');
    const linux = buildMenuTemplate('Evidence Packager', 'linux', actions);
    const help = submenu(linux, 'Help');
    const aboutItem = help.find((item) => item.label === 'About Evidence Packager');
    (aboutItem!.click as () => void)();
    expect(about).toBe(1);
    expect(linux.map((m) => m.label?.replace('&', ''))).toEqual(['File', 'Edit', 'View', 'Go', 'Help']);
  });

  it.each(['linux', 'win32', 'darwin'] as const)('File opens a packet (Ctrl/Cmd+O) and imports files (Ctrl/Cmd+I), each wired to its action (%s)', (platform) => {
    const called: string[] = [];
    const actions: MenuActions = { ...noop, openPacket: () => void called.push('openPacket'), importFiles: () => void called.push('importFiles') };
    const file = submenu(buildMenuTemplate('Evidence Packager', platform, actions), 'File');
    const open = file.find((item) => item.label === 'Open Packet…')!;
    const imp = file.find((item) => item.label === 'Import Files…')!;
    expect([open.accelerator, imp.accelerator]).toEqual(['CmdOrCtrl+O', 'CmdOrCtrl+I']);
    (open.click as () => void)();
    (imp.click as () => void)();
    expect(called).toEqual(['openPacket', 'importFiles']);
    expect(file.at(-1)!.role).toBe(platform === 'darwin' ? 'close' : 'quit');
  });

  it('Help opens the documentation and the logs folder', () => {
    const called: string[] = [];
    const actions: MenuActions = { ...noop, openDocumentation: () => void called.push('docs'), openLogsFolder: () => void called.push('logs') };
    for (const platform of ['linux', 'darwin'] as const) {
      const help = submenu(buildMenuTemplate('Evidence Packager', platform, actions), 'Help');
      (help.find((item) => item.label === 'Documentation')!.click as () => void)();
      (help.find((item) => item.label === 'Open Logs Folder')!.click as () => void)();
    }
    expect(called).toEqual(['docs', 'logs', 'docs', 'logs']);
  });

  it('keeps Edit (clipboard roles) and View (zoom, full screen, dev tools)', () => {
    const template = buildMenuTemplate('Evidence Packager', 'linux', noop);
    expect(submenu(template, 'Edit').map((item) => item.role).filter(Boolean)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(submenu(template, 'View').map((item) => item.role).filter(Boolean)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'toggleDevTools']);
  });
});
