import type { Database } from 'better-sqlite3';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ExportFormat, ExportType } from '../../../shared/domain';
import { csvColumns } from '../../../shared/schemas/records';
import { AppError } from '../errors';
import { csvRows, CsvShapeError } from './csv-rows';
import { malformedFile } from './errors';
import { jsonArrayElements, JsonShapeError } from './json-array';
import { normalizeRecord } from './normalize';
import { InvalidUtf8Error, Utf8Guard } from './utf8';

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
  /** Records between yields to the event loop (and progress reports). */
  batchSize?: number;
  /** The largest single record accepted. */
  maxRecordBytes?: number;
}

/** What an ingest found. */
export interface IngestResult {
  records: number;
  firstRecordAt: string | null;
  lastRecordAt: string | null;
}

/** One parsed record with where it came from. */
interface SourceRecord {
  record: Record<string, unknown>;
  raw: string;
}

export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

async function* csvRecords(input: Utf8Guard, type: ExportType, maxRecordBytes: number, name: string): AsyncGenerator<SourceRecord> {
  const expected = csvColumns[type] as readonly string[];
  let header: string[] | null = null;
  for await (const { fields } of csvRows(input, maxRecordBytes)) {
    if (header === null) {
      if (fields.join(',') !== expected.join(',')) {
        throw malformedFile(name, `the header is "${fields.join(',').slice(0, 200)}", but a ${type} export starts with "${expected.join(',')}"`, { line: 1, record: 0, byteOffset: 0 }, 'Check that this is the export type you chose; the columns must be exactly the contract\'s, in order.');
      }
      header = fields;
      continue;
    }
    const record: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) record[header[i]!] = fields[i]!;
    yield { record, raw: JSON.stringify(record) };
  }
  if (header === null) throw malformedFile(name, 'the file is empty (not even a header row)', { line: 1, byteOffset: 0 });
}

async function* jsonRecords(input: Utf8Guard, maxRecordBytes: number, name: string): AsyncGenerator<SourceRecord> {
  for await (const element of jsonArrayElements(input, maxRecordBytes)) {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(element.text) as Record<string, unknown>;
    } catch (error) {
      const position = /position (\d+)/.exec((error as Error).message);
      const offset = element.byteOffset + (position ? Number(position[1]) : 0);
      throw malformedFile(name, `record ${element.index} is not valid JSON (${(error as Error).message})`, { record: element.index, byteOffset: offset });
    }
    yield { record, raw: element.text };
  }
}

function translate(error: unknown, name: string): unknown {
  if (error instanceof CsvShapeError) return malformedFile(name, error.message, { line: error.line, record: error.record, byteOffset: error.byteOffset });
  if (error instanceof JsonShapeError) return malformedFile(name, error.message, error.record === undefined ? { byteOffset: error.byteOffset } : { record: error.record, byteOffset: error.byteOffset });
  if (error instanceof InvalidUtf8Error) return malformedFile(name, 'the file is not valid UTF-8 text', { byteOffset: error.byteOffset }, 'Exports are UTF-8. The file may be damaged or re-saved in another encoding; download it again.');
  return error;
}

/**
 * Parses an export file and stores its records, all in one transaction: a malformed file, a
 * cancellation or a crash leaves the cache exactly as it was. Streams the file; never holds it whole.
 * The connection must be one no other code is using meanwhile (the transaction spans awaits).
 */
export async function ingestArtifact(db: Database, request: IngestRequest): Promise<IngestResult> {
  const name = request.displayName ?? basename(request.file);
  const batchSize = request.batchSize ?? 5000;
  const maxRecordBytes = request.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const totalBytes = (await stat(request.file)).size;
  const source = createReadStream(request.file, { highWaterMark: 1024 * 1024 });
  const guard = new Utf8Guard();
  source.once('error', (error) => guard.destroy(error));
  source.pipe(guard);
  const records = request.format === 'csv' ? csvRecords(guard, request.type, maxRecordBytes, name) : jsonRecords(guard, maxRecordBytes, name);

  const insert = db.prepare(
    'INSERT INTO records (artifact_id, record_index, type, record_id, time_ms, environment, config_version, request_id, escalation_id, verdict, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let count = 0;
  let first: number | null = null;
  let last: number | null = null;
  db.exec('BEGIN IMMEDIATE');
  try {
    db.prepare('DELETE FROM records WHERE artifact_id = ?').run(request.artifactId);
    for await (const { record, raw } of records) {
      const n = normalizeRecord(request.type, record);
      count++;
      insert.run(request.artifactId, count, request.type, n.recordId, n.timeMs, n.environment, n.configVersion, n.requestId, n.escalationId, n.verdict, raw);
      if (n.timeMs !== null) {
        if (first === null || n.timeMs < first) first = n.timeMs;
        if (last === null || n.timeMs > last) last = n.timeMs;
      }
      if (count % batchSize === 0) {
        if (request.signal?.aborted) throw cancelled(name);
        request.onProgress?.({ bytes: guard.bytesSeen, totalBytes, records: count });
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (request.signal?.aborted) throw cancelled(name);
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    const updated = db
      .prepare('UPDATE artifacts SET record_count = ?, first_record_at = ?, last_record_at = ?, ingested_at = ? WHERE id = ?')
      .run(count, iso(first), iso(last), new Date().toISOString(), request.artifactId);
    if (updated.changes !== 1) throw new AppError('internal', `Artifact ${request.artifactId} is not in the cache.`, 'This is a bug; nothing was added.');
    db.exec('COMMIT');
    request.onProgress?.({ bytes: totalBytes, totalBytes, records: count });
    return { records: count, firstRecordAt: iso(first), lastRecordAt: iso(last) };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw translate(error, name);
  } finally {
    source.destroy();
    guard.destroy();
  }
}

function cancelled(name: string): AppError {
  return new AppError('cancelled', `Reading ${name} was cancelled.`, 'Nothing from this file was added to the cache; start it again when you are ready.');
}
