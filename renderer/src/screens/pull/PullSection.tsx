import { EXPORT_TYPES, TIME_WINDOWS, type TimeWindow } from '../../../../shared/domain';
import { plural } from '../../../../shared/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScopeProblemList } from '../../components/ScopeProblemList';
import { TYPE_LABELS } from '../../lib/labels';
import { useNavigation } from '../../stores/navigation';
import { isPulling, pullDraftKey, usePull } from '../../stores/pull';
import { useScope } from '../../stores/scope';
import { PreviewTable } from './PreviewTable';
import { PullJobs } from './PullJobs';
import { Instant } from './TableCells';

const WINDOW_TEXT: Record<TimeWindow, string> = { '1h': 'the last hour', '6h': 'the last 6 hours', '24h': 'the last 24 hours', '7d': 'the last 7 days', '30d': 'the last 30 days' };

/** What will be asked for: types with their formats, the window and the environment, as the Scope and Format steps hold them. */
function ScopeSummary() {
  const draft = useScope((s) => s.draft);
  const types = EXPORT_TYPES.filter((t) => draft.types.includes(t));
  return (
    <dl className="pull-scope" data-testid="pull-scope">
      <dt>Export types</dt>
      <dd>{types.length === 0 ? 'none chosen' : types.map((t) => `${TYPE_LABELS[t]} (${draft.formats[t].toUpperCase()})`).join(', ')}</dd>
      <dt>Time window</dt>
      <dd>
        {draft.windowMode === 'relative' && draft.relative in TIME_WINDOWS ? `${WINDOW_TEXT[draft.relative]}, up to the moment of the preview` : `${draft.fromInput || '?'} to ${draft.toInput || '?'} (UTC)`}
      </dd>
      <dt>Environment</dt>
      <dd>{draft.environment.trim() || 'all environments'}</dd>
    </dl>
  );
}

/** Preview first (counts, times, environments, config versions, verdict mix), then one job per type with live progress. */
export function PullSection() {
  const preview = usePull((s) => s.preview);
  const pull = usePull((s) => s.pull);
  const runPreview = usePull((s) => s.loadPreview);
  const runPull = usePull((s) => s.startPull);
  const draftKey = useScope((s) => pullDraftKey(s.draft));
  const go = useNavigation((s) => s.go);
  const busy = isPulling(pull);
  const stale = (preview.status === 'ready' || preview.status === 'error') && preview.draftKey !== draftKey;
  const empty = preview.status === 'ready' && preview.previews.every((p) => p.recordCount === 0);

  return (
    <section aria-labelledby="pull-api-heading" className="panel pull-section">
      <h2 id="pull-api-heading">Pull from the API</h2>
      <ScopeSummary />
      <div className="pull-actions">
        <button type="button" className={preview.status === 'ready' && !stale ? '' : 'primary'} onClick={() => void runPreview()} disabled={busy || preview.status === 'loading'}>
          {preview.status === 'loading' ? 'Previewing…' : preview.status === 'ready' ? 'Preview again' : 'Preview'}
        </button>
        <button type="button" onClick={() => go('scope')}>
          Change the scope
        </button>
      </div>
      <div aria-live="polite" className="pull-preview" data-testid="preview">
        {preview.status === 'idle' && <p className="muted">Preview asks the API what it holds for this scope. Nothing is created until you pull.</p>}
        {preview.status === 'loading' && <p className="muted">Asking the API what it holds…</p>}
        {preview.status === 'scope-problems' && (
          <div role="alert" className="pull-problem">
            <p>
              <strong>The scope is not ready yet.</strong> Fix these on the Scope step, then preview again:
            </p>
            <ScopeProblemList problems={preview.problems} />
            <button type="button" onClick={() => go('scope')}>
              Back to Scope
            </button>
          </div>
        )}
        {preview.status === 'error' && (
          <ErrorAlert className="pull-problem" title="The preview failed." error={preview.error} />
        )}
        {preview.status === 'ready' && (
          <>
            <p className="pull-window">
              Window: <Instant iso={preview.window.from} /> to <Instant iso={preview.window.to} />
              {preview.request.environment ? `, environment ${preview.request.environment}` : ', all environments'}.
            </p>
            <PreviewTable previews={preview.previews} />
            {empty && (
              <div className="pull-advice" data-testid="empty-advice">
                <p>
                  <strong>The export would be empty.</strong> Widen the time window and confirm that traffic actually passed through Keeptrusts during the selected period.
                </p>
                <button type="button" onClick={() => go('scope')}>
                  Back to Scope
                </button>
              </div>
            )}
          </>
        )}
        {stale && <p className="problem-warning">The scope has changed since this preview: preview again before pulling.</p>}
      </div>
      {preview.status === 'ready' && !empty && (
        <div className="pull-actions">
          <button type="button" className="primary" onClick={() => void runPull()} disabled={busy || stale}>
            {busy ? 'Pulling…' : `Pull ${plural(preview.request.types.length, 'export')}`}
          </button>
        </div>
      )}
      <PullJobs />
    </section>
  );
}
