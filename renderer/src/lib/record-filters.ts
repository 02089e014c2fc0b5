import type { RequestOf } from '../../../shared/bridge/contract';
import { parseUtcInput, utcInstant } from './utc';

/** The records browser's filter form as typed: text as entered, times as `datetime-local` values read as UTC. */
export interface FilterDraft {
  verdict: string;
  text: string;
  requestId: string;
  escalationId: string;
  fromInput: string;
  toInput: string;
}

/** A filter field of the form. */
export type FilterField = keyof FilterDraft;

/** What the bridge's countRecords takes (queryRecords takes the same, plus paging). */
export type RecordQuery = RequestOf<'countRecords'>;

/** One sentence per filter field that stops the filters from being used. */
export type FilterProblems = Partial<Record<FilterField, string>>;

/** No filters: every cached record. */
export function emptyFilterDraft(): FilterDraft {
  return { verdict: '', text: '', requestId: '', escalationId: '', fromInput: '', toInput: '' };
}

const MAX_TEXT = 200;
const TEXT_FIELDS = [
  ['text', 'text'],
  ['requestId', 'requestId'],
  ['escalationId', 'escalationId'],
] as const;

/** The query a filter form describes (empty fields left out), or the problems per field. */
export function toRecordQuery(draft: FilterDraft): { ok: true; query: RecordQuery } | { ok: false; problems: FilterProblems } {
  const problems: FilterProblems = {};
  const query: RecordQuery = {};
  const verdict = draft.verdict.trim();
  if (verdict) query.verdict = verdict.slice(0, 50);
  for (const [field, key] of TEXT_FIELDS) {
    // The text filter is a substring: its spaces count. IDs never contain spaces.
    const value = field === 'text' ? draft[field] : draft[field].trim();
    if (value.trim() === '') continue;
    if (value.length > MAX_TEXT) problems[field] = `At most ${MAX_TEXT} characters.`;
    else query[key] = value;
  }
  const from = draft.fromInput.trim() === '' ? null : parseUtcInput(draft.fromInput);
  const to = draft.toInput.trim() === '' ? null : parseUtcInput(draft.toInput);
  if (draft.fromInput.trim() !== '' && from === null) problems.fromInput = 'This is not a date and time.';
  if (draft.toInput.trim() !== '' && to === null) problems.toInput = 'This is not a date and time.';
  if (from !== null && to !== null && from >= to) problems.toInput = 'The end must come after the start.';
  if (from !== null) query.from = utcInstant(from);
  if (to !== null) query.to = utcInstant(to);
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, query };
}

/** A stable key for a query, to tell whether the filters really changed. */
export function queryKey(query: RecordQuery): string {
  return JSON.stringify(Object.entries(query).sort(([a], [b]) => a.localeCompare(b)));
}

/** True when the query filters anything. */
export function isFiltered(query: RecordQuery): boolean {
  return Object.keys(query).length > 0;
}
