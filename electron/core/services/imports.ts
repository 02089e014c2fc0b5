import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { ImportCandidateView } from '../../../shared/bridge/types';
import type { BridgeError } from '../../../shared/result';
import type { BridgeServices } from '../bridge/services';
import { AppError } from '../errors';
import { detectExport, type Detection } from '../ingest/detect';
import type { ServiceHost } from './host';

/** How the detection went by, in the words the import screen shows. */
const DETECTED_FROM: Record<Detection['basis'], string | null> = { header: 'csv header', keys: 'json keys', filename: 'filename', none: null };

const problem = (code: BridgeError['code'], message: string, hint: string): BridgeError => new AppError(code, message, hint).toBridgeError();

/**
 * One picked file as the import screen shows it: its size and the detected type and format, or the
 * reason it cannot be imported as it is. Reads at most the start of the file; never throws.
 */
export async function importCandidate(path: string): Promise<ImportCandidateView> {
  const name = basename(path);
  const candidate: ImportCandidateView = { path, name, bytes: 0, type: null, format: null, detectedFrom: null, problem: null };
  const info = await stat(path).catch(() => null);
  if (!info) return { ...candidate, problem: problem('file-unreadable', `${name} could not be opened.`, 'Check that the file is still there (USB sticks can be removed) and readable, then choose it again.') };
  if (!info.isFile()) return { ...candidate, problem: problem('invalid-request', `${name} is not a file.`, 'Choose export files, not folders.') };
  const detected = await detectExport(path).catch(() => null);
  if (!detected) {
    return { ...candidate, bytes: info.size, problem: problem('file-unreadable', `${name} could not be read.`, 'Check that you may read it (permissions, a disconnected drive), then choose it again.') };
  }
  const found = { ...candidate, bytes: info.size, type: detected.type, format: detected.format, detectedFrom: DETECTED_FROM[detected.basis] };
  if (detected.type === null || detected.format === null) {
    return {
      ...found,
      problem: problem('unknown-export-type', `${name} is not recognisable as a Keeptrusts export (CSV or JSON).`, 'Choose its export type and format yourself if it is one; otherwise leave it out.'),
    };
  }
  return found;
}

/**
 * The files the user picked in the host's dialog during this run. Where the host has dialogs (the app),
 * importFiles reads only these: a compromised window cannot name ~/.ssh or another user's files to copy
 * into the cache. Hosts without dialogs (tests, tools) name files themselves.
 */
export class ChosenFiles {
  readonly #paths = new Set<string>();

  constructor(private readonly enforced: boolean) {}

  add(paths: readonly string[]): void {
    for (const path of paths) this.#paths.add(resolve(path));
  }

  allows(path: string): boolean {
    return !this.enforced || this.#paths.has(resolve(path));
  }
}

/** Why a file the dialog did not give is refused. */
export function notChosen(path: string): AppError {
  return new AppError('invalid-request', `${basename(path)} was not chosen in the app's file dialog, so it was not read.`, 'Choose the files with "Choose files…" and import them from there.');
}

/** chooseImportFiles: the files picked in the host's dialog, each detected for the user to confirm (and remembered as chosen). */
export function importServices(host: ServiceHost, chosen: ChosenFiles): Pick<BridgeServices, 'chooseImportFiles'> {
  return {
    chooseImportFiles: async () => {
      if (!host.choose) throw new AppError('not-implemented', 'Choosing files is not available here.', 'Use the app, or the `evidence import` command of the command line.');
      const paths = await host.choose.importFiles();
      chosen.add(paths);
      return { files: await Promise.all(paths.map(importCandidate)) };
    },
  };
}
