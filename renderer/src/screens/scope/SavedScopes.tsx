import { useEffect, useState } from 'react';
import { describedBy } from '../../components/FieldError';
import { localTime } from '../../lib/utc';
import { useScope } from '../../stores/scope';

/** Save the scope under a name, and the workspace's saved scopes to load again. */
export function SavedScopes() {
  const current = useScope((s) => s.current);
  const saving = useScope((s) => s.saving);
  const saved = useScope((s) => s.saved);
  const save = useScope((s) => s.save);
  const loadSaved = useScope((s) => s.loadSaved);
  const deleteSaved = useScope((s) => s.deleteSaved);
  const [name, setName] = useState(current?.name ?? '');
  useEffect(() => setName(current?.name ?? ''), [current]);

  return (
    <fieldset className="scope-fieldset">
      <legend>Save and reload</legend>
      <form
        className="field-row"
        onSubmit={(e) => {
          e.preventDefault();
          void save(name);
        }}
      >
        <div className="field">
          <label htmlFor="scope-name">Scope name</label>
          <input
            id="scope-name"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={saving.status === 'error' && name.trim() === '' ? true : undefined}
            aria-describedby={describedBy('scope-save-status')}
          />
        </div>
        <div className="actions">
          <button type="submit" disabled={saving.status === 'saving'}>
            Save scope
          </button>
        </div>
      </form>
      <p id="scope-save-status" className={saving.status === 'error' ? 'field-error' : 'hint'} role="status">
        {saving.status === 'saved'
          ? `Saved “${saving.name}” at ${localTime(Date.parse(saving.at))}.`
          : saving.status === 'error'
            ? `${saving.error.message} ${saving.error.hint}`
            : saving.status === 'saving'
              ? 'Saving…'
              : current
                ? `Saving under the same name updates “${current.name}”; a new name saves a copy.`
                : 'Saved scopes stay in this workspace.'}
      </p>
      <h2 className="subheading" id="saved-scopes-heading">
        Saved scopes
      </h2>
      {saved.status === 'error' ? <p className="field-error">{`${saved.error.message} ${saved.error.hint}`}</p> : null}
      {saved.scopes.length === 0 ? (
        <p className="hint">{saved.status === 'loading' ? 'Loading…' : 'No saved scopes yet.'}</p>
      ) : (
        <ul className="saved-scopes" aria-labelledby="saved-scopes-heading">
          {saved.scopes.map((s) => (
            <li key={s.id}>
              <span className="saved-name">{s.name}</span>
              <span className="hint">
                {s.scope.window.relative ? `last ${s.scope.window.relative}` : `${s.scope.window.from} to ${s.scope.window.to}`}, saved {localTime(Date.parse(s.updatedAt))}
              </span>
              <button type="button" onClick={() => loadSaved(s.id)} aria-label={`Load “${s.name}”`}>
                Load
              </button>
              <button type="button" className="secondary" onClick={() => void deleteSaved(s.id)} aria-label={`Delete “${s.name}”`}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
