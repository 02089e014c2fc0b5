import { CsvError, parse, type Options } from 'csv-parse';
import type { Readable } from 'node:stream';

/** One CSV record: its fields and 1-based record number (the header is record 0). */
export interface CsvRow {
  fields: string[];
  record: number;
}

/** The strict RFC 4180 options every export file is read with. */
export const STRICT_CSV_OPTIONS: Options = {
  bom: true,
  delimiter: ',',
  quote: '"',
  escape: '"',
  record_delimiter: ['\r\n'],
  relax_quotes: false,
  relax_column_count: false,
  skip_empty_lines: false,
  skip_records_with_error: false,
  trim: false,
  ltrim: false,
  rtrim: false,
};

/** A CSV problem with where csv-parse found it. */
export class CsvShapeError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly record: number,
    readonly byteOffset: number,
  ) {
    super(message);
  }
}

const REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is still open when the file ends',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by something other than a comma or a line end',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'a row has a different number of fields than the header',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'a row has a different number of fields than the header',
  CSV_MAX_RECORD_SIZE: 'a record is larger than the limit for one record',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'unexpected characters after a closing quote',
};

/**
 * Reads a CSV export strictly (RFC 4180, CRLF, equal field counts, a size cap per record), yielding
 * rows as arrays. The header comes first as record 0. Errors carry line, record and byte offset.
 */
export async function* csvRows(input: Readable, maxRecordBytes: number): AsyncGenerator<CsvRow> {
  const parser = input.pipe(parse({ ...STRICT_CSV_OPTIONS, max_record_size: maxRecordBytes }));
  input.once('error', (error) => parser.destroy(error));
  let record = 0;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      yield { fields, record };
      record++;
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const context = error as CsvError & { lines?: number; records?: number; bytes?: number };
      throw new CsvShapeError(REASONS[error.code] ?? error.message, context.lines ?? 0, context.records ?? record, context.bytes ?? 0);
    }
    throw error;
  } finally {
    parser.destroy();
  }
}
