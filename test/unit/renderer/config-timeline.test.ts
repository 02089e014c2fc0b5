import { describe, expect, it } from 'vitest';
import { configTimeline, timelineX, versionName } from '../../../renderer/src/lib/config-timeline';
import { fileReport } from './validation-fixture';

const ms = (iso: string) => Date.parse(iso);

describe('the config-version timeline', () => {
  it('orders each environment’s versions and finds the transitions', () => {
    const [production, staging] = configTimeline([fileReport()]);
    expect(production!.environment).toBe('production');
    expect(production!.segments.map((s) => s.version)).toEqual(['1.0', '1.1']);
    expect(production!.transitions).toEqual([{ from: '1.0', to: '1.1', at: ms('2026-03-20T00:35:00Z'), lastBefore: ms('2026-03-20T00:34:00Z'), interleaved: false }]);
    expect(staging!.transitions).toEqual([]);
  });

  it('merges a version seen in several files', () => {
    const other = fileReport({
      name: 'escalations.json',
      config_versions: [
        { version: '1.0', environment: 'production', count: 5, first: '2026-03-20T00:00:01.000Z', last: '2026-03-20T00:40:00.000Z' },
        { version: '', environment: 'production', count: 1, first: '2026-03-20T00:50:00.000Z', last: '2026-03-20T00:50:00.000Z' },
      ],
    });
    const [production] = configTimeline([fileReport(), other]);
    expect(production!.segments[0]).toEqual({ version: '1.0', count: 55, first: ms('2026-03-20T00:00:01Z'), last: ms('2026-03-20T00:40:00Z'), files: ['keeptrusts-events-20260320T010000Z.csv', 'escalations.json'] });
    // 1.0 ran until 00:40, after 1.1 began at 00:35: interleaved.
    expect(production!.transitions[0]).toMatchObject({ from: '1.0', to: '1.1', interleaved: true });
    expect(production!.transitions[1]).toMatchObject({ from: '1.1', to: '', interleaved: true });
    expect(versionName('')).toBe('(no version)');
  });

  it('places instants across the window, clamped', () => {
    expect(timelineX(50, 0, 100, 700)).toBe(350);
    expect(timelineX(-5, 0, 100, 700)).toBe(0);
    expect(timelineX(500, 0, 100, 700)).toBe(700);
    expect(timelineX(5, 10, 10, 700)).toBe(0);
  });
});
