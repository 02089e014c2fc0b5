import { createHash } from 'node:crypto';
import type { ExportFormat, ExportType } from '../../../shared/domain';
import { AppError } from '../errors';
import { fileChunks } from '../ingest/file-chunks';
import { InvalidUtf8Error, Utf8Validator } from '../ingest/utf8';
import { csvFactRows } from './csv-facts';
import { CsvScanner } from './csv-scan';
import { FactCollector, FIELD_PLANS, type FactScope, type FileFacts, type FormatProblem } from './facts';
import { jsonFactReader } from './json-facts';

/** How one file is read. */
export interface GatherOptions {
  maxRecordBytes: number;
  /** Distinct ids the duplicate check remembers (tests lower it). */
  maxTrackedKeys?: number;
  signal?: AbortSignal;
  /** Called after each chunk with the bytes read so far. */
  onBytes?: (bytes: number) => void;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Reads one export file once, front to back, and gathers every fact the checks need: its sha256 and
 * size, UTF-8 validity, format problems with positions, and the per-record facts. Nothing here
 * throws for bad content (that becomes facts); only an unreadable file or cancelling does.
 */
export async function gatherFacts(path: string, type: ExportType, format: ExportFormat, scope: FactScope, options: GatherOptions): Promise<FileFacts> {
  const collector = new FactCollector(FIELD_PLANS[type], scope, options.maxTrackedKeys);
  const hash = createHash('sha256');
  const utf8 = new Utf8Validator();
  let utf8Checked = true;
  let fatal: FormatProblem | null = null;
  const onFatal = (problem: FormatProblem) => {
    fatal ??= problem;
    collector.problem(problem);
  };
  const wants = { requestIds: scope.requestIds.size > 0, escalationIds: scope.escalationIds.size > 0 };
  const csv = format === 'csv' ? csvFactRows(type, collector, wants, onFatal) : null;
  // Once reading has stopped (the header was unreadable), the rest of the file is not scanned.
  const scanner = csv
    ? new CsvScanner(
        csv.onRow,
        (problem, isFatal) => {
          if (fatal !== null) return;
          if (isFatal) onFatal(problem);
          else collector.problem(problem);
        },
        options.maxRecordBytes,
      )
    : null;
  const json = format === 'json' ? jsonFactReader(type, collector, options.maxRecordBytes, onFatal) : null;

  let bytes = 0;
  try {
    for await (const raw of fileChunks(path)) {
      if (options.signal?.aborted) throw new AppError('cancelled', 'Validation was cancelled.', 'Start it again when you are ready.');
      hash.update(raw);
      if (utf8Checked) {
        try {
          utf8.check(raw);
        } catch (error) {
          if (!(error instanceof InvalidUtf8Error)) throw error;
          collector.problem({ kind: 'utf8', message: `the bytes at offset ${error.byteOffset} are not valid UTF-8`, byteOffset: error.byteOffset });
          utf8Checked = false;
        }
      }
      // A byte-order mark is tolerated in CSV (spreadsheets write one), and skipped before the header.
      const bom = scanner !== null && bytes === 0 && raw.length >= 3 && raw.subarray(0, 3).equals(BOM);
      bytes += raw.length;
      if (fatal === null) scanner?.push(bom ? raw.subarray(3) : raw, bom ? 3 : 0);
      json?.push(raw);
      options.onBytes?.(bytes);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError('file-unreadable', `${path} could not be read (${code ?? (error as Error).message}).`, 'Check that the file exists and that you may read it, then validate again.', { path });
  }
  if (utf8Checked) {
    try {
      utf8.end();
    } catch (error) {
      if (error instanceof InvalidUtf8Error) collector.problem({ kind: 'utf8', message: `the file ends inside a UTF-8 sequence (offset ${error.byteOffset})`, byteOffset: error.byteOffset });
    }
  }
  scanner?.end();
  json?.end();
  if (csv && csv.header.found === null && fatal === null) onFatal({ kind: 'empty-file', message: 'the file is empty (not even a header row)', line: 1, byteOffset: 0 });

  return {
    records: collector.records,
    examined: collector.examined,
    readCompletely: fatal === null,
    fatal,
    problems: collector.problems,
    header: csv ? { expected: csv.header.expected, found: csv.header.found ?? [] } : null,
    missingColumns: csv?.header.missing ?? [],
    bytes,
    sha256: hash.digest('hex'),
    firstTime: collector.firstTime,
    lastTime: collector.lastTime,
    invalidTimes: collector.invalidTimes,
    beforeWindow: collector.beforeWindow,
    afterWindow: collector.afterWindow,
    buckets: collector.buckets,
    environments: collector.environments,
    environmentMismatches: collector.environmentMismatches,
    versions: collector.versionFacts(),
    verdicts: collector.verdicts,
    duplicates: collector.duplicates,
    keysRemembered: collector.keysRemembered,
    keysTruncated: collector.keysTruncated,
    unsafeCells: collector.unsafeCells,
    requestIds: collector.requestIds,
    escalationEvents: collector.escalationEvents,
    escalationRecords: collector.escalationRecords,
  };
}
