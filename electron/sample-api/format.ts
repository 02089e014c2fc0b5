import type { ExportFormat, ExportType } from '../../shared/domain';
import { csvColumns, type AnyRecord } from '../../shared/schemas/records';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field per RFC 4180: null is empty, objects are JSON, quotes doubled when quoting. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Streams records as an export file's text, in chunks of about `chunkChars`. */
export function* serializeExport(
  type: ExportType,
  format: ExportFormat,
  records: Iterable<AnyRecord>,
  chunkChars = 64 * 1024,
): Generator<string> {
  let buffer: string;
  if (format === 'csv') {
    const columns = csvColumns[type] as readonly string[];
    buffer = `${columns.join(',')}\r\n`;
    for (const record of records) {
      const row = record as unknown as Record<string, unknown>;
      let line = '';
      for (let i = 0; i < columns.length; i++) {
        if (i > 0) line += ',';
        line += csvField(row[columns[i]!]);
      }
      buffer += `${line}\r\n`;
      if (buffer.length >= chunkChars) {
        yield buffer;
        buffer = '';
      }
    }
  } else {
    let first = true;
    buffer = '[';
    for (const record of records) {
      buffer += `${first ? '\n' : ',\n'}${JSON.stringify(record)}`;
      first = false;
      if (buffer.length >= chunkChars) {
        yield buffer;
        buffer = '';
      }
    }
    buffer += first ? ']\n' : '\n]\n';
  }
  if (buffer.length > 0) yield buffer;
}

/** The artifact's name: `keeptrusts-<type>-<yyyymmddThhmmssZ>.<ext>`, stamped when it was generated. */
export function exportFilename(type: ExportType, format: ExportFormat, generatedAt: number): string {
  const stamp = new Date(generatedAt).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `keeptrusts-${type}-${stamp}.${format}`;
}

/** The media type of each format. */
export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};
