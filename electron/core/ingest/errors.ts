import { AppError } from '../errors';

/** Where in a file something went wrong. Lines and records count from 1; byte offsets from 0. */
export interface FilePosition {
  line?: number;
  record?: number;
  byteOffset: number;
}

/** A file that cannot be read as the export it claims to be, with where and what to do. */
export function malformedFile(file: string, what: string, position: FilePosition, hint?: string): AppError {
  const where = [
    position.line !== undefined ? `line ${position.line}` : null,
    position.record !== undefined ? `record ${position.record}` : null,
    `byte ${position.byteOffset}`,
  ]
    .filter(Boolean)
    .join(', ');
  return new AppError(
    'malformed-file',
    `${file} could not be read: ${what} (at ${where}).`,
    hint ?? 'The file is not a well-formed Keeptrusts export. Download or export it again; the cache was not changed.',
    { file, ...position },
  );
}
