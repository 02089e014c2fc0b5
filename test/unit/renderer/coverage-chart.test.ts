import { describe, expect, it } from 'vitest';
import { CHART, coverageChart, formatDuration, utcMinute, utcRange } from '../../../renderer/src/lib/coverage-chart';
import { fileReport } from './validation-fixture';

describe('the coverage chart model', () => {
  const coverage = fileReport().coverage!;

  it('puts every bucket side by side across the plot, with its UTC range and count', () => {
    const model = coverageChart(coverage);
    expect(model.timed).toBe(true);
    expect(model.buckets).toHaveLength(12);
    expect(model.buckets[0]).toMatchObject({ index: 0, count: 10, x: CHART.plot.left, label: '2026-03-20 00:00 to 00:05 UTC: 10 records' });
    expect(model.buckets[11]!.x + model.buckets[11]!.width).toBeCloseTo(CHART.plot.right, 1);
    // The tallest bar fills the plot; an empty bucket has no bar but still a column.
    const tallest = model.buckets[6]!;
    expect(tallest.barY).toBe(CHART.plot.top);
    expect(model.buckets[3]).toMatchObject({ count: 0, barHeight: 0, inGap: true, label: '2026-03-20 00:15 to 00:20 UTC: 0 records (in a gap)' });
    expect(model.max).toBe(15);
    expect(model.total).toBe(110);
  });

  it('marks the gaps, labels the axes in UTC and says it all in words', () => {
    const model = coverageChart(coverage);
    expect(model.gaps).toHaveLength(1);
    expect(model.gaps[0]!.label).toBe('Gap: 2026-03-20 00:15 to 00:30 UTC (3 buckets without records)');
    expect(model.xTicks.map((t) => t.label)).toEqual(['2026-03-20 00:00', '00:15', '00:30', '00:45', '01:00']);
    expect(model.yTicks.map((t) => t.label)).toEqual(['0', '8', '15']);
    expect(model.description).toBe('12 buckets of 5 min from 2026-03-20 00:00 to 2026-03-20 01:00 UTC; 110 records in the window, at most 15 in one bucket; 1 gap: 2026-03-20 00:15 to 00:30 UTC. 1 record before the window, 0 after.');
  });

  it('draws something sensible without records or without a window', () => {
    expect(coverageChart({ ...coverage, counts: [], gaps: [] }).description).toMatch(/^No coverage data/);
    const untimed = coverageChart({ ...coverage, from: 'nonsense' });
    expect(untimed.timed).toBe(false);
    expect(untimed.xTicks).toEqual([]);
    expect(untimed.buckets[0]!.label).toBe('Bucket 1: 10 records');
  });

  it('formats durations and UTC instants', () => {
    expect(formatDuration(300_000)).toBe('5 min');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(1500)).toBe('1,500 ms');
    expect(utcMinute(Date.parse('2026-03-20T10:00:30Z'))).toBe('2026-03-20 10:00:30');
    expect(utcRange(Date.parse('2026-03-20T23:55:00Z'), Date.parse('2026-03-21T00:00:00Z'))).toBe('2026-03-20 23:55 to 2026-03-21 00:00 UTC');
  });
});
