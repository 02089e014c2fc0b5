import { EXPORT_FORMATS, EXPORT_TYPES } from '../../../../shared/domain';
import { FORMAT_GUIDANCE, TYPE_LABELS } from '../../lib/labels';
import { useNavigation } from '../../stores/navigation';
import { useScope } from '../../stores/scope';

/** Step 2: CSV or JSON per chosen export type, with the docs' guidance on which audience each serves. */
export function FormatScreen() {
  const types = useScope((s) => s.draft.types);
  const formats = useScope((s) => s.draft.formats);
  const setFormat = useScope((s) => s.setFormat);
  const go = useNavigation((s) => s.go);
  const chosen = EXPORT_TYPES.filter((t) => types.includes(t));
  if (chosen.length === 0) {
    return (
      <div className="format-screen">
        <p>No export types are chosen yet.</p>
        <button type="button" onClick={() => go('scope')}>
          Choose export types on the Scope step
        </button>
      </div>
    );
  }
  return (
    <div className="format-screen">
      <ul className="format-guidance">
        {EXPORT_FORMATS.map((f) => (
          <li key={f} id={`format-guidance-${f}`}>
            {FORMAT_GUIDANCE[f]}
          </li>
        ))}
      </ul>
      {chosen.map((t) => (
        <fieldset key={t} className="scope-fieldset">
          <legend>{TYPE_LABELS[t]}</legend>
          <div className="radio-row">
            {EXPORT_FORMATS.map((f) => (
              <label key={f}>
                <input type="radio" name={`format-${t}`} value={f} checked={formats[t] === f} onChange={() => setFormat(t, f)} aria-describedby={`format-guidance-${f}`} /> {f.toUpperCase()}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
