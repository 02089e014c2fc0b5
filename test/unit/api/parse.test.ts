import { describe, expect, it } from 'vitest';
import { parseErrorBody } from '../../../electron/core/api/failure';
import { jobState, normalizeVerdict, parseJob, parseJobPage, parsePreview, parseTail } from '../../../electron/core/api/parse';

const SHA = 'A'.repeat(64);

describe('parseJob', () => {
  it('understands the contract and ignores unknown fields', () => {
    const job = parseJob({
      id: 'exp_01',
      type: 'events',
      format: 'csv',
      status: 'completed',
      window: { from: '2026-03-19T10:30:00Z', to: '2026-03-20T10:30:00Z' },
      filters: { verdict: 'blocked' },
      created_at: '2026-03-20T10:30:00Z',
      artifact: { filename: 'f.csv', content_type: 'text/csv', size_bytes: '10', sha256: SHA, record_count: 2, storage: 'local', region: 'eu' },
      error: null,
      shard: 7,
    });
    expect(job).toMatchObject({
      id: 'exp_01',
      status: 'completed',
      state: 'completed',
      filters: { verdict: 'block' },
      artifact: { size_bytes: 10, sha256: 'a'.repeat(64), record_count: 2 },
      error: null,
      started_at: null,
    });
  });

  it('keeps an unknown status as spelled, and counts it as pending', () => {
    expect(parseJob({ id: 'j', status: 'processing' })).toMatchObject({ status: 'processing', state: 'pending' });
    expect(parseJob({ id: 'j', status: 'Warming_Up' })).toMatchObject({ status: 'Warming_Up', state: 'pending' });
    expect(parseJob({ id: 'j' })).toMatchObject({ status: null, state: 'pending', window: null, artifact: null, filters: null });
    expect(jobState('EXPIRED')).toBe('expired');
  });

  it('tolerates malformed parts and reads a string error', () => {
    const job = parseJob({ id: 'j', status: 'failed', artifact: { size_bytes: -1, sha256: 'nothex' }, window: 'yesterday', error: 'disk full' });
    expect(job).toMatchObject({ artifact: { size_bytes: null, sha256: null }, window: null, error: { code: null, message: 'disk full' } });
  });

  it('refuses what has no id', () => {
    expect(parseJob({ job_id: 'j' })).toBeNull();
    expect(parseJob({ id: '' })).toBeNull();
    expect(parseJob('job')).toBeNull();
    expect(parseJob(null)).toBeNull();
  });

  it('reads a page, skipping entries without an id', () => {
    expect(parseJobPage({ jobs: [{ id: 'a' }, { nope: 1 }, 'x'], next_cursor: 'c1' })).toMatchObject({ jobs: [{ id: 'a' }], nextCursor: 'c1' });
    expect(parseJobPage({ jobs: [], next_cursor: null })).toEqual({ jobs: [], nextCursor: null });
    expect(parseJobPage({ items: [] })).toBeNull();
  });
});

describe('verdicts, previews and the events tail', () => {
  it.each([
    ['block', 'block'],
    ['blocked', 'block'],
    ['Allowed', 'allow'],
    ['redacted', 'redact'],
    ['escalated', 'escalate'],
    ['quarantined', 'quarantined'],
  ])('normalizes %s to %s', (input, output) => {
    expect(normalizeVerdict(input)).toBe(output);
  });

  it('sums verdict counts under either spelling', () => {
    const preview = parsePreview({ record_count: 5, counts_by_verdict: { allow: 2, allowed: 1, blocked: 2, bogus: 'x' }, environments: ['production', 3] });
    expect(preview).toMatchObject({ record_count: 5, counts_by_verdict: { allow: 3, block: 2 }, environments: ['production'], earliest: null });
    expect(parsePreview([])).toBeNull();
  });

  it('accepts id or event_id, and a bare array', () => {
    const tail = parseTail({ events: [{ id: 'evt_1', verdict: 'blocked' }, { event_id: 'evt_2', verdict: 'allow', extra: true }, 3], since: 's' });
    expect(tail).toMatchObject({ events: [{ id: 'evt_1', verdict: 'block' }, { id: 'evt_2', verdict: 'allow' }], since: 's', until: null });
    expect(parseTail([{ event_id: 'e' }])).toMatchObject({ events: [{ id: 'e' }] });
    expect(parseTail({ data: [] })).toBeNull();
  });
});

describe('parseErrorBody', () => {
  it("reads the contract's envelope", () => {
    expect(parseErrorBody('{"error":{"code":"rate_limited","message":"Slow down"}}', 'application/json')).toEqual({ serverCode: 'rate_limited', serverMessage: 'Slow down' });
  });

  it('reads other JSON shapes', () => {
    expect(parseErrorBody('{"error":"invalid_token","error_description":"Expired"}', null)).toEqual({ serverCode: 'invalid_token', serverMessage: 'Expired' });
    expect(parseErrorBody('{"message":"Nope","code":"x"}', null)).toEqual({ serverCode: 'x', serverMessage: 'Nope' });
    expect(parseErrorBody('[1,2]', null)).toEqual({});
  });

  it('reads plain text, tidied and capped', () => {
    expect(parseErrorBody('Bad Gateway\r\n\u0007', 'text/plain')).toEqual({ serverMessage: 'Bad Gateway' });
    expect(parseErrorBody('x'.repeat(1000), null).serverMessage!.length).toBeLessThanOrEqual(301);
    expect(parseErrorBody('{"broken', null)).toEqual({ serverMessage: '{"broken' });
  });

  it('does not quote HTML, but reads an S3 XML message', () => {
    expect(parseErrorBody('<!DOCTYPE html><html><body><h1>502</h1></body></html>', 'text/html')).toEqual({});
    expect(parseErrorBody('<html>oops</html>', null)).toEqual({});
    expect(parseErrorBody('<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>', 'application/xml')).toEqual({
      serverMessage: 'Request has expired',
    });
    expect(parseErrorBody('', null)).toEqual({});
  });
});
