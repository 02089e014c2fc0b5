import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { formatNumber, plural } from '../../../../shared/format';
import type { Coverage } from '../../../../shared/schemas/validation';
import { CHART, coverageChart, utcMinute, utcRange } from '../../lib/coverage-chart';

const BIG_STEP = 12;

/** The bucket a key moves to (left and right arrows one, PageUp/PageDown twelve, Home/End the ends); null for other keys. */
function nextBucket(key: string, current: number, count: number): number | null {
  const clamp = (i: number) => Math.min(Math.max(i, 0), count - 1);
  switch (key) {
    case 'ArrowRight':
      return clamp(current + 1);
    case 'ArrowLeft':
      return clamp(current - 1);
    case 'PageUp':
      return clamp(current + BIG_STEP);
    case 'PageDown':
      return clamp(current - BIG_STEP);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * One file's records per bucket over the review window, drawn like the packet's report: bars, hatched
 * gap bands, UTC ticks. Pointing at a bucket or moving to it with the keyboard (one tab stop, then arrow
 * keys) shows its UTC range and count; each bucket's accessible name says the same, and a table under
 * the chart lists every bucket.
 */
export function CoverageChart({ coverage, subject }: { coverage: Coverage; subject: string }) {
  const model = useMemo(() => coverageChart(coverage), [coverage]);
  const rawId = useId();
  const id = `cov${rawId.replace(/[^A-Za-z0-9_-]/gu, '')}`;
  const [active, setActive] = useState(0);
  const [hovered, setHovered] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const shown = hovered ?? (focused ? active : null);
  const bucket = shown === null ? null : model.buckets[shown];

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const next = nextBucket(event.key, active, model.buckets.length);
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    setHovered(null);
    document.getElementById(`${id}-b${next}`)?.focus();
  };

  // The tooltip sits beside the bucket (right of it in the left half, left of it in the right half), never over it.
  const at = bucket ? ((bucket.x + bucket.width / 2) / CHART.width) * 100 : 0;
  const side = at < 55 ? 'val-tooltip val-tooltip-right' : 'val-tooltip val-tooltip-left';

  return (
    <figure className="val-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        Records per {model.bucketLabel} in <code>{subject}</code>
      </figcaption>
      <div className="val-chart-frame">
        <svg
          viewBox={`0 0 ${CHART.width} ${CHART.height}`}
          className="val-chart-svg"
          role="group"
          aria-labelledby={`${id}-caption`}
          aria-describedby={`${id}-desc ${id}-keys`}
          onKeyDown={onKeyDown}
          onMouseLeave={() => setHovered(null)}
        >
          <defs>
            <pattern id={`${id}-hatch`} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
              <rect width="6" height="6" className="val-gap-tint" />
              <line x1="0" y1="0" x2="0" y2="6" className="val-gap-line" strokeWidth="1.5" />
            </pattern>
          </defs>
          <g aria-hidden="true">
            {model.gaps.map((g, i) => (
              <g key={i}>
                <rect x={g.x} y={CHART.plot.top} width={g.width} height={CHART.plot.bottom - CHART.plot.top} fill={`url(#${id}-hatch)`} className="val-gap-band" />
                {g.width >= 22 && (
                  <text x={g.x + g.width / 2} y={CHART.plot.top - 4} textAnchor="middle" className="val-chart-text val-gap-text">
                    Gap
                  </text>
                )}
              </g>
            ))}
            <line x1={CHART.plot.left} y1={CHART.plot.bottom} x2={CHART.plot.right} y2={CHART.plot.bottom} className="val-axis" />
            <line x1={CHART.plot.left} y1={CHART.plot.top} x2={CHART.plot.left} y2={CHART.plot.bottom} className="val-axis" />
            {model.yTicks.map((t) => (
              <g key={t.label}>
                {t.label !== '0' && <line x1={CHART.plot.left} y1={t.y} x2={CHART.plot.right} y2={t.y} className="val-grid-line" />}
                <text x={CHART.plot.left - 6} y={t.y + 3} textAnchor="end" className="val-chart-text">
                  {t.label}
                </text>
              </g>
            ))}
            {model.buckets.map((b) =>
              b.count > 0 ? <rect key={b.index} x={b.barX} y={b.barY} width={b.barWidth} height={b.barHeight} className="val-bar" /> : null,
            )}
            {model.xTicks.map((t, i) => (
              <g key={i}>
                <line x1={t.x} y1={CHART.plot.bottom} x2={t.x} y2={CHART.plot.bottom + 4} className="val-axis" />
                <text x={t.x} y={CHART.plot.bottom + 15} textAnchor={t.anchor} className="val-chart-text">
                  {t.label}
                </text>
              </g>
            ))}
            <text x={CHART.plot.left} y={CHART.height - 6} className="val-chart-text">
              Time (UTC), {model.bucketLabel} buckets
            </text>
            {model.buckets.length === 0 || model.max === 0 ? (
              <text x={(CHART.plot.left + CHART.plot.right) / 2} y={(CHART.plot.top + CHART.plot.bottom) / 2} textAnchor="middle" className="val-chart-text">
                {model.buckets.length === 0 ? 'No coverage data' : 'No records in the window'}
              </text>
            ) : null}
          </g>
          {bucket && (
            <path
              aria-hidden="true"
              className="val-marker"
              d={`M ${bucket.x + bucket.width / 2} ${CHART.plot.bottom + 1} l -5 7 l 10 0 Z`}
            />
          )}
          <g className="val-buckets">
            {model.buckets.map((b) => (
              <rect
                key={b.index}
                id={`${id}-b${b.index}`}
                x={b.x}
                y={CHART.plot.top}
                width={b.width}
                height={CHART.plot.bottom - CHART.plot.top}
                className={b.index === shown ? 'val-bucket is-shown' : 'val-bucket'}
                role="img"
                aria-label={b.label}
                tabIndex={b.index === active ? 0 : -1}
                data-count={b.count}
                onMouseEnter={() => setHovered(b.index)}
                onFocus={() => {
                  setActive(b.index);
                  setFocused(true);
                }}
                onBlur={() => setFocused(false)}
              />
            ))}
          </g>
        </svg>
        {bucket && (
          <div className={side} role="tooltip" aria-hidden="true" data-testid="coverage-tooltip" style={{ left: `${at}%` }}>
            <strong>{plural(bucket.count, 'record')}</strong>
            <br />
            {utcRange(bucket.from, bucket.to)}
            {bucket.inGap ? (
              <>
                <br />
                In a gap
              </>
            ) : null}
          </div>
        )}
      </div>
      <p id={`${id}-desc`} className="val-legend">
        <span className="val-key val-key-bar" aria-hidden="true" /> Records per {model.bucketLabel}
        <span className="val-key val-key-gap" aria-hidden="true" /> Hatched: a gap (no records while traffic around it was busy) · Outside the window: {formatNumber(coverage.before_window)} before,{' '}
        {formatNumber(coverage.after_window)} after. <span className="visually-hidden">{model.description}</span>
      </p>
      <p id={`${id}-keys`} className="visually-hidden">
        Tab to the chart, then use the arrow keys to move between buckets; Home and End go to the first and last.
      </p>
      <details className="val-evidence">
        <summary>The counts as a table ({plural(model.buckets.length, 'bucket')})</summary>
        <table className="val-table val-bucket-table">
          <caption>
            Records per {model.bucketLabel} in {subject}
          </caption>
          <thead>
            <tr>
              <th scope="col">From (UTC)</th>
              <th scope="col">To (UTC)</th>
              <th scope="col" className="numeric">
                Records
              </th>
              <th scope="col">Gap</th>
            </tr>
          </thead>
          <tbody>
            {model.buckets.map((b) => (
              <tr key={b.index}>
                <td>{utcMinute(b.from)}</td>
                <td>{utcMinute(b.to)}</td>
                <td className="numeric">{formatNumber(b.count)}</td>
                <td>{b.inGap ? 'Yes' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
