import type { ReviewScope } from '../../../shared/schemas/scope';
import type { CheckExample, CheckResult, CheckStatus, FileReport, Limitation, ValidationReport, XrefHit, XrefIndex } from '../../../shared/schemas/validation';
import { bytes, count, printable, wrap } from '../format';

// `evidence validate` for people: a checklist per file, then the set, the IDs and the limitations, at most 80 columns wide.

const WIDTH = 80;
const MARKS: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skipped: 'SKIP' };
const INDENT = ' '.repeat(8);
const EXAMPLES_SHOWN = 3;
const HITS_SHOWN = 3;
const VALUE_SHOWN = 60;

const para = (text: string, first: string, rest?: string) => wrap(printable(text), WIDTH, first, rest);
const plural = (n: number, noun: string) => `${count(n)} ${noun}${n === 1 ? '' : 's'}`;

/** The validation report as a checklist, ending with the overall verdict. */
export function checklist(report: ValidationReport): string {
  const sections = [
    scopeSection(report.scope),
    ...report.files.map(fileSection),
    section('The whole set', report.checks.map(checkLines)),
    xrefSection(report.xref),
    section('Limitations (for the note)', report.limitations.map(limitationLine)),
    overallLine(report),
  ];
  return sections.filter((s) => s !== '').join('\n\n');
}

function section(title: string, lines: string[]): string {
  return lines.length === 0 ? '' : [title, ...lines].join('\n');
}

function scopeSection(scope: ReviewScope): string {
  const { window } = scope;
  const rows: [string, string][] = [
    ['window', `${window.from} to ${window.to}${window.relative ? ` (${window.relative})` : ''}`],
    ['environment', scope.environment ?? '(any)'],
    ['config version', scope.config_version ?? '(any)'],
    ['types', scope.types.length > 0 ? scope.types.join(', ') : '(none)'],
    ['IDs', `${plural(scope.request_ids.length, 'request ID')}, ${plural(scope.escalation_ids.length, 'escalation ID')}`],
  ];
  return section('Scope', rows.map(([key, value]) => para(value, `  ${key.padEnd(16)}`)));
}

function fileSection(file: FileReport): string {
  const facts = [
    `${file.type} ${file.format.toUpperCase()}`,
    `${plural(file.records, 'record')}${file.read_completely ? '' : ' (reading stopped early)'}`,
    bytes(file.bytes),
    ...(file.job_id ? [`job ${file.job_id}`] : []),
  ].join(', ');
  return [para(file.name, '', '  '), para(facts, '  '), ...file.checks.map(checkLines)].join('\n');
}

/** One check: mark, title and summary; for a warning or failure, what to do and where to look. */
function checkLines(check: CheckResult): string {
  const lines = [para(`${check.title}: ${check.summary}`, `  ${MARKS[check.status]}  `, INDENT)];
  if (check.status === 'warn' || check.status === 'fail') {
    if (check.fix) lines.push(para(check.fix, `${INDENT}→ `, `${INDENT}  `));
    for (const example of check.examples.slice(0, EXAMPLES_SHOWN)) lines.push(para(exampleText(example), `${INDENT}· `, `${INDENT}  `));
    const more = check.examples.length - EXAMPLES_SHOWN;
    if (more > 0) lines.push(`${INDENT}  (${plural(more, 'more example')} in --json)`);
  }
  return lines.join('\n');
}

function exampleText(e: CheckExample): string {
  const where = [e.file, e.record !== undefined ? `record ${e.record}` : null, e.line !== undefined ? `line ${e.line}` : null, e.byte_offset !== undefined ? `byte ${e.byte_offset}` : null];
  const value = e.value === undefined ? null : JSON.stringify(e.value.length > VALUE_SHOWN ? `${e.value.slice(0, VALUE_SHOWN)}…` : e.value);
  const what = [e.field !== undefined && value !== null ? `${e.field} = ${value}` : (e.field ?? value), e.note ?? null];
  const at = where.filter((s) => s !== null && s !== undefined).join(', ');
  const detail = what.filter((s) => s !== null).join(': ');
  return at && detail ? `${at}: ${detail}` : at || detail;
}

function xrefSection(xref: XrefIndex): string {
  const requests = xref.request_ids.map(({ id, found, total }) => idLines(id, 'request', total === 0 ? 'NOT FOUND' : `found in ${plural(total, 'record')}:`, [['', found]]));
  const escalations = xref.escalation_ids.map(({ id, escalation, events, status }) =>
    idLines(id, 'escalation', status === 'missing' ? 'NOT FOUND' : `${status}:`, [
      ['escalation ', escalation],
      ['raised by ', events],
    ]),
  );
  return section('Cross-reference (ID → where found)', [...requests, ...escalations]);
}

/** An ID with its verdict, then a line per place it was seen (a few of each kind). */
function idLines(id: string, kind: string, verdict: string, places: [string, readonly XrefHit[]][]): string {
  const lines = [para(`${id} (${kind}) → ${verdict}`, '  ', '      ')];
  for (const [label, hits] of places) {
    for (const h of hits.slice(0, HITS_SHOWN)) lines.push(para(`${label}${h.file} record ${h.record} (${h.field})`, '      ', '        '));
    if (hits.length > HITS_SHOWN) lines.push(`      ${label}… ${plural(hits.length - HITS_SHOWN, 'more place')} in --json`);
  }
  return lines.join('\n');
}

function limitationLine(limitation: Limitation): string {
  return para(limitation.text, '  - ', '    ');
}

function overallLine(report: ValidationReport): string {
  const { pass, warn, fail, skipped } = report.counts;
  return `Overall: ${MARKS[report.overall]} — ${count(pass)} passed, ${plural(warn, 'warning')}, ${count(fail)} failed, ${count(skipped)} skipped`;
}
