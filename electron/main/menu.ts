import type { MenuItemConstructorOptions } from 'electron';
import { STEPS, type StepId } from '../../shared/steps';

/** What the menu's items do; the main process wires these to windows, dialogs and the shell. */
export interface MenuActions {
  showStep(step: StepId): void;
  /** File → Open Packet…: the Verify step, then its file dialog. */
  openPacket(): void;
  /** File → Import Files…: the Pull step, then the import dialog. */
  importFiles(): void;
  showAbout(): void;
  openDocumentation(): void;
  /** Help → Open Logs Folder: the app's log folder in the OS file manager. */
  openLogsFolder(): void;
}

/** The id of a step's item in the Go menu (the window's current step is the checked one). */
export function goItemId(step: StepId): string {
  return `go-${step}`;
}

/** Marks `step` as the one on screen in the Go menu (radio items: checking one unchecks the others). */
export function markStepShown(menu: { getMenuItemById(id: string): { checked: boolean } | null } | null, step: StepId): void {
  const item = menu?.getMenuItemById(goItemId(step));
  if (item) item.checked = true;
}

/** The application menu. Go lists the reviewer's path with Ctrl/Cmd+1…9, the step on screen checked. */
export function buildMenuTemplate(appName: string, platform: NodeJS.Platform, actions: MenuActions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const macApp: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: appName,
          submenu: [
            { label: `About ${appName}`, click: () => actions.showAbout() },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  return [
    ...macApp,
    {
      label: '&File',
      submenu: [
        { id: 'file-open-packet', label: 'Open Packet…', accelerator: 'CmdOrCtrl+O', click: () => actions.openPacket() },
        { id: 'file-import-files', label: 'Import Files…', accelerator: 'CmdOrCtrl+I', click: () => actions.importFiles() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { role: 'toggleDevTools' },
      ],
    },
    {
      label: '&Go',
      submenu: STEPS.map((step, index) => ({
        id: goItemId(step.id),
        type: 'radio' as const,
        checked: index === 0,
        label: step.label,
        accelerator: `CmdOrCtrl+${index + 1}`,
        click: () => actions.showStep(step.id),
      })),
    },
    {
      role: 'help',
      label: '&Help',
      submenu: [
        { label: 'Documentation', click: () => actions.openDocumentation() },
        { id: 'help-open-logs', label: 'Open Logs Folder', click: () => actions.openLogsFolder() },
        ...(isMac ? [] : [{ type: 'separator' as const }, { label: `About ${appName}`, click: () => actions.showAbout() }]),
      ],
    },
  ];
}
