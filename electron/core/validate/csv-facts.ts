import type { ExportType } from '../../../shared/domain';
import { csvColumns } from '../../../shared/schemas/records';
import { fieldText, firstByte, MAX_FIELDS, type CsvRow } from './csv-scan';
import { contractInstantMs, exportInstantMsAt } from './instant';
import { ValueCache } from './value-cache';
import { clip, emptyValues, type FactCollector, type FormatProblem } from './facts';

const FORMULA_STARTS = new Set([0x3d /* = */, 0x2b /* + */, 0x2d /* - */, 0x40 /* @ */, 0x09 /* tab */, 0x0d /* CR */]);
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** What the header row said. */
export interface CsvHeaderFacts {
  expected: readonly string[];
  found: string[] | null;
  missing: string[];
}

/**
 * Turns CSV rows into record facts: the first row is the header (checked against the type's columns;
 * columns are then found by name, so a reordered header is reported but its records are still read),
 * every other row one record. Every cell is checked for a leading formula character.
 */
export function csvFactRows(type: ExportType, collector: FactCollector, wants: { requestIds: boolean; escalationIds: boolean }, onFatal: (problem: FormatProblem) => void) {
  const expected = csvColumns[type] as readonly string[];
  const header: CsvHeaderFacts = { expected, found: null, missing: [] };
  const plan = collector.plan;
  const values = emptyValues();
  let names: string[] = [];
  /** The header's field count (names keeps only the first MAX_FIELDS). */
  let fields = 0;
  /** True when the header has none of the type's columns: the rows cannot be read as records. */
  let unreadable = false;
  let column = { key: -1, time: -1, environment: -1, configVersion: -1, verdict: -1, requestId: -1, escalationRef: -1, escalationId: -1 };
  let record = 0;

  const text = (row: CsvRow, i: number): string | null => (i < 0 ? null : fieldText(row, i));
  const caches = { environment: new ValueCache(), configVersion: new ValueCache(), verdict: new ValueCache() };
  const cached = (row: CsvRow, i: number, cache: ValueCache): string | null => {
    if (i < 0) return null;
    return row.quoted[i] === 1 ? fieldText(row, i) : cache.text(row.bytes, row.starts[i]!, row.ends[i]!);
  };
  const nonEmpty = (row: CsvRow, i: number): string | null => {
    if (i < 0 || row.ends[i]! - row.starts[i]! === 0) return null;
    return fieldText(row, i);
  };

  function readHeader(row: CsvRow): void {
    names = [];
    // Clipped: a binary or hostile first line can hold megabytes, and names end up in the report.
    for (let i = 0; i < Math.min(row.count, MAX_FIELDS); i++) names.push(clip(fieldText(row, i), 199));
    fields = row.count;
    header.found = names;
    header.missing = expected.filter((name) => !names.includes(name));
    const at = (name: string | null) => (name === null ? -1 : names.indexOf(name));
    column = {
      key: at(plan.key),
      time: at(plan.time),
      environment: at('environment'),
      configVersion: at(plan.configVersion),
      verdict: at(plan.verdict),
      requestId: wants.requestIds ? at(plan.requestId) : -1,
      escalationRef: wants.escalationIds ? at(plan.escalationRef) : -1,
      escalationId: wants.escalationIds ? at(plan.escalationId) : -1,
    };
    if (names.join(',') !== expected.join(',')) {
      unreadable = header.missing.length === expected.length;
      const problem = {
        kind: 'header',
        message: `the header is "${names.join(',').slice(0, 300)}"; a ${type} export's header is exactly "${expected.join(',')}"${unreadable ? ' (none of its columns is there, so no record can be read)' : ''}`,
        line: row.line,
        byteOffset: row.byteOffset,
      };
      if (unreadable) onFatal(problem);
      else collector.problem(problem);
    }
  }

  function onRow(row: CsvRow): void {
    if (header.found === null) {
      readHeader(row);
      return;
    }
    if (unreadable) return;
    if (row.count === 1 && row.ends[0] === row.starts[0] && names.length > 1) {
      collector.problem({ kind: 'blank-line', message: `line ${row.line} is blank; an export has no blank lines`, line: row.line, byteOffset: row.byteOffset });
      return;
    }
    record++;
    if (row.count !== fields) {
      collector.problem({ kind: 'field-count', message: `record ${record} has ${row.count} field${row.count === 1 ? '' : 's'}; the header has ${fields}`, record, line: row.line, byteOffset: row.byteOffset });
      collector.records++;
      return;
    }
    for (let i = 0; i < Math.min(row.count, MAX_FIELDS); i++) {
      const first = firstByte(row, i);
      if (first >= 0 && FORMULA_STARTS.has(first)) {
        const cell = fieldText(row, i);
        if ((first === 0x2b || first === 0x2d) && PLAIN_NUMBER.test(cell)) continue;
        collector.unsafeCell(names[i]!, cell, record, row.line, row.byteOffset + row.starts[i]! - row.starts[0]!);
      }
    }
    values.record = record;
    values.line = row.line;
    values.byteOffset = row.byteOffset;
    values.key = text(row, column.key);
    const t = column.time < 0 ? NaN : row.quoted[column.time] === 1 ? NaN : exportInstantMsAt(row.bytes, row.starts[column.time]!, row.ends[column.time]!);
    values.time = Number.isNaN(t) ? text(row, column.time) : null;
    values.timeMs = values.time === null ? t : contractInstantMs(values.time);
    values.environment = cached(row, column.environment, caches.environment);
    values.configVersion = cached(row, column.configVersion, caches.configVersion);
    values.verdict = cached(row, column.verdict, caches.verdict);
    values.requestId = nonEmpty(row, column.requestId);
    values.escalationRef = nonEmpty(row, column.escalationRef);
    values.escalationId = nonEmpty(row, column.escalationId);
    collector.add(values);
  }

  return { header, onRow };
}
