import { basename, resolve } from 'node:path';
import type { ExportFormat, ExportType } from '../../../shared/domain';
import { AppError } from '../../core/errors';
import { detectExport, type Detection } from '../../core/ingest/detect';
import type { ExportFileInput } from '../../core/validate';
import { UsageError } from '../usage-error';
import { attachJobs, readJobFile } from './job-files';

/** Files named on the command line, with `--type`/`--format` overriding what is recognised from each. */
export interface DiskFiles {
  files: readonly string[];
  type: ExportType | null;
  format: ExportFormat | null;
  jobFiles: readonly string[];
}

/** The files as validation inputs: type and format recognised (or given), each with the `--job` that produced it. */
export async function diskExportInputs(source: DiskFiles, cwd: string): Promise<ExportFileInput[]> {
  const inputs: ExportFileInput[] = [];
  for (const shown of source.files) {
    const path = resolve(cwd, shown);
    const detected = source.type && source.format ? null : await detect(path, shown);
    const type = source.type ?? detected?.type ?? null;
    const format = source.format ?? detected?.format ?? null;
    if (!type) throw new UsageError(`${shown}: the export type cannot be recognised from its header, keys or name.`, 'Pass --type (events, traces, escalations or audit-log); it applies to every FILE, so validate files of other types separately.');
    if (!format) throw new UsageError(`${shown}: cannot tell whether it is CSV or JSON.`, 'Pass --format csv or --format json.');
    inputs.push({ path, name: basename(path), type, format, job: null });
  }
  const jobs = await Promise.all(source.jobFiles.map((shown) => readJobFile(resolve(cwd, shown), shown)));
  return attachJobs(inputs, jobs);
}

async function detect(path: string, shown: string): Promise<Detection> {
  try {
    return await detectExport(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError('file-unreadable', `${shown} could not be read (${code}).`, 'Check that the file exists and that you may read it, then validate again.', { path });
  }
}
