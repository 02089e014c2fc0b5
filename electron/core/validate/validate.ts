import { stat } from 'node:fs/promises';
import type { Progress } from '../../../shared/progress';
import type { ReviewScope } from '../../../shared/schemas/scope';
import { overallStatus, type CheckResult, type FileReport, type ValidationReport } from '../../../shared/schemas/validation';
import { AppError } from '../errors';
import { checkDuplicates, checkEmpty, checkSpreadsheetSafety } from './checks/content';
import { checkFormat, checkIntegrity } from './checks/format';
import { checkConfigVersion, checkEnvironment } from './checks/scope';
import { buildXref, checkCompleteness, checkCrossReference, type CheckedFile } from './checks/set';
import { checkFilenameTimestamp, checkRetention, checkTimeCoverage } from './checks/time';
import { bucketFor, gapIntervals } from './coverage';
import { gatherFacts } from './gather';
import { isoInstant } from './instant';
import { DEFAULT_SETTINGS, type ExportFileInput, type FileCheckContext, type ResolvedScope, type ValidationSettings } from './types';

/** The per-file checks, in the order the report lists them. */
const FILE_CHECKS: ((ctx: FileCheckContext) => CheckResult)[] = [
  checkEmpty,
  checkFilenameTimestamp,
  checkTimeCoverage,
  checkEnvironment,
  checkConfigVersion,
  checkFormat,
  checkIntegrity,
  checkDuplicates,
  checkSpreadsheetSafety,
];

/** How a validation runs. */
export interface ValidateOptions {
  settings?: Partial<ValidationSettings>;
  /** The instant the retention horizon is measured from (now). */
  now: number;
  signal?: AbortSignal;
  taskId?: string;
  onProgress?: (progress: Progress) => void;
}

/** The scope's window as ms, with the coverage bucket that fits it. */
export function resolveScope(scope: ReviewScope): ResolvedScope {
  const from = Date.parse(scope.window.from);
  const to = Date.parse(scope.window.to);
  if (!(from < to)) throw new AppError('invalid-request', `The review window is empty: it runs from ${scope.window.from} to ${scope.window.to}.`, 'Give a window whose end is after its start.');
  return {
    from,
    to,
    bucketMs: bucketFor(to - from),
    environment: scope.environment ?? null,
    configVersion: scope.config_version ?? null,
    types: scope.types,
    requestIds: scope.request_ids,
    escalationIds: scope.escalation_ids,
  };
}

function fileReport(file: ExportFileInput, ctx: FileCheckContext): FileReport {
  const { facts, scope } = ctx;
  const checks = FILE_CHECKS.map((check) => check(ctx));
  return {
    name: file.name,
    type: file.type,
    format: file.format,
    bytes: facts.bytes,
    sha256: facts.sha256,
    records: facts.records,
    read_completely: facts.readCompletely,
    first_record_at: facts.firstTime === null ? null : isoInstant(facts.firstTime),
    last_record_at: facts.lastTime === null ? null : isoInstant(facts.lastTime),
    job_id: file.job?.id ?? null,
    status: overallStatus(checks.map((c) => c.status)),
    coverage: {
      from: isoInstant(scope.from),
      to: isoInstant(scope.to),
      bucket_ms: scope.bucketMs,
      counts: Array.from(facts.buckets),
      before_window: facts.beforeWindow.count,
      after_window: facts.afterWindow.count,
      gaps: gapIntervals(facts.buckets, scope),
    },
    environments: Object.fromEntries(facts.environments),
    config_versions: facts.versions.map((v) => ({ version: v.version, environment: v.environment, count: v.count, first: isoInstant(v.first), last: isoInstant(v.last) })),
    verdicts: Object.fromEntries(facts.verdicts),
    checks,
  };
}

/**
 * Validates export files against a review scope: each file is read once, streaming (the cache is not
 * needed), its facts gathered, and every check run on them; then the checks over the whole set. A
 * malformed or hostile file becomes failed checks with positions; only an unreadable file or
 * cancelling throws.
 */
export async function validateExports(files: readonly ExportFileInput[], scope: ReviewScope, options: ValidateOptions): Promise<ValidationReport> {
  const settings: ValidationSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const resolved = resolveScope(scope);
  const sizes = await Promise.all(files.map((f) => stat(f.path).then((s) => s.size).catch(() => 0)));
  const total = sizes.reduce((a, b) => a + b, 0);
  let done = 0;
  const factScope = {
    from: resolved.from,
    to: resolved.to,
    bucketMs: resolved.bucketMs,
    environment: resolved.environment,
    requestIds: new Set(resolved.requestIds),
    escalationIds: new Set(resolved.escalationIds),
  };

  const checked: CheckedFile[] = [];
  const reports: FileReport[] = [];
  for (const [i, file] of files.entries()) {
    const title = `Validating ${file.name} (${i + 1} of ${files.length})`;
    let lastReport = 0;
    const report = (bytes: number) => {
      const now = performance.now();
      if (now - lastReport < 100 && bytes < sizes[i]!) return;
      lastReport = now;
      options.onProgress?.({ taskId: options.taskId ?? 'validate', kind: 'validate', value: total > 0 ? Math.min(1, (done + bytes) / total) : null, title, detail: `${Math.round(bytes / 1e6)} of ${Math.round(sizes[i]! / 1e6)} MB read` });
    };
    const facts = await gatherFacts(file.path, file.type, file.format, factScope, {
      maxRecordBytes: settings.maxRecordBytes,
      ...(options.signal ? { signal: options.signal } : {}),
      onBytes: report,
    });
    done += sizes[i]!;
    checked.push({ file, facts });
    reports.push(fileReport(file, { file, facts, scope: resolved, settings }));
  }

  const xref = buildXref(checked, resolved);
  const completeness = checkCompleteness(checked, resolved);
  const setChecks = [checkCrossReference(xref, checked), completeness.check, checkRetention(resolved, settings, options.now)];
  const all = [...reports.flatMap((r) => r.checks), ...setChecks];
  const count = (status: CheckResult['status']) => all.filter((c) => c.status === status).length;
  return {
    format: 'evidence-validation-report',
    format_version: 1,
    generated_at: isoInstant(options.now),
    scope,
    settings: { retention_hours: settings.retentionHours, filename_tolerance_seconds: settings.filenameToleranceSeconds },
    overall: overallStatus(all.map((c) => c.status)),
    counts: { pass: count('pass'), skipped: count('skipped'), warn: count('warn'), fail: count('fail') },
    files: reports,
    checks: setChecks,
    xref,
    limitations: completeness.limitations,
  };
}
