import { Field } from '../../components/Field';
import type { ParsedList } from '../../lib/ids';

/** A textarea for a pasted list, with the parsed count and each value's problem right under it. */
export function ListField(props: { id: string; label: string; noun: [string, string]; value: string; list: ParsedList; error: string | undefined; hint: string; onChange(value: string): void }) {
  const { id, label, noun, value, list, error, hint, onChange } = props;
  const shown = list.problems.slice(0, 5);
  return (
    <Field
      id={id}
      label={label}
      error={error}
      hint={hint}
      describedBy={[`${id}-count`, shown.length > 0 && `${id}-problems`]}
      below={<ListSummary id={id} noun={noun} list={list} shown={shown} />}
    >
      {(control) => <textarea {...control} rows={3} value={value} spellCheck={false} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** How many values the list holds, and the first problems. */
function ListSummary({ id, noun, list, shown }: { id: string; noun: [string, string]; list: ParsedList; shown: ParsedList['problems'] }) {
  const count = list.values.length;
  return (
    <>
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
    </>
  );
}
