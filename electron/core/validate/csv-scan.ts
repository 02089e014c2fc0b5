import type { FormatProblem } from './facts';

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** Fields beyond this many are counted but not kept (the row is wrong anyway). */
export const MAX_FIELDS = 256;

/** A row's fields as byte ranges of `bytes` (the first MAX_FIELDS of `count`); a quoted field's range includes its quotes. */
export interface CsvRow {
  bytes: Buffer;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  quoted: Uint8Array;
  /** 1-based line the row starts on. */
  line: number;
  /** Absolute byte offset of the row in the file. */
  byteOffset: number;
}

/** The text of field `i` of a row, with a quoted field's quotes removed and `""` read as `"`. */
export function fieldText(row: CsvRow, i: number): string {
  const start = row.starts[i]!;
  const end = row.ends[i]!;
  if (row.quoted[i] === 0) return row.bytes.toString('utf8', start, end);
  return row.bytes.toString('utf8', start + 1, end - 1).replaceAll('""', '"');
}

/** The first byte of field `i`'s value (after an opening quote), or -1 for an empty field. */
export function firstByte(row: CsvRow, i: number): number {
  const at = row.starts[i]! + row.quoted[i]!;
  return at < row.ends[i]! - row.quoted[i]! ? row.bytes[at]! : -1;
}

/**
 * A tolerant RFC 4180 reader for checking a file, not for loading it: it reports every departure from
 * the format (bare LF or CR line ends, stray or unclosed quotes, over-long records) as a problem and
 * reads on wherever it can, so one bad row does not hide the facts of the other million. Rows arrive as
 * byte ranges over the buffer (no string is made for a field nobody reads). Bytes are fed in chunks; an
 * unfinished row is carried (copied) into the next chunk, up to `maxRecordBytes`.
 */
export class CsvScanner {
  private pending: Buffer | null = null;
  private consumed = 0;
  private line = 1;
  private stopped = false;
  private rowProblems: FormatProblem[] = [];
  private readonly row: CsvRow = {
    bytes: Buffer.alloc(0),
    count: 0,
    starts: new Int32Array(MAX_FIELDS),
    ends: new Int32Array(MAX_FIELDS),
    quoted: new Uint8Array(MAX_FIELDS),
    line: 1,
    byteOffset: 0,
  };

  constructor(
    private readonly onRow: (row: CsvRow) => void,
    private readonly onProblem: (problem: FormatProblem, fatal: boolean) => void,
    private readonly maxRecordBytes: number,
  ) {}

  /** True once a problem made further reading meaningless. */
  get hasStopped(): boolean {
    return this.stopped;
  }

  /**
   * Reads the rows the next chunk completes; `skipped` bytes before it were not passed (a byte-order
   * mark), so positions stay the file's. The chunk may be reused by the caller afterwards.
   */
  push(chunk: Buffer, skipped = 0): void {
    this.consumed += skipped;
    if (this.stopped) return;
    const carried = this.pending?.length ?? 0;
    const bytes = carried > 0 ? Buffer.concat([this.pending!, chunk]) : chunk;
    const base = this.consumed - carried;
    this.consumed += chunk.length;
    this.pending = null;
    let at = 0;
    while (at < bytes.length && !this.stopped) {
      const next = this.readRow(bytes, at, base, false);
      if (next < 0) {
        if (bytes.length - at > this.maxRecordBytes) {
          this.stopTooLarge(base + at);
          return;
        }
        this.pending = Buffer.from(bytes.subarray(at));
        return;
      }
      at = next;
    }
  }

  /** Reads the last row, which may lack a line end. */
  end(): void {
    if (this.stopped || this.pending === null) return;
    const bytes = this.pending;
    this.pending = null;
    const base = this.consumed - bytes.length;
    let at = 0;
    while (at < bytes.length && !this.stopped) at = this.readRow(bytes, at, base, true);
  }

  private stop(problem: FormatProblem): void {
    this.stopped = true;
    this.onProblem(problem, true);
  }

  private stopTooLarge(byteOffset: number): void {
    this.stop({ kind: 'record-too-large', message: `a record is longer than the ${Math.round(this.maxRecordBytes / 1024)} KiB limit for one record (an unclosed quote can cause this)`, line: this.line, byteOffset });
  }

  /** Held until the row is complete: a row cut by a chunk's end is read again with the next chunk. */
  private problem(kind: string, message: string, byteOffset: number): void {
    this.rowProblems.push({ kind, message, line: this.line, byteOffset });
  }

  /**
   * Reads the row starting at `start`: emits it and returns where the next one starts, or returns -1
   * when the row is not complete in `bytes` (only when not `final`).
   */
  private readRow(bytes: Buffer, start: number, base: number, final: boolean): number {
    const n = bytes.length;
    const row = this.row;
    this.rowProblems.length = 0;
    let count = 0;
    let s = start;
    let newlines = 0;
    for (;;) {
      let e: number;
      let quoted = 0;
      if (s < n && bytes[s] === QUOTE) {
        quoted = 1;
        let j = s + 1;
        for (;;) {
          const q = bytes.indexOf(QUOTE, j);
          if (q < 0) {
            if (!final) return -1;
            this.stop({ kind: 'unclosed-quote', message: 'a quoted field is still open when the file ends', line: this.line, byteOffset: base + s });
            return n;
          }
          if (q + 1 >= n && !final) return -1;
          if (bytes[q + 1] === QUOTE) {
            j = q + 2;
            continue;
          }
          e = q + 1;
          break;
        }
        for (let k = bytes.indexOf(LF, s); k >= 0 && k < e; k = bytes.indexOf(LF, k + 1)) newlines++;
        const after = e < n ? bytes[e]! : -1;
        // A CR as the chunk's last byte: whether an LF follows is in the next chunk.
        if (after === CR && e + 1 >= n && !final) return -1;
        if (after !== COMMA && after !== CR && after !== LF && after !== -1) {
          this.problem('bad-closing-quote', 'a closing quote is followed by something other than a comma or a line end', base + e);
          e = this.skipToDelimiter(bytes, e);
          if (e < 0) {
            if (!final) return -1;
            e = n;
          }
          if (bytes[e] === CR && e + 1 >= n && !final) return -1;
          // The field is not one quoted field: read it as written, quotes and all.
          quoted = 0;
        }
      } else {
        let j = s;
        for (;;) {
          while (j < n) {
            const b = bytes[j]!;
            if (b === COMMA || b === LF || b === CR || b === QUOTE) break;
            j++;
          }
          if (j >= n) break;
          const b = bytes[j]!;
          if (b === QUOTE) {
            this.problem('stray-quote', 'a quote inside an unquoted field (RFC 4180 requires the whole field to be quoted)', base + j);
            j++;
            continue;
          }
          if (b === CR && j + 1 < n && bytes[j + 1] !== LF) {
            this.problem('bare-cr', 'a carriage return that does not end a line (CR without LF)', base + j);
            j++;
            continue;
          }
          break;
        }
        if (j >= n && !final) return -1;
        if (j + 1 >= n && bytes[j] === CR && !final) return -1;
        e = j;
      }
      if (count < MAX_FIELDS) {
        row.starts[count] = s;
        row.ends[count] = e;
        row.quoted[count] = quoted;
      }
      count++;
      const d = e < n ? bytes[e]! : -1;
      if (d === COMMA) {
        s = e + 1;
        continue;
      }
      let next: number;
      if (d === CR) next = bytes[e + 1] === LF ? e + 2 : e + 1;
      else if (d === LF) {
        this.problem('bare-lf', 'a line ends with LF alone; RFC 4180 and the export contract use CRLF', base + e);
        next = e + 1;
      } else next = n;
      if (d === CR && next === e + 1) this.problem('bare-cr', 'a line ends with CR alone; the export contract uses CRLF', base + e);
      // Checked on the whole row too: a row that arrived complete in one chunk may still be over the limit.
      if (next - start > this.maxRecordBytes) {
        this.stopTooLarge(base + start);
        return n;
      }
      row.bytes = bytes;
      row.count = count;
      row.line = this.line;
      row.byteOffset = base + start;
      this.line += 1 + newlines;
      for (const problem of this.rowProblems) this.onProblem({ ...problem, line: row.line }, false);
      this.onRow(row);
      return next;
    }
  }

  /** The next comma or line end at or after `from`, outside quotes, or -1. */
  private skipToDelimiter(bytes: Buffer, from: number): number {
    for (let j = from; j < bytes.length; j++) {
      const b = bytes[j];
      if (b === COMMA || b === CR || b === LF) return j;
    }
    return -1;
  }
}
