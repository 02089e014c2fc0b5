import { ProgressBar, toPercent } from '../../components/ProgressBar';
import type { TaskProgress } from '../../stores/pull';

/** A pull's or an import's progress, with its caption. Drawn in SVG with attributes, so the fill needs no inline style. */
export function PullProgress({ progress, label }: { progress: TaskProgress | null; label: string }) {
  const percent = toPercent(progress?.value);
  const detail = progress ? [progress.title, progress.detail].filter(Boolean).join(': ') : 'Starting';
  return (
    <div className="pull-progress">
      <ProgressBar label={label} percent={percent} text={detail} className="pull-progress-bar">
        <svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
          <rect className="pull-progress-track" x="0" y="0" width="100" height="8" rx="3" />
          {percent === null ? (
            <rect className="pull-progress-fill indeterminate" x="0" y="0" width="30" height="8" rx="3" />
          ) : (
            <rect className="pull-progress-fill" x="0" y="0" width={percent} height="8" rx="3" />
          )}
        </svg>
      </ProgressBar>
      <p className="pull-progress-text">
        {percent === null ? '' : `${percent}% — `}
        {detail}
      </p>
    </div>
  );
}
