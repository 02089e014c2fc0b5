import { scrubLogText } from './log-file';

/** Versions and platform for a report (process.versions, app.getVersion(), process.platform/arch). */
export interface ReportVersions {
  app: string;
  electron?: string;
  chrome?: string;
  node?: string;
  platform: string;
  arch?: string;
  osRelease?: string;
}

/** What went wrong, in the words a report needs. */
export type CrashKind = 'main-error' | 'unhandled-rejection' | 'renderer-gone' | 'unresponsive';

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const head = `${error.name}: ${error.message}`;
    const stack = error.stack ?? '';
    // V8 stacks start with the same "Name: message" line; do not repeat it.
    return stack.startsWith(head) ? stack : [head, stack].filter(Boolean).join('\n');
  }
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/**
 * A plain-text report a user can paste into a ticket: when, what, versions and platform, the error's
 * name, message and stack, all scrubbed of secrets. No paths to the user's files are added here.
 */
export function crashReport(kind: CrashKind, error: unknown, versions: ReportVersions, when: Date = new Date()): string {
  const lines = [
    `Evidence Packager ${versions.app} — ${kind}`,
    `Time: ${when.toISOString()}`,
    `Electron ${versions.electron ?? '?'}, Chromium ${versions.chrome ?? '?'}, Node ${versions.node ?? '?'}`,
    `Platform: ${versions.platform}${versions.arch ? ` ${versions.arch}` : ''}${versions.osRelease ? ` (${versions.osRelease})` : ''}`,
    '',
    describeError(error),
  ];
  return scrubLogText(lines.join('\n')).slice(0, 16_000);
}

/** The short message above the report, and which buttons fit. */
export function crashWording(kind: CrashKind): { message: string; buttons: CrashButton[] } {
  switch (kind) {
    case 'renderer-gone':
      return {
        message: 'The window stopped working. Your scope and note drafts are saved; reloading the window brings them back.',
        buttons: ['reload', 'copy', 'quit'],
      };
    case 'unresponsive':
      return { message: 'The window is not responding. You can wait, or reload it (your scope and note drafts are saved).', buttons: ['wait', 'reload', 'copy'] };
    default:
      return {
        message: 'Something unexpected went wrong in the app. Your scope and note drafts are saved. If it happens again, copy the report and send it to your administrator.',
        buttons: ['continue', 'copy', 'reload', 'quit'],
      };
  }
}

export type CrashButton = 'continue' | 'wait' | 'copy' | 'reload' | 'quit';
const BUTTON_LABELS: Record<CrashButton, string> = { continue: 'Keep working', wait: 'Wait', copy: 'Copy report', reload: 'Reload window', quit: 'Quit' };

/** The options of Electron's showMessageBox the handler uses. */
export interface CrashBoxOptions {
  type: 'error' | 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: true;
  signal?: AbortSignal;
}

export interface CrashDeps {
  versions: ReportVersions;
  showMessageBox(options: CrashBoxOptions): Promise<{ response: number }>;
  copy(text: string): void;
  /** Reloads the app's window (when the call names none). */
  reload(): void;
  quit(): void;
  log(message: string, report: string): void;
  now?: () => Date;
}

/** Which window a report is about: its reload, and a signal that closes the dialog (the window answers again). */
export interface CrashTarget {
  reload?: () => void;
  signal?: AbortSignal;
}

/**
 * Shows what went wrong: a short message, the report as the dialog's detail, and buttons. "Copy report"
 * puts the report on the clipboard and shows the dialog again; one dialog at a time (a burst of errors
 * is logged, not stacked). Never throws: a failure here is only logged.
 */
export function createCrashHandler(deps: CrashDeps): (kind: CrashKind, error: unknown, at?: CrashTarget) => Promise<void> {
  let showing = false;
  return async (kind, error, at = {}) => {
    const { signal } = at;
    let report = '';
    try {
      report = crashReport(kind, error, deps.versions, deps.now?.());
      deps.log(`[crash] ${kind}`, report);
    } catch {
      // a report that cannot be made still gets the dialog below, without detail
    }
    if (showing) return;
    showing = true;
    try {
      const { message, buttons } = crashWording(kind);
      const labels = buttons.map((b) => BUTTON_LABELS[b]);
      const first = buttons[0]!;
      for (let round = 0; round < 10; round++) {
        const options: CrashBoxOptions = {
          type: kind === 'unresponsive' ? 'warning' : 'error',
          title: 'Evidence Packager',
          message,
          detail: report,
          buttons: labels,
          defaultId: 0,
          // Escape or closing the box: the first button (keep working, wait; for a dead window, reload).
          cancelId: 0,
          noLink: true,
          ...(signal ? { signal } : {}),
        };
        const { response } = await deps.showMessageBox(options);
        if (signal?.aborted) return;
        const chosen = buttons[response] ?? first;
        if (chosen === 'copy') {
          deps.copy(report);
          continue;
        }
        if (chosen === 'reload') (at.reload ?? deps.reload)();
        else if (chosen === 'quit') deps.quit();
        return;
      }
    } catch (failure) {
      try {
        deps.log('[crash] the error dialog failed', describeError(failure));
      } catch {
        // nothing more to do
      }
    } finally {
      showing = false;
    }
  };
}
