import { EXPORT_FILENAME } from '../../../../shared/domain';
import type { CheckExample, CheckResult } from '../../../../shared/schemas/validation';
import { gapIntervals } from '../coverage';
import { isoInstant } from '../instant';
import type { FileCheckContext, ResolvedScope, ValidationSettings } from '../types';
import { plural } from '../../../../shared/format';
import { allOf, duration, result } from './result';

const STAMP = /-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.(csv|json)$/i;

/** The instant of a `…-yyyymmddThhmmssZ.ext` filename, or null when absent; NaN when present but impossible. */
export function filenameInstant(name: string): number | null {
  const m = STAMP.exec(name);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && s < 60 ? t : NaN;
}

/** 2. The automatic timestamp in the filename: present, real, not before the data, and the job's. */
export function checkFilenameTimestamp({ file, facts, settings }: FileCheckContext): CheckResult {
  const stamp = filenameInstant(file.name);
  const evidence: Record<string, unknown> = { filename: file.name };
  if (stamp === null) {
    return result('filename-timestamp', 'fail', `"${file.name}" has no automatic timestamp (…-yyyymmddThhmmssZ.${file.format}); the file may have been renamed.`, {
      evidence,
      fix: 'Use the file exactly as the export downloaded it; the timestamp in its name is part of the evidence. If only a renamed copy exists, export the window again.',
    });
  }
  if (Number.isNaN(stamp)) {
    return result('filename-timestamp', 'fail', `The timestamp in "${file.name}" is not a real date and time.`, { evidence, fix: 'Use the file exactly as the export downloaded it, or export the window again.' });
  }
  evidence.timestamp = isoInstant(stamp);
  const problems: string[] = [];
  let status: CheckResult['status'] = 'pass';
  const named = EXPORT_FILENAME.exec(file.name);
  if (named && (named[1] !== file.type || named[2] !== file.format)) {
    problems.push(`the name says ${named[1]} ${named[2]!.toUpperCase()}, but the file is being checked as ${file.type} ${file.format.toUpperCase()}`);
    status = 'fail';
  }
  // Names are to the second, records to the millisecond: a record in the stamp's own second is not after it.
  if (facts.lastTime !== null && facts.lastTime >= stamp + 1000) {
    evidence.last_record_at = isoInstant(facts.lastTime);
    problems.push(`it is ${duration(facts.lastTime - stamp)} before the last record (${isoInstant(facts.lastTime)}), so the file was not generated when its name says`);
    status = 'fail';
  }
  const completed = file.job?.completedAt ? Date.parse(file.job.completedAt) : NaN;
  const tolerance = settings.filenameToleranceSeconds * 1000;
  evidence.tolerance_seconds = settings.filenameToleranceSeconds;
  if (Number.isFinite(completed)) {
    evidence.job_completed_at = isoInstant(completed);
    // + 0 turns a rounded -0 into 0, which JSON would otherwise not round-trip.
    evidence.difference_seconds = Math.round((stamp - completed) / 1000) + 0;
    if (Math.abs(stamp - completed) > tolerance) {
      problems.push(`it is ${duration(stamp - completed)} ${stamp < completed ? 'before' : 'after'} job ${file.job!.id} completed (${isoInstant(completed)}); allowed: ${duration(tolerance)}`);
      status = 'fail';
    }
  }
  const jobNote = Number.isFinite(completed) ? `, within ${duration(tolerance)} of the job's completion` : file.job ? '' : ' (no export job is known for this file, so there is no completion time to compare with)';
  if (status === 'pass') return result('filename-timestamp', 'pass', `${isoInstant(stamp)}, not before the last record${jobNote}. The original filename is kept.`, { evidence });
  return result('filename-timestamp', status, `The filename timestamp ${isoInstant(stamp)} is wrong: ${problems.join('; ')}.`, {
    evidence,
    fix: 'Check that this is the file the job produced (compare its sha256 with the job\'s) and export the window again if in doubt.',
  });
}

/** 3. Records inside the window, reaching its edges, with no unexplained silences. */
export function checkTimeCoverage({ facts, scope }: FileCheckContext): CheckResult {
  if (facts.records === 0) return result('time-coverage', 'skipped', 'No records, so no coverage (see Not empty).');
  if (facts.examined === 0) return result('time-coverage', 'skipped', 'None of the records could be read (see Format conformance).');
  const windowText = `${isoInstant(scope.from)} to ${isoInstant(scope.to)}`;
  const inside = facts.buckets.reduce((a, b) => a + b, 0);
  const gaps = gapIntervals(facts.buckets, scope);
  const evidence: Record<string, unknown> = {
    window: { from: isoInstant(scope.from), to: isoInstant(scope.to) },
    first_record_at: facts.firstTime === null ? null : isoInstant(facts.firstTime),
    last_record_at: facts.lastTime === null ? null : isoInstant(facts.lastTime),
    in_window: inside,
    before_window: facts.beforeWindow.count,
    after_window: facts.afterWindow.count,
    invalid_times: facts.invalidTimes.count,
    bucket_ms: scope.bucketMs,
    gaps,
  };
  const failures: string[] = [];
  const examples: CheckExample[] = [];
  if (facts.beforeWindow.count > 0) failures.push(`${plural(facts.beforeWindow.count, 'record')} before the window`);
  if (facts.afterWindow.count > 0) failures.push(`${plural(facts.afterWindow.count, 'record')} after the window`);
  if (facts.invalidTimes.count > 0) failures.push(`${plural(facts.invalidTimes.count, 'record')} without a valid UTC time`);
  examples.push(...facts.beforeWindow.examples, ...facts.afterWindow.examples, ...facts.invalidTimes.examples);
  if (failures.length > 0) {
    return result('time-coverage', 'fail', `${failures.join(', ')} (window ${windowText}).`, {
      evidence,
      examples: examples.slice(0, 10),
      fix: 'Export exactly the scope\'s window (or correct the scope if the window was written down wrongly); records outside it are not evidence for this review.',
    });
  }
  const warnings: string[] = [];
  // An edge is suspicious only when the file's own rate says several records should have been there.
  const rate = inside / (scope.to - scope.from);
  const lead = facts.firstTime === null ? 0 : facts.firstTime - scope.from;
  const trail = facts.lastTime === null ? 0 : scope.to - facts.lastTime;
  if (lead > 2 * scope.bucketMs && lead * rate >= 10) warnings.push(`nothing in the first ${duration(lead)} of the window`);
  if (trail > 2 * scope.bucketMs && trail * rate >= 10) warnings.push(`nothing in the last ${duration(trail)} of the window`);
  if (gaps.length > 0) warnings.push(`${plural(gaps.length, 'gap')} with no records while the traffic around ${gaps.length === 1 ? 'it' : 'them'} was busy: ${gaps.slice(0, 3).map((g) => `${g.from} to ${g.to}`).join(', ')}${gaps.length > 3 ? ', …' : ''}`);
  if (warnings.length > 0) {
    return result('time-coverage', 'warn', `${allOf(inside, 'record')} inside the window, but: ${warnings.join('; ')}.`, {
      evidence,
      fix: 'Confirm that traffic actually passed through Keeptrusts during those periods (an outage or a gateway bypass), or export the window again if the file may be incomplete; note the answer as a limitation.',
    });
  }
  return result('time-coverage', 'pass', `${allOf(inside, 'record')} inside the window (${windowText}), from ${evidence.first_record_at as string} to ${evidence.last_record_at as string}, with no gaps.`, { evidence });
}

/** 12. A window reaching further back than the server keeps records may have lost some. */
export function checkRetention(scope: ResolvedScope, settings: ValidationSettings, now: number): CheckResult {
  const horizon = now - settings.retentionHours * 3_600_000;
  const evidence = { window_from: isoInstant(scope.from), retention_hours: settings.retentionHours, horizon: isoInstant(horizon), checked_at: isoInstant(now) };
  if (scope.from >= horizon) {
    return result('retention', 'pass', `The window starts after the retention horizon (${isoInstant(horizon)}, ${settings.retentionHours} h before now).`, { evidence });
  }
  return result('retention', 'warn', `The window starts ${duration(horizon - scope.from)} before the retention horizon (${isoInstant(horizon)}): records from then may already have been pruned.`, {
    evidence,
    fix: `Ask the Keeptrusts admin for the API's KEEPTRUSTS_EVENT_RETENTION_HOURS (assumed ${settings.retentionHours} h here; change the retention setting, or --retention-hours, if it differs) and note any pruned period as a limitation.`,
  });
}
