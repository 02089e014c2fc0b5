import { describe, expect, it } from 'vitest';
import { csvRowBuilder, jsonRecordRow, normalizeRecord } from '../../../electron/core/ingest/normalize';
import { defaultDataConfig, HOUR_MS } from '../../../electron/sample-api/data-config';
import { recordsInWindow } from '../../../electron/sample-api/generate';
import { EXPORT_TYPES } from '../../../shared/domain';
import { csvColumns } from '../../../shared/schemas/records';
import { random } from './random';

const VALUES = ['', 'allow', 'Blocked', 'ESCALATED', 'maybe', 'production', '2026-03-19T10:30:00.157Z', '2026-03-19T10:30:00Z', '2026-02-30T00:00:00Z', 'yesterday', 'evt_1', 'req_1'];
const ODD = ['say "hi"', 'back\\slash', 'line\r\nbreak', 'tab\there', '\u0000\u001f', 'é ü 漢字 🎉', '\ud800 lone', '{"json": [1, 2]}', '<>&\'', ' '];

/** The record the old ingest built from a CSV row, and what it stored for it. */
function reference(type: (typeof EXPORT_TYPES)[number], columns: readonly string[], fields: string[]) {
  const record: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) record[columns[i]!] = fields[i]!;
  const n = normalizeRecord(type, record);
  return [n.recordId, n.timeMs, n.environment, n.configVersion, n.requestId, n.escalationId, n.verdict, JSON.stringify(record)];
}

describe('CSV rows are built without an object per record, with the same columns and raw text', () => {
  for (const type of EXPORT_TYPES) {
    it(`${type}: random fields`, () => {
      const rnd = random(type.length);
      const columns = csvColumns[type];
      const build = csvRowBuilder(type, columns);
      for (let n = 0; n < 5_000; n++) {
        const fields = columns.map(() => (rnd.chance(0.2) ? rnd.pick(ODD) : rnd.pick(VALUES)) + (rnd.chance(0.1) ? String(rnd.int(100)) : ''));
        expect(build(fields)).toEqual(reference(type, columns, fields));
      }
    });

    it(`${type}: generated exports`, () => {
      const now = Date.parse('2026-03-20T10:30:00Z');
      const columns = csvColumns[type];
      const build = csvRowBuilder(type, columns);
      for (const { record } of recordsInWindow(defaultDataConfig(7, now, { eventsPerHour: 200 }), type, now - HOUR_MS, now)) {
        const fields = columns.map((c) => {
          const value = (record as Record<string, unknown>)[c];
          return value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
        });
        expect(build(fields)).toEqual(reference(type, columns, fields));
      }
    });
  }

  it('JSON rows keep the element text as raw and normalize the parsed record', () => {
    const raw = '{"event_id":"evt_9","timestamp":"2026-03-20T10:00:00Z","verdict":"blocked","environment":"production"}';
    expect(jsonRecordRow('events', JSON.parse(raw) as Record<string, unknown>, raw)).toEqual(['evt_9', Date.parse('2026-03-20T10:00:00Z'), 'production', null, null, null, 'block', raw]);
  });
});
