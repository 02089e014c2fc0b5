import { describe, expect, it } from 'vitest';
import { CsvScanner, fieldText, firstByte, MAX_FIELDS, type CsvRow } from '../../../electron/core/validate/csv-scan';
import type { FormatProblem } from '../../../electron/core/validate/facts';
import { random } from '../ingest/random';

interface Scanned {
  rows: { line: number; byteOffset: number; count: number; fields: string[]; quoted: number[]; first: number[] }[];
  problems: (FormatProblem & { fatal: boolean })[];
  stopped: boolean;
}

/** Scans `bytes` fed in the given pieces (each copied into a reused, poisoned buffer, as fileChunks hands them out). */
function scan(bytes: Buffer, cuts: number[], maxRecordBytes = 1024 * 1024, skipped = 0): Scanned {
  const out: Scanned = { rows: [], problems: [], stopped: false };
  const scanner = new CsvScanner(
    (row: CsvRow) => {
      const n = Math.min(row.count, MAX_FIELDS);
      out.rows.push({
        line: row.line,
        byteOffset: row.byteOffset,
        count: row.count,
        fields: Array.from({ length: n }, (_v, i) => fieldText(row, i)),
        quoted: Array.from(row.quoted.subarray(0, n)),
        first: Array.from({ length: n }, (_v, i) => firstByte(row, i)),
      });
    },
    (problem, fatal) => out.problems.push({ ...problem, fatal }),
    maxRecordBytes,
  );
  const buffers = [Buffer.alloc(bytes.length + 1), Buffer.alloc(bytes.length + 1)];
  let from = 0;
  let turn = 0;
  for (const to of [...cuts, bytes.length]) {
    const buffer = buffers[(turn ^= 1)]!;
    buffer.fill(0x7e);
    bytes.copy(buffer, 0, from, to);
    scanner.push(buffer.subarray(0, to - from), from === 0 ? skipped : 0);
    from = to;
  }
  scanner.end();
  out.stopped = scanner.hasStopped;
  return out;
}

const whole = (bytes: Buffer, max?: number) => scan(bytes, [], max);
const everyByte = (bytes: Buffer, max?: number) => scan(bytes, Array.from({ length: bytes.length - 1 }, (_v, i) => i + 1), max);

// Every departure from RFC 4180 the scanner knows, at places a chunk boundary can cut.
const TRICKY = Buffer.from(
  [
    'id,note,n\r\n',
    'evt_1,plain,1\r\n',
    'evt_2,"quoted, with comma",2\r\n',
    'evt_3,"say ""hi""",3\r\n',
    'evt_4,"two\r\nlines",4\r\n',
    'evt_5,"é 漢 🎉",5\n',
    'evt_6,bare\rcr,6\r\n',
    'evt_7,stray"quote,7\r\n',
    'evt_8,"closed"then,8\r\n',
    'evt_9,x,"closed"late\r\n',
    'evt_10,,\r\n',
    '\r\n',
    'evt_11,"=1+1","-1.5"\r',
    'evt_12,last,12',
  ].join(''),
);

describe('CsvScanner', () => {
  it('reads the same rows and problems whether the bytes come whole, one at a time, or cut anywhere in two', () => {
    const expected = whole(TRICKY);
    expect(everyByte(TRICKY)).toEqual(expected);
    for (let cut = 1; cut < TRICKY.length; cut++) expect([cut, scan(TRICKY, [cut])]).toEqual([cut, expected]);
  });

  it('reads the tricky rows as RFC 4180 says, with each problem at its line and byte', () => {
    const { rows, problems, stopped } = whole(TRICKY);
    const at = (text: string) => TRICKY.indexOf(text);
    expect(stopped).toBe(false);
    expect(rows.map((r) => r.fields)).toEqual([
      ['id', 'note', 'n'],
      ['evt_1', 'plain', '1'],
      ['evt_2', 'quoted, with comma', '2'],
      ['evt_3', 'say "hi"', '3'],
      ['evt_4', 'two\r\nlines', '4'],
      ['evt_5', 'é 漢 🎉', '5'],
      ['evt_6', 'bare\rcr', '6'],
      ['evt_7', 'stray"quote', '7'],
      ['evt_8', '"closed"then', '8'],
      ['evt_9', 'x', '"closed"late'],
      ['evt_10', '', ''],
      [''],
      ['evt_11', '=1+1', '-1.5'],
      ['evt_12', 'last', '12'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(rows.map((r) => r.byteOffset)).toEqual([0, at('evt_1,'), at('evt_2,'), at('evt_3,'), at('evt_4,'), at('evt_5,'), at('evt_6,'), at('evt_7,'), at('evt_8,'), at('evt_9,'), at('evt_10,'), at('\r\n\r\nevt_11') + 2, at('evt_11,'), at('evt_12,')]);
    expect(rows[12]!.first).toEqual([0x65, 0x3d, 0x2d]);
    expect(rows[12]!.quoted).toEqual([0, 1, 1]);
    // Text after a closing quote: the field is read as written, not as a quoted field.
    expect(rows[8]!.quoted).toEqual([0, 0, 0]);
    expect(rows[8]!.first).toEqual([0x65, 0x22, 0x38]);
    expect(rows[10]!.first).toEqual([0x65, -1, -1]);
    expect(problems.map(({ kind, line, byteOffset, fatal }) => ({ kind, line, byteOffset, fatal }))).toEqual([
      { kind: 'bare-lf', line: 7, byteOffset: at(',5\n') + 2, fatal: false },
      { kind: 'bare-cr', line: 8, byteOffset: at('\rcr'), fatal: false },
      { kind: 'stray-quote', line: 9, byteOffset: at('y"quote') + 1, fatal: false },
      { kind: 'bad-closing-quote', line: 10, byteOffset: at('then'), fatal: false },
      { kind: 'bad-closing-quote', line: 11, byteOffset: at('late'), fatal: false },
      { kind: 'bare-cr', line: 14, byteOffset: at('"-1.5"\r') + 6, fatal: false },
    ]);
  });

  it('random CSV-like text cut at random places reads exactly as it does whole', () => {
    const rnd = random(11);
    const tokens = ['a', 'bc', 'é', '🎉', ',', ',', '"', '""', '"x"', '"a,b"', '"a""b"', '"l\r\nb"', '\r\n', '\r\n', '\n', '\r', '\t', '='];
    for (let n = 0; n < 2000; n++) {
      let text = '';
      for (let k = 1 + rnd.int(40); k > 0; k--) text += rnd.pick(tokens);
      const bytes = Buffer.from(text);
      const cuts: number[] = [];
      for (let at = 1 + rnd.int(6); at < bytes.length; at += 1 + rnd.int(6)) cuts.push(at);
      const max = rnd.pick([8, 24, 1024 * 1024]);
      expect([text, max, scan(bytes, cuts, max)]).toEqual([text, max, whole(bytes, max)]);
    }
  });

  it('a quote still open at the end of the file stops reading there (fatal), and the open row is not emitted', () => {
    const bytes = Buffer.from('a,b\r\n1,2\r\n3,"never closed\r\n');
    for (const got of [whole(bytes), everyByte(bytes)]) {
      expect(got.rows.map((r) => r.fields)).toEqual([
        ['a', 'b'],
        ['1', '2'],
      ]);
      expect(got.problems).toEqual([{ kind: 'unclosed-quote', message: 'a quoted field is still open when the file ends', line: 3, byteOffset: 12, fatal: true }]);
      expect(got.stopped).toBe(true);
    }
  });

  it('a record longer than the limit stops reading at its start (fatal), however the bytes arrive and whether or not it ends', () => {
    for (const tail of ['', '\r\n', '\r\nz,z\r\n']) {
      const bytes = Buffer.from(`a,b\r\n1,2\r\n${'x'.repeat(40)},y${tail}`);
      for (const got of [whole(bytes, 16), everyByte(bytes, 16), scan(bytes, [7, 20], 16)]) {
        expect([tail, got.rows.map((r) => r.fields)]).toEqual([
          tail,
          [
            ['a', 'b'],
            ['1', '2'],
          ],
        ]);
        expect([tail, got.problems]).toEqual([tail, [expect.objectContaining({ kind: 'record-too-large', line: 3, byteOffset: 10, fatal: true })]]);
      }
    }
  });

  it('keeps positions the file\'s when bytes before the first chunk were skipped (a byte-order mark)', () => {
    const bytes = Buffer.from('a,b\n1,2\r\n');
    const got = scan(bytes, [2], 1024, 3);
    expect(got.rows.map((r) => r.byteOffset)).toEqual([3, 7]);
    expect(got.problems).toEqual([expect.objectContaining({ kind: 'bare-lf', line: 1, byteOffset: 6 })]);
  });

  it('counts every field of a very wide row but keeps only the first MAX_FIELDS', () => {
    const bytes = Buffer.from(`${Array.from({ length: 1000 }, (_v, i) => `f${i}`).join(',')}\r\n`);
    const [row] = whole(bytes).rows;
    expect(row!.count).toBe(1000);
    expect(row!.fields).toHaveLength(MAX_FIELDS);
    expect(row!.fields.at(-1)).toBe(`f${MAX_FIELDS - 1}`);
    expect(everyByte(bytes)).toEqual(whole(bytes));
  });

  it('an empty file emits nothing', () => {
    expect(whole(Buffer.alloc(0))).toEqual({ rows: [], problems: [], stopped: false });
  });
});
