import type { CheckResult } from '../../../../shared/schemas/validation';
import type { FileCheckContext } from '../types';
import { plural } from '../../../../shared/format';
import { result } from './result';

const partly = (ctx: FileCheckContext) => (ctx.facts.readCompletely ? '' : ` (in the ${plural(ctx.facts.records, 'record')} read before the file's structure broke; see Format conformance)`);

/** 1. A file with no records is evidence of nothing. */
export function checkEmpty({ facts }: FileCheckContext): CheckResult {
  if (facts.records > 0) return result('empty', 'pass', `${plural(facts.records, 'record')}.`, { evidence: { records: facts.records } });
  if (!facts.readCompletely) {
    return result('empty', 'skipped', 'No record could be read: the file is not a readable export (see Format conformance).', { evidence: { records: 0 } });
  }
  return result('empty', 'fail', 'The export holds no records (only a header row, or an empty array).', {
    evidence: { records: 0, bytes: facts.bytes },
    fix: 'Widen the time window and confirm that traffic actually passed through Keeptrusts during the selected period, then export again.',
  });
}

/** 8. The same record twice inflates counts and suggests a botched merge or re-export. */
export function checkDuplicates(ctx: FileCheckContext): CheckResult {
  const { facts } = ctx;
  const field = ctx.facts.duplicates.examples[0]?.field ?? (ctx.file.type === 'traces' ? 'span_id' : 'id');
  if (facts.records === 0) return result('duplicates', 'skipped', 'No records to compare.');
  if (facts.examined === 0) return result('duplicates', 'skipped', 'None of the records could be read (see Format conformance).');
  if (facts.duplicates.count === 0 && facts.keysTruncated) {
    return result('duplicates', 'warn', `No ${field} repeats, but only the first ${facts.keysRemembered.toLocaleString('en-US')} distinct ones were remembered: later records of the ${plural(facts.records, 'record')} were compared with those, not with each other.`, {
      evidence: { duplicates: 0, ids_remembered: facts.keysRemembered },
      fix: 'Export shorter windows (for example one per week) so each file can be checked whole.',
    });
  }
  if (facts.duplicates.count === 0) return result('duplicates', 'pass', `Every ${field} is unique${partly(ctx)}.`, { evidence: { duplicates: 0 } });
  return result('duplicates', 'fail', `${plural(facts.duplicates.count, 'record')} repeat${facts.duplicates.count === 1 ? 's' : ''} the ${field} of an earlier record${partly(ctx)}.`, {
    evidence: { duplicates: facts.duplicates.count },
    examples: facts.duplicates.examples,
    fix: 'Export the window again as one job instead of joining files by hand; if the server produced the repeats, report it to the Keeptrusts admin and note it as a limitation.',
  });
}

/** 11. Cells a spreadsheet would run as formulas (CSV injection); the evidence itself is never altered. */
export function checkSpreadsheetSafety(ctx: FileCheckContext): CheckResult {
  const { facts } = ctx;
  if (ctx.file.format !== 'csv') return result('spreadsheet-safety', 'skipped', 'Applies to CSV files, which reviewers open in spreadsheets; this is JSON.');
  if (facts.records === 0) return result('spreadsheet-safety', 'skipped', 'No records to check.');
  if (facts.examined === 0) return result('spreadsheet-safety', 'skipped', 'None of the records could be read (see Format conformance).');
  const cells = facts.unsafeCells;
  if (cells.count === 0) return result('spreadsheet-safety', 'pass', `No cell starts with =, +, -, @, tab or CR${partly(ctx)}.`, { evidence: { cells: 0 } });
  const byField = Object.fromEntries(cells.byField);
  return result('spreadsheet-safety', 'warn', `${plural(cells.count, 'cell')} start${cells.count === 1 ? 's' : ''} with a character a spreadsheet treats as a formula (${Object.entries(byField).map(([f, n]) => `${f}: ${n}`).join(', ')}).`, {
    evidence: { cells: cells.count, by_field: byField },
    examples: cells.examples,
    fix: 'The file is kept exactly as exported. Tell CSV reviewers to open it with formulas disabled (import as text), or to use the JSON export.',
  });
}
