import { readdirSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeeptrustsClient } from '../../../electron/core/api';
import { AppError } from '../../../electron/core/errors';
import { pullExports, type PullOutcome } from '../../../electron/core/pull/pull';
import type { SampleApi } from '../../../electron/sample-api/server';
import type { Progress } from '../../../shared/progress';
import { tempCache } from '../../support/cache';
import { startTestApi } from '../../support/sample-api';

let api: SampleApi;
let cache: Awaited<ReturnType<typeof tempCache>>;
beforeEach(async () => {
  api = await startTestApi({ data: { eventsPerHour: 300 } });
  cache = await tempCache();
});
afterEach(async () => {
  await api.close();
  await cache.close();
});

const client = (token = api.token) =>
  createKeeptrustsClient({
    fetch,
    baseUrl: api.url,
    token,
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 1500 },
    timeouts: { requestMs: 2_000, headersMs: 300, idleMs: 300 },
    poll: { intervalMs: 10, timeoutMs: 10_000 },
  });

async function pull(exports: { type: 'events' | 'escalations' | 'traces' | 'audit-log'; format: 'csv' | 'json' }[], options: { token?: string; signal?: AbortSignal; onProgress?: (p: Progress) => void } = {}) {
  return pullExports(
    { workspaceId: 'w1', exports, window: { time_window: '6h' } },
    {
      db: cache.db,
      cacheDir: cache.dir,
      client: client(options.token),
      apiBaseUrl: api.url,
      actor: { name: 'Ana Silva', os_user: 'ana' },
      taskId: 'pull-1',
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    },
  );
}

/** Everything a failure must leave as it was. */
function snapshot() {
  const q = (sql: string) => cache.db.prepare(sql).all();
  return {
    jobs: q('SELECT * FROM export_jobs'),
    artifacts: q('SELECT * FROM artifacts'),
    records: q('SELECT count(*) AS n FROM records'),
    files: readdirSync(join(cache.dir, 'artifacts'), { recursive: true }).sort(),
  };
}

const failedCode = (outcome: PullOutcome | undefined) => (outcome?.status === 'failed' ? outcome.error.code : `not failed: ${outcome?.status}`);

describe('pulling exports into the cache', () => {
  it('pulls several types: files kept byte for byte with provenance, records ingested, progress reported', async () => {
    const progress: Progress[] = [];
    const outcomes = await pull([{ type: 'events', format: 'csv' }, { type: 'escalations', format: 'json' }], { onProgress: (p) => progress.push(p) });
    expect(outcomes.map((o) => o.status)).toEqual(['pulled', 'pulled']);
    const events = outcomes[0]!;
    if (events.status !== 'pulled') throw new Error('unreachable');
    const job = api.jobs.get(events.jobId)!;
    expect(events.sha256).toBe(job.artifact!.sha256);
    expect(events.records).toBe(job.artifact!.recordCount);
    expect(events.filename).toBe(job.artifact!.filename);
    const row = cache.db.prepare('SELECT * FROM artifacts WHERE id = ?').get(events.artifactId) as Record<string, string>;
    expect(JSON.parse(row.provenance_json!)).toMatchObject({
      kind: 'pulled',
      api_base_url: api.url,
      job_id: events.jobId,
      request: { type: 'events', format: 'csv', time_window: '6h' },
      server_declared: { sha256: job.artifact!.sha256, record_count: job.artifact!.recordCount },
      pulled_by: 'Ana Silva (ana)',
    });
    expect(JSON.parse(row.provenance_json!).download_origin).not.toContain('?');
    expect((cache.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n).toBe(outcomes.reduce((n, o) => n + (o.status === 'pulled' ? o.records : 0), 0));
    expect(progress.every((p) => p.taskId === 'pull-1' && (p.value === null || (p.value >= 0 && p.value <= 1)))).toBe(true);
    expect(progress.at(-1)!.value).toBe(1);
  });

  it('never writes the token anywhere in the cache folder (database, WAL, files, partials)', async () => {
    api.knobs.faults.push({ route: 'download', kind: 'cut', afterBytes: 2048, times: 1 });
    await pull([{ type: 'events', format: 'csv' }, { type: 'audit-log', format: 'json' }]);
    await pull([{ type: 'traces', format: 'csv' }], { token: 'kt_live_wrong' });
    const files = readdirSync(cache.dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(3);
    for (const entry of files) {
      const bytes = readFileSync(join(entry.parentPath, entry.name));
      expect(bytes.includes(api.token), entry.name).toBe(false);
      expect(bytes.includes('kt_live_wrong'), entry.name).toBe(false);
    }
  });

  it('recognises an export already in the cache instead of storing it twice', async () => {
    await pull([{ type: 'events', format: 'csv' }]);
    const before = snapshot();
    const [again] = await pull([{ type: 'events', format: 'csv' }]);
    expect(again!.status).toBe('duplicate');
    expect(snapshot()).toEqual(before);
  });

  it('follows a presigned redirect without sending the token to storage', async () => {
    api.knobs.storage = 's3';
    const [outcome] = await pull([{ type: 'audit-log', format: 'json' }]);
    expect(outcome!.status).toBe('pulled');
    expect(api.storage.requests.length).toBeGreaterThan(0);
    expect(api.storage.requests.every((r) => !r.hadAuthorization)).toBe(true);
  });

  it('resumes a download cut mid-way and stores the right bytes', async () => {
    api.knobs.faults.push({ route: 'download', kind: 'cut', afterBytes: 4096, times: 1 });
    const [outcome] = await pull([{ type: 'traces', format: 'csv' }]);
    expect(outcome!.status).toBe('pulled');
    if (outcome!.status === 'pulled') expect(outcome!.sha256).toBe(api.jobs.get(outcome!.jobId)!.artifact!.sha256);
  });

  it.each<[string, () => void]>([
    ['429 with Retry-After in seconds', () => void api.knobs.faults.push({ route: 'get-job', kind: 'status', status: 429, retryAfter: 'seconds', retryAfterSeconds: 1, times: 1 })],
    ['429 with Retry-After as an HTTP date', () => void api.knobs.faults.push({ route: 'create-job', kind: 'status', status: 429, retryAfter: 'http-date', retryAfterSeconds: 1, times: 1 })],
    ['503 on the download', () => void api.knobs.faults.push({ route: 'download', kind: 'status', status: 503, times: 2 })],
    ['a short body', () => void api.knobs.faults.push({ route: 'download', kind: 'short', afterBytes: 2000, times: 1 })],
    ['slow headers once', () => void api.knobs.faults.push({ route: 'get-job', kind: 'slow-headers', delayMs: 1_000, times: 1 })],
  ])('recovers from %s and stores the right bytes', async (_label, arrange) => {
    arrange();
    const [outcome] = await pull([{ type: 'events', format: 'csv' }]);
    expect(outcome!.status).toBe('pulled');
    if (outcome!.status === 'pulled') expect(outcome!.sha256).toBe(api.jobs.get(outcome!.jobId)!.artifact!.sha256);
  });

  it('says in its progress why it waits while Keeptrusts answers 429, and which attempt comes next', async () => {
    api.knobs.faults.push({ route: 'create-job', kind: 'status', status: 429, retryAfter: 'seconds', retryAfterSeconds: 0, times: 2 });
    api.knobs.faults.push({ route: 'get-job', kind: 'status', status: 503, retryAfter: 'seconds', retryAfterSeconds: 0, times: 1 });
    const progress: Progress[] = [];
    const [outcome] = await pull([{ type: 'events', format: 'csv' }], { onProgress: (p) => progress.push(p) });
    expect(outcome!.status).toBe('pulled');
    const waits = progress.filter((p) => p.detail.includes('trying again')).map((p) => p.detail);
    expect(waits).toEqual([
      expect.stringMatching(/^Creating the export job: Keeptrusts answered 429; trying again in \d+ ms \(attempt 2 of \d+\)$/),
      expect.stringMatching(/^Creating the export job: Keeptrusts answered 429; trying again in .+ \(attempt 3 of \d+\)$/),
      expect.stringMatching(/^Waiting for the export job: Keeptrusts answered 503; trying again in .+ \(attempt 2 of \d+\)$/),
    ]);
  });

  it('pulls an empty window as an empty export, with zero records', async () => {
    const now = Date.parse('2026-03-20T10:30:00Z');
    api.setData({ outages: [{ from: now - 7 * 3_600_000, to: now }] });
    const [outcome] = await pull([{ type: 'events', format: 'csv' }]);
    expect(outcome).toMatchObject({ status: 'pulled', records: 0 });
  });

  describe('failures leave the cache exactly as it was', () => {
    beforeEach(async () => {
      await pull([{ type: 'escalations', format: 'csv' }]);
    });

    // An interrupted transfer keeps its partial file (outside the database) so the next pull resumes it.
    const resumable = new Set(['presigned links that keep expiring', 'a stalled body']);
    it.each<[string, () => void, string]>([
      ['a wrong sha256 in the metadata', () => void (api.knobs.wrongSha256 = true), 'checksum-mismatch'],
      ['a failed job', () => void (api.knobs.jobOutcome = 'fail'), 'job-failed'],
      ['an expired job', () => void (api.knobs.jobOutcome = 'expire'), 'job-expired'],
      ['endless 500s', () => void api.knobs.faults.push({ route: '*', kind: 'status', status: 500, times: -1 }), 'server-error'],
      ['endless 429s', () => void api.knobs.faults.push({ route: 'get-job', kind: 'status', status: 429, retryAfter: 'seconds', retryAfterSeconds: 0, times: -1 }), 'rate-limited'],
      ['slowness past every timeout', () => void api.knobs.faults.push({ route: 'get-job', kind: 'slow-headers', delayMs: 5_000, times: -1 }), 'timeout'],
      ['presigned links that keep expiring', () => Object.assign(api.knobs, { storage: 's3', presignTtlMs: -5_000 }), 'link-expired'],
      ['a stalled body', () => void api.knobs.faults.push({ route: 'download', kind: 'slow-body', afterBytes: 1000, delayMs: 5_000, times: -1 }), 'timeout'],
    ])('%s', async (label, arrange, code) => {
      const before = snapshot();
      const partialBefore: string[] = await readdir(join(cache.dir, 'partial')).catch(() => []);
      arrange();
      const [outcome] = await pull([{ type: 'events', format: 'csv' }]);
      expect(failedCode(outcome)).toBe(code);
      expect(snapshot()).toEqual(before);
      const partialAfter: string[] = await readdir(join(cache.dir, 'partial')).catch(() => []);
      if (resumable.has(label)) expect(partialAfter.filter((f) => !partialBefore.includes(f)).every((f) => /^job-.*\.part(\.resume\.json)?$/.test(f))).toBe(true);
      else expect(partialAfter).toEqual(partialBefore);
    });

    it.each([
      ['kt_live_wrong', 'bad-token'],
      ['kt_sample_noscope', 'no-scope'],
    ])('a token %s', async (token, code) => {
      const before = snapshot();
      const [outcome] = await pull([{ type: 'events', format: 'csv' }], { token });
      expect(failedCode(outcome)).toBe(code);
      expect(snapshot()).toEqual(before);
    });

    it('a cancelled pull stops with cancelled and adds nothing', async () => {
      const before = snapshot();
      const controller = new AbortController();
      api.knobs.jobDurationMs = 2_000;
      setTimeout(() => controller.abort(), 100);
      const error = await pull([{ type: 'events', format: 'csv' }], { signal: controller.signal }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('cancelled');
      expect(snapshot()).toEqual(before);
    });
  });
});
