import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, markStepShown } from '../../../electron/main/menu';
import { STEPS } from '../../../shared/steps';

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label?.replace('&', '') === label);
  return (menu?.submenu ?? []) as MenuItemConstructorOptions[];
}

describe('the application menu', () => {
  it('lists every step of the path under Go with Ctrl/Cmd+number, wired to showStep', () => {
    const shown: string[] = [];
    const template = buildMenuTemplate('Evidence Packager', 'linux', { showStep: (s) => shown.push(s), showAbout: () => {}, openDocumentation: () => {} });
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
    const actions = { showStep: () => {}, showAbout: () => void about++, openDocumentation: () => {} };
    const mac = buildMenuTemplate('Evidence Packager', 'darwin', actions);
    expect(mac[0]!.label).toBe('Evidence Packager');
    const linux = buildMenuTemplate('Evidence Packager', 'linux', actions);
    const help = submenu(linux, 'Help');
    const aboutItem = help.find((item) => item.label === 'About Evidence Packager');
    (aboutItem!.click as () => void)();
    expect(about).toBe(1);
    expect(linux.map((m) => m.label?.replace('&', ''))).toEqual(['File', 'Edit', 'View', 'Go', 'Help']);
  });
});
