import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvRowBatches, CsvShapeError, STRICT_CSV_OPTIONS } from '../../../electron/core/ingest/csv-rows';
import { random, reusedChunks } from './random';

type Outcome = { rows: string[][] } | { error: { message: string; line: number; record: number; byteOffset: number } };

/** csv-parse on the whole text at once: the reference. */
function reference(bytes: Buffer, maxRecordBytes: number): { rows: string[][] } | { code: string; line: number; record: number; byteOffset: number } {
  try {
    return { rows: parse(bytes, { ...STRICT_CSV_OPTIONS, max_record_size: maxRecordBytes }) as string[][] };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const context = error as CsvError & { lines: number; records: number; bytes: number };
    return { code: error.code, line: context.lines, record: context.records, byteOffset: context.bytes };
  }
}

async function streamed(bytes: Buffer, maxRecordBytes: number, seed: number, maxChunk: number): Promise<Outcome> {
  const rows: string[][] = [];
  try {
    for await (const batch of csvRowBatches(reusedChunks(bytes, random(seed), maxChunk), maxRecordBytes)) rows.push(...batch);
    return { rows };
  } catch (error) {
    if (!(error instanceof CsvShapeError)) throw error;
    return { error: { message: error.message, line: error.line, record: error.record, byteOffset: error.byteOffset } };
  }
}

const TOKENS = ['a', 'bc', 'é', '漢', '🎉', ' ', ',', ',', '"', '""', '\r\n', '\r\n', '\n', '\r', '"x"', '"a,b"', '"a""b"', '"line\r\nbreak"', '\t'];

describe('CSV rows streamed slice by slice match csv-parse on the whole text', () => {
  it('the same rows, or the same error at the same line, record and byte, for random text in random chunks', async () => {
    const rnd = random(21);
    let failures = 0;
    for (let n = 0; n < 1500; n++) {
      let text = rnd.chance(0.1) ? '\uFEFF' : '';
      if (rnd.chance(0.6)) {
        // Mostly well-formed: a fixed number of fields per row, with the occasional stray token.
        const columns = 1 + rnd.int(4);
        for (let row = rnd.int(6); row >= 0; row--) {
          const fields = Array.from({ length: columns }, () => (rnd.chance(0.3) ? `"${rnd.pick(['', 'a', 'a,b', 'q""q', 'x\r\ny'])}"` : rnd.pick(['', 'a', 'bc', 'é', '🎉'])));
          text += `${fields.join(',')}${rnd.chance(0.05) ? rnd.pick(TOKENS) : ''}${rnd.chance(0.9) ? '\r\n' : ''}`;
        }
      } else {
        for (let k = rnd.int(30); k > 0; k--) text += rnd.pick(TOKENS);
      }
      const bytes = Buffer.from(text);
      const maxRecordBytes = rnd.pick([16, 64, 1024 * 1024]);
      const expected = reference(bytes, maxRecordBytes);
      const got = await streamed(bytes, maxRecordBytes, n, 1 + rnd.int(24));
      if ('rows' in expected) {
        expect([text, got]).toEqual([text, expected]);
      } else {
        failures++;
        expect([text, 'error' in got ? { line: got.error.line, record: got.error.record, byteOffset: got.error.byteOffset } : got]).toEqual([
          text,
          { line: expected.line, record: expected.record, byteOffset: expected.byteOffset },
        ]);
      }
    }
    // Both kinds of input were exercised.
    expect(failures).toBeGreaterThan(200);
    expect(failures).toBeLessThan(1300);
  });

  it('reads a large export in one piece identically to csv-parse', async () => {
    const rows = Array.from({ length: 20_000 }, (_v, i) => [`evt_${i}`, i % 7 === 0 ? 'say "hi", twice' : 'decision', i % 11 === 0 ? 'multi\r\nline' : '', 'é漢🎉']);
    const text = rows.map((r) => r.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join('\r\n');
    const bytes = Buffer.from(text);
    expect(await streamed(bytes, 1024 * 1024, 1, 1024 * 1024)).toEqual({ rows });
    expect(await streamed(bytes, 1024 * 1024, 2, 777)).toEqual({ rows });
  });
});
