import { formatDuration, formatNumber, plural, trimDecimals } from '../../../shared/format';
import type { Coverage } from '../../../shared/schemas/validation';

/** How the bucket size is written (the same words as the packet's report). */
export { formatDuration };

/**
 * The geometry of the Validate step's coverage chart, in the same 720-wide drawing as the packet's
 * report.html (electron/core/packet/render/svg-chart.ts), so the two read alike. Pure: no DOM.
 */
export const CHART = { width: 720, height: 190, plot: { left: 52, right: 706, top: 26, bottom: 150 } } as const;
const PLOT_W = CHART.plot.right - CHART.plot.left;
const PLOT_H = CHART.plot.bottom - CHART.plot.top;
const TICKS = 5;

/** One bucket of the window: its UTC range (ms), its records, whether a gap covers it, and where it is drawn. */
export interface ChartBucket {
  index: number;
  from: number;
  to: number;
  count: number;
  inGap: boolean;
  /** The bucket's column (full height, for pointer and focus). */
  x: number;
  width: number;
  /** The bar inside the column (height 0 for an empty bucket). */
  barX: number;
  barWidth: number;
  barY: number;
  barHeight: number;
  /** "2026-03-20 10:00 to 10:05 UTC: 28 records". */
  label: string;
}

/** A run of empty buckets the validator called a gap, as a band over the plot. */
export interface ChartGap {
  from: number;
  to: number;
  buckets: number;
  x: number;
  width: number;
  label: string;
}

/** Everything the chart draws. */
export interface ChartModel {
  /** False when the window is not a real time span: buckets are spread over the width, without times. */
  timed: boolean;
  buckets: ChartBucket[];
  gaps: ChartGap[];
  xTicks: { x: number; label: string; anchor: 'start' | 'middle' | 'end' }[];
  yTicks: { y: number; label: string }[];
  max: number;
  total: number;
  bucketLabel: string;
  /** The chart in one or two sentences, for screen readers. */
  description: string;
}


/** A UTC instant as `YYYY-MM-DD HH:MM` (with `:SS` when the seconds are not zero). */
export function utcMinute(ms: number): string {
  const iso = new Date(ms).toISOString();
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === '00' && iso.slice(20, 23) === '000' ? '' : `:${seconds}`}`;
}

/** A UTC range, the end without its date when it is the same day: `2026-03-20 10:00 to 10:05 UTC`. */
export function utcRange(from: number, to: number): string {
  const a = utcMinute(from);
  const b = utcMinute(to);
  return `${a} to ${a.slice(0, 10) === b.slice(0, 10) ? b.slice(11) : b} UTC`;
}

function tickLabel(ms: number, span: number, first: boolean): string {
  const full = utcMinute(ms);
  if (span > 14 * 86_400_000) return full.slice(0, 10);
  if (first) return full;
  if (span > 36 * 3_600_000) return full.slice(5);
  return full.slice(11);
}

const n = (value: number) => Number(trimDecimals(value, 2));

/** The chart of one file's coverage: bucket columns and bars, gap bands, UTC ticks, and a description in words. */
export function coverageChart(coverage: Coverage): ChartModel {
  const counts = coverage.counts.map((c) => (Number.isFinite(c) && c > 0 ? c : 0));
  const fromMs = Date.parse(coverage.from);
  const toMs = Date.parse(coverage.to);
  const timed = Number.isFinite(fromMs) && Number.isFinite(toMs) && toMs > fromMs && coverage.bucket_ms > 0;
  const origin = timed ? fromMs : 0;
  const span = timed ? toMs - fromMs : Math.max(1, counts.length);
  const step = timed ? coverage.bucket_ms : 1;
  const x = (t: number) => CHART.plot.left + (Math.min(Math.max(t - origin, 0), span) / span) * PLOT_W;
  const max = counts.reduce((a, b) => Math.max(a, b), 0);
  const total = counts.reduce((a, b) => a + b, 0);
  const bucketLabel = timed ? formatDuration(coverage.bucket_ms) : 'bucket';

  const gaps: ChartGap[] = timed
    ? coverage.gaps
        .map((g) => ({ from: Date.parse(g.from), to: Date.parse(g.to), buckets: g.buckets }))
        .filter((g) => Number.isFinite(g.from) && Number.isFinite(g.to) && g.to > g.from && g.from < toMs && g.to > fromMs)
        .map((g) => {
          const x0 = x(g.from);
          return { ...g, x: n(x0), width: n(Math.max(1, x(g.to) - x0)), label: `Gap: ${utcRange(g.from, g.to)}${g.buckets > 0 ? ` (${plural(g.buckets, 'bucket')} without records)` : ''}` };
        })
    : [];

  const buckets: ChartBucket[] = [];
  for (const [index, count] of counts.entries()) {
    const t0 = origin + index * step;
    if (t0 >= origin + span) break;
    const t1 = Math.min(t0 + step, origin + span);
    const x0 = x(t0);
    const width = x(t1) - x0;
    const space = width >= 4 ? Math.min(width * 0.15, 2) : 0;
    const barHeight = count === 0 ? 0 : Math.max(1, (count / max) * PLOT_H);
    const inGap = gaps.some((g) => g.from < t1 && g.to > t0);
    const when = timed ? utcRange(t0, t1) : `Bucket ${index + 1}`;
    buckets.push({
      index,
      from: t0,
      to: t1,
      count,
      inGap,
      x: n(x0),
      width: n(Math.max(0.3, width)),
      barX: n(x0 + space / 2),
      barWidth: n(Math.max(0.3, width - space)),
      barY: n(CHART.plot.bottom - barHeight),
      barHeight: n(barHeight),
      label: `${when}: ${plural(count, 'record')}${inGap ? ' (in a gap)' : ''}`,
    });
  }

  const xTicks: ChartModel['xTicks'] = [];
  if (timed) {
    for (let k = 0; k < TICKS; k++) {
      const t = fromMs + Math.round(((toMs - fromMs) * k) / (TICKS - 1));
      xTicks.push({ x: n(x(t)), label: tickLabel(t, toMs - fromMs, k === 0), anchor: k === 0 ? 'start' : k === TICKS - 1 ? 'end' : 'middle' });
    }
  }
  const yTicks: ChartModel['yTicks'] = [{ y: CHART.plot.bottom, label: '0' }];
  if (max > 0) {
    if (max >= 4) yTicks.push({ y: n(CHART.plot.bottom - (Math.round(max / 2) / max) * PLOT_H), label: formatNumber(Math.round(max / 2)) });
    yTicks.push({ y: CHART.plot.top, label: formatNumber(max) });
  }

  const range = timed ? ` from ${utcMinute(fromMs)} to ${utcMinute(toMs)} UTC` : '';
  const gapWords = gaps.length === 0 ? 'no gaps' : `${plural(gaps.length, 'gap')}: ${gaps.map((g) => utcRange(g.from, g.to)).join('; ')}`;
  const outside = `${plural(coverage.before_window, 'record')} before the window, ${formatNumber(coverage.after_window)} after`;
  const description =
    counts.length === 0
      ? `No coverage data${range}. ${outside}.`
      : `${plural(counts.length, 'bucket')} of ${bucketLabel}${range}; ${plural(total, 'record')} in the window, at most ${formatNumber(max)} in one bucket; ${gapWords}. ${outside}.`;

  return { timed, buckets, gaps, xTicks, yTicks, max, total, bucketLabel, description };
}
