import type { OpenDialogOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { chooseImportFiles, chooseOutputFolder, choosePacketFile, type DialogLike, type OpenDialogResult } from '../../../electron/main/dialogs';

interface FakeWindow {
  id: number;
}

/** A stand-in for Electron's dialog: records each call and answers what the test set. */
class FakeDialog implements DialogLike<FakeWindow> {
  readonly calls: { window: FakeWindow | null; options: OpenDialogOptions }[] = [];
  constructor(private readonly answer: OpenDialogResult) {}
  showOpenDialog(windowOrOptions: FakeWindow | OpenDialogOptions, maybeOptions?: OpenDialogOptions): Promise<OpenDialogResult> {
    const window = maybeOptions ? (windowOrOptions as FakeWindow) : null;
    this.calls.push({ window, options: maybeOptions ?? (windowOrOptions as OpenDialogOptions) });
    return Promise.resolve(this.answer);
  }
}

const win: FakeWindow = { id: 1 };

describe('the native choosers', () => {
  it('asks for a folder (which may be created) as a sheet of the window, and returns it', async () => {
    const dialog = new FakeDialog({ canceled: false, filePaths: ['/home/ana/Evidence'] });
    expect(await chooseOutputFolder(dialog, win)).toBe('/home/ana/Evidence');
    expect(dialog.calls).toHaveLength(1);
    expect(dialog.calls[0]!.window).toBe(win);
    expect(dialog.calls[0]!.options.properties).toEqual(expect.arrayContaining(['openDirectory', 'createDirectory']));
    expect(dialog.calls[0]!.options.properties).not.toContain('openFile');
  });

  it('asks for one .zip file, and returns it', async () => {
    const dialog = new FakeDialog({ canceled: false, filePaths: ['/home/ana/Downloads/evidence-INC-1.zip'] });
    expect(await choosePacketFile(dialog, win)).toBe('/home/ana/Downloads/evidence-INC-1.zip');
    const { options } = dialog.calls[0]!;
    expect(options.properties).toContain('openFile');
    expect(options.properties).not.toContain('multiSelections');
    expect(options.properties).not.toContain('openDirectory');
    expect(options.filters).toEqual([{ name: 'Evidence packet', extensions: ['zip'] }]);
  });

  it.each<[string, OpenDialogResult]>([
    ['cancelled', { canceled: true, filePaths: [] }],
    ['cancelled with a stale path', { canceled: true, filePaths: ['/tmp/x'] }],
    ['nothing chosen', { canceled: false, filePaths: [] }],
    ['an empty path', { canceled: false, filePaths: [''] }],
  ])('returns null when %s', async (_label, answer) => {
    expect(await chooseOutputFolder(new FakeDialog(answer), win)).toBeNull();
    expect(await choosePacketFile(new FakeDialog(answer), win)).toBeNull();
  });

  it('asks for several files, CSV and JSON exports first, any file allowed, and returns them all', async () => {
    const picked = ['/media/usb/keeptrusts-events-20260320T103000Z.csv', '/media/usb/escalations.json', '/media/usb/README'];
    const dialog = new FakeDialog({ canceled: false, filePaths: picked });
    expect(await chooseImportFiles(dialog, win)).toEqual(picked);
    const { window, options } = dialog.calls[0]!;
    expect(window).toBe(win);
    expect(options.properties).toEqual(expect.arrayContaining(['openFile', 'multiSelections']));
    expect(options.properties).not.toContain('openDirectory');
    expect(options.filters).toEqual([
      { name: 'Keeptrusts exports (CSV, JSON)', extensions: ['csv', 'json'] },
      { name: 'All files', extensions: ['*'] },
    ]);
  });

  it.each<[string, OpenDialogResult, string[]]>([
    ['cancelled', { canceled: true, filePaths: [] }, []],
    ['cancelled with stale paths', { canceled: true, filePaths: ['/tmp/a.csv'] }, []],
    ['nothing chosen', { canceled: false, filePaths: [] }, []],
    ['empty and repeated paths', { canceled: false, filePaths: ['', '/tmp/a.csv', '/tmp/a.csv'] }, ['/tmp/a.csv']],
  ])('returns only real picks for import files when %s', async (_label, answer, expected) => {
    expect(await chooseImportFiles(new FakeDialog(answer), null)).toEqual(expected);
  });

  it('opens a free-standing dialog when there is no window', async () => {
    const dialog = new FakeDialog({ canceled: false, filePaths: ['/srv/out'] });
    expect(await chooseOutputFolder(dialog, null)).toBe('/srv/out');
    expect(dialog.calls[0]!.window).toBeNull();
  });
});
