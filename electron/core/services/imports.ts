import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
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

/** chooseImportFiles: the files picked in the host's dialog, each detected for the user to confirm. */
export function importServices(host: ServiceHost): Pick<BridgeServices, 'chooseImportFiles'> {
  return {
    chooseImportFiles: async () => {
      if (!host.choose) throw new AppError('not-implemented', 'Choosing files is not available here.', 'Use the app, or the `evidence import` command of the command line.');
      const paths = await host.choose.importFiles();
      return { files: await Promise.all(paths.map(importCandidate)) };
    },
  };
}
