import { readFile, stat } from 'node:fs/promises';
import { jobMetadata, type ExportFileInput, type JobMetadata } from '../../core/validate';
import { AppError } from '../../core/errors';
import { UsageError } from '../usage-error';

/** A `--job` file: the job it holds, and the name it was given by on the command line. */
export interface JobFile {
  shown: string;
  job: JobMetadata;
  filename: string;
}

/** A job JSON is a few hundred bytes; anything this large is some other file. */
const MAX_JOB_BYTES = 1024 * 1024;
const HOW = 'Pass the job exactly as the API returns it: GET /v1/exports/jobs/{id}, saved to a file, once the job has completed.';

/** Reads one `--job` file: the export job as the Keeptrusts API returned it, with the name of the file it produced. */
export async function readJobFile(path: string, shown: string): Promise<JobFile> {
  let text: string;
  try {
    if ((await stat(path)).size > MAX_JOB_BYTES) throw new UsageError(`The job file ${shown} is too large to be an export job.`, HOW);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError('file-unreadable', `The job file ${shown} could not be read (${code}).`, 'Check that it exists and that you may read it, then validate again.', { path });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UsageError(`The job file ${shown} is not JSON.`, HOW);
  }
  const id = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>).id : undefined;
  if (typeof id !== 'string' || id === '') throw new UsageError(`The job file ${shown} is not an export job: it has no "id".`, HOW);
  const job = jobMetadata(id, text);
  const filename = job.artifact?.filename;
  if (!filename) throw new UsageError(`The job file ${shown} (job ${id}) names no artifact.filename, so no file can be matched to it.`, HOW);
  return { shown, job, filename };
}

/** Gives each file the job whose artifact.filename is its name; a job matching no file, or a file with two jobs, is an error. */
export function attachJobs(files: readonly ExportFileInput[], jobs: readonly JobFile[]): ExportFileInput[] {
  const byFile = new Map<ExportFileInput, JobFile>();
  for (const job of jobs) {
    const matches = files.filter((f) => f.name === job.filename);
    if (matches.length === 0) {
      throw new UsageError(`The job file ${job.shown} (job ${job.job.id}) matches none of the files: its artifact is ${job.filename}.`, `Name that file too, under its original name, or leave out --job ${job.shown}.`);
    }
    if (matches.length > 1) throw new UsageError(`${job.filename} is named more than once, so job ${job.job.id} cannot tell them apart.`, 'Validate each copy on its own.');
    const earlier = byFile.get(matches[0]!);
    if (earlier) throw new UsageError(`Two job files are for ${job.filename}: ${earlier.shown} and ${job.shown}.`, 'Pass the one job that produced the file.');
    byFile.set(matches[0]!, job);
  }
  return files.map((file) => ({ ...file, job: byFile.get(file)?.job ?? null }));
}
