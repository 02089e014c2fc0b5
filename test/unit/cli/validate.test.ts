import { describe, expect, it } from 'vitest';
import { parseCommandLine, type ValidateCommand } from '../../../electron/cli/args';
import { EXIT, exitForOverall } from '../../../electron/cli/exit-codes';
import { printable, wrap } from '../../../electron/cli/format';
import { UsageError } from '../../../electron/cli/usage-error';
import { checklist } from '../../../electron/cli/validate/checklist';
import { resolveReviewWindow } from '../../../electron/cli/validate/window';
import type { CheckResult, FileReport, ValidationReport } from '../../../shared/schemas/validation';

const host = { env: {}, platform: 'linux' as const, homedir: '/home/ana' };
const parse = (line: string): ValidateCommand => {
  const cmd = parseCommandLine(line.split(' ').filter(Boolean), host);
  if (cmd.kind !== 'validate') throw new Error(`expected validate, got ${cmd.kind}`);
  return cmd;
};
const usage = (line: string): UsageError => {
  try {
    parse(line);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`"${line}" parsed without a usage error`);
};
const NOW = Date.parse('2026-03-20T10:30:00Z');

describe('evidence validate flags', () => {
  it('reads files, a fixed window and the whole scope; IDs repeat and take comma lists, each kept once', () => {
    const cmd = parse('validate a.csv b.json --from 2026-03-01 --to 2026-03-31 --env production --config-version 0.2.0 --request-id r1,r2 --request-id r1 --escalation-id e1 --types events,escalations --job j.json --retention-hours 168 --format csv');
    expect(cmd).toMatchObject({
      source: { kind: 'files', files: ['a.csv', 'b.json'], type: null, format: 'csv', jobFiles: ['j.json'] },
      environment: 'production',
      configVersion: '0.2.0',
      types: ['events', 'escalations'],
      requestIds: ['r1', 'r2'],
      escalationIds: ['e1'],
      retentionHours: 168,
    });
    expect(resolveReviewWindow(cmd.window, NOW)).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
  });

  it('resolves --since to the window before --at, or before now', () => {
    expect(resolveReviewWindow(parse('validate a.csv --since 24h --at 2026-03-20T12:30:00+02:00').window, 0)).toEqual({ relative: '24h', from: '2026-03-19T10:30:00.000Z', to: '2026-03-20T10:30:00.000Z' });
    expect(resolveReviewWindow(parse('validate a.csv --since 1h').window, NOW)).toEqual({ relative: '1h', from: '2026-03-20T09:30:00.000Z', to: '2026-03-20T10:30:00.000Z' });
  });

  it('reads --cached with its workspace and artifact ids', () => {
    expect(parse('validate --cached --since 7d --artifact 3,5 --artifact 3 --workspace w1').source).toEqual({ kind: 'cached', workspaceId: 'w1', apiBaseUrl: null, artifactIds: [3, 5] });
    expect(parse('validate --cached --since 7d').types).toBeNull();
  });

  it.each([
    ['validate a.csv', /needs the review window/],
    ['validate a.csv --since 6h --to 2026-03-01', /not both/],
    ['validate a.csv --to 2026-03-01', /go together/],
    ['validate a.csv --from 2026-03-01 --to 2026-03-01 --at 2026-03-01T00:00:00Z', /--at goes with --since/],
    ['validate a.csv --since 6h --at 2026-02-30T00:00:00Z', /--at "2026-02-30T00:00:00Z" is not an instant/],
    ['validate a.csv --since 6h --at 2026-03-01T24:00:00Z', /not an instant/],
    ['validate a.csv --from 2026-03-01T10:00:00Z --to 2026-03-01T10:00:00Z', /before --to/],
    ['validate a.csv --since 6h --retention-hours 1.5', /--retention-hours must be a whole number/],
    ['validate a.csv --since 6h --types events --types events', /--types names events twice/],
    ['validate a.csv --since 6h --artifact 1', /--artifact goes with --cached/],
    ['validate --cached --since 6h --job j.json', /--job is for FILEs/],
    ['validate --cached --since 6h --artifact 0', /--artifact "0" is not an artifact id/],
    ['validate --since 6h', /at least one FILE, or --cached/],
  ])('refuses %s', (line, message) => {
    expect(usage(line).message).toMatch(message);
  });
});

describe('exit codes of a validation', () => {
  it('are 0 for pass, 1 for warnings, 2 for failures; usage errors are 64', () => {
    expect([exitForOverall('pass'), exitForOverall('warn'), exitForOverall('fail')]).toEqual([0, 1, 2]);
    expect(EXIT.usage).toBe(64);
  });
});

describe('wrapping and escaping for the terminal', () => {
  it('wraps at spaces, with its own prefix for the first and following lines', () => {
    expect(wrap('one two three four', 12, '- ', '  ')).toBe('- one two\n  three four');
    expect(wrap(`x ${'y'.repeat(20)} z`, 10, '', '')).toBe(`x\n${'y'.repeat(20)}\nz`);
  });

  it('shows control and bidirectional characters as escapes', () => {
    expect(printable('a\u001b[31mb\u202ec\n')).toBe('a\\u001b[31mb\\u202ec\\u000a');
  });
});

const result = (id: CheckResult['id'], status: CheckResult['status'], more: Partial<CheckResult> = {}): CheckResult => ({ id, title: id, status, summary: `${id} summary`, evidence: {}, examples: [], fix: null, ...more });

describe('the checklist', () => {
  const file: FileReport = {
    name: 'keeptrusts-events-20260320T103000Z.csv',
    type: 'events',
    format: 'csv',
    bytes: 2048,
    sha256: 'a'.repeat(64),
    records: 2,
    read_completely: true,
    first_record_at: null,
    last_record_at: null,
    job_id: null,
    status: 'fail',
    coverage: null,
    environments: {},
    config_versions: [],
    verdicts: {},
    checks: [
      result('empty', 'pass'),
      result('environment', 'fail', {
        summary: `2 records are not from production: ${'staging '.repeat(12)}.`,
        fix: 'Export again with the environment filter set to production.',
        examples: [1, 2, 3, 4].map((record) => ({ record, line: record + 1, byte_offset: record * 100, field: 'environment', value: `st\u001bging${'!'.repeat(100)}` })),
      }),
      result('integrity', 'skipped', { fix: 'not shown for a skipped check' }),
    ],
  };
  const report: ValidationReport = {
    format: 'evidence-validation-report',
    format_version: 1,
    generated_at: '2026-03-20T10:30:00.000Z',
    scope: { window: { from: '2026-03-20T08:30:00.000Z', to: '2026-03-20T10:30:00.000Z' }, environment: 'production', types: ['events', 'traces'], request_ids: ['req_1'], escalation_ids: ['esc_1'] },
    settings: { retention_hours: 720, filename_tolerance_seconds: 300 },
    overall: 'fail',
    counts: { pass: 1, skipped: 1, warn: 1, fail: 1 },
    files: [file],
    checks: [result('completeness', 'warn', { fix: 'Pull the missing export types.' })],
    xref: {
      request_ids: [{ id: 'req_1', found: [{ file: file.name, type: 'events', record: 2, field: 'request_id' }], total: 1 }],
      escalation_ids: [{ id: 'esc_1', escalation: [], events: [], total: 0, status: 'missing' }],
    },
    limitations: [{ kind: 'missing-type', type: 'traces', text: 'No trace data: the scope asked for traces, but no traces export is part of this evidence.' }],
  };
  const text = checklist(report);

  it('lists each check with its mark; warnings and failures with the fix and up to three examples', () => {
    expect(text).toContain(`${file.name}\n  events CSV, 2 records, 2.0 KB\n  PASS  empty: empty summary\n  FAIL  environment: 2 records`);
    expect(text).toContain('        → Export again with the environment filter set to production.\n        · record 1, line 2, byte 100: environment =\n          "st\\u001bging!!!');
    expect(text).toContain('(1 more example in --json)');
    expect(text).not.toContain('not shown for a skipped check');
    expect(text).toContain('The whole set\n  WARN  completeness: completeness summary\n        → Pull the missing export types.');
    expect(text).toContain(`Cross-reference (ID → where found)\n  req_1 (request) → found in 1 record:\n      ${file.name} record 2 (request_id)\n  esc_1 (escalation) → NOT FOUND`);
    expect(text).toContain('Limitations (for the note)\n  - No trace data:');
    expect(text.endsWith('\n\nOverall: FAIL — 1 passed, 1 warning, 1 failed, 1 skipped')).toBe(true);
  });

  it('stays within 80 columns and prints no control characters', () => {
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});
