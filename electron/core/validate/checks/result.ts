import { plural } from '../../../../shared/format';
import type { CheckExample, CheckId, CheckResult, CheckStatus } from '../../../../shared/schemas/validation';
import { clip } from '../facts';

/** Each check's heading, as the UI, the CLI checklist and the report print it. */
export const CHECK_TITLES: Record<CheckId, string> = {
  empty: 'Not empty',
  'filename-timestamp': 'Filename timestamp',
  'time-coverage': 'Time coverage',
  environment: 'Environment',
  'config-version': 'Config version',
  format: 'Format conformance',
  integrity: 'Integrity',
  duplicates: 'No duplicate records',
  'spreadsheet-safety': 'Spreadsheet safety',
  'cross-reference': 'Cross-reference',
  completeness: 'Completeness of the set',
  retention: 'Retention horizon',
};

/** Builds a check's result. */
export function result(
  id: CheckId,
  status: CheckStatus,
  summary: string,
  more: { evidence?: Record<string, unknown>; examples?: CheckExample[]; fix?: string | null } = {},
): CheckResult {
  // The schema allows 2,000 characters: lists of IDs, environments or versions from a hostile file can be longer.
  return { id, title: CHECK_TITLES[id], status, summary: clip(summary, 1999), evidence: more.evidence ?? {}, examples: more.examples ?? [], fix: more.fix ?? null };
}

/** "All 3 records are", "The only record is": a count with its verb, for summaries. */
export function allOf(count: number, noun: string, verb: { one: string; many: string } = { one: 'is', many: 'are' }): string {
  return count === 1 ? `The only ${noun} ${verb.one}` : `All ${plural(count, noun)} ${verb.many}`;
}

/** "1 record is", "2 records are". */
export function countIs(count: number, noun: string): string {
  return `${plural(count, noun)} ${count === 1 ? 'is' : 'are'}`;
}



/** A duration in the largest whole units that fit: "3 h 20 min", "45 s". */
export function duration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${Math.round(abs / 1000)} s`;
  const minutes = Math.round(abs / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}
