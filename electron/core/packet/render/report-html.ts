import type { CustodyEntry } from '../../../../shared/schemas/custody';
import type { EvidenceManifest, PacketExport } from '../../../../shared/schemas/evidence';
import type { NoteFields } from '../../../../shared/schemas/note';
import type { CheckExample, CheckResult, FileReport, ValidationReport, XrefHit } from '../../../../shared/schemas/validation';
import { CHECK_TITLES } from '../../validate/checks/result';
import { escapeHtml as h } from './escape';
import { clipText, formatNumber, plural, shortHash, trimDecimals } from './format';
import { renderCoverageSvg } from './svg-chart';

/** What data/report.html is made of: the packet's manifest, the validation report, the custody chain and the note. */
export interface ReportInput {
  evidence: EvidenceManifest;
  validation: ValidationReport;
  custody: readonly CustodyEntry[];
  note: NoteFields;
  /** The bag's folder name (`evidence-<ref>-<stamp>`), for the verify commands; `evidence-…` when not given. */
  bagName?: string;
}

/** Bounds on the generic rendering of check evidence and request parameters (untrusted JSON). */
const VALUE_LIMITS = { depth: 4, items: 20, keys: 40, string: 300 } as const;
/** At most this many custody entries are listed (the last ones); data/custody.json has all. */
const CUSTODY_ROWS = 1000;

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STATUS_TEXT: Record<string, [symbol: string, label: string]> = {
  pass: ['✓', 'PASS'],
  warn: ['!', 'WARN'],
  fail: ['✗', 'FAIL'],
  skipped: ['–', 'SKIPPED'],
};

const STYLE = `
@page { size: A4; margin: 16mm 14mm 18mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #fff; }
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem; color: #1b1b1b; background: #fff;
  font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid #d5dbe3; }
h3 { font-size: 1.12rem; margin: 1.5rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; color: #2d3b4e; }
h5 { font-size: .95rem; margin: 0 0 .3rem; }
h1, h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; overflow-wrap: anywhere; }
p { margin: .35rem 0; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .9em; }
code { overflow-wrap: anywhere; white-space: pre-wrap; }
pre { background: #f6f7f9; border: 1px solid #dde1e6; padding: .6rem .8rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { border: 1px solid #c9ced6; padding: .25rem .45rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #eef1f5; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code.nowrap { white-space: nowrap; }
table.compact { width: auto; min-width: 24rem; }
.prose { white-space: pre-wrap; }
dl.facts { display: grid; grid-template-columns: minmax(9rem, max-content) minmax(0, 1fr); gap: .2rem 1rem; margin: .4rem 0; }
dl.facts > dt { font-weight: 600; color: #3a4657; }
dl.facts > dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
dl.kv { margin: .1rem 0 .1rem .2rem; padding-left: .6rem; border-left: 2px solid #e1e5ea; }
dl.kv > dt { font-weight: 600; display: inline; }
dl.kv > dd { display: inline; margin: 0; }
dl.kv > dd::after { content: ""; display: block; }
dl.kv > dd > dl.kv, dl.kv > dd > ol { display: block; }
ol.values { margin: .1rem 0; padding-left: 1.6rem; }
.muted { color: #5a6472; }
.status { display: inline-block; max-width: 100%; font-weight: 700; font-size: .85em; padding: 0 .4em; border: 1px solid; border-radius: 3px; overflow-wrap: anywhere; }
.st-pass { color: #1d6a2c; background: #e9f6ec; border-color: #9ccfa8; }
.st-warn { color: #7a4a00; background: #fff3d9; border-color: #e8c27a; }
.st-fail { color: #a3151b; background: #fde9ea; border-color: #eba3a6; }
.st-skipped, .st-unknown { color: #4d5561; background: #f1f2f4; border-color: #c4c9d0; }
header.summary { border: 1px solid #d5dbe3; background: #f7f9fb; padding: 1rem 1.2rem; }
nav.toc ol { columns: 2; margin: .3rem 0; }
nav.toc a { color: #1f4f8a; }
section { break-inside: auto; }
.check { border: 1px solid #d9dee5; border-left: 4px solid #c4c9d0; padding: .5rem .8rem; margin: .6rem 0; break-inside: avoid; page-break-inside: avoid; }
.check.st-border-pass { border-left-color: #5aa86b; }
.check.st-border-warn { border-left-color: #d9a43b; }
.check.st-border-fail { border-left-color: #c9474d; }
.check .label { font-weight: 600; margin: .4rem 0 .1rem; }
figure { margin: .4rem 0 .8rem; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: .9em; color: #3a4657; }
svg.coverage-chart { display: block; width: 100%; max-width: 720px; height: auto; border: 1px solid #e1e5ea; background: #fff; }
.page-start { break-before: page; page-break-before: always; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
  header.summary, .status, .check, th, svg.coverage-chart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.file { break-before: page; page-break-before: always; }
  pre, dl.facts, #verify { break-inside: avoid; page-break-inside: avoid; }
}
`;

const code = (value: unknown) => `<code>${h(value)}</code>`;
/** Short code kept on one line (a timestamp, a short hash); anything longer may wrap. */
const tightCode = (value: string) => (value.length <= 32 ? `<code class="nowrap">${h(value)}</code>` : code(value));
/** A hash's first 12 hex digits, on one line. */
const shortCode = (hash: string) => tightCode(shortHash(hash));
const muted = (text: string) => `<span class="muted">${h(text)}</span>`;
/** Free text whose line breaks matter. */
const prose = (text: string) => `<span class="prose">${h(text)}</span>`;

/** A status as text (symbol and word) with its colour as a hint only; `label` replaces the word. */
function statusBadge(status: unknown, label?: string): string {
  const known = typeof status === 'string' && Object.prototype.hasOwnProperty.call(STATUS_TEXT, status);
  const [symbol, word] = known ? STATUS_TEXT[status]! : ['?', String(status).toUpperCase()];
  return `<span class="status st-${known ? status : 'unknown'}">${h(`${symbol}\u00a0${label ?? word}`)}</span>`;
}

/** A definition list of label → HTML value rows (labels are ours; values already escaped). */
function facts(rows: readonly (readonly [string, string] | null)[]): string {
  const items = rows.filter((row): row is readonly [string, string] => row !== null).map(([label, value]) => `<dt>${h(label)}</dt><dd>${value}</dd>`);
  return `<dl class="facts">${items.join('')}</dl>`;
}

interface Column {
  label: string;
  numeric?: boolean;
}

/** A table with a caption, column headers with scope, and the first cell of each row as its row header. */
function table(caption: string, columns: readonly Column[], rows: readonly (readonly string[])[], className = ''): string {
  const head = columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}>${h(c.label)}</th>`).join('');
  const body = rows
    .map((cells) => `<tr>${cells.map((cell, i) => (i === 0 ? `<th scope="row"${columns[0]?.numeric ? ' class="num"' : ''}>${cell}</th>` : `<td${columns[i]?.numeric ? ' class="num"' : ''}>${cell}</td>`)).join('')}</tr>`)
    .join('');
  return `<table${className ? ` class="${className}"` : ''}><caption>${h(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function isPrimitive(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function primitive(value: unknown): string {
  if (value === null) return muted('null');
  if (typeof value === 'string') return value === '' ? muted('(empty)') : code(clipText(value, VALUE_LIMITS.string));
  if (typeof value === 'number') return h(formatNumber(value));
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return muted(typeof value);
}

/**
 * Any JSON value as compact HTML: primitives inline, short lists of primitives as a comma list, objects
 * as nested definition lists, lists as ordered lists; bounded in depth, items and string length so a
 * hostile value cannot blow the report up.
 */
export function renderValue(value: unknown, depth = 0): string {
  if (isPrimitive(value)) return primitive(value);
  if (depth >= VALUE_LIMITS.depth) {
    let text: string;
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
    return code(clipText(text, VALUE_LIMITS.string));
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return muted('none');
    const shown = value.slice(0, VALUE_LIMITS.items);
    const more = value.length > shown.length ? ` ${muted(`… and ${formatNumber(value.length - shown.length)} more`)}` : '';
    if (shown.every(isPrimitive)) return shown.map(primitive).join(', ') + more;
    return `<ol class="values">${shown.map((v) => `<li>${renderValue(v, depth + 1)}</li>`).join('')}</ol>${more}`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return muted('none');
    const shown = entries.slice(0, VALUE_LIMITS.keys);
    const more = entries.length > shown.length ? muted(`… and ${plural(entries.length - shown.length, 'more field')}`) : '';
    return `<dl class="kv">${shown.map(([k, v]) => `<dt>${h(clipText(k, 120))}:</dt> <dd>${renderValue(v, depth + 1)}</dd>`).join('')}</dl>${more}`;
  }
  return muted(typeof value);
}

function utc(value: string | null | undefined): string {
  return value === null || value === undefined ? muted('none') : code(value);
}

function bytes(count: number | null | undefined): string {
  return count === null || count === undefined ? muted('not declared') : h(plural(count, 'byte'));
}

function provenance(p: PacketExport['provenance'], file: PacketExport): string {
  if (p.kind === 'pulled') {
    const declared = p.server_declared;
    const compare = (ours: number | string, theirs: number | string | null) => (theirs === null ? '' : ` ${muted(theirs === ours ? '(matches the file)' : '(differs from the file)')}`);
    return facts([
      ['Origin', 'Pulled from the Keeptrusts API'],
      ['API base URL', code(p.api_base_url)],
      ['Job ID', code(p.job_id)],
      ['Request parameters', renderValue(p.request)],
      ['Declared record count', declared.record_count === null ? muted('not declared') : h(formatNumber(declared.record_count)) + compare(file.records, declared.record_count)],
      ['Declared size', bytes(declared.size_bytes) + compare(file.bytes, declared.size_bytes)],
      ['Declared SHA-256', declared.sha256 === null ? muted('not declared') : code(declared.sha256) + compare(file.sha256, declared.sha256)],
      ['Declared filename', declared.filename === null ? muted('not declared') : code(declared.filename)],
      ['Download origin', code(p.download_origin) + ` ${muted('(any presigned query string removed)')}`],
      ['Downloaded at', utc(p.downloaded_at)],
      ['Resumed downloads', h(formatNumber(p.resumed))],
      ['Pulled by', h(p.pulled_by)],
    ]);
  }
  if (p.kind === 'imported') {
    return facts([
      ['Origin', 'Imported from a file'],
      ['Original file name', code(p.original_filename)],
      ['File modified at', utc(p.original_modified_at)],
      ['Imported by', h(p.imported_by)],
      ['Imported at', utc(p.imported_at)],
    ]);
  }
  return facts([['Origin', muted('unknown')]]);
}

function examplesTable(examples: readonly CheckExample[]): string {
  const all: { key: keyof CheckExample; label: string; numeric?: boolean }[] = [
    { key: 'file', label: 'File' },
    { key: 'record', label: 'Record', numeric: true },
    { key: 'line', label: 'Line', numeric: true },
    { key: 'byte_offset', label: 'Byte', numeric: true },
    { key: 'field', label: 'Field' },
    { key: 'value', label: 'Value' },
    { key: 'note', label: 'Note' },
  ];
  const columns = all.filter((c) => examples.some((e) => e[c.key] !== undefined && e[c.key] !== null));
  const rows = examples.map((e, i) => [
    h(String(i + 1)),
    ...columns.map((c) => {
      const v = e[c.key];
      if (v === undefined || v === null) return '';
      if (typeof v === 'number') return h(formatNumber(v));
      return c.key === 'note' ? h(clipText(String(v), 500)) : code(clipText(String(v), VALUE_LIMITS.string));
    }),
  ]);
  return table('Examples', [{ label: '#', numeric: true }, ...columns], rows, 'examples');
}

function checkBlock(check: CheckResult, headingLevel: 3 | 5): string {
  const title = Object.prototype.hasOwnProperty.call(CHECK_TITLES, check.id) ? CHECK_TITLES[check.id] : check.title;
  const tag = `h${headingLevel}`;
  const known = Object.prototype.hasOwnProperty.call(STATUS_TEXT, check.status) ? check.status : 'unknown';
  const parts = [
    `<div class="check st-border-${known}">`,
    `<${tag}>${h(title)} ${statusBadge(check.status)} <span class="muted">(${h(check.id)})</span></${tag}>`,
    `<p>${h(check.summary)}</p>`,
  ];
  const evidence = check.evidence && typeof check.evidence === 'object' ? check.evidence : {};
  if (Object.keys(evidence).length > 0) parts.push(`<div class="evidence"><p class="label">Evidence</p>${renderValue(evidence)}</div>`);
  if (Array.isArray(check.examples) && check.examples.length > 0) parts.push(examplesTable(check.examples));
  if (check.fix) parts.push(`<p class="fix"><strong>What to do:</strong> ${h(check.fix)}</p>`);
  parts.push('</div>');
  return parts.join('');
}

function percent(part: number, whole: number): string {
  return whole > 0 ? `${trimDecimals((part / whole) * 100, 1)}%` : '–';
}

function breakdowns(report: FileReport, expectedVersion: string | null): string {
  const out: string[] = [];
  const verdicts = Object.entries(report.verdicts ?? {});
  const verdictTotal = verdicts.reduce((a, [, c]) => a + (Number.isFinite(c) ? c : 0), 0);
  out.push(
    verdicts.length === 0
      ? `<p>${muted('No verdicts: records of this type carry none.')}</p>`
      : table(
          'Verdicts',
          [{ label: 'Verdict' }, { label: 'Records', numeric: true }, { label: 'Share', numeric: true }],
          verdicts.map(([verdict, count]) => [code(verdict), h(formatNumber(count)), h(percent(count, verdictTotal))]),
          'compact',
        ),
  );
  const environments = Object.entries(report.environments ?? {});
  if (environments.length > 0) {
    out.push(table('Environments', [{ label: 'Environment' }, { label: 'Records', numeric: true }], environments.map(([env, count]) => [code(env), h(formatNumber(count))]), 'compact'));
  }
  const versions = [...(report.config_versions ?? [])].sort(
    (a, b) => cmp(a.environment, b.environment) || cmp(a.first, b.first) || cmp(a.version, b.version),
  );
  const versionColumns: Column[] = [{ label: 'Environment' }, { label: 'Config version' }, { label: 'Records', numeric: true }, { label: 'First seen (UTC)' }, { label: 'Last seen (UTC)' }];
  if (expectedVersion !== null) versionColumns.push({ label: 'Against the scope' });
  out.push(
    versions.length === 0
      ? `<p>${muted('No config versions: records of this type carry none.')}</p>`
      : table(
          'Config versions per environment',
          versionColumns,
          versions.map((v) => {
            const row = [code(v.environment), code(v.version), h(formatNumber(v.count)), code(v.first), code(v.last)];
            if (expectedVersion !== null) row.push(v.version === expectedVersion ? 'expected' : `<strong>different</strong> ${muted(`(scope: ${expectedVersion})`)}`);
            return row;
          }),
        ),
  );
  return out.join('');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function coverageFigure(report: FileReport, index: number): string {
  const c = report.coverage;
  if (!c) return `<p>${muted('No coverage: the file could not be read far enough to place its records in time.')}</p>`;
  const gaps = Array.isArray(c.gaps) ? c.gaps : [];
  const caption = [
    `${plural(Array.isArray(c.counts) ? c.counts.length : 0, 'bucket')} of the review window; `,
    `${plural(c.before_window, 'record')} before the window and ${formatNumber(c.after_window)} after it. `,
    gaps.length === 0 ? 'No gaps.' : `Gaps (hatched): ${gaps.map((g) => `${g.from} to ${g.to}`).join('; ')}.`,
  ].join('');
  return `<figure>${renderCoverageSvg(c, { id: `coverage-${index}`, subject: report.name })}<figcaption>${h(caption)}</figcaption></figure>`;
}

/** Pairs each export in the packet with its validation report: by name and hash, then name, then hash. */
function pairFiles(exports: readonly PacketExport[], files: readonly FileReport[]): { exp: PacketExport | null; report: FileReport | null }[] {
  const left = new Set(files.map((_, i) => i));
  const take = (match: (f: FileReport) => boolean) => {
    for (const i of left) {
      if (match(files[i]!)) {
        left.delete(i);
        return files[i]!;
      }
    }
    return null;
  };
  const pairs: { exp: PacketExport | null; report: FileReport | null }[] = exports.map((exp) => ({ exp, report: null }));
  for (const pair of pairs) pair.report = take((f) => f.name === pair.exp!.original_filename && f.sha256 === pair.exp!.sha256);
  for (const pair of pairs) if (!pair.report) pair.report = take((f) => f.name === pair.exp!.original_filename);
  for (const pair of pairs) if (!pair.report) pair.report = take((f) => f.sha256 === pair.exp!.sha256);
  for (const i of left) pairs.push({ exp: null, report: files[i]! });
  return pairs;
}

function fileSection(pair: { exp: PacketExport | null; report: FileReport | null }, index: number, expectedVersion: string | null): string {
  const { exp, report } = pair;
  const name = exp?.original_filename ?? report?.name ?? '';
  const out = [`<section class="file" id="file-${index}" aria-labelledby="file-${index}-h">`];
  out.push(`<h3 id="file-${index}-h">File ${index}: ${code(name)} ${report ? statusBadge(report.status) : ''}</h3>`);
  out.push('<h4>Identity and provenance</h4>');
  if (exp) {
    out.push(
      facts([
        ['In the packet', code(exp.path)],
        ['Original filename', code(exp.original_filename)],
        ['Type and format', `${h(exp.type)}, ${h(String(exp.format).toUpperCase())}`],
        ['Size', bytes(exp.bytes)],
        ['Records', h(formatNumber(exp.records))],
        ['SHA-256', code(exp.sha256)],
        ['First record', utc(exp.first_record_at)],
        ['Last record', utc(exp.last_record_at)],
        report ? ['Read completely', report.read_completely ? 'yes' : '<strong>no</strong>: the checks saw only part of the file'] : null,
      ]),
      '<p class="label"><strong>Provenance</strong></p>',
      provenance(exp.provenance, exp),
    );
  } else {
    out.push(`<p><strong>This file was validated but is not in the packet.</strong></p>`);
    if (report) out.push(facts([['Name', code(report.name)], ['SHA-256', code(report.sha256)], ['Size', bytes(report.bytes)], ['Records', h(formatNumber(report.records))]]));
  }
  if (!report) {
    out.push(`<p><strong>No validation report for this file.</strong></p>`, '</section>');
    return out.join('');
  }
  out.push('<h4>Coverage over the review window</h4>', coverageFigure(report, index));
  out.push('<h4>Verdicts, environments and config versions</h4>', breakdowns(report, expectedVersion));
  out.push('<h4>Checks</h4>', ...(report.checks ?? []).map((check) => checkBlock(check, 5)));
  out.push('</section>');
  return out.join('');
}

function hitList(hits: readonly XrefHit[], total: number): string {
  if (hits.length === 0) return muted('nowhere');
  const items = hits.map((hit) => `<li>${code(hit.file)} ${h(`(${hit.type}) record ${formatNumber(hit.record)}, field`)} ${code(hit.field)}</li>`);
  const more = total > hits.length ? `<li>${muted(`… and ${formatNumber(total - hits.length)} more`)}</li>` : '';
  return `<ul>${items.join('')}${more}</ul>`;
}

const ESCALATION_STATUS: Record<string, string> = {
  complete: 'the escalation and the event that raised it are both here',
  incomplete: 'the escalation or the event that raised it is missing',
  missing: 'not found in any file',
};

function xrefSection(xref: ValidationReport['xref']): string {
  const out = ['<section id="xref" aria-labelledby="xref-h">', '<h2 id="xref-h">Cross-reference index</h2>'];
  out.push('<p>Where each ID of the scope was found in the files (file, record number counting from 1, field), or that it was not found. Look them up on the Events and Escalations pages of Keeptrusts for deeper context.</p>');
  const requests = xref?.request_ids ?? [];
  out.push(
    requests.length === 0
      ? `<p>${muted('The scope lists no request IDs.')}</p>`
      : table(
          'Request IDs',
          [{ label: 'Request ID' }, { label: 'Status' }, { label: 'Found in' }, { label: 'Places', numeric: true }],
          requests.map((r) => [code(r.id), r.found.length > 0 ? statusBadge('pass', 'FOUND') : statusBadge('fail', 'MISSING'), hitList(r.found, r.total), h(formatNumber(r.total))]),
        ),
  );
  const escalations = xref?.escalation_ids ?? [];
  out.push(
    escalations.length === 0
      ? `<p>${muted('The scope lists no escalation IDs.')}</p>`
      : table(
          'Escalation IDs',
          [{ label: 'Escalation ID' }, { label: 'Status' }, { label: 'Escalation record' }, { label: 'Raising event' }, { label: 'Places', numeric: true }],
          escalations.map((e) => [
            code(e.id),
            `${statusBadge(e.status === 'complete' ? 'pass' : e.status === 'incomplete' ? 'warn' : 'fail', String(e.status).toUpperCase())} ${h(ESCALATION_STATUS[e.status] ?? '')}`,
            hitList(e.escalation, e.escalation.length),
            hitList(e.events, e.events.length),
            h(formatNumber(e.total)),
          ]),
        ),
  );
  out.push('</section>');
  return out.join('');
}

function subjectSummary(subject: CustodyEntry['subject']): string {
  const parts = Object.entries(subject ?? {}).map(([k, v]) => `${k}: ${v === null ? 'null' : String(v)}`);
  return clipText(parts.join('; '), 240);
}

function custodySection(entries: readonly CustodyEntry[]): string {
  const out = ['<section id="custody" class="page-start" aria-labelledby="custody-h">', '<h2 id="custody-h">Chain of custody</h2>'];
  out.push(
    "<p>The workspace's custody log through this packet's <code>packed</code> entry, as data/custody.json carries it. Each entry's hash covers the previous one's, so no entry can be changed, removed or reordered without breaking the chain. Hashes are shortened here.</p>",
  );
  if (entries.length === 0) {
    out.push(`<p>${muted('No custody entries.')}</p>`, '</section>');
    return out.join('');
  }
  const shown = entries.length > CUSTODY_ROWS ? entries.slice(entries.length - CUSTODY_ROWS) : entries;
  if (shown.length < entries.length) out.push(`<p>${h(`Showing the last ${formatNumber(shown.length)} of ${formatNumber(entries.length)} entries; data/custody.json has all of them.`)}</p>`);
  out.push(
    table(
      'Custody entries',
      [{ label: 'Seq', numeric: true }, { label: 'At (UTC)' }, { label: 'Action' }, { label: 'Actor' }, { label: 'Subject' }, { label: 'Artifact SHA-256' }, { label: 'Entry hash' }],
      shown.map((e) => {
        const actor = [e.actor?.name, e.actor?.os_user === null || e.actor?.os_user === undefined ? null : `OS user ${e.actor.os_user}`].filter((v): v is string => typeof v === 'string');
        return [
          h(formatNumber(e.seq)),
          tightCode(e.at),
          h(e.action),
          actor.length > 0 ? h(actor.join(', ')) : muted('withheld'),
          h(subjectSummary(e.subject)),
          e.artifact_sha256 === null ? muted('none') : shortCode(e.artifact_sha256),
          shortCode(e.hash),
        ];
      }),
      'custody',
    ),
  );
  out.push('</section>');
  return out.join('');
}

function verifySection(fingerprint: string, bagName: string): string {
  const commands = [
    `unzip ${bagName}.zip && cd ${bagName}/`,
    'openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin \\',
    '        -in tagmanifest-sha256.txt -sigfile tagmanifest-sha256.txt.sig',
    'sha256sum -c tagmanifest-sha256.txt && sha256sum -c manifest-sha256.txt',
  ].join('\n');
  const fingerprintCommand = "openssl pkey -pubin -in signer.pub.pem -outform DER | openssl dgst -sha256 -binary | base64 | tr -d '='";
  return [
    '<section id="verify" aria-labelledby="verify-h">',
    '<h2 id="verify-h">How to verify</h2>',
    '<p>This report is part of the packet, so it can only repeat what the packet says. Verify the packet itself, with standard tools only (unzip, openssl, coreutils), as data/VERIFY.txt also describes:</p>',
    `<ol><li>Compare the signer key fingerprint ${code(fingerprint)} with the one the sender published out of band (not with anything inside the packet). The key's fingerprint is the output of:<pre><code>${h(fingerprintCommand)}</code></pre> prefixed with <code>SHA256:</code>.</li>`,
    `<li>Check the signature over the tag manifest, then every tag file and every payload file:<pre><code>${h(commands)}</code></pre>On macOS, <code>shasum -a 256 -c</code> reads the same manifests.</li>`,
    '<li>The signature covers tagmanifest-sha256.txt, which pins bagit.txt, bag-info.txt, manifest-sha256.txt, evidence.json and signer.pub.pem; manifest-sha256.txt pins every file under data/. Any changed byte makes a check fail.</li></ol>',
    '</section>',
  ].join('');
}

function limitationItems(evidence: EvidenceManifest, note: NoteFields): string[] {
  const texts = new Set<string>();
  const items: string[] = [];
  for (const l of evidence.limitations ?? []) {
    texts.add(l.text);
    items.push(l.kind === 'reviewer' ? `<li>${prose(l.text)}</li>` : `<li>${prose(l.text)} ${muted(`(${l.kind}: ${l.type})`)}</li>`);
  }
  for (const text of note.limitations ?? []) if (!texts.has(text)) items.push(`<li>${prose(text)}</li>`);
  return items;
}

const DEEPER: Record<string, string> = {
  events: 'Events',
  escalations: 'Escalations',
  both: 'Both Events and Escalations',
};

/**
 * data/report.html: one self-contained HTML5 document for people: the packet at a glance, scope,
 * reviewer's note, every export with its hashes, provenance, coverage chart and checks, the checks on the
 * set, the cross-reference index, the custody chain and how to verify. No script, no external resource
 * (a CSP meta says so too), inline CSS that prints to PDF with each file on its own page. Every string
 * from the inputs is escaped, and none reaches an attribute. Deterministic: the same input gives the same
 * string.
 */
export function renderReport(input: ReportInput): string {
  const { evidence, validation, custody, note } = input;
  const bagName = input.bagName ?? 'evidence-…';
  const scope = evidence.scope;
  const pairs = pairFiles(evidence.exports ?? [], validation.files ?? []);
  const counts = validation.counts;
  const limitations = limitationItems(evidence, note);

  const body: string[] = [];
  body.push(
    '<header class="summary">',
    `<h1>Evidence packet ${code(evidence.packet_id)}</h1>`,
    facts([
      ['Created', utc(evidence.created_at)],
      ['Generator', h(`${evidence.generator?.name ?? ''} ${evidence.generator?.version ?? ''}`.trim())],
      ['Reviewer', h(evidence.reviewer?.email ? `${evidence.reviewer.name} (${evidence.reviewer.email})` : (evidence.reviewer?.name ?? ''))],
      evidence.host ? ['Host', h(`${evidence.host.os_user} on ${evidence.host.host_name}`)] : null,
      [
        'Overall validation',
        `${statusBadge(validation.overall)} ${counts ? muted(`${plural(counts.pass, 'check')} passed, ${formatNumber(counts.warn)} warned, ${formatNumber(counts.fail)} failed, ${formatNumber(counts.skipped)} skipped`) : ''}`,
      ],
      ['Validated at', utc(validation.generated_at)],
      ['Signer key fingerprint', `${code(evidence.signer?.fingerprint ?? '')} ${muted(`(${evidence.signer?.algorithm ?? 'unknown algorithm'})`)}`],
    ]),
    '</header>',
  );

  body.push(
    '<nav class="toc" aria-label="Contents"><ol>',
    '<li><a href="#scope">Scope</a></li><li><a href="#note">Reviewer\'s note</a></li><li><a href="#files">Files</a></li>',
    '<li><a href="#set-checks">Checks on the set</a></li><li><a href="#xref">Cross-reference index</a></li><li><a href="#custody">Chain of custody</a></li><li><a href="#verify">How to verify</a></li>',
    '</ol></nav>',
  );

  body.push('<main>');
  body.push(
    '<section id="scope" aria-labelledby="scope-h">',
    '<h2 id="scope-h">Scope</h2>',
    facts([
      ['Window as entered', scope.window.as_entered === null ? 'absolute (from and to)' : code(scope.window.as_entered)],
      ['Window from (UTC)', utc(scope.window.from)],
      ['Window to (UTC)', utc(scope.window.to)],
      ['Environment', scope.environment === null ? muted('not specified') : code(scope.environment)],
      ['Config version', scope.config_version === null ? muted('not specified') : code(scope.config_version)],
      ['Export types', scope.types.length === 0 ? muted('none named') : scope.types.map((t) => h(t)).join(', ')],
      ['References', scope.references.length === 0 ? muted('none') : scope.references.map(code).join(', ')],
      ['Request IDs', scope.request_ids.length === 0 ? muted('none') : `${h(formatNumber(scope.request_ids.length))} ${muted('(see the cross-reference index)')}`],
      ['Escalation IDs', scope.escalation_ids.length === 0 ? muted('none') : `${h(formatNumber(scope.escalation_ids.length))} ${muted('(see the cross-reference index)')}`],
      ['Control tags', scope.control_tags.length === 0 ? muted('none') : scope.control_tags.map(code).join(', ')],
      ['Why', prose(scope.why)],
    ]),
    '</section>',
  );

  body.push(
    '<section id="note" aria-labelledby="note-h">',
    '<h2 id="note-h">Reviewer\'s note</h2>',
    facts([
      ['Why', prose(note.why)],
      ['Supports', note.supports.length === 0 ? muted('no reference given') : note.supports.map(code).join(', ')],
      ['Deeper context', note.deeper_context === null ? muted('not named: see Events for gateway decisions, Escalations for human-review items') : h(DEEPER[note.deeper_context] ?? String(note.deeper_context))],
      ['Reviewer', h(note.reviewer.email ? `${note.reviewer.name} (${note.reviewer.email})` : note.reviewer.name)],
    ]),
    '<h3>Known limitations</h3>',
    limitations.length === 0 ? `<p>${muted('None noted.')}</p>` : `<ul>${limitations.join('')}</ul>`,
    '<h3>Notes</h3>',
    note.free_text.trim() === '' ? `<p>${muted('No further notes.')}</p>` : `<pre class="free-text">${h(note.free_text)}</pre>`,
    '</section>',
  );

  body.push('<section id="files" aria-labelledby="files-h">', '<h2 id="files-h">Files</h2>');
  body.push(
    table(
      'Export files in the packet',
      [{ label: 'File' }, { label: 'Name' }, { label: 'Type' }, { label: 'Format' }, { label: 'Records', numeric: true }, { label: 'Size', numeric: true }, { label: 'SHA-256' }, { label: 'Validation' }],
      pairs.map(({ exp, report }, i) => [
        h(String(i + 1)),
        code(exp?.original_filename ?? report?.name ?? ''),
        h(exp?.type ?? report?.type ?? ''),
        h(String(exp?.format ?? report?.format ?? '').toUpperCase()),
        h(formatNumber(exp?.records ?? report?.records ?? 0)),
        h(formatNumber(exp?.bytes ?? report?.bytes ?? 0)),
        shortCode(exp?.sha256 ?? report?.sha256 ?? ''),
        report ? statusBadge(report.status) : muted(exp ? 'not validated' : 'not in the packet'),
      ]),
    ),
  );
  for (const [i, pair] of pairs.entries()) body.push(fileSection(pair, i + 1, scope.config_version));
  body.push('</section>');

  body.push(
    '<section id="set-checks" class="page-start" aria-labelledby="set-checks-h">',
    '<h2 id="set-checks-h">Checks on the set</h2>',
    `<p>${h(`The checks over all files together against the scope. Retention is measured from ${validation.generated_at}, with a ${formatNumber(validation.settings?.retention_hours ?? 0)} h horizon.`)}</p>`,
    ...(validation.checks ?? []).map((check) => checkBlock(check, 3)),
    '</section>',
  );
  body.push(xrefSection(validation.xref));
  body.push(custodySection(custody));
  body.push(verifySection(evidence.signer?.fingerprint ?? '', bagName));
  body.push('</main>');

  const head = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="color-scheme" content="light">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(`Evidence packet ${evidence.packet_id}: report`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
  ];
  return `${[...head, '<body>', ...body, '</body>', '</html>'].join('\n')}\n`;
}
