import type { ValidationReport } from '../../../shared/schemas/validation';
import { printable } from '../format';

/** A check that did not pass, in one line's worth of fields. */
export interface CheckProblem {
  status: 'warn' | 'fail';
  /** The file's name, or null for a check over the whole set. */
  file: string | null;
  check: string;
  summary: string;
}

/** Every warning and failure of a validation report, files first, then the set. */
export function checkProblems(report: ValidationReport): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const add = (file: string | null, c: { id: string; status: string; summary: string }) => {
    if (c.status === 'warn' || c.status === 'fail') problems.push({ status: c.status, file, check: c.id, summary: c.summary });
  };
  for (const f of report.files) for (const c of f.checks) add(f.name, c);
  for (const c of report.checks) add(null, c);
  return problems;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** "PASS", or "WARN: 2 warnings" / "FAIL: 1 failure, 2 warnings". */
export function overallLine(report: ValidationReport): string {
  const { warn, fail } = report.counts;
  if (report.overall === 'pass') return 'PASS: every check passed (or did not apply)';
  const parts = [...(fail > 0 ? [plural(fail, 'failure')] : []), ...(warn > 0 ? [plural(warn, 'warning')] : [])];
  return `${report.overall.toUpperCase()}: ${parts.join(', ')}`;
}

/** One line per warning or failure, indented: `FAIL  events.csv  time-coverage: …`. */
export function problemLines(problems: readonly CheckProblem[], indent: string): string[] {
  return problems.map((p) => `${indent}${p.status.toUpperCase()}  ${printable(p.file ?? '(the set)')}  ${p.check}: ${printable(p.summary)}`);
}
