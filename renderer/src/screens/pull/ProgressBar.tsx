import type { TaskProgress } from '../../stores/pull';

/**
 * An accessible progress bar (indeterminate while the total is unknown). Drawn in SVG with attributes, so
 * nothing needs an inline style under the page's CSP.
 */
export function ProgressBar({ progress, label }: { progress: TaskProgress | null; label: string }) {
  const value = progress?.value ?? null;
  const percent = value === null ? null : Math.max(0, Math.min(100, Math.round(value * 100)));
  const detail = progress ? [progress.title, progress.detail].filter(Boolean).join(': ') : 'Starting';
  return (
    <div className="pull-progress">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? detail : `${percent}% — ${detail}`}
        className="pull-progress-bar"
      >
        <svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
          <rect className="pull-progress-track" x="0" y="0" width="100" height="8" rx="3" />
          {percent === null ? (
            <rect className="pull-progress-fill indeterminate" x="0" y="0" width="30" height="8" rx="3" />
          ) : (
            <rect className="pull-progress-fill" x="0" y="0" width={percent} height="8" rx="3" />
          )}
        </svg>
      </div>
      <p className="pull-progress-text">
        {percent === null ? '' : `${percent}% — `}
        {detail}
      </p>
    </div>
  );
}
