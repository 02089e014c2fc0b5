import { describe, expect, it } from 'vitest';
import type { ExportFileInput } from '../../../electron/core/validate';
import { checkOf, expectFixes, expectValidReport, loadCase, runCase } from './cases';

// What the fixtures' case.json files cannot say on their own: the wording a reviewer acts on, and
// variants of a fixture (another tolerance, job or scope) that need no file of their own.

const fileCheck = async (caseId: string, id: Parameters<typeof checkOf>[1], change: Parameters<typeof runCase>[1] = {}, file = 0) => {
  const report = await runCase(loadCase(caseId), change);
  expectValidReport(report);
  expectFixes(report);
  return checkOf(report.files[file]!.checks, id);
};

describe('empty', () => {
  // Not empty cannot warn: a file has records or it has none. It is skipped when nothing could be read.
  it('an empty export fails with a fix that says to widen the window and confirm traffic', async () => {
    for (const id of ['empty/header-only-csv', 'empty/empty-array-json']) {
      const check = await fileCheck(id, 'empty');
      expect(check.status).toBe('fail');
      expect(check.fix).toMatch(/Widen the time window/);
      expect(check.fix).toMatch(/confirm that traffic actually passed/);
    }
  });

  it('an unreadable file is skipped here and failed by Format conformance, which says where', async () => {
    for (const id of ['empty/unreadable-csv', 'empty/unreadable-json']) {
      const report = await runCase(loadCase(id));
      expect(checkOf(report.files[0]!.checks, 'empty')).toMatchObject({ status: 'skipped', fix: null });
      const format = checkOf(report.files[0]!.checks, 'format');
      expect(format.status).toBe('fail');
      expect(format.examples[0]).toMatchObject({ byte_offset: 1, note: 'the bytes at offset 1 are not valid UTF-8' });
    }
  });
});

describe('filename-timestamp', () => {
  // Never warns (every finding is a failure) and never skipped (every file has a name).
  const withCompletion = (completedAt: string) => (files: ExportFileInput[]) => files.map((f) => ({ ...f, job: { ...f.job!, completedAt } }));

  it('allows exactly the tolerance, and not a second more', async () => {
    const at = (completedAt: string) => fileCheck('filename-timestamp/outside-tolerance', 'filename-timestamp', { files: withCompletion(completedAt) });
    expect((await at('2026-03-19T11:07:30.000Z')).status).toBe('pass');
    expect((await at('2026-03-19T10:57:30.000Z')).status).toBe('pass');
    expect((await at('2026-03-19T10:57:29.999Z')).status).toBe('fail');
    const late = await at('2026-03-19T11:07:31.000Z');
    expect(late.status).toBe('fail');
    expect(late.evidence).toMatchObject({ difference_seconds: -301 });
    expect(late.summary).toContain('allowed: 5 min');
  });

  it('the tolerance is a setting', async () => {
    const check = await fileCheck('filename-timestamp/outside-tolerance', 'filename-timestamp', { settings: { filenameToleranceSeconds: 600 } });
    expect(check.status).toBe('pass');
    expect(check.summary).toContain('within 10 min of the job\'s completion');
    expect(check.evidence).toMatchObject({ tolerance_seconds: 600, difference_seconds: -360 });
  });

  it('a job without a completion time is compared with nothing but the records', async () => {
    const check = await fileCheck('filename-timestamp/outside-tolerance', 'filename-timestamp', { files: (files) => files.map((f) => ({ ...f, job: { ...f.job!, completedAt: null } })) });
    expect(check.status).toBe('pass');
    expect(check.summary).not.toContain('imported');
    expect(check.evidence).not.toHaveProperty('job_completed_at');
  });

  it('every failure tells the reviewer to use the file as downloaded or export again', async () => {
    for (const id of ['missing-stamp', 'impossible-date', 'before-last-record', 'outside-tolerance', 'type-mismatch']) {
      const check = await fileCheck(`filename-timestamp/${id}`, 'filename-timestamp');
      expect(check.status).toBe('fail');
      expect(check.fix).toMatch(/export(ed)? (it|the window) again|exactly as/i);
    }
  });
});

describe('time-coverage', () => {
  it('examples of records outside the window carry record, line, byte offset and the time as written', async () => {
    const check = await fileCheck('time-coverage/outside-window', 'time-coverage');
    expect(check.examples.every((e) => e.record !== undefined && e.line === e.record + 1 && e.byte_offset !== undefined && e.field === 'timestamp')).toBe(true);
    expect(check.fix).toMatch(/Export exactly the scope's window/);
  });

  it('a gap warns with its exact interval; a quiet stretch in sparse traffic does not', async () => {
    const gap = await fileCheck('time-coverage/busy-gap', 'time-coverage');
    expect(gap.evidence.gaps).toEqual([{ from: '2026-03-19T10:30:00.000Z', to: '2026-03-19T10:32:00.000Z', buckets: 2 }]);
    expect(gap.fix).toMatch(/Confirm that traffic actually passed/);
    const sparse = await fileCheck('time-coverage/sparse', 'time-coverage');
    expect(sparse.status).toBe('pass');
  });

  it('a quiet trailing edge warns like a quiet leading one', async () => {
    // The quiet-start file against a window moved 40 minutes later: the last record is at 10:59:15.649, 40 min 44 s before its end.
    const check = await fileCheck('time-coverage/quiet-start', 'time-coverage', { scope: { window: { from: '2026-03-19T10:40:00Z', to: '2026-03-19T11:40:00Z' } } });
    expect(check.status).toBe('warn');
    expect(check.summary).toContain('nothing in the last 41 min of the window');
  });
});

describe('environment', () => {
  // Cannot warn: a record is from the scope's environment or it is not.
  it('fails naming each other environment with its count, and says how to export again', async () => {
    const check = await fileCheck('environment/mixed', 'environment');
    expect(check.evidence.mismatches).toEqual({ staging: 2, '': 1 });
    expect(check.fix).toBe('Export again with the environment filter set to production, or widen the scope if the other environments belong in this review.');
  });
});

describe('config-version', () => {
  it('without an expected version, one version passes and a rollout warns', async () => {
    const one = await fileCheck('config-version/expected-absent', 'config-version', { scope: { config_version: undefined } });
    expect(one).toMatchObject({ status: 'pass', summary: 'Every record ran 0.1.0 (the scope expects no particular version).' });
    const rollout = await fileCheck('config-version/rollout', 'config-version', { scope: { config_version: undefined } });
    expect(rollout.status).toBe('warn');
    expect(rollout.summary).toMatch(/^The scope expects no particular version, and several ran: staging moved from 0\.1\.0 to 0\.2\.0 at 2026-03-19T10:12:00\.500Z; production moved/);
  });
});

describe('integrity', () => {
  // Cannot warn: the bytes match what the job declared or they do not. Skipped with nothing to compare.
  it('an imported file is skipped, with its sha256 recorded and a hint to compare it by hand', async () => {
    const check = await fileCheck('filename-timestamp/imported', 'integrity');
    expect(check.status).toBe('skipped');
    expect(check.summary).toMatch(/no export job is known for this file: it was imported or given directly\)\. Its sha256 [0-9a-f]{64} is recorded for the packet\./);
    expect(check.fix).toMatch(/compare it with the one above/);
  });

  it('several differences are all named', async () => {
    const check = await fileCheck('integrity/wrong-sha256', 'integrity', {
      files: (files) => files.map((f) => ({ ...f, job: { ...f.job!, artifact: { ...f.job!.artifact!, sizeBytes: 1, recordCount: 9 } } })),
    });
    expect(check.status).toBe('fail');
    expect(check.summary).toMatch(/: 818 bytes, the job declared 1 byte; sha256 [0-9a-f]{64}, the job declared [0-9a-f]{64}; 5 records, the job declared 9 records\.$/);
    expect(check.fix).toMatch(/Download the export again/);
  });
});

describe('duplicates', () => {
  // Warns only when the id memory cap was reached (memory-bounds.test.ts); here: pass, fail, skipped.
  it('a file without records is skipped', async () => {
    expect(await fileCheck('empty/header-only-csv', 'duplicates')).toMatchObject({ status: 'skipped', summary: 'No records to compare.' });
  });
});

describe('spreadsheet-safety', () => {
  // Cannot fail: the evidence is never altered, so formula-like cells are a warning for reviewers.
  it('warns without changing the file, and JSON is skipped', async () => {
    const check = await fileCheck('spreadsheet-safety/formula-cells', 'spreadsheet-safety');
    expect(check.fix).toMatch(/^The file is kept exactly as exported\./);
    const json = await fileCheck('baseline', 'spreadsheet-safety', {}, 2);
    expect(json).toMatchObject({ status: 'skipped', summary: 'Applies to CSV files, which reviewers open in spreadsheets; this is JSON.' });
  });
});

describe('cross-reference', () => {
  it('is skipped without IDs, and asks for at least one', async () => {
    const report = await runCase(loadCase('filename-timestamp/imported'));
    const check = checkOf(report.checks, 'cross-reference');
    expect(check).toMatchObject({ status: 'skipped', summary: 'The scope lists no request IDs or escalation IDs.' });
    expect(check.fix).toMatch(/at least one ID/);
    expect(report.xref).toEqual({ request_ids: [], escalation_ids: [] });
  });
});

describe('completeness', () => {
  // Cannot fail: a missing or empty type is a known limitation for the note.
  it('is skipped when the scope lists no types', async () => {
    const report = await runCase(loadCase('baseline'), { scope: { types: [] } });
    expectValidReport(report);
    expect(checkOf(report.checks, 'completeness')).toMatchObject({ status: 'skipped', evidence: { asked: [], extra: ['events', 'escalations', 'traces'] } });
    expect(report.limitations).toEqual([]);
  });

  it('a type whose files are all empty is an empty type; one file with records is enough', async () => {
    const c = loadCase('completeness/missing-and-empty');
    const extra = { name: 'keeptrusts-escalations-20260319T110233Z.csv', path: `${c.dir}/../../baseline/keeptrusts-escalations-20260319T110233Z.csv`, type: 'escalations' as const, format: 'csv' as const, job: null };
    const report = await runCase(c, { files: (files) => [...files, extra] });
    expect(report.limitations.map((l) => [l.kind, l.type])).toEqual([['missing-type', 'audit-log']]);
  });
});

describe('retention', () => {
  // Cannot fail and is never skipped: the horizon is a risk to note, and always computable.
  it('a longer retention setting turns the warning back into a pass', async () => {
    const report = await runCase(loadCase('retention/before-horizon'), { settings: { retentionHours: 24 * 60 } });
    expect(checkOf(report.checks, 'retention')).toMatchObject({ status: 'pass', evidence: { retention_hours: 1440, horizon: '2026-02-24T00:00:00.000Z' } });
    expect(report.settings.retention_hours).toBe(1440);
  });

  it('the window starting exactly at the horizon passes', async () => {
    const report = await runCase(loadCase('retention/settings-override'), { now: '2026-03-20T10:00:00Z' });
    expect(checkOf(report.checks, 'retention').status).toBe('pass');
  });
});
