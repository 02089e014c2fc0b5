import type { Database } from 'better-sqlite3';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ExportFormat, ExportType } from '../../../shared/domain';
import { AppError } from '../errors';
import { CsvShapeError } from './csv-rows';
import { malformedFile } from './errors';
import { JsonShapeError } from './json-array';
import { recordBatches } from './read-records';
import { openSink, type RowSink, type WriterChoice } from './sink';
import { fileChunks } from './file-chunks';
import { InvalidUtf8Error, Utf8Validator } from './utf8';

/** What to ingest: a stored artifact file, already recorded in `artifacts`. */
export interface IngestRequest {
  artifactId: number;
  type: ExportType;
  format: ExportFormat;
  file: string;
  /** The name people know the file by (the original filename), for messages. */
  displayName?: string;
  signal?: AbortSignal;
  onProgress?: (progress: { bytes: number; totalBytes: number; records: number }) => void;
  /**
   * Records between progress reports (and cancellation checks). The event loop gets a turn every
   * few milliseconds whatever this is.
   */
  batchSize?: number;
  /** The largest single record accepted. */
  maxRecordBytes?: number;
  /**
   * Where the SQLite writes run. `auto` (the default): for files of 2 MiB and more, a worker thread
   * with its own connection to the same WAL database file, so neither the inserts nor the commit
   * block this thread; else, and when the database is in memory or already in a transaction, `db`
   * itself. `worker` and `caller` insist on one or the other.
   */
  writer?: WriterChoice;
}

/** What an ingest found. */
export interface IngestResult {
  records: number;
  firstRecordAt: string | null;
  lastRecordAt: string | null;
}

/** The largest record accepted unless the request says otherwise: far above any real one, far below memory trouble. */
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

/** Longest stretch of parsing between two turns of the event loop. */
const YIELD_MS = 8;

function translate(error: unknown, name: string): unknown {
  if (error instanceof CsvShapeError) return malformedFile(name, error.message, { line: error.line, record: error.record, byteOffset: error.byteOffset });
  if (error instanceof JsonShapeError) return malformedFile(name, error.message, error.record === undefined ? { byteOffset: error.byteOffset } : { record: error.record, byteOffset: error.byteOffset });
  if (error instanceof InvalidUtf8Error) return malformedFile(name, 'the file is not valid UTF-8 text', { byteOffset: error.byteOffset }, 'Exports are UTF-8. The file may be damaged or re-saved in another encoding; download it again.');
  return error;
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/**
 * Parses an export file and stores its records, all in one transaction: a malformed file, a
 * cancellation or a crash leaves the cache exactly as it was. Streams the file; never holds it whole.
 * This thread parses in slices of a few milliseconds; the inserts and the commit run on a worker
 * thread's connection for large files (see IngestRequest.writer). When they run on `db` itself, the
 * connection must be one no other code is using meanwhile (the transaction spans awaits); when they
 * run on the worker, other writes to the database wait until the ingest commits.
 */
export async function ingestArtifact(db: Database, request: IngestRequest): Promise<IngestResult> {
  const name = request.displayName ?? basename(request.file);
  const reportEvery = request.batchSize ?? 5000;
  const maxRecordBytes = request.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const totalBytes = (await stat(request.file)).size;
  const aborted = () => request.signal?.aborted === true;
  if (aborted()) throw cancelled(name);
  const utf8 = new Utf8Validator();

  let sink: RowSink | null = null;
  let count = 0;
  let first: number | null = null;
  let last: number | null = null;
  try {
    sink = await openSink(db, request.artifactId, request.type, request.writer ?? 'auto', totalBytes);
    let lastTurn = performance.now();
    for await (const rows of recordBatches(request.format, checked(request.file, utf8), request.type, maxRecordBytes, name)) {
      if (rows.length > 0) {
        const handed = sink.write(rows);
        if (handed) await handed;
        for (const row of rows) {
          const t = row[1];
          if (t !== null) {
            if (first === null || t < first) first = t;
            if (last === null || t > last) last = t;
          }
        }
        const before = count;
        count += rows.length;
        for (let at = before - (before % reportEvery) + reportEvery; at <= count; at += reportEvery) {
          if (aborted()) throw cancelled(name);
          request.onProgress?.({ bytes: utf8.bytesSeen, totalBytes, records: at });
        }
      }
      if (performance.now() - lastTurn >= YIELD_MS) {
        if (aborted()) throw cancelled(name);
        await nextTurn();
        lastTurn = performance.now();
      }
    }
    if (aborted()) throw cancelled(name);
    const committed = await sink.commit({ count, firstRecordAt: iso(first), lastRecordAt: iso(last), ingestedAt: new Date().toISOString() });
    if (!committed) throw new AppError('internal', `Artifact ${request.artifactId} is not in the cache.`, 'This is a bug; nothing was added.');
    request.onProgress?.({ bytes: totalBytes, totalBytes, records: count });
    return { records: count, firstRecordAt: iso(first), lastRecordAt: iso(last) };
  } catch (error) {
    await sink?.abort();
    throw translate(error, name);
  }
}

/** The file's chunks, each checked to be UTF-8 before any parser sees it. */
async function* checked(file: string, utf8: Utf8Validator): AsyncGenerator<Buffer> {
  for await (const chunk of fileChunks(file)) {
    utf8.check(chunk);
    yield chunk;
  }
  utf8.end();
}

function cancelled(name: string): AppError {
  return new AppError('cancelled', `Reading ${name} was cancelled.`, 'Nothing from this file was added to the cache; start it again when you are ready.');
}
