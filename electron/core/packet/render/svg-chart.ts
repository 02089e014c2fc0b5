import { escapeHtml } from './escape';
import { formatDuration, formatNumber, instantMs, plural, trimDecimals, utcMinute } from './format';

/** What the coverage chart draws: a file's records per bucket over the review window (the shape of a validation report's `coverage`). */
export interface CoverageChartInput {
  /** The window, RFC 3339 UTC. */
  from: string;
  to: string;
  bucket_ms: number;
  /** Records per bucket; bucket `i` starts at `from + i × bucket_ms`. */
  counts: readonly number[];
  /** Runs of empty buckets worth a question, [from, to). */
  gaps: readonly { from: string; to: string; buckets?: number }[];
  before_window?: number;
  after_window?: number;
}

export interface CoverageChartOptions {
  /** Prefix for the chart's element ids, unique in the document (letters, digits, `-`, `_`; anything else becomes `-`). */
  id?: string;
  /** What the chart is of (e.g. the file name), for its title. */
  subject?: string;
}

// The drawing: a 720 × 180 viewBox that scales to the page.
const WIDTH = 720;
const HEIGHT = 180;
const PLOT = { left: 52, right: 706, top: 26, bottom: 146 };
const PLOT_W = PLOT.right - PLOT.left;
const PLOT_H = PLOT.bottom - PLOT.top;
const TICKS = 5;
const GAPS_DESCRIBED = 10;

const BAR_FILL = '#3f6fa8';
const GAP_TINT = '#fbe3c4';
const GAP_LINE = '#c0660f';
const INK = '#333333';
const GRID = '#c9c9c9';

/** A coordinate with at most two decimals. */
const n = (value: number) => trimDecimals(value, 2);

function safeCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Tick label for an instant, as precise as the window needs. */
function tickLabel(ms: number, spanMs: number, first: boolean): string {
  const full = utcMinute(ms) ?? '';
  if (spanMs > 14 * 86_400_000) return full.slice(0, 10);
  if (first) return full;
  if (spanMs > 36 * 3_600_000) return full.slice(5);
  return full.slice(11);
}

/**
 * The coverage chart of one file as an inline SVG document fragment: one bar per non-empty bucket (height
 * proportional to its records, the y axis labelled 0 and the maximum), hatched bands over the gaps, a
 * few UTC time labels on the x axis, a legend, and the records before and after the window. It has a
 * `<title>` and `<desc>` saying the same in words, for screen readers and anyone without the picture.
 * Pure: the same input gives the same string; any input (no buckets, all zero, a single bucket, a
 * thousand, nonsense times) draws something sensible.
 *
 * Made for embedding in an HTML document (the HTML parser puts `<svg>` in the SVG namespace), so it
 * names no namespace URL; element ids start with `options.id`, and no input text reaches an attribute.
 */
export function renderCoverageSvg(input: CoverageChartInput, options: CoverageChartOptions = {}): string {
  const id = (options.id ?? 'coverage').replace(/[^A-Za-z0-9_-]/g, '-') || 'coverage';
  const counts = Array.isArray(input.counts) ? input.counts.map(safeCount) : [];
  const bucketMs = typeof input.bucket_ms === 'number' && Number.isFinite(input.bucket_ms) && input.bucket_ms > 0 ? input.bucket_ms : 0;
  const fromMs = instantMs(input.from);
  const toMs = instantMs(input.to);
  // Times are drawn when the window makes sense; otherwise the buckets are spread over the width, unlabelled.
  const timed = Number.isFinite(fromMs) && Number.isFinite(toMs) && toMs > fromMs && bucketMs > 0;
  const origin = timed ? fromMs : 0;
  const span = timed ? toMs - fromMs : Math.max(1, counts.length);
  const step = timed ? bucketMs : 1;
  const x = (t: number) => PLOT.left + (Math.min(Math.max(t - origin, 0), span) / span) * PLOT_W;
  const y = (count: number, max: number) => PLOT.bottom - (max > 0 ? (count / max) * PLOT_H : 0);

  const max = counts.reduce((a, b) => Math.max(a, b), 0);
  const total = counts.reduce((a, b) => a + b, 0);
  const before = safeCount(input.before_window);
  const after = safeCount(input.after_window);
  const gaps = (Array.isArray(input.gaps) ? input.gaps : [])
    .map((g) => ({ from: instantMs(g?.from), to: instantMs(g?.to), buckets: safeCount(g?.buckets) }))
    .filter((g) => timed && Number.isFinite(g.from) && Number.isFinite(g.to) && g.to > g.from && g.from < toMs && g.to > fromMs);
  const bucketLabel = bucketMs > 0 ? formatDuration(bucketMs) : 'bucket';

  // Words first: the title and description say what the picture shows.
  const subject = options.subject ? ` of ${options.subject}` : '';
  const title = `Records per ${bucketLabel}${subject} over the review window`;
  const range = timed ? ` from ${utcMinute(fromMs)} to ${utcMinute(toMs)} UTC` : '';
  const gapWords =
    gaps.length === 0
      ? 'no gaps'
      : `${plural(gaps.length, 'gap')}: ${gaps
          .slice(0, GAPS_DESCRIBED)
          .map((g) => `${utcMinute(g.from)} to ${utcMinute(g.to)}`)
          .join('; ')}${gaps.length > GAPS_DESCRIBED ? ` and ${formatNumber(gaps.length - GAPS_DESCRIBED)} more` : ''}`;
  const desc =
    counts.length === 0
      ? `No coverage data${range}. ${plural(before, 'record')} before the window, ${formatNumber(after)} after.`
      : `${plural(counts.length, 'bucket')} of ${bucketLabel}${range}; ${plural(total, 'record')} in the window, at most ${formatNumber(max)} in one bucket; ${gapWords}. ${plural(before, 'record')} before the window, ${formatNumber(after)} after.`;

  const out: string[] = [];
  out.push(
    `<svg class="coverage-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="10" fill="${INK}">`,
    `<title id="${id}-title">${escapeHtml(title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(desc)}</desc>`,
    `<defs><pattern id="${id}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="${GAP_TINT}"/><line x1="0" y1="0" x2="0" y2="6" stroke="${GAP_LINE}" stroke-width="1.5"/></pattern></defs>`,
  );

  // Legend (top): bars, gaps, and the records outside the window.
  out.push(
    `<g class="legend">`,
    `<rect x="${PLOT.left}" y="6" width="10" height="10" fill="${BAR_FILL}"/>`,
    `<text x="${PLOT.left + 14}" y="15">${escapeHtml(`Records per ${bucketLabel}`)}</text>`,
    `<rect x="${PLOT.left + 150}" y="6" width="10" height="10" fill="url(#${id}-hatch)" stroke="${GAP_LINE}" stroke-width="0.5"/>`,
    `<text x="${PLOT.left + 164}" y="15">Gap: no records while traffic around it was busy</text>`,
    `<text x="${PLOT.right}" y="15" text-anchor="end">${escapeHtml(`Outside the window: ${formatNumber(before)} before, ${formatNumber(after)} after`)}</text>`,
    `</g>`,
  );

  // Gap bands behind everything else.
  for (const g of gaps) {
    const x0 = x(g.from);
    const width = Math.max(1, x(g.to) - x0);
    const label = `Gap: ${utcMinute(g.from)} to ${utcMinute(g.to)} UTC${g.buckets > 0 ? ` (${plural(g.buckets, 'bucket')})` : ''}`;
    out.push(
      `<rect class="gap" x="${n(x0)}" y="${PLOT.top}" width="${n(width)}" height="${PLOT_H}" fill="url(#${id}-hatch)" stroke="${GAP_LINE}" stroke-width="0.75"><title>${escapeHtml(label)}</title></rect>`,
    );
  }

  // Axes and the y labels: 0 and the maximum (and the middle when there is room for a whole number).
  out.push(`<g class="axes" stroke="${INK}" stroke-width="1"><line x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${PLOT.right}" y2="${PLOT.bottom}"/><line x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.left}" y2="${PLOT.bottom}"/></g>`);
  out.push(`<text class="y-label" x="${PLOT.left - 6}" y="${PLOT.bottom + 3}" text-anchor="end">0</text>`);
  if (max > 0) {
    out.push(
      `<line x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.right}" y2="${PLOT.top}" stroke="${GRID}" stroke-dasharray="3 3"/>`,
      `<text class="y-label y-max" x="${PLOT.left - 6}" y="${PLOT.top + 3}" text-anchor="end">${formatNumber(max)}</text>`,
    );
    const middle = Math.round(max / 2);
    if (max >= 4) {
      const ym = n(y(middle, max));
      out.push(`<line x1="${PLOT.left}" y1="${ym}" x2="${PLOT.right}" y2="${ym}" stroke="${GRID}" stroke-dasharray="3 3"/>`, `<text class="y-label" x="${PLOT.left - 6}" y="${n(y(middle, max) + 3)}" text-anchor="end">${formatNumber(middle)}</text>`);
    }
  }

  // Bars: one per non-empty bucket, at least 1 unit tall so a single record shows.
  out.push(`<g class="bars" fill="${BAR_FILL}">`);
  for (const [i, count] of counts.entries()) {
    if (count === 0) continue;
    const t0 = origin + i * step;
    if (t0 >= origin + span) break;
    const t1 = Math.min(t0 + step, origin + span);
    const x0 = x(t0);
    const full = x(t1) - x0;
    const space = full >= 4 ? Math.min(full * 0.15, 2) : 0;
    const height = Math.max(1, PLOT.bottom - y(count, max));
    const when = timed ? `${utcMinute(t0)} to ${utcMinute(t1)} UTC` : `Bucket ${i + 1}`;
    out.push(
      `<rect class="bar" x="${n(x0 + space / 2)}" y="${n(PLOT.bottom - height)}" width="${n(Math.max(0.3, full - space))}" height="${n(height)}"><title>${escapeHtml(`${when}: ${plural(count, 'record')}`)}</title></rect>`,
    );
  }
  out.push(`</g>`);

  if (counts.length === 0 || max === 0) {
    out.push(`<text class="empty" x="${PLOT.left + PLOT_W / 2}" y="${PLOT.top + PLOT_H / 2}" text-anchor="middle" font-size="12">${counts.length === 0 ? 'No coverage data' : 'No records in the window'}</text>`);
  }

  // X axis: a few UTC times, the first with its date.
  if (timed) {
    out.push(`<g class="x-labels">`);
    for (let k = 0; k < TICKS; k++) {
      const t = fromMs + Math.round(((toMs - fromMs) * k) / (TICKS - 1));
      const tx = n(x(t));
      const anchor = k === 0 ? 'start' : k === TICKS - 1 ? 'end' : 'middle';
      out.push(`<line x1="${tx}" y1="${PLOT.bottom}" x2="${tx}" y2="${PLOT.bottom + 4}" stroke="${INK}"/>`, `<text x="${tx}" y="${PLOT.bottom + 15}" text-anchor="${anchor}">${escapeHtml(tickLabel(t, toMs - fromMs, k === 0))}</text>`);
    }
    out.push(`</g>`);
  }
  out.push(`<text x="${PLOT.left}" y="${HEIGHT - 4}">${escapeHtml(`Time (UTC), ${bucketLabel} buckets${timed ? '' : ' (window unknown: times not drawn)'}`)}</text>`);
  out.push(`</svg>`);
  return out.join('');
}
