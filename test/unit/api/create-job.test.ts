import { describe, expect, it } from 'vitest';
import { findRecreatedJob, matchesRequest } from '../../../electron/core/api/create-job';
import { parseJob } from '../../../electron/core/api/parse';
import type { CreateJobBody, ExportJob } from '../../../electron/core/api/types';

const NOW = Date.parse('2026-03-20T10:30:05Z');
const iso = (t: number) => new Date(t).toISOString();

/** A job as the server would answer for `body`, created at `at` (the lost POST did create it). */
function created(overrides: Record<string, unknown> = {}, at = NOW - 3000): ExportJob {
  return parseJob({
    id: `job_${Math.random().toString(36).slice(2)}`,
    type: 'events',
    format: 'csv',
    status: 'queued',
    window: { from: iso(at - 86_400_000), to: iso(at) },
    filters: {},
    created_at: iso(at),
    ...overrides,
  })!;
}

const body: CreateJobBody = { type: 'events', format: 'csv', time_window: '24h' };
const recency = { serverNow: NOW, sentAgoMs: 5000, slackMs: 2000 };

describe('createJob dedupe: is this the job our lost request created?', () => {
  it('matches a job with the same type, format, relative window and filters, created since we posted', () => {
    expect(matchesRequest(created(), body, recency)).toBe(true);
  });

  it.each([
    ['another type', { type: 'traces' }],
    ['another format', { format: 'json' }],
    ['another window length', { window: { from: iso(NOW - 3000 - 3_600_000), to: iso(NOW - 3000) } }],
    ['a filter we did not ask for', { filters: { environment: 'staging' } }],
    ['no created_at', { created_at: null }],
    ['no window', { window: null }],
  ])('does not match %s', (_label, overrides) => {
    expect(matchesRequest(created(overrides), body, recency)).toBe(false);
  });

  it('does not match an identical job created before our first attempt (an older export), nor one from the future', () => {
    expect(matchesRequest(created({}, NOW - 60_000), body, recency)).toBe(false);
    expect(matchesRequest(created({}, NOW + 60_000), body, recency)).toBe(false);
  });

  it('compares filters with either verdict spelling, and refuses to guess when the server does not echo them', () => {
    const filtered: CreateJobBody = { ...body, filters: { environment: 'production', verdict: 'block' } };
    expect(matchesRequest(created({ filters: { environment: 'production', verdict: 'blocked' } }), filtered, recency)).toBe(true);
    expect(matchesRequest(created({ filters: { environment: 'production' } }), filtered, recency)).toBe(false);
    expect(matchesRequest(created({ filters: undefined }), filtered, recency)).toBe(false);
    expect(matchesRequest(created({ filters: undefined }), body, recency)).toBe(true);
  });

  it('matches date windows exactly, whole days with date_to inclusive', () => {
    const days: CreateJobBody = { type: 'audit-log', format: 'json', date_from: '2026-03-01', date_to: '2026-03-02' };
    const window = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' };
    expect(matchesRequest(created({ type: 'audit-log', format: 'json', window }), days, recency)).toBe(true);
    expect(matchesRequest(created({ type: 'audit-log', format: 'json', window: { ...window, to: '2026-03-02T00:00:00.000Z' } }), days, recency)).toBe(false);
    const instants: CreateJobBody = { type: 'audit-log', format: 'json', date_from: '2026-03-01T10:00:00+02:00', date_to: '2026-03-01T12:00:00Z' };
    expect(matchesRequest(created({ type: 'audit-log', format: 'json', window: { from: '2026-03-01T08:00:00Z', to: '2026-03-01T12:00:00Z' } }), instants, recency)).toBe(true);
  });

  it('picks the newest match from a newest-first list, or none', () => {
    const other = created({ type: 'traces' });
    const newest = created({}, NOW - 1000);
    const older = created({}, NOW - 2000);
    expect(findRecreatedJob([other, newest, older], body, recency)).toBe(newest);
    expect(findRecreatedJob([other], body, recency)).toBeNull();
    expect(findRecreatedJob([], body, recency)).toBeNull();
  });
});
