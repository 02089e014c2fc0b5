import type { VerifyProgress } from '../../stores/verify';

/** The running verification: an accessible progress bar (indeterminate while the total is unknown). */
export function VerifyProgressBar({ progress }: { progress: VerifyProgress }) {
  const percent = progress.value === null ? null : Math.round(progress.value * 100);
  return (
    <div className="verify-progress">
      <div
        role="progressbar"
        aria-label={progress.title || 'Verifying the packet'}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? progress.detail : `${percent}% — ${progress.detail}`}
        className="progress-track"
      >
        <div className={percent === null ? 'progress-fill indeterminate' : 'progress-fill'} style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <p className="muted">
        {progress.title}
        {percent === null ? '' : ` — ${percent}%`}: {progress.detail}
      </p>
    </div>
  );
}
