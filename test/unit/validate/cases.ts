import { Ajv } from 'ajv';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ExportFormat, ExportType } from '../../../shared/domain';
import type { ReviewScope } from '../../../shared/schemas/scope';
import { FILE_CHECK_IDS, SET_CHECK_IDS, ValidationReport, type CheckId, type CheckResult, type CheckStatus } from '../../../shared/schemas/validation';
import { validateExports, type ExportFileInput, type JobMetadata, type ValidationSettings } from '../../../electron/core/validate';

/** Where the validation fixtures live: one folder per case, with its export files and a case.json. */
export const FIXTURES = join(import.meta.dirname, '../../fixtures/validation');

/** What a case expects of one check: its summary contains each string; evidence and examples match (objects partially, arrays whole). */
export interface CheckExpectation {
  summary?: string[];
  fix?: string[];
  evidence?: Record<string, unknown>;
  examples?: Record<string, unknown>[];
}

/** What a case expects of one file's report: `statuses` names every per-file check. */
export interface FileExpectation {
  records: number;
  status: 'pass' | 'warn' | 'fail';
  statuses: Record<(typeof FILE_CHECK_IDS)[number], CheckStatus>;
  read_completely?: boolean;
  bytes?: number;
  first_record_at?: string | null;
  last_record_at?: string | null;
  verdicts?: Record<string, number>;
  environments?: Record<string, number>;
  config_versions?: unknown[];
  coverage?: Record<string, unknown>;
  checks?: Partial<Record<CheckId, CheckExpectation>>;
}

/** One fixture case, as its case.json holds it. */
export interface ValidationCase {
  /** The folder, relative to FIXTURES (e.g. `format/csv-bare-lf`). */
  id: string;
  dir: string;
  about: string;
  now: string;
  settings?: Partial<ValidationSettings>;
  scope: ReviewScope;
  /** `path` (relative to the case folder) when the file is another case's; otherwise the file is `name` in this folder. */
  files: { name: string; path?: string; type: ExportType; format: ExportFormat; job: JobMetadata | null }[];
  expect: {
    overall: 'pass' | 'warn' | 'fail';
    settings?: Record<string, unknown>;
    files: FileExpectation[];
    statuses: Record<(typeof SET_CHECK_IDS)[number], CheckStatus>;
    checks?: Partial<Record<CheckId, CheckExpectation>>;
    xref?: Record<string, unknown>;
    limitations: unknown[];
  };
}

/** Every case under FIXTURES, sorted by folder. */
export function allCases(): ValidationCase[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry === 'case.json') found.push(dir);
    }
  };
  walk(FIXTURES);
  return found.map((dir) => loadCase(dir.slice(FIXTURES.length + 1)));
}

/** The case in FIXTURES/`id`. */
export function loadCase(id: string): ValidationCase {
  const dir = join(FIXTURES, id);
  return { id, dir, ...(JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Omit<ValidationCase, 'id' | 'dir'>) };
}

/** The validation inputs of a case. */
export function inputsOf(c: ValidationCase): ExportFileInput[] {
  return c.files.map((f) => ({ path: join(c.dir, f.path ?? f.name), name: f.name, type: f.type, format: f.format, job: f.job }));
}

/** Runs the validator on a case, with optional changes to its inputs, scope or settings. */
export function runCase(
  c: ValidationCase,
  change: { files?: (files: ExportFileInput[]) => ExportFileInput[]; scope?: Partial<ReviewScope>; settings?: Partial<ValidationSettings>; now?: string } = {},
): Promise<ValidationReport> {
  const files = change.files ? change.files(inputsOf(c)) : inputsOf(c);
  return validateExports(files, { ...c.scope, ...change.scope }, { now: Date.parse(change.now ?? c.now), settings: { ...c.settings, ...change.settings } });
}

const ajv = new Ajv({ allErrors: false, strict: true });
const reportSchema = ajv.compile(ValidationReport);

/** Asserts that a report is valid against the ValidationReport schema (naming the first error if not). */
export function expectValidReport(report: unknown): asserts report is ValidationReport {
  const valid = reportSchema(report);
  expect(valid ? null : reportSchema.errors?.[0]).toBeNull();
}

/** Asserts the report-wide rules: every warn and fail says what to do, in a sentence. */
export function expectFixes(report: ValidationReport): void {
  for (const check of [...report.files.flatMap((f) => f.checks), ...report.checks]) {
    if (check.status === 'warn' || check.status === 'fail') {
      expect(check.fix, `${check.id} (${check.status}) needs a fix`).toMatch(/^[A-Z].{19,}\.$/s);
    }
    expect(check.summary.length, `${check.id} has a summary`).toBeGreaterThan(0);
  }
}

/** A file report's check by id. */
export function checkOf(checks: readonly CheckResult[], id: CheckId): CheckResult {
  const found = checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} check in the report`);
  return found;
}

function expectCheck(check: CheckResult, expected: CheckExpectation, where: string): void {
  for (const text of expected.summary ?? []) expect(check.summary, `${where} summary`).toContain(text);
  for (const text of expected.fix ?? []) expect(check.fix, `${where} fix`).toContain(text);
  if (expected.evidence) expect(check.evidence, `${where} evidence`).toMatchObject(expected.evidence);
  if (expected.examples) expect(check.examples, `${where} examples`).toMatchObject(expected.examples);
}

/** Asserts everything a case expects of its report. */
export function expectCase(report: ValidationReport, c: ValidationCase): void {
  expectValidReport(report);
  expectFixes(report);
  const e = c.expect;
  expect(report.files.map((f) => f.name)).toEqual(c.files.map((f) => f.name));
  for (const [i, fe] of e.files.entries()) {
    const file = report.files[i]!;
    const where = `${c.id}: ${file.name}`;
    expect(Object.keys(fe.statuses).sort(), `${where}: case.json names every per-file check`).toEqual([...FILE_CHECK_IDS].sort());
    expect(Object.fromEntries(file.checks.map((k) => [k.id, k.status])), `${where} statuses`).toEqual(fe.statuses);
    expect(file.checks.map((k) => k.id), 'per-file checks in report order').toEqual([...FILE_CHECK_IDS]);
    expect(file.records, `${where} records`).toBe(fe.records);
    expect(file.status, `${where} status`).toBe(fe.status);
    for (const key of ['read_completely', 'bytes', 'first_record_at', 'last_record_at', 'verdicts', 'environments', 'config_versions'] as const) {
      if (fe[key] !== undefined) expect(file[key], `${where} ${key}`).toEqual(fe[key]);
    }
    if (fe.coverage) expect(file.coverage, `${where} coverage`).toMatchObject(fe.coverage);
    for (const [id, expected] of Object.entries(fe.checks ?? {})) expectCheck(checkOf(file.checks, id as CheckId), expected, `${where} ${id}`);
  }
  expect(Object.keys(e.statuses).sort(), `${c.id}: case.json names every set check`).toEqual([...SET_CHECK_IDS].sort());
  expect(Object.fromEntries(report.checks.map((k) => [k.id, k.status])), `${c.id} set statuses`).toEqual(e.statuses);
  for (const [id, expected] of Object.entries(e.checks ?? {})) expectCheck(checkOf(report.checks, id as CheckId), expected, `${c.id} ${id}`);
  if (e.xref) expect(report.xref, `${c.id} xref`).toMatchObject(e.xref);
  if (e.settings) expect(report.settings).toEqual(e.settings);
  expect(report.limitations, `${c.id} limitations`).toEqual(e.limitations);
  expect(report.overall, `${c.id} overall`).toBe(e.overall);
  expect(report.scope).toEqual(c.scope);
  expect(report.generated_at).toBe(new Date(c.now).toISOString());
  const all = [...report.files.flatMap((f) => f.checks), ...report.checks];
  expect(report.counts).toEqual({
    pass: all.filter((k) => k.status === 'pass').length,
    skipped: all.filter((k) => k.status === 'skipped').length,
    warn: all.filter((k) => k.status === 'warn').length,
    fail: all.filter((k) => k.status === 'fail').length,
  });
}
