import type { ReactNode } from 'react';

/** A share done (0 to 1) as a whole percentage from 0 to 100; null while unknown. */
export function toPercent(value: number | null | undefined): number | null {
  return value == null ? null : Math.max(0, Math.min(100, Math.round(value * 100)));
}

/**
 * An accessible progress bar: indeterminate while `percent` is null, its value said in words with `text`.
 * Drawn as a track and a fill, or by `children`.
 */
export function ProgressBar({ label, percent, text, className = 'progress-track', children }: { label: string; percent: number | null; text: string; className?: string; children?: ReactNode }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={percent === null ? text : `${percent}% — ${text}`}
      className={className}
    >
      {children ?? <div className={percent === null ? 'progress-fill indeterminate' : 'progress-fill'} style={percent === null ? undefined : { width: `${percent}%` }} />}
    </div>
  );
}

/** A running task's bar with its caption under it: "Validating events.csv — 25%: 1 of 4 MB read". */
export function TaskProgressBar({ label, title, detail, value }: { label: string; title: string; detail: string; value: number | null | undefined }) {
  const percent = toPercent(value);
  return (
    <div>
      <ProgressBar label={label} percent={percent} text={detail} />
      <p className="muted">
        {title}
        {percent === null ? '' : ` — ${percent}%`}: {detail}
      </p>
    </div>
  );
}
