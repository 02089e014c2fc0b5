// The per-file sections of data/report.html: provenance, each check with its evidence and examples, the
// coverage chart, and the verdict and config-version breakdowns.
import type { PacketExport } from '../../../../shared/schemas/evidence';
import type { CheckExample, CheckResult, FileReport } from '../../../../shared/schemas/validation';
import { CHECK_TITLES } from '../../validate/checks/result';
import { escapeHtml as h } from './escape';
import { clipText, formatNumber, plural, trimDecimals } from './format';
import { bytes, code, type Column, facts, muted, renderValue, STATUS_TEXT, statusBadge, table, utc, VALUE_LIMITS } from './report-parts';
import { renderCoverageSvg } from './svg-chart';

export function provenance(p: PacketExport['provenance'], file: PacketExport): string {
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

export function checkBlock(check: CheckResult, headingLevel: 3 | 5): string {
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

export function breakdowns(report: FileReport, expectedVersion: string | null): string {
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
export function pairFiles(exports: readonly PacketExport[], files: readonly FileReport[]): { exp: PacketExport | null; report: FileReport | null }[] {
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

export function fileSection(pair: { exp: PacketExport | null; report: FileReport | null }, index: number, expectedVersion: string | null): string {
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
