import { describe, expect, it } from 'vitest';
import { renderCoverageSvg, type CoverageChartInput } from '../../../electron/core/packet/render';
import { HOSTILE, parseHtml, type MiniElement } from './sample';

const HOUR = { from: '2026-03-19T10:00:00.000Z', to: '2026-03-19T11:00:00.000Z', bucket_ms: 60_000 };

function chart(input: Partial<CoverageChartInput>, id = 'c'): { svg: string; root: MiniElement } {
  const svg = renderCoverageSvg({ ...HOUR, counts: [], gaps: [], before_window: 0, after_window: 0, ...input }, { id, subject: 'events.csv' });
  const root = parseHtml(`<!DOCTYPE html><html lang="en"><body>${svg}</body></html>`).querySelector('svg');
  if (!root) throw new Error('no svg');
  return { svg, root };
}

const numberAttr = (el: MiniElement, name: string) => Number(el.getAttribute(name));

describe('coverage chart', () => {
  it('draws one bar per non-empty bucket and one band per gap', () => {
    const counts = Array.from({ length: 60 }, (_, i) => (i === 30 || i === 31 ? 0 : i % 10 === 0 ? 12 : 10));
    const { root } = chart({ counts, gaps: [{ from: '2026-03-19T10:30:00.000Z', to: '2026-03-19T10:32:00.000Z', buckets: 2 }], before_window: 2, after_window: 1 });
    expect(root.querySelectorAll('rect.bar')).toHaveLength(58);
    expect(root.querySelectorAll('rect.gap')).toHaveLength(1);
    // The gap band sits at the middle of the plot, two buckets wide.
    const band = root.querySelector('rect.gap')!;
    const plotWidth = 706 - 52;
    expect(numberAttr(band, 'x')).toBeCloseTo(52 + plotWidth / 2, 1);
    expect(numberAttr(band, 'width')).toBeCloseTo((plotWidth * 2) / 60, 1);
    // The tallest bars reach the top of the plot; the y axis is labelled with the maximum.
    const heights = Array.from(root.querySelectorAll('rect.bar'), (b) => numberAttr(b, 'height'));
    expect(Math.max(...heights)).toBeCloseTo(120, 1);
    expect(root.querySelector('.y-max')!.textContent).toBe('12');
    expect(root.textContent).toContain('Outside the window: 2 before, 1 after');
    expect(root.querySelector('desc')!.textContent).toContain('1 gap: 2026-03-19 10:30 to 2026-03-19 10:32');
  });

  it('is accessible: an image with a title and a description, and a legend', () => {
    const { root } = chart({ counts: [1, 2, 3] });
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('viewBox')).toBe('0 0 720 180');
    const [titleId, descId] = root.getAttribute('aria-labelledby')!.split(' ');
    expect(root.querySelector(`title#${titleId}`)!.textContent).toBe('Records per 1 min of events.csv over the review window');
    expect(root.querySelector(`desc#${descId}`)!.textContent).toMatch(/^3 buckets of 1 min from 2026-03-19 10:00 to 2026-03-19 11:00 UTC; 6 records in the window/);
    expect(root.textContent).toContain('Gap: no records while traffic around it was busy');
  });

  it('labels the x axis with a few UTC times', () => {
    const { root } = chart({ counts: [1] });
    expect(Array.from(root.querySelectorAll('.x-labels text'), (t) => t.textContent)).toEqual(['2026-03-19 10:00', '10:15', '10:30', '10:45', '11:00']);
    const week = chart({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z', bucket_ms: 3_600_000, counts: [1] }).root;
    expect(Array.from(week.querySelectorAll('.x-labels text'), (t) => t.textContent)).toEqual(['2026-03-01 00:00', '03-02 18:00', '03-04 12:00', '03-06 06:00', '03-08 00:00']);
  });

  it('says so when there are no buckets or no records', () => {
    const empty = chart({ counts: [] }).root;
    expect(empty.querySelectorAll('rect.bar')).toHaveLength(0);
    expect(empty.querySelector('text.empty')!.textContent).toBe('No coverage data');
    const zeros = chart({ counts: Array(60).fill(0) as number[] }).root;
    expect(zeros.querySelectorAll('rect.bar')).toHaveLength(0);
    expect(zeros.querySelector('text.empty')!.textContent).toBe('No records in the window');
    expect(zeros.querySelector('.y-max')).toBeNull();
  });

  it('draws a single bucket across the whole plot', () => {
    const { root } = chart({ bucket_ms: 3_600_000, counts: [7] });
    const bars = root.querySelectorAll('rect.bar');
    expect(bars).toHaveLength(1);
    const bar = bars[0]!;
    expect(numberAttr(bar, 'x') + numberAttr(bar, 'width')).toBeLessThanOrEqual(706);
    expect(numberAttr(bar, 'width')).toBeGreaterThan(600);
    expect(numberAttr(bar, 'height')).toBeCloseTo(120, 1);
  });

  it('draws 1,000 buckets inside the plot, each visible, in bounded size', () => {
    const counts = Array.from({ length: 1000 }, (_, i) => 1 + (i % 50));
    const { svg, root } = chart({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-01T16:40:00.000Z', bucket_ms: 60_000, counts });
    const bars = Array.from(root.querySelectorAll('rect.bar'));
    expect(bars).toHaveLength(1000);
    for (const bar of bars) {
      expect(numberAttr(bar, 'x')).toBeGreaterThanOrEqual(52);
      expect(numberAttr(bar, 'x') + numberAttr(bar, 'width')).toBeLessThanOrEqual(706.01);
      expect(numberAttr(bar, 'width')).toBeGreaterThan(0);
      expect(numberAttr(bar, 'height')).toBeGreaterThanOrEqual(1);
    }
    expect(svg.length).toBeLessThan(200_000);
  });

  it('copes with nonsense: bad times, negative and fractional counts, a hostile subject', () => {
    const svg = renderCoverageSvg(
      { from: HOSTILE, to: 'never', bucket_ms: -5, counts: [3, -1, Number.NaN, 2.5], gaps: [{ from: HOSTILE, to: HOSTILE, buckets: 1 }] },
      { id: `x"><script>`, subject: HOSTILE },
    );
    const root = parseHtml(`<body>${svg}</body>`).querySelector('svg')!;
    expect(root.querySelectorAll('rect.bar')).toHaveLength(2);
    expect(root.querySelectorAll('rect.gap')).toHaveLength(0);
    expect(root.querySelectorAll('.x-labels')).toHaveLength(0);
    expect(root.querySelector('title')!.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(svg).not.toMatch(/<script|<img/i);
    expect(root.getAttribute('aria-labelledby')).toBe('x---script--title x---script--desc');
  });

  it('is deterministic', () => {
    const input = { ...HOUR, counts: [1, 0, 4], gaps: [], before_window: 1, after_window: 0 };
    expect(renderCoverageSvg(input, { id: 'a' })).toBe(renderCoverageSvg(structuredClone(input), { id: 'a' }));
  });
});
