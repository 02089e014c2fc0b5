import { Ajv } from 'ajv';
import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleApi } from '../../../electron/sample-api/server';
import { EXPORT_FORMATS, EXPORT_TYPES } from '../../../shared/domain';
import { csvColumns, recordSchemas } from '../../../shared/schemas/records';
import { call, createAndWait, startTestApi, type JobJson, type PreviewJson } from '../../support/sample-api';

const ajv = new Ajv({ strict: true });
const validators = Object.fromEntries(EXPORT_TYPES.map((t) => [t, ajv.compile(recordSchemas[t])]));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Reads an export into records: strict RFC 4180 CSV (CRLF, header order checked) or a JSON array. */
function recordsOf(type: (typeof EXPORT_TYPES)[number], format: string, body: Buffer): Record<string, unknown>[] {
  if (format === 'json') return JSON.parse(body.toString('utf8')) as Record<string, unknown>[];
  const rows = parse(body, { record_delimiter: '\r\n', bom: false, relax_quotes: false, relax_column_count: false, skip_empty_lines: false }) as string[][];
  expect(rows[0]).toEqual(csvColumns[type]);
  const columns = csvColumns[type] as readonly string[];
  // Back to typed values the way a reader of the contract would: empty is null, JSON columns parsed.
  return rows.slice(1).map((row) =>
    Object.fromEntries(
      row.map((cell, i) => {
        const column = columns[i]!;
        if (cell === '') return [column, null];
        if (column === 'attributes' || column === 'details') return [column, JSON.parse(cell)];
        if (column === 'duration_ms') return [column, Number(cell)];
        return [column, cell];
      }),
    ),
  );
}

describe('the sample API: exports', () => {
  let api: SampleApi;
  beforeAll(async () => {
    api = await startTestApi({ data: { eventsPerHour: 60 } });
  });
  afterAll(() => api.close());

  it('answers 401 without a token or with a wrong one, and 403 without the export scope', async () => {
    const none = await call(api, '/v1/exports/preview', { token: null });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { code: 'unauthorized', message: 'Missing bearer token' } });
    expect((await call(api, '/v1/exports/preview', { token: 'kt_live_wrong' })).status).toBe(401);
    expect((await call(api, '/v1/exports/jobs', { token: 'kt_sample_noscope' })).status).toBe(403);
  });

  for (const type of EXPORT_TYPES) {
    for (const format of EXPORT_FORMATS) {
      it(`${type} as ${format}: preview, job, download; bytes match the metadata; every record matches the schema`, async () => {
        const preview = (await (await call(api, `/v1/exports/preview?type=${type}&time_window=24h`)).json()) as PreviewJson;
        expect(preview.record_count).toBeGreaterThan(0);
        const job = await createAndWait(api, { type, format, time_window: '24h' });
        expect(job).toMatchObject({ type, format, status: 'completed', error: null, window: preview.window });
        expect(job.artifact.record_count).toBe(preview.record_count);
        expect(job.artifact.filename).toMatch(new RegExp(`^keeptrusts-${type}-\\d{8}T\\d{6}Z\\.${format}$`));

        const response = await call(api, `/v1/exports/jobs/${job.id}/download`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${job.artifact.filename}"`);
        expect(response.headers.get('etag')).toBe(`"${job.artifact.sha256}"`);
        expect(response.headers.get('accept-ranges')).toBe('bytes');
        const body = Buffer.from(await response.arrayBuffer());
        expect(body.length).toBe(job.artifact.size_bytes);
        expect(sha256(body)).toBe(job.artifact.sha256);

        const records = recordsOf(type, format, body);
        expect(records).toHaveLength(preview.record_count);
        for (const [index, record] of records.entries()) {
          if (!validators[type]!(record)) throw new Error(`record ${index}: ${ajv.errorsText(validators[type]!.errors)}`);
        }
      });
    }
  }

  it('gives the same bytes for the same seed and clock, and other bytes for another seed', async () => {
    const same = await startTestApi({ data: { eventsPerHour: 60 } });
    const other = await startTestApi({ data: { eventsPerHour: 60 }, seed: 2 });
    try {
      const body = { type: 'events', format: 'csv', date_from: '2026-03-19', date_to: '2026-03-19' };
      const [a, b, c] = await Promise.all([createAndWait(api, body), createAndWait(same, body), createAndWait(other, body)]);
      expect(b.artifact.sha256).toBe(a.artifact.sha256);
      expect(c.artifact.sha256).not.toBe(a.artifact.sha256);
    } finally {
      await Promise.all([same.close(), other.close()]);
    }
  });

  it('applies environment and verdict filters', async () => {
    const job = await createAndWait(api, { type: 'events', format: 'json', time_window: '6h', filters: { environment: 'staging', verdict: 'allow' } });
    const records = (await (await call(api, `/v1/exports/jobs/${job.id}/download`)).json()) as Record<string, string>[];
    expect(records.length).toBeGreaterThan(0);
    expect(new Set(records.map((r) => `${r.environment}/${r.verdict}`))).toEqual(new Set(['staging/allow']));
  });

  it('previews environments, config versions (the rollout is in the window) and the verdict mix', async () => {
    const preview = (await (await call(api, '/v1/exports/preview?type=events&time_window=24h')).json()) as PreviewJson;
    expect(preview.environments).toEqual(['production', 'staging']);
    expect(preview.config_versions).toEqual(['0.1.0', '0.2.0']);
    const total = Object.values(preview.counts_by_verdict).reduce((a, b) => a + b, 0);
    expect(total).toBe(preview.record_count);
    expect(Date.parse(preview.earliest!)).toBeLessThanOrEqual(Date.parse(preview.latest!));
  });

  it.each([
    [{ type: 'metrics', format: 'csv' }, 'invalid_type'],
    [{ type: 'events', format: 'xml' }, 'invalid_format'],
    [{ type: 'events', format: 'csv', time_window: '2h' }, 'invalid_window'],
    [{ type: 'events', format: 'csv', filters: { verdict: 'maybe' } }, 'invalid_filter'],
    [[1, 2], 'invalid_request'],
  ])('refuses a bad job request %j with 400 %s', async (body, code) => {
    const response = await call(api, '/v1/exports/jobs', { method: 'POST', body: JSON.stringify(body) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await call(api, '/v1/exports/jobs', { method: 'POST', body: '{"type":' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('404s an unknown job and 409s a download before completion', async () => {
    expect((await call(api, '/v1/exports/jobs/job_nope')).status).toBe(404);
    api.knobs.jobDurationMs = 5_000;
    try {
      const created = (await (await call(api, '/v1/exports/jobs', { method: 'POST', body: JSON.stringify({ type: 'events', format: 'csv' }) })).json()) as { id: string };
      const early = await call(api, `/v1/exports/jobs/${created.id}/download`);
      expect(early.status).toBe(409);
      expect(await early.json()).toMatchObject({ error: { code: 'not_ready' } });
    } finally {
      api.knobs.jobDurationMs = 20;
    }
  });

  it('lists jobs newest first with a cursor, and refuses a forged cursor', async () => {
    const first = (await (await call(api, '/v1/exports/jobs?limit=2')).json()) as { jobs: { id: string }[]; next_cursor: string };
    expect(first.jobs).toHaveLength(2);
    const second = (await (await call(api, `/v1/exports/jobs?limit=2&cursor=${first.next_cursor}`)).json()) as { jobs: { id: string }[] };
    const all = api.jobs.all().map((j) => j.id).reverse();
    expect([...first.jobs, ...second.jobs].map((j) => j.id)).toEqual(all.slice(0, 4));
    expect((await call(api, '/v1/exports/jobs?cursor=Zm9yZ2Vk')).status).toBe(400);
    expect((await call(api, '/v1/exports/jobs?limit=0')).status).toBe(400);
  });

  it('serves byte ranges with If-Range, and the whole file when If-Range is stale', async () => {
    const job = await createAndWait(api, { type: 'events', format: 'csv', time_window: '1h' });
    const path = `/v1/exports/jobs/${job.id}/download`;
    const whole = Buffer.from(await (await call(api, path)).arrayBuffer());
    const etag = `"${job.artifact.sha256}"`;
    const tail = await call(api, path, { headers: { range: 'bytes=100-', 'if-range': etag } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes 100-${whole.length - 1}/${whole.length}`);
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(whole.subarray(100));
    const stale = await call(api, path, { headers: { range: 'bytes=100-', 'if-range': '"not-the-etag"' } });
    expect(stale.status).toBe(200);
    expect(Buffer.from(await stale.arrayBuffer())).toEqual(whole);
    const beyond = await call(api, path, { headers: { range: `bytes=${whole.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${whole.length}`);
  });

  it('gives an empty export for a window with no traffic: header-only CSV and []', async () => {
    const outage = { from: Date.parse('2026-03-18T00:00:00Z'), to: Date.parse('2026-03-19T00:00:00Z') };
    api.setData({ outages: [outage] });
    try {
      const window = { date_from: '2026-03-18', date_to: '2026-03-18' };
      const preview = (await (await call(api, '/v1/exports/preview?type=events&date_from=2026-03-18&date_to=2026-03-18')).json()) as Record<string, unknown>;
      expect(preview).toMatchObject({ record_count: 0, earliest: null, latest: null, environments: [] });
      const csv = await createAndWait(api, { type: 'events', format: 'csv', ...window });
      const json = await createAndWait(api, { type: 'events', format: 'json', ...window });
      expect(csv.artifact.record_count).toBe(0);
      expect(await (await call(api, `/v1/exports/jobs/${csv.id}/download`)).text()).toBe(`${csvColumns.events.join(',')}\r\n`);
      expect(await (await call(api, `/v1/exports/jobs/${json.id}/download`)).text()).toBe('[]\n');
    } finally {
      api.setData({ outages: [] });
    }
  });

  it('tails events newest first, with verdict filter and limit', async () => {
    const body = (await (await call(api, '/v1/events?since=6h&verdict=block&limit=5')).json()) as { events: Record<string, string>[] };
    expect(body.events).toHaveLength(5);
    expect(body.events.every((e) => e.verdict === 'block')).toBe(true);
    const times = body.events.map((e) => Date.parse(e.timestamp!));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await call(api, '/v1/events?limit=5000')).status).toBe(400);
  });

  it('marks a completed job expired once the clock passes expires_at, and answers 410', async () => {
    let now = Date.parse('2026-03-20T10:30:00Z');
    const ticking = await startTestApi({ now: () => now });
    try {
      const job = await createAndWait(ticking, { type: 'events', format: 'csv', time_window: '1h' });
      expect(job.status).toBe('completed');
      now += 86_400_000;
      expect((await (await call(ticking, `/v1/exports/jobs/${job.id}`)).json()) as JobJson).toMatchObject({ status: 'expired' });
      expect((await call(ticking, `/v1/exports/jobs/${job.id}/download`)).status).toBe(410);
    } finally {
      await ticking.close();
    }
  });

  it('has no control routes when started without them (the in-app demo)', async () => {
    const demo = await startTestApi({ control: false });
    try {
      const response = await fetch(`${demo.origin}/__control/knobs`, { headers: { authorization: `Bearer ${demo.token}` } });
      expect(response.status).toBe(404);
    } finally {
      await demo.close();
    }
  });

  it('serves under a path prefix when configured', async () => {
    const prefixed = await startTestApi({ basePath: '/api/' });
    try {
      expect(prefixed.url).toMatch(/\/api$/);
      expect((await call(prefixed, '/v1/exports/preview')).status).toBe(200);
      expect((await fetch(`${prefixed.origin}/v1/exports/preview`, { headers: { authorization: `Bearer ${prefixed.token}` } })).status).toBe(404);
    } finally {
      await prefixed.close();
    }
  });
});
