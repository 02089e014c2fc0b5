import { useEffect, useMemo, useRef } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useValidation } from '../../stores/validation';
import { Checklist } from './Checklist';
import { ConfigTimeline } from './ConfigTimeline';
import { CoverageChart } from './CoverageChart';
import { OverallBanner } from './OverallBanner';
import { RecordsBrowser } from './RecordsBrowser';
import { RunControls } from './RunControls';
import './validate.css';

/**
 * The Validate step: the latest report (or a new one, with progress and Cancel), the overall result
 * first, then the checklist, the coverage of each file, the config versions over the window, and a
 * browser over every cached record.
 */
export function ValidateScreen() {
  const current = useValidation((s) => s.current);
  const origin = useValidation((s) => s.origin);
  const latest = useValidation((s) => s.latest);
  const loadLatest = useValidation((s) => s.loadLatest);
  const banner = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void loadLatest();
  }, [loadLatest]);

  // A report made now takes the focus, so keyboard and screen-reader users land on its result.
  useEffect(() => {
    if (current && origin === 'new') banner.current?.focus();
  }, [current, origin]);

  const report = current?.report ?? null;
  const verdicts = useMemo(() => [...new Set((report?.files ?? []).flatMap((f) => Object.keys(f.verdicts)))].sort(), [report]);
  const charted = (report?.files ?? []).filter((f) => f.coverage !== null);

  return (
    <div className="validate-screen">
      <RunControls />
      <div aria-live="polite">
        {latest.status === 'loading' && !current && <p className="muted">Looking for the last report…</p>}
        {latest.status === 'loaded' && !current && <p className="muted">No report yet in this workspace: validate the cached exports against the scope.</p>}
      </div>
      {latest.status === 'error' && (
        <ErrorAlert className="failure val-problem" title="The last report could not be loaded." error={latest.error} />
      )}
      {current && report && (
        <>
          <OverallBanner run={current} origin={origin} headingRef={banner} />
          <Checklist report={report} />
          <section aria-labelledby="val-coverage-heading" className="val-section" data-testid="coverage">
            <h2 id="val-coverage-heading">Coverage over the window</h2>
            {charted.length === 0 && <p className="muted">No file had records with times to chart.</p>}
            {charted.map((file) => (
              <CoverageChart key={file.sha256 + file.name} coverage={file.coverage!} subject={file.name} />
            ))}
          </section>
          <ConfigTimeline report={report} />
        </>
      )}
      <RecordsBrowser verdicts={verdicts} />
    </div>
  );
}
