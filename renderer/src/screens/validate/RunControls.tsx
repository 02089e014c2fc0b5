import { assertNever } from '../../../../shared/result';
import type { ScopeField } from '../../lib/scope-draft';
import { useNavigation } from '../../stores/navigation';
import { useScope } from '../../stores/scope';
import { useValidation, type ValidationProgress } from '../../stores/validation';

/** The running validation: an accessible progress bar (indeterminate until the total is known). */
function ProgressBar({ progress }: { progress: ValidationProgress | null }) {
  const percent = progress?.value == null ? null : Math.round(progress.value * 100);
  const title = progress?.title || 'Validating the exports';
  const detail = progress?.detail || 'Starting…';
  return (
    <div className="val-progress">
      <div
        role="progressbar"
        aria-label={title}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? detail : `${percent}% — ${detail}`}
        className="val-progress-track"
      >
        <div className={percent === null ? 'val-progress-fill indeterminate' : 'val-progress-fill'} style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <p className="val-muted">
        {title}
        {percent === null ? '' : ` — ${percent}%`}: {detail}
      </p>
    </div>
  );
}

const FIELD_LABELS: Record<ScopeField, string> = {
  window: 'Time window',
  from: 'From',
  to: 'To',
  environment: 'Environment',
  configVersion: 'Config version',
  types: 'Export types',
  requestIds: 'Request IDs',
  escalationIds: 'Escalation IDs',
  references: 'References',
  why: 'Why',
  controlTags: 'Control tags',
};

/** "Validate now", the progress of a run with its Cancel button, and why a run did not give a report. */
export function RunControls() {
  const run = useValidation((s) => s.run);
  const hasReport = useValidation((s) => s.current !== null);
  const validate = useValidation((s) => s.validate);
  const cancel = useValidation((s) => s.cancel);
  const go = useNavigation((s) => s.go);
  const scopeProblems = useScope((s) => s.problems);
  const running = run.status === 'running';
  return (
    <div className="val-run">
      <div className="val-actions">
        <button type="button" className="val-primary" onClick={() => void validate()} disabled={running}>
          {running ? 'Validating…' : hasReport ? 'Validate again' : 'Validate now'}
        </button>
        {running && (
          <button type="button" onClick={() => void cancel()}>
            Cancel
          </button>
        )}
      </div>
      <div aria-live="polite" className="val-run-status">
        {body()}
      </div>
    </div>
  );

  function body() {
    switch (run.status) {
      case 'idle':
        return null;
      case 'running':
        return <ProgressBar progress={run.progress} />;
      case 'cancelled':
        return <p className="val-muted">Validation stopped; nothing new was kept. The report below (if any) is the earlier one.</p>;
      case 'scope-problems':
        return (
          <div role="alert" className="val-problem">
            <p>
              <strong>The review scope has problems</strong>, so there is nothing to validate against yet. The Scope step marks each one.
            </p>
            <ul>
              {(Object.entries(scopeProblems) as [ScopeField, string][]).map(([field, message]) => (
                <li key={field}>
                  {FIELD_LABELS[field]}: {message}
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => go('scope')}>
              Go to the Scope step
            </button>
          </div>
        );
      case 'failed':
        return (
          <div role="alert" className="val-problem">
            <p>
              <strong>Validation failed.</strong> {run.error.message}
            </p>
            {run.error.hint && <p>{run.error.hint}</p>}
          </div>
        );
      default:
        return assertNever(run);
    }
  }
}
