import type { FormEvent } from 'react';
import { describedBy, FieldError } from '../../components/FieldError';
import { localTime, parseUtcInput } from '../../lib/utc';
import { useRecords, type FilterField } from '../../stores/records';

/** The local time beside a UTC input, once it holds a real instant. */
function LocalBeside({ id, value }: { id: string; value: string }) {
  const ms = parseUtcInput(value);
  return (
    <span id={id} className="hint">
      {ms === null ? 'UTC' : `UTC — ${localTime(ms)} local`}
    </span>
  );
}

const TEXT_FIELDS: { field: Extract<FilterField, 'text' | 'requestId' | 'escalationId'>; id: string; label: string; placeholder: string }[] = [
  { field: 'text', id: 'rec-text', label: 'Text in the record', placeholder: 'any text (slower)' },
  { field: 'requestId', id: 'rec-request-id', label: 'Request ID', placeholder: 'req_…' },
  { field: 'escalationId', id: 'rec-escalation-id', label: 'Escalation ID', placeholder: 'esc_…' },
];

/** The records browser's filters: verdict, text, request id, escalation id and a UTC time range; the list follows as you type. */
export function RecordFilters({ verdicts }: { verdicts: readonly string[] }) {
  const draft = useRecords((s) => s.draft);
  const problems = useRecords((s) => s.problems);
  const setFilter = useRecords((s) => s.setFilter);
  const applyFilters = useRecords((s) => s.applyFilters);
  const clearFilters = useRecords((s) => s.clearFilters);
  const options = draft.verdict && !verdicts.includes(draft.verdict) ? [...verdicts, draft.verdict] : verdicts;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void applyFilters();
  };
  return (
    <form role="search" aria-label="Filter the records" className="val-filters" onSubmit={onSubmit} noValidate>
      <div className="val-filter">
        <label htmlFor="rec-verdict">Verdict</label>
        <select id="rec-verdict" value={draft.verdict} onChange={(e) => setFilter('verdict', e.target.value)}>
          <option value="">Any verdict</option>
          {options.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </div>
      {TEXT_FIELDS.map(({ field, id, label, placeholder }) => (
        <div className="val-filter" key={field}>
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            type="search"
            value={draft[field]}
            placeholder={placeholder}
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            onChange={(e) => setFilter(field, e.target.value)}
            aria-invalid={problems[field] ? true : undefined}
            aria-describedby={describedBy(problems[field] && `${id}-error`)}
          />
          <FieldError id={`${id}-error`} message={problems[field]} />
        </div>
      ))}
      {(
        [
          ['fromInput', 'rec-from', 'From (UTC)'],
          ['toInput', 'rec-to', 'Before (UTC)'],
        ] as const
      ).map(([field, id, label]) => (
        <div className="val-filter val-filter-time" key={field}>
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            type="datetime-local"
            step={1}
            value={draft[field]}
            onChange={(e) => setFilter(field, e.target.value)}
            aria-invalid={problems[field] ? true : undefined}
            aria-describedby={describedBy(`${id}-local`, problems[field] && `${id}-error`)}
          />
          <LocalBeside id={`${id}-local`} value={draft[field]} />
          <FieldError id={`${id}-error`} message={problems[field]} />
        </div>
      ))}
      <div className="val-filter-actions">
        <button type="submit">Apply now</button>
        <button type="button" onClick={() => void clearFilters()}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
