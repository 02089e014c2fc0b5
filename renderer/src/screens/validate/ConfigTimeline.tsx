import { useMemo } from 'react';
import { formatNumber } from '../../../../shared/format';
import type { ValidationReport } from '../../../../shared/schemas/validation';
import { UtcTime } from '../../components/UtcTime';
import { configTimeline, timelineX, versionName } from '../../lib/config-timeline';
import { utcMinute } from '../../lib/coverage-chart';

const WIDTH = 720;
const LEFT = 8;
const RIGHT = 712;
const PLOT = RIGHT - LEFT;

/**
 * The config versions each environment ran over the review window: a strip per environment with a
 * segment per version (first to last record seen on it) and a mark at each transition, then the same
 * in a table, with transition instants in UTC and local time.
 */
export function ConfigTimeline({ report }: { report: ValidationReport }) {
  const timelines = useMemo(() => configTimeline(report.files), [report.files]);
  const from = Date.parse(report.scope.window.from);
  const to = Date.parse(report.scope.window.to);
  const x = (ms: number) => LEFT + timelineX(ms, from, to, PLOT);
  return (
    <section aria-labelledby="val-timeline-heading" className="val-section" data-testid="config-timeline">
      <h2 id="val-timeline-heading">Config versions over the window</h2>
      {timelines.length === 0 && <p className="muted">No record carried a config version (traces and audit-log records have none).</p>}
      {timelines.map((env, i) => (
        <section key={env.environment} aria-labelledby={`val-env-${i}`} className="val-env">
          <h3 id={`val-env-${i}`}>{env.environment === '' ? '(no environment)' : env.environment}</h3>
          <svg viewBox={`0 0 ${WIDTH} 52`} className="val-timeline-svg" aria-hidden="true">
            <line x1={LEFT} y1={30} x2={RIGHT} y2={30} className="val-axis" />
            {env.segments.map((s, k) => {
              const x0 = x(s.first);
              const w = Math.max(3, x(s.last) - x0);
              return (
                <g key={s.version}>
                  <rect x={x0} y={16} width={w} height={22} rx={3} className={`val-seg val-seg-${k % 4}`} />
                  {w > 8 * versionName(s.version).length && (
                    <text x={x0 + w / 2} y={31} textAnchor="middle" className="val-seg-text">
                      {versionName(s.version)}
                    </text>
                  )}
                </g>
              );
            })}
            {env.transitions.map((t, k) => (
              <g key={k}>
                <line x1={x(t.at)} y1={8} x2={x(t.at)} y2={44} className="val-transition" />
                <path d={`M ${x(t.at) - 4} 4 L ${x(t.at) + 4} 4 L ${x(t.at)} 10 Z`} className="val-transition-mark" />
              </g>
            ))}
            <text x={LEFT} y={51} className="val-chart-text">
              {utcMinute(from)} UTC
            </text>
            <text x={RIGHT} y={51} textAnchor="end" className="val-chart-text">
              {utcMinute(to)} UTC
            </text>
          </svg>
          <table className="val-table">
            <caption className="visually-hidden">Config versions in {env.environment || '(no environment)'}</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col" className="numeric">
                  Records
                </th>
                <th scope="col">First seen</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {env.segments.map((s, k) => (
                <tr key={s.version}>
                  <th scope="row">
                    <span className={`val-swatch val-seg val-seg-${k % 4}`} aria-hidden="true" /> {versionName(s.version)}
                  </th>
                  <td className="numeric">{formatNumber(s.count)}</td>
                  <td>
                    <UtcTime at={s.first} readable />
                  </td>
                  <td>
                    <UtcTime at={s.last} readable />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {env.transitions.length > 0 && (
            <ul className="val-transitions">
              {env.transitions.map((t, k) => (
                <li key={k}>
                  <span aria-hidden="true">▼ </span>
                  {t.interleaved ? (
                    <>
                      {versionName(t.from)} and {versionName(t.to)} ran side by side from <UtcTime at={t.at} readable /> (the last {versionName(t.from)} record is from{' '}
                      <UtcTime at={t.lastBefore} readable />)
                    </>
                  ) : (
                    <>
                      {versionName(t.from)} → {versionName(t.to)} at <UtcTime at={t.at} readable /> (the last {versionName(t.from)} record: <UtcTime at={t.lastBefore} readable />)
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}
