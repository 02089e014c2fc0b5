import type { ParsedList } from '../../lib/ids';
import { describedBy, FieldError } from '../../components/FieldError';

/** A textarea for a pasted list, with the parsed count and each value's problem right under it. */
export function ListField(props: { id: string; label: string; noun: [string, string]; value: string; list: ParsedList; error: string | undefined; hint: string; onChange(value: string): void }) {
  const { id, label, noun, value, list, error, hint, onChange } = props;
  const count = list.values.length;
  const shown = list.problems.slice(0, 5);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={value}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, `${id}-count`, shown.length > 0 && `${id}-problems`, error && `${id}-error`)}
      />
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <p id={`${id}-count`} className="list-count">
        {count} {count === 1 ? noun[0] : noun[1]}
        {list.duplicates > 0 ? ` (${list.duplicates} repeated ${list.duplicates === 1 ? 'entry' : 'entries'} dropped)` : ''}
      </p>
      {shown.length > 0 ? (
        <ul id={`${id}-problems`} className="list-problems">
          {shown.map((p, i) => (
            <li key={i} className={p.severity === 'error' ? 'problem-error' : 'problem-warning'}>
              <span className="problem-kind">{p.severity === 'error' ? 'Error:' : 'Check:'}</span> {p.message}
            </li>
          ))}
          {list.problems.length > shown.length ? <li>…and {list.problems.length - shown.length} more.</li> : null}
        </ul>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
