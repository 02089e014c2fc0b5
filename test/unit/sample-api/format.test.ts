import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, exportFilename, serializeExport } from '../../../electron/sample-api/format';
import { csvColumns, type EventRecord } from '../../../shared/schemas/records';

const event: EventRecord = {
  id: 'evt_1',
  event_type: 'decision',
  timestamp: '2026-03-20T10:30:00.000Z',
  verdict: 'block',
  reason_code: 'says "no", then, stops',
  model: 'gpt-4o',
  provider: 'openai',
  config_version: '0.2.0',
  environment: 'production',
  request_id: 'req_1',
  escalation_id: null,
};

describe('CSV and JSON serialization', () => {
  it.each([
    [null, ''],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\r\nbreak', '"line\r\nbreak"'],
    [' padded', '" padded"'],
    [42, '42'],
    [{ a: 1 }, '"{""a"":1}"'],
  ])('csvField(%j) is %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes the header in contract order, CRLF line ends, and round-trips through strict csv-parse', () => {
    const text = [...serializeExport('events', 'csv', [event, { ...event, id: 'evt_2' }], 10)].join('');
    expect(text.startsWith(`${csvColumns.events.join(',')}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const rows = parse(text, { columns: true, record_delimiter: '\r\n', relax_quotes: false, relax_column_count: false }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]!.reason_code).toBe('says "no", then, stops');
    expect(rows[0]!.escalation_id).toBe('');
  });

  it('writes a JSON array, and [] when empty, whatever the chunk size', () => {
    const text = [...serializeExport('events', 'json', [event, event], 5)].join('');
    expect(JSON.parse(text)).toEqual([event, event]);
    expect([...serializeExport('events', 'json', [])].join('')).toBe('[]\n');
    expect([...serializeExport('events', 'csv', [])].join('')).toBe(`${csvColumns.events.join(',')}\r\n`);
  });

  it('names files keeptrusts-<type>-<yyyymmddThhmmssZ>.<ext>', () => {
    expect(exportFilename('audit-log', 'json', Date.parse('2026-03-20T10:30:00.999Z'))).toBe('keeptrusts-audit-log-20260320T103000Z.json');
  });
});
