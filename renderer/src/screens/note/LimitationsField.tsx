import { useRef } from 'react';
import { flushSync } from 'react-dom';
import { describedBy, FieldError } from '../../components/FieldError';
import { UtcTime } from '../../components/UtcTime';
import { useNote } from '../../stores/note';

/** Where the pre-filled limitations came from, in a sentence. */
function Source() {
  const source = useNote((s) => s.source);
  if (source.status !== 'ready') return null;
  const { validation, validationError } = source;
  if (validationError) return <p className="hint">The latest validation could not be read ({validationError.message}), so nothing was pre-filled here.</p>;
  if (!validation) return <p className="hint">No validation has run in this workspace yet, so nothing was pre-filled here.</p>;
  return (
    <p className="hint" data-testid="limitations-source">
      {validation.limitations === 0 ? 'The latest validation found no limitations' : `Pre-filled with the ${validation.limitations === 1 ? 'limitation' : `${validation.limitations} limitations`} the latest validation found`} (run{' '}
      {validation.runId}, <UtcTime at={validation.generatedAt} />, overall {validation.overall}).
    </p>
  );
}

/** Known limitations: pre-filled from the latest validation, each one editable or removable, and more can be added. */
export function LimitationsField() {
  const limitations = useNote((s) => s.draft.limitations);
  const problem = useNote((s) => s.problems.limitations);
  const setLimitation = useNote((s) => s.setLimitation);
  const addLimitation = useNote((s) => s.addLimitation);
  const removeLimitation = useNote((s) => s.removeLimitation);
  const list = useRef<HTMLOListElement>(null);

  // flushSync renders the change at once, so focus moves before the next key press can land elsewhere.
  const add = () => {
    flushSync(() => addLimitation());
    list.current?.querySelector<HTMLTextAreaElement>('li:last-child textarea')?.focus();
  };
  const remove = (index: number) => {
    flushSync(() => removeLimitation(index));
    document.getElementById('note-add-limitation')?.focus();
  };

  return (
    <fieldset className="scope-fieldset" aria-describedby={describedBy('note-limitations-hint', problem && 'note-limitations-error')}>
      <legend>Known limitations</legend>
      <Source />
      <p id="note-limitations-hint" className="hint">
        Packing validates the files again and adds any limitation it finds; yours are kept as written. Empty lines are left out.
      </p>
      {limitations.length === 0 ? <p className="list-count">No limitations noted.</p> : null}
      <ol className="limitations" ref={list}>
        {limitations.map((text, index) => (
          <li key={index}>
            <label htmlFor={`note-limitation-${index + 1}`}>Limitation {index + 1}</label>
            <div className="limitation-row">
              <textarea id={`note-limitation-${index + 1}`} rows={2} value={text} onChange={(e) => setLimitation(index, e.target.value)} />
              <button type="button" className="secondary" onClick={() => remove(index)} aria-label={`Remove limitation ${index + 1}`}>
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" id="note-add-limitation" className="secondary" onClick={add}>
          Add a limitation
        </button>
      </div>
      <FieldError id="note-limitations-error" message={problem} />
    </fieldset>
  );
}
