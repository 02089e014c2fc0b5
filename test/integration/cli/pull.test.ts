import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SampleApi } from '../../../electron/sample-api/server';
import type { PullOutcomeView } from '../../../shared/bridge/types';
import { startTestApi } from '../../support/sample-api';
import { ensureBuilt, inCache, json, runCli, startCli, storedFiles, tempDir, type CliRun } from './helpers';

// `evidence pull` as a person or a script runs it: the built CLI in a child process, the real sample API, a real cache.

let api: SampleApi;
let cache: Awaited<ReturnType<typeof tempDir>>;
const TOKEN_ENV = 'EVIDENCE_TEST_TOKEN';
beforeAll(() => ensureBuilt());
beforeEach(async () => {
  api = await startTestApi({ data: { eventsPerHour: 120 } });
  cache = await tempDir();
});
afterEach(async () => {
  await api.close();
  await cache.remove();
});

const pull = (flags: string[], token = api.token) => runCli(['pull', '--api', api.url, '--token-env', TOKEN_ENV, '--cache', cache.dir, ...flags], { env: { [TOKEN_ENV]: token } });
const outcomesOf = (run: CliRun) => json<{ outcomes: PullOutcomeView[]; summary: Record<string, number>; exitCode: number }>(run);
const expectNoToken = (run: CliRun, token: string) => {
  expect(run.stdout).not.toContain(token);
  expect(run.stderr).not.toContain(token);
};

describe('evidence pull', () => {
  it('pulls several types in one run: files kept byte for byte, records in the cache, one JSON document out', async () => {
    const run = await pull(['--type', 'events', '--type', 'escalations,traces', '--format', 'csv,traces=json', '--since', '6h', '--reviewer', 'Ana Silva', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const doc = outcomesOf(run);
    expect(doc).toMatchObject({
      workspace: { id: `api:${api.url}`, apiBaseUrl: `${api.url}/` },
      cacheDir: cache.dir,
      window: { time_window: '6h' },
      summary: { pulled: 3, duplicate: 0, failed: 0 },
      exitCode: 0,
    });
    expect(doc.outcomes.map((o) => [o.type, o.format, o.status])).toEqual([
      ['events', 'csv', 'pulled'],
      ['escalations', 'csv', 'pulled'],
      ['traces', 'json', 'pulled'],
    ]);
    for (const outcome of doc.outcomes) {
      if (outcome.status !== 'pulled') throw new Error('unreachable');
      const job = api.jobs.get(outcome.jobId)!;
      expect(outcome).toMatchObject({ sha256: job.artifact!.sha256, records: job.artifact!.recordCount, filename: job.artifact!.filename });
      const stored = readFileSync(join(cache.dir, 'artifacts', outcome.sha256, outcome.filename));
      expect(createHash('sha256').update(stored).digest('hex')).toBe(outcome.sha256);
    }
    expect(storedFiles(cache.dir)).toHaveLength(3);
    const { records, provenance } = inCache(cache.dir, (db) => ({
      records: db.prepare('SELECT type, count(*) AS n FROM records GROUP BY type ORDER BY type').all(),
      provenance: (db.prepare('SELECT provenance_json FROM artifacts ORDER BY id').all() as { provenance_json: string }[]).map((r) => JSON.parse(r.provenance_json) as Record<string, unknown>),
    }));
    expect(records).toEqual(
      doc.outcomes
        .map((o) => ({ type: o.type, n: o.status === 'pulled' ? o.records : 0 }))
        .sort((a, b) => a.type.localeCompare(b.type)),
    );
    expect(provenance.every((p) => p.kind === 'pulled' && /^Ana Silva \(.+\)$/.test(String(p.pulled_by)))).toBe(true);
    expectNoToken(run, api.token);
    expect(readFileSync(join(cache.dir, 'cache.sqlite')).includes(api.token)).toBe(false);
  });

  it('prints a table for people, and recognises the same export the second time', async () => {
    const first = await pull(['--type', 'audit-log', '--since', '6h']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^TYPE\s+FORMAT\s+STATUS\s+RECORDS\s+JOB\s+FILE\naudit-log\s+csv\s+pulled\s+[\d,]+\s+job_\w+\s+keeptrusts-audit-log-\d{8}T\d{6}Z\.csv\n1 pulled/);
    const again = await pull(['--type', 'audit-log', '--since', '6h', '--json']);
    expect(again.code).toBe(0);
    expect(outcomesOf(again).outcomes.map((o) => o.status)).toEqual(['duplicate']);
    expect(storedFiles(cache.dir)).toHaveLength(1);
  });

  it('sends a fixed window and the environment filter to the API', async () => {
    const run = await pull(['--type', 'events', '--from', '2026-03-19', '--to', '2026-03-19', '--env', 'production', '--format', 'json', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const [outcome] = outcomesOf(run).outcomes;
    if (outcome?.status !== 'pulled') throw new Error(`not pulled: ${JSON.stringify(outcome)}`);
    const job = api.jobs.get(outcome.jobId)!;
    expect(job.filters).toEqual({ environment: 'production' });
    expect(job.window).toEqual({ from: Date.parse('2026-03-19T00:00:00Z'), to: Date.parse('2026-03-20T00:00:00Z') });
    const environments = inCache(cache.dir, (db) => db.prepare('SELECT DISTINCT environment FROM records').all());
    expect(environments).toEqual([{ environment: 'production' }]);
  });

  it('exits 3 on a wrong token, with the core message and hint, and never shows the token', async () => {
    const wrong = 'kt_live_wrong_token_0123456789';
    for (const flags of [['--type', 'events,traces'], ['--type', 'events', '--json']]) {
      const run = await pull(flags, wrong);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('Keeptrusts did not accept the API token.');
      expect(run.stderr).toContain(`The token was read from $${TOKEN_ENV}.`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expectNoToken(run, wrong);
    }
    expect(storedFiles(cache.dir)).toEqual([]);
  });

  it('exits 1 when one export fails and another succeeds', async () => {
    // The first job's status checks all fail (4 attempts, no wait); the second job's do not.
    api.knobs.faults.push({ route: 'get-job', kind: 'status', status: 503, retryAfterSeconds: 0, times: 4 });
    const run = await pull(['--type', 'events,escalations', '--json']);
    expect(run.code, run.stderr).toBe(1);
    const doc = outcomesOf(run);
    expect(doc.outcomes.map((o) => o.status)).toEqual(['failed', 'pulled']);
    expect(doc).toMatchObject({ summary: { pulled: 1, duplicate: 0, failed: 1 }, exitCode: 1 });
    const failed = doc.outcomes[0]!;
    if (failed.status !== 'failed') throw new Error('unreachable');
    expect(run.stderr).toContain(`evidence: events: ${failed.error.message}\n  ${failed.error.hint}`);
    expect(storedFiles(cache.dir)).toHaveLength(1);
  });

  it('exits 3 when the API cannot be reached', async () => {
    await api.close();
    const run = await pull(['--type', 'events']);
    api = await startTestApi();
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Could not reach the Keeptrusts API');
  });

  it('exits 130 on Ctrl-C during a slow pull, leaving no new artifact in the cache', async () => {
    const first = await pull(['--type', 'escalations', '--since', '1h']);
    expect(first.code, first.stderr).toBe(0);
    const before = { files: storedFiles(cache.dir), rows: inCache(cache.dir, (db) => db.prepare('SELECT id, sha256 FROM artifacts ORDER BY id').all()) };

    api.knobs.jobDurationMs = 60_000;
    const jobsBefore = api.jobs.all().length;
    const { child, done } = startCli(['pull', '--api', api.url, '--token-env', TOKEN_ENV, '--cache', cache.dir, '--type', 'events,traces'], { env: { [TOKEN_ENV]: api.token } });
    for (let i = 0; api.jobs.all().length === jobsBefore; i++) {
      if (i > 1000) throw new Error('the CLI never created its job');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const sentAt = Date.now();
    child.kill('SIGINT');
    const run = await done;
    expect(run.code, run.stderr).toBe(130);
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    expect(run.stderr).toMatch(/^evidence: Cancelled/);
    expect({ files: storedFiles(cache.dir), rows: inCache(cache.dir, (db) => db.prepare('SELECT id, sha256 FROM artifacts ORDER BY id').all()) }).toEqual(before);
  });
});
