import { TIME_WINDOWS, type TimeWindow } from '../../../../shared/domain';
import { TextField } from '../../components/Field';
import { FieldError } from '../../components/FieldError';
import { resolveWindow } from '../../lib/scope-draft';
import { localTime, utcInstant } from '../../lib/utc';
import { useScope } from '../../stores/scope';

const WINDOW_LABELS: Record<TimeWindow, string> = { '1h': 'Last hour', '6h': 'Last 6 hours', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };

/** A UTC instant with the reviewer's local time beside it. */
function Instant({ label, ms }: { label: string; ms: number }) {
  return (
    <span className="instant">
      {label} <time dateTime={utcInstant(ms)}>{utcInstant(ms)}</time> <span className="local-time">({localTime(ms)} local)</span>
    </span>
  );
}

/** The time window: relative (last 1h … 30d) or absolute from/to, entered and shown in UTC with local time beside. */
export function WindowFields() {
  const draft = useScope((s) => s.draft);
  const problems = useScope((s) => s.problems);
  const setField = useScope((s) => s.setField);
  const anchor = useScope((s) => s.anchor);
  const resolved = resolveWindow(draft, anchor ?? Date.now());
  return (
    <fieldset className="scope-fieldset">
      <legend>Time window</legend>
      <div className="radio-row">
        <label>
          <input type="radio" name="window-mode" value="relative" checked={draft.windowMode === 'relative'} onChange={() => setField('windowMode', 'relative')} /> Relative (up to now)
        </label>
        <label>
          <input type="radio" name="window-mode" value="absolute" checked={draft.windowMode === 'absolute'} onChange={() => setField('windowMode', 'absolute')} /> Absolute (from and to)
        </label>
      </div>
      {draft.windowMode === 'relative' ? (
        <fieldset className="nested-fieldset">
          <legend>How far back</legend>
          <div className="radio-row">
            {(Object.keys(TIME_WINDOWS) as TimeWindow[]).map((w) => (
              <label key={w}>
                <input type="radio" name="relative-window" value={w} checked={draft.relative === w} onChange={() => setField('relative', w)} /> {WINDOW_LABELS[w]}
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <div className="field-row">
          <TextField
            id="scope-from"
            label="From (UTC)"
            type="datetime-local"
            step={1}
            value={draft.fromInput}
            onChange={(e) => setField('fromInput', e.target.value)}
            error={problems.from}
            describedBy={['scope-window-utc']}
          />
          <TextField
            id="scope-to"
            label="To (UTC)"
            type="datetime-local"
            step={1}
            value={draft.toInput}
            onChange={(e) => setField('toInput', e.target.value)}
            error={problems.to}
            describedBy={['scope-window-utc']}
          />
        </div>
      )}
      <p id="scope-window-utc" className="hint" data-testid="resolved-window">
        {resolved.ok ? (
          <>
            <Instant label="From" ms={resolved.from} /> <Instant label="to" ms={resolved.to} />
            {draft.windowMode === 'relative'
              ? anchor === null
                ? ' — resolved again when the scope is used.'
                : ' — fixed when the Pull step previewed it; change the window to follow the clock again.'
              : null}
          </>
        ) : (
          'Dates and times are entered in UTC; the local time is shown once both are set.'
        )}
      </p>
      <FieldError id="scope-window-error" message={problems.window} />
    </fieldset>
  );
}
