import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import { validateExports } from '../../../electron/core/validate';
import { EXPORT_TYPES, type ExportFormat, type ExportType } from '../../../shared/domain';
import { csvColumns } from '../../../shared/schemas/records';
import type { ReviewScope } from '../../../shared/schemas/scope';
import type { ValidationReport } from '../../../shared/schemas/validation';
import { random } from '../ingest/random';
import { checkOf, expectFixes, expectValidReport } from './cases';

// A wrong or hostile file never crashes the validator: it becomes a failed Format conformance check
// that says where, and the report stays valid against its schema. (These inputs are made here rather
// than kept as fixtures: several are megabytes, and random ones are better seeded than committed.)

const SCOPE: ReviewScope = {
  window: { from: '2026-03-19T10:00:00Z', to: '2026-03-19T11:00:00Z' },
  environment: 'production',
  config_version: '0.1.0',
  types: ['events'],
  request_ids: [],
  escalation_ids: [],
};
const NOW = Date.parse('2026-03-20T12:00:00Z');
const HEADER = `${csvColumns.events.join(',')}\r\n`;
const ROW = 'evt_m8xk1a000001,decision,2026-03-19T10:02:11.034Z,allow,all_policies_passed,gpt-4o,openai,0.1.0,production,req_3f9a1c7e20b4d685,\r\n';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'evidence-hostile-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let serial = 0;
async function validate(content: string | Buffer, format: ExportFormat, type: ExportType = 'events', scope: Partial<ReviewScope> = {}): Promise<ValidationReport> {
  const name = `keeptrusts-${type}-20260319T110230Z.${format}`;
  const path = join(dir, `${++serial}-${name}`);
  await writeFile(path, content);
  const report = await validateExports([{ path, name, type, format, job: null }], { ...SCOPE, types: [type], ...scope }, { now: NOW });
  expectValidReport(report);
  expectFixes(report);
  return report;
}

/** The format check of a report's one file, which must have failed, with a position for its first problem. */
function failedFormat(report: ValidationReport) {
  const format = checkOf(report.files[0]!.checks, 'format');
  expect(format.status).toBe('fail');
  expect(format.examples.length).toBeGreaterThan(0);
  expect(format.examples[0]!.byte_offset).toBeTypeOf('number');
  return format;
}

describe('hostile inputs become a failed format check with a position', () => {
  it('random bytes, as CSV and as JSON', async () => {
    const rnd = random(20260319);
    const bytes = Buffer.from(Array.from({ length: 64 * 1024 }, () => rnd.int(256)));
    for (const format of ['csv', 'json'] as const) {
      const report = await validate(bytes, format);
      const check = failedFormat(report);
      expect(check.evidence.by_kind).toHaveProperty('utf8');
      expect(checkOf(report.files[0]!.checks, 'empty').status).toBe('skipped');
      expect(report.files[0]!.read_completely).toBe(false);
    }
  });

  it('a 3 MB line without a newline exceeds the 1 MiB record limit: reading stops where the record starts', async () => {
    const csv = await validate(`${HEADER}evt_1,${'a'.repeat(3 * 1024 * 1024)}`, 'csv');
    const check = failedFormat(csv);
    expect(check.evidence).toMatchObject({ by_kind: { 'record-too-large': 1 }, read_completely: false });
    expect(check.examples[0]).toMatchObject({ line: 2, byte_offset: HEADER.length });
    expect(check.summary).toContain(`Reading stopped at byte ${HEADER.length}: a record is longer than the 1024 KiB limit for one record`);
    expect(csv.files[0]!.records).toBe(0);

    const json = await validate(`[{"id":"evt_1","reason_code":"${'a'.repeat(3 * 1024 * 1024)}`, 'json');
    expect(failedFormat(json).examples[0]).toMatchObject({ record: 1, byte_offset: 1, note: 'record 1 is larger than the 1024 KiB limit for one record' });
    expect(json.files[0]!.read_completely).toBe(false);
  });

  it('JSON nested 100,000 deep, at the top and inside a record', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const top = await validate(deep, 'json');
    expect(failedFormat(top).examples[0]).toMatchObject({ record: 1, byte_offset: 1, note: 'record 1 is not a JSON object' });

    const inner = await validate(`[{"trace_id":"t","attributes":${deep}}]`, 'json', 'traces');
    expect(failedFormat(inner).examples[0]).toMatchObject({ record: 1, byte_offset: 1 });
    expect(inner.files[0]!.records).toBe(1);
  });

  it('a file of zero bytes is not even a header or an array', async () => {
    const csv = await validate('', 'csv');
    expect(failedFormat(csv).examples).toEqual([{ line: 1, byte_offset: 0, note: 'the file is empty (not even a header row)' }]);
    const json = await validate('', 'json');
    expect(failedFormat(json).examples).toEqual([{ byte_offset: 0, note: 'the file is empty, not a JSON array' }]);
    for (const report of [csv, json]) expect(checkOf(report.files[0]!.checks, 'empty').status).toBe('skipped');
  });

  it('NUL bytes', async () => {
    const nul = Buffer.alloc(4096);
    const csv = failedFormat(await validate(nul, 'csv'));
    expect(csv.examples[0]).toMatchObject({ line: 1, byte_offset: 0 });
    expect(csv.evidence.by_kind).toEqual({ header: 1 });
    const json = failedFormat(await validate(nul, 'json'));
    expect(json.examples[0]).toMatchObject({ byte_offset: 0, note: 'the file is not a JSON array (it must start with "[")' });
  });

  it('a CSV with 10,000 columns', async () => {
    const wide = `${Array.from({ length: 10_000 }, (_v, i) => `c${i}`).join(',')}\r\n`;
    const report = await validate(wide + wide + wide, 'csv');
    const check = failedFormat(report);
    expect(check.examples[0]).toMatchObject({ line: 1, byte_offset: 0 });
    expect(check.summary).toContain('the header is "c0,c1,c2,');
  });

  it('the contract\'s columns followed by 9,989 more: the header is wrong, but the records are still read by name', async () => {
    const extra = Array.from({ length: 9_989 }, (_v, i) => `x${i}`);
    const header = `${[...csvColumns.events, ...extra].join(',')}\r\n`;
    const row = `${ROW.slice(0, -2)}${',0'.repeat(extra.length)}\r\n`;
    const report = await validate(header + row + row.replace('evt_m8xk1a000001', 'evt_m8xk1a000002'), 'csv');
    const check = failedFormat(report);
    expect(check.evidence.by_kind).toEqual({ header: 1 });
    expect(report.files[0]!.records).toBe(2);
    expect(checkOf(report.files[0]!.checks, 'environment')).toMatchObject({ status: 'pass', summary: 'All 2 records are from production.' });
    expect(checkOf(report.files[0]!.checks, 'time-coverage').status).toBe('pass');
  });

  it('huge names and values stay within the report schema\'s limits', async () => {
    const longKey = `[{"id":"evt_1","event_type":"decision","timestamp":"2026-03-19T10:30:00.034Z","verdict":"allow","reason_code":"ok","model":"m","provider":"p","config_version":"0.1.0","environment":"production","request_id":"req_1","escalation_id":null,"${'k'.repeat(5000)}":1}]`;
    expect(failedFormat(await validate(longKey, 'json')).summary.length).toBeLessThanOrEqual(2000);

    const longHeader = `${'f'.repeat(500)},${'g'.repeat(500)}\r\n=1,@2\r\n`;
    const formulas = checkOf((await validate(longHeader, 'csv')).files[0]!.checks, 'spreadsheet-safety');
    expect(formulas.examples.every((e) => (e.field ?? '').length <= 200)).toBe(true);

    const rows = [1, 2, 3, 4].map((i) => ROW.replace('evt_m8xk1a000001', `evt_${i}`).replace(',production,', `,${`env${i}`.repeat(300)},`).replace(',0.1.0,', `,${`v${i}`.repeat(400)},`));
    const values = await validate(HEADER + rows.join(''), 'csv', 'events', { config_version: undefined });
    expect(checkOf(values.files[0]!.checks, 'environment').status).toBe('fail');
    expect(checkOf(values.files[0]!.checks, 'config-version').status).toBe('warn');

    const ids = Array.from({ length: 80 }, (_v, i) => `req_01HZX4Q8B7T2M9K3N5P6R7S8V${String(i).padStart(2, '0')}`);
    const xref = checkOf((await validate(HEADER + ROW, 'csv', 'events', { request_ids: ids })).checks, 'cross-reference');
    expect(xref.status).toBe('fail');
    expect(xref.evidence.missing_request_ids).toEqual(ids);
  });

  it('records counted but none readable (every one malformed) are not reported as passing', async () => {
    const statuses = (report: ValidationReport) => Object.fromEntries(report.files[0]!.checks.map((c) => [c.id, c.status]));
    const json = await validate('[\n{"id":"evt_1",},\n{"id":"evt_2",}\n]\n', 'json');
    expect(json.files[0]!.records).toBe(2);
    expect(statuses(json)).toMatchObject({ empty: 'pass', 'time-coverage': 'skipped', environment: 'skipped', 'config-version': 'skipped', format: 'fail', duplicates: 'skipped' });
    expect(checkOf(json.files[0]!.checks, 'environment').summary).toBe('None of the records could be read (see Format conformance).');

    const csv = await validate(`${HEADER}evt_1,decision\r\nevt_2,decision\r\n`, 'csv');
    expect(csv.files[0]!.records).toBe(2);
    expect(statuses(csv)).toMatchObject({ 'time-coverage': 'skipped', environment: 'skipped', 'config-version': 'skipped', duplicates: 'skipped', 'spreadsheet-safety': 'skipped' });
    expect(failedFormat(csv).evidence.by_kind).toEqual({ 'field-count': 2 });
  });

  it('random token soup in every type and format never throws and always gives a valid report', async () => {
    const rnd = random(7);
    const tokens = ['a', '"', '""', ',', '\r\n', '\n', '\r', '{', '}', '[', ']', ':', '\\', '"id"', '"timestamp":', '2026-03-19T10:30:00Z', '\u00e9', '\u{1F389}', '\0', '=', '-1', ' ', '\ufeff'];
    for (let n = 0; n < 200; n++) {
      const type = rnd.pick(EXPORT_TYPES);
      const format = rnd.pick(['csv', 'json'] as const);
      let text = rnd.chance(0.5) ? (format === 'csv' ? `${csvColumns[type].join(',')}\r\n` : '[') : '';
      for (let k = rnd.int(60); k > 0; k--) text += rnd.pick(tokens);
      const bytes = rnd.chance(0.1) ? Buffer.concat([Buffer.from(text), Buffer.from([0xc3])]) : Buffer.from(text);
      const report = await validate(bytes, format, type, { request_ids: ['req_1'], escalation_ids: ['esc_1'] });
      expect(report.files[0]!.checks).toHaveLength(9);
    }
  });

  it('only a file that cannot be opened throws (an AppError naming it)', async () => {
    const path = join(dir, 'does-not-exist.csv');
    const error = await validateExports([{ path, name: 'keeptrusts-events-20260319T110230Z.csv', type: 'events', format: 'csv', job: null }], SCOPE, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'file-unreadable' });
  });
});
