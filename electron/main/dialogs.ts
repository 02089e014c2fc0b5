import type { OpenDialogOptions } from 'electron';

/** What an open dialog answers. */
export interface OpenDialogResult {
  canceled: boolean;
  filePaths: string[];
}

/** The parts of Electron's `dialog` the choosers use (a fake in tests). */
export interface DialogLike<W> {
  showOpenDialog(window: W, options: OpenDialogOptions): Promise<OpenDialogResult>;
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogResult>;
}

export const OUTPUT_FOLDER_OPTIONS: OpenDialogOptions = {
  title: 'Choose where to save the evidence packet',
  buttonLabel: 'Save packet here',
  properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
};

export const PACKET_FILE_OPTIONS: OpenDialogOptions = {
  title: 'Choose an evidence packet to verify',
  buttonLabel: 'Verify',
  properties: ['openFile', 'dontAddToRecent'],
  filters: [{ name: 'Evidence packet', extensions: ['zip'] }],
};

export const IMPORT_FILES_OPTIONS: OpenDialogOptions = {
  title: 'Choose export files to import',
  buttonLabel: 'Import',
  properties: ['openFile', 'multiSelections', 'dontAddToRecent'],
  filters: [
    { name: 'Keeptrusts exports (CSV, JSON)', extensions: ['csv', 'json'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

async function chooseOne<W>(dialog: DialogLike<W>, win: W | null, options: OpenDialogOptions): Promise<string | null> {
  const { canceled, filePaths } = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const [path] = filePaths;
  return canceled || typeof path !== 'string' || path === '' ? null : path;
}

/**
 * A folder for the packet, chosen in a native dialog (sheet of `win` when given), or null when the user
 * cancelled. Paths to write to come only from here: the renderer never names one.
 */
export function chooseOutputFolder<W>(dialog: DialogLike<W>, win: W | null): Promise<string | null> {
  return chooseOne(dialog, win, OUTPUT_FOLDER_OPTIONS);
}

/** A packet (.zip) to verify, chosen in a native dialog, or null when the user cancelled. */
export function choosePacketFile<W>(dialog: DialogLike<W>, win: W | null): Promise<string | null> {
  return chooseOne(dialog, win, PACKET_FILE_OPTIONS);
}

/** Export files to import (several at once), chosen in a native dialog, or [] when the user cancelled. */
export async function chooseImportFiles<W>(dialog: DialogLike<W>, win: W | null): Promise<string[]> {
  const { canceled, filePaths } = win ? await dialog.showOpenDialog(win, IMPORT_FILES_OPTIONS) : await dialog.showOpenDialog(IMPORT_FILES_OPTIONS);
  return canceled ? [] : [...new Set(filePaths.filter((path) => typeof path === 'string' && path !== ''))];
}
