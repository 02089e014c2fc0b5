import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import { ingestArtifact } from '../../../electron/core/ingest/ingest';
import { defaultDataConfig, HOUR_MS } from '../../../electron/sample-api/data-config';
import { serializeExport } from '../../../electron/sample-api/format';
import { recordsInWindow, withoutTimes } from '../../../electron/sample-api/generate';
import { EXPORT_FORMATS, EXPORT_TYPES, type ExportFormat, type ExportType } from '../../../shared/domain';
import { csvColumns } from '../../../shared/schemas/records';
import type { IngestRequest } from '../../../electron/core/ingest/ingest';
import { tempCache } from '../../support/cache';

const NOW = Date.parse('2026-03-20T10:30:00Z');
const config = defaultDataConfig(3, NOW, { eventsPerHour: 300 });
const exportText = (type: ExportType, format: ExportFormat, hours = 2) =>
  [...serializeExport(type, format, withoutTimes(recordsInWindow(config, type, NOW - hours * HOUR_MS, NOW)))].join('');
const HEADER = csvColumns.events.join(',');
const EVENT = '{"id":"a","timestamp":"2026-03-20T10:00:00Z","verdict":"allow"}';
const ROW = 'evt_1,decision,2026-03-20T10:00:00.000Z,allow,all_policies_passed,gpt-4o,openai,0.2.0,production,req_1,';

let cache: Awaited<ReturnType<typeof tempCache>>;
beforeEach(async () => {
  cache = await tempCache();
});
afterEach(() => cache.close());

// Every behaviour holds whether the inserts run on the calling thread or on the writer thread.
const WRITERS = ['caller', 'worker'] as const satisfies readonly NonNullable<IngestRequest['writer']>[];
let writer: (typeof WRITERS)[number] = 'caller';

async function ingest(type: ExportType, format: ExportFormat, content: string | Buffer, extra: Partial<IngestRequest> = {}) {
  const file = await cache.writeExport(`export.${format}`, content);
  const artifactId = cache.addArtifact(type, format, file);
  return ingestArtifact(cache.db, { artifactId, type, format, file, displayName: `keeptrusts-${type}.${format}`, writer, ...extra });
}

async function malformed(type: ExportType, format: ExportFormat, content: string | Buffer): Promise<AppError> {
  const before = cache.counts();
  const error = await ingest(type, format, content).then(
    () => {
      throw new Error('expected the ingest to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('malformed-file');
  expect(cache.counts()).toEqual(before);
  return error as AppError;
}

for (const mode of WRITERS) {
  describe(`ingest (writes on the ${mode === 'caller' ? 'calling thread' : 'writer thread'})`, () => {
    beforeEach(() => {
      writer = mode;
    });

    describe('ingest: well-formed exports', () => {
      for (const type of EXPORT_TYPES) {
        for (const format of EXPORT_FORMATS) {
          it(`${type} as ${format}: every record lands with its query columns`, async () => {
            const text = exportText(type, format);
            const expected = [...recordsInWindow(config, type, NOW - 2 * HOUR_MS, NOW)];
            const result = await ingest(type, format, text);
            expect(result.records).toBe(expected.length);
            expect(result.firstRecordAt).toBe(new Date(expected[0]!.t).toISOString());
            expect(result.lastRecordAt).toBe(new Date(expected.at(-1)!.t).toISOString());
            const rows = cache.db.prepare('SELECT record_index, time_ms, environment, request_id, verdict, raw FROM records ORDER BY record_index').all() as {
              record_index: number;
              time_ms: number;
              environment: string;
              request_id: string | null;
              verdict: string | null;
              raw: string;
            }[];
            expect(rows.map((r) => r.record_index)).toEqual(expected.map((_e, i) => i + 1));
            expect(rows.map((r) => r.time_ms)).toEqual(expected.map((e) => e.t));
            expect(rows.map((r) => r.environment)).toEqual(expected.map((e) => e.record.environment));
            if (format === 'json') expect(JSON.parse(rows[0]!.raw)).toEqual(expected[0]!.record);
            expect(cache.counts().artifactsIngested).toBe(1);
          });
        }
      }

      it('accepts a UTF-8 byte-order mark, as spreadsheet tools write', async () => {
        const result = await ingest('events', 'csv', `\uFEFF${HEADER}\r\n${ROW}\r\n`);
        expect(result.records).toBe(1);
      });

      it('ingests a header-only CSV and [] as zero records', async () => {
        expect((await ingest('events', 'csv', `${HEADER}\r\n`)).records).toBe(0);
        expect((await ingest('events', 'json', '[]')).records).toBe(0);
      });

      it('normalizes tolerated spellings: event_id and blocked', async () => {
        await ingest('events', 'json', JSON.stringify([{ event_id: 'evt_9', timestamp: '2026-03-20T10:00:00Z', verdict: 'blocked', environment: 'production', request_id: 'req_9' }]));
        expect(cache.db.prepare('SELECT record_id, verdict FROM records').get()).toEqual({ record_id: 'evt_9', verdict: 'block' });
      });

      it('re-ingesting an artifact replaces its records instead of doubling them', async () => {
        const file = await cache.writeExport('again.csv', `${HEADER}\r\n${ROW}\r\n`);
        const artifactId = cache.addArtifact('events', 'csv', file);
        await ingestArtifact(cache.db, { artifactId, type: 'events', format: 'csv', file, writer });
        await ingestArtifact(cache.db, { artifactId, type: 'events', format: 'csv', file, writer });
        expect(cache.counts().records).toBe(1);
      });
    });

    describe('ingest: malformed files fail with their position and leave the cache unchanged', () => {
      beforeEach(async () => {
        await ingest('events', 'csv', `${HEADER}\r\n${ROW}\r\n`);
      });

      it('an unbalanced quote', async () => {
        const error = await malformed('events', 'csv', `${HEADER}\r\n${ROW}\r\n"evt_2,decision\r\n`);
        expect(error.message).toMatch(/quoted field is still open when the file ends/);
        expect(error.details).toMatchObject({ record: 2 });
      });

      it('a ragged row', async () => {
        const error = await malformed('events', 'csv', `${HEADER}\r\n${ROW}\r\nevt_2,decision,2026-03-20T10:00:00Z\r\n`);
        expect(error.message).toMatch(/different number of fields/);
        expect(error.details).toMatchObject({ line: 3, record: 2 });
      });

      it('bad UTF-8, with the exact byte offset', async () => {
        const prefix = Buffer.from(`${HEADER}\r\n${ROW}\r\nevt_2,dec`);
        const error = await malformed('events', 'csv', Buffer.concat([prefix, Buffer.from([0xc3, 0x28]), Buffer.from('ision\r\n')]));
        expect(error.message).toMatch(/not valid UTF-8/);
        expect(error.details).toMatchObject({ byteOffset: prefix.length });
      });

      it('a UTF-16 file with its byte-order mark (a spreadsheet "Unicode text" save)', async () => {
        const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\r\n`, 'utf16le')]);
        const error = await malformed('events', 'csv', utf16);
        expect(error.details).toMatchObject({ byteOffset: 0 });
      });

      it('the wrong header for the type', async () => {
        const error = await malformed('events', 'csv', `${csvColumns.traces.join(',')}\r\n`);
        expect(error.message).toMatch(/the header is "trace_id/);
      });

      it('LF line ends instead of CRLF', async () => {
        const error = await malformed('events', 'csv', `${HEADER}\n${ROW}\n`);
        expect(error.message).toMatch(/header|fields/);
      });

      it('truncated JSON', async () => {
        const text = exportText('events', 'json', 1);
        const error = await malformed('events', 'json', text.slice(0, Math.floor(text.length / 2)));
        expect(error.message).toMatch(/ends before the array is closed/);
      });

      it('JSON that is not an array', async () => {
        const error = await malformed('events', 'json', '{"events": []}');
        expect(error.message).toMatch(/not a JSON array/);
        expect(error.details).toMatchObject({ byteOffset: 0 });
      });

      it('a JSON array of something other than objects', async () => {
        const error = await malformed('events', 'json', `[${EVENT}, 42]`);
        expect(error.message).toMatch(/record 2 is not a JSON object/);
        expect(error.details).toMatchObject({ record: 2, byteOffset: EVENT.length + 3 });
      });

      it('invalid JSON inside a record, with its record number', async () => {
        const error = await malformed('events', 'json', `[${EVENT},\n{"id": tru}]`);
        expect(error.message).toMatch(/record 2 is not valid JSON/);
        expect(error.details).toMatchObject({ record: 2 });
      });

      it('trailing garbage after the array', async () => {
        const error = await malformed('events', 'json', `[${EVENT}] extra`);
        expect(error.message).toMatch(/after the closing/);
      });

      it('JSON records with the wrong keys (another type\'s export)', async () => {
        const traces = exportText('traces', 'json', 1);
        const error = await malformed('events', 'json', traces);
        expect(error.message).toMatch(/record 1 has no "timestamp", "verdict": its keys are not those of events records/);
        expect(error.details).toMatchObject({ record: 1, byteOffset: 2 });
      });

      it('an empty file', async () => {
        await malformed('events', 'json', '');
        await malformed('events', 'csv', '');
      });

      it('a 50 MB single record is refused by size, not read whole', async () => {
        const huge = 'x'.repeat(50 * 1024 * 1024);
        const csv = await malformed('events', 'csv', `${HEADER}\r\n${ROW}\r\nevt_2,"${huge}",t,allow,r,m,p,c,e,q,\r\n`);
        expect(csv.message).toMatch(/larger than the limit/);
        expect(csv.details).toMatchObject({ record: 2 });
        const json = await malformed('events', 'json', `[${EVENT},{"id":"${huge}"}]`);
        expect(json.message).toMatch(/record 2 is larger than/);
        expect(json.details).toMatchObject({ record: 2, byteOffset: EVENT.length + 2 });
      });
    });

    describe('ingest: cancellation', () => {
      it('an abort midway rolls everything back', async () => {
        const controller = new AbortController();
        const text = exportText('events', 'csv', 6);
        let reports = 0;
        const error = await ingest('events', 'csv', text, {
          batchSize: 100,
          signal: controller.signal,
          onProgress: () => {
            if (++reports === 3) controller.abort();
          },
        }).catch((e: unknown) => e);
        expect((error as AppError).code).toBe('cancelled');
        expect(cache.counts()).toEqual({ records: 0, artifactsIngested: 0 });
        expect(cache.db.pragma('integrity_check', { simple: true })).toBe('ok');
      });
    });
  });
}
