import { CsvError, parse, type Options } from 'csv-parse';
import { finished } from 'node:stream/promises';
import { Slicer } from './slices';

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
 * the rows of each slice of input (a few milliseconds' worth) as arrays, in order; the header comes first. A batch may be empty:
 * every batch is a point where the caller can give the event loop a turn. Errors carry line, record
 * and byte offset. csv-parse runs synchronously on each slice (write, then read what it produced), so
 * no promise is made per record. It keeps the unparsed end of a slice only until the next write, so
 * chunks may be reused once the following chunk has been handed over (see fileChunks).
 */
export async function* csvRowBatches(input: AsyncIterable<Buffer>, maxRecordBytes: number): AsyncGenerator<string[][]> {
  const parser = parse({ ...STRICT_CSV_OPTIONS, max_record_size: maxRecordBytes });
  // Errors are read from parser.errored right after each write; this only keeps them from being unhandled.
  parser.on('error', () => undefined);
  const slicer = new Slicer();
  let rowsSeen = 0;
  const drain = (): string[][] => {
    const rows: string[][] = [];
    for (let row = parser.read() as string[] | null; row !== null; row = parser.read() as string[] | null) rows.push(row);
    rowsSeen += rows.length;
    return rows;
  };
  try {
    for await (const chunk of input) {
      for (let at = 0; at < chunk.length; ) {
        const slice = slicer.next(chunk, at);
        at += slice.length;
        const started = performance.now();
        parser.write(slice);
        const rows = drain();
        slicer.took(performance.now() - started);
        // Rows before the error come first, so a wrong header is reported before a later bad row.
        if (rows.length > 0) yield rows;
        if (parser.errored) throw parser.errored;
        if (rows.length === 0) yield rows;
      }
    }
    parser.end();
    const done = finished(parser, { readable: false });
    const tail = drain();
    if (tail.length > 0) yield tail;
    await done;
    const last = drain();
    if (last.length > 0) yield last;
  } catch (error) {
    throw shapeError(error, rowsSeen);
  } finally {
    parser.destroy();
  }
}

function shapeError(error: unknown, rowsSeen: number): unknown {
  if (!(error instanceof CsvError)) return error;
  const context = error as CsvError & { lines?: number; records?: number; bytes?: number };
  return new CsvShapeError(REASONS[error.code] ?? error.message, context.lines ?? 0, context.records ?? rowsSeen, context.bytes ?? 0);
}
