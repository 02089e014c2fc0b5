import { assertNever } from '../../../../shared/result';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TaskProgressBar } from '../../components/ProgressBar';
import { ScopeProblemList } from '../../components/ScopeProblemList';
import { useNavigation } from '../../stores/navigation';
import { useScope } from '../../stores/scope';
import { useValidation, type ValidationProgress } from '../../stores/validation';

/** The running validation (indeterminate until the total is known). */
function RunProgress({ progress }: { progress: ValidationProgress | null }) {
  const title = progress?.title || 'Validating the exports';
  return <TaskProgressBar label={title} title={title} detail={progress?.detail || 'Starting…'} value={progress?.value} />;
}

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
        <button type="button" className="primary" onClick={() => void validate()} disabled={running}>
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
        return <RunProgress progress={run.progress} />;
      case 'cancelled':
        return <p className="muted">Validation stopped; nothing new was kept. The report below (if any) is the earlier one.</p>;
      case 'scope-problems':
        return (
          <div role="alert" className="failure val-problem">
            <p>
              <strong>The review scope has problems</strong>, so there is nothing to validate against yet. The Scope step marks each one.
            </p>
            <ScopeProblemList problems={scopeProblems} />
            <button type="button" onClick={() => go('scope')}>
              Go to the Scope step
            </button>
          </div>
        );
      case 'failed':
        return (
          <ErrorAlert className="failure val-problem" title="Validation failed." error={run.error} />
        );
      default:
        return assertNever(run);
    }
  }
}
