import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../electron/sample-api/http';
import { defaultKnobs, parseFaultSpec, takeFault } from '../../../electron/sample-api/knobs';
import { parseSince, resolveWindow } from '../../../electron/sample-api/window';
import { optionsFromArgs } from '../../../electron/sample-api/cli';

const NOW = Date.parse('2026-03-20T10:30:00Z');

describe('resolveWindow', () => {
  it('resolves relative windows against now, and defaults to 24h', () => {
    expect(resolveWindow({ time_window: '7d' }, NOW)).toEqual({ from: NOW - 7 * 86_400_000, to: NOW });
    expect(resolveWindow({}, NOW)).toEqual({ from: NOW - 86_400_000, to: NOW });
  });

  it('treats date_to as an inclusive whole UTC day and accepts instants', () => {
    expect(resolveWindow({ date_from: '2026-03-01', date_to: '2026-03-01' }, NOW)).toEqual({
      from: Date.parse('2026-03-01T00:00:00Z'),
      to: Date.parse('2026-03-02T00:00:00Z'),
    });
    expect(resolveWindow({ date_from: '2026-03-01T10:00:00+02:00', date_to: '2026-03-01T12:00:00Z' }, NOW)).toEqual({
      from: Date.parse('2026-03-01T08:00:00Z'),
      to: Date.parse('2026-03-01T12:00:00Z'),
    });
  });

  it.each([
    [{ time_window: '2h' }, /time_window must be one of/],
    [{ time_window: '24h', date_from: '2026-03-01', date_to: '2026-03-02' }, /not both/],
    [{ date_from: '2026-03-01' }, /both required/],
    [{ date_from: '2026-02-30', date_to: '2026-03-02' }, /date_from must be/],
    [{ date_from: '2026-03-05', date_to: '2026-03-01' }, /before/],
    [{ date_from: 'yesterday', date_to: '2026-03-01' }, /RFC 3339/],
  ])('refuses %j', (params, message) => {
    expect(() => resolveWindow(params, NOW)).toThrow(message);
  });

  it('parses since as a duration or an instant', () => {
    expect(parseSince('5m', NOW, 'since')).toBe(NOW - 300_000);
    expect(parseSince('2026-03-20T00:00:00Z', NOW, 'since')).toBe(Date.parse('2026-03-20T00:00:00Z'));
    expect(() => parseSince('soon', NOW, 'since')).toThrow(/since must be/);
  });
});

describe('parseRange', () => {
  it.each([
    [undefined, 100, null],
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=50-500', 100, { start: 50, end: 99 }],
    ['bytes=100-', 100, 'unsatisfiable'],
    ['bytes=9-3', 100, 'unsatisfiable'],
    ['bytes=0-1,5-6', 100, null],
    ['items=0-1', 100, null],
  ])('%s of %d bytes → %j', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('faults', () => {
  it('parses command-line fault specs', () => {
    expect(parseFaultSpec('download:cut:afterBytes=1000')).toEqual({ route: 'download', kind: 'cut', afterBytes: 1000, times: 1 });
    expect(parseFaultSpec('*:429:retryAfter=http-date:times=-1')).toEqual({ route: '*', kind: 'status', status: 429, retryAfter: 'http-date', times: -1 });
    expect(() => parseFaultSpec('nowhere:500')).toThrow(/Unknown route/);
    expect(() => parseFaultSpec('download:explode')).toThrow(/Unknown fault kind/);
    expect(() => parseFaultSpec('download')).toThrow(/route:kind/);
  });

  it('counts a fault down and removes it; -1 never runs out', () => {
    const knobs = { ...defaultKnobs(), faults: [parseFaultSpec('get-job:503:times=2'), parseFaultSpec('*:500:times=-1')] };
    expect(takeFault(knobs, 'get-job')?.status).toBe(503);
    expect(takeFault(knobs, 'get-job')?.status).toBe(503);
    expect(takeFault(knobs, 'get-job')?.status).toBe(500);
    expect(takeFault(knobs, 'preview')?.status).toBe(500);
    expect(knobs.faults).toHaveLength(1);
  });
});

describe('sample-api command line', () => {
  it('maps flags to options', () => {
    const options = optionsFromArgs(['--port', '0', '--seed', '3', '--storage', 's3', '--fault', 'download:short', '--outage', '2026-03-20T01:00:00Z/2026-03-20T02:00:00Z', '--quiet']);
    expect(options).toMatchObject({ port: 0, seed: 3, knobs: { storage: 's3', faults: [{ route: 'download', kind: 'short' }] } });
    expect(options.data?.outages).toEqual([{ from: Date.parse('2026-03-20T01:00:00Z'), to: Date.parse('2026-03-20T02:00:00Z') }]);
    expect(options.log).toBeUndefined();
  });

  it.each([['--storage', 'ftp'], ['--port', '-1'], ['--bogus'], ['--outage', 'x/y']])('refuses %s', (...args) => {
    expect(() => optionsFromArgs(args)).toThrow();
  });
});
