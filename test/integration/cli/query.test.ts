import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { SampleApi } from '../../../electron/sample-api/server';
import type { ArtifactView, RecordView } from '../../../shared/bridge/types';
import { startTestApi } from '../../support/sample-api';
import { ensureBuilt, json, runCli, tempDir } from './helpers';

// `evidence jobs`, `records` and `artifacts` over one pull made by the CLI itself.

type RecordOut = Omit<RecordView, 'raw'> & { record: Record<string, unknown> };
let api: SampleApi;
let work: Awaited<ReturnType<typeof tempDir>>;
let cacheDir: string;
const env = () => ({ EVIDENCE_TEST_TOKEN: api.token });
const records = (args: string[]) => runCli(['records', '--cache', cacheDir, ...args]);

beforeAll(async () => {
  ensureBuilt();
  api = await startTestApi({ data: { eventsPerHour: 120 } });
  work = await tempDir();
  cacheDir = join(work.dir, 'cache');
  const run = await runCli(['pull', '--api', api.url, '--token-env', 'EVIDENCE_TEST_TOKEN', '--cache', cacheDir, '--type', 'events,traces,escalations', '--since', '6h'], { env: env() });
  if (run.code !== 0) throw new Error(`pull failed: ${run.stderr}`);
});
afterAll(async () => {
  await api?.close();
  await work?.remove();
});

describe('evidence jobs', () => {
  it('lists the API export jobs, newest first, a page at a time', async () => {
    const all = await runCli(['jobs', '--api', api.url, '--token-env', 'EVIDENCE_TEST_TOKEN', '--json'], { env: env() });
    expect(all.code, all.stderr).toBe(0);
    const doc = json<{ jobs: { id: string; type: string; status: string; artifact: { record_count: number } | null }[]; nextCursor: string | null }>(all);
    expect(doc.jobs.map((j) => [j.type, j.status])).toEqual([
      ['escalations', 'completed'],
      ['traces', 'completed'],
      ['events', 'completed'],
    ]);
    expect(doc.jobs.every((j) => api.jobs.get(j.id)?.artifact?.recordCount === j.artifact?.record_count)).toBe(true);

    const page1 = json<{ jobs: { id: string }[]; nextCursor: string }>(await runCli(['jobs', '--api', api.url, '--token-env', 'EVIDENCE_TEST_TOKEN', '--limit', '2', '--json'], { env: env() }));
    expect(page1.jobs.map((j) => j.id)).toEqual(doc.jobs.slice(0, 2).map((j) => j.id));
    const page2 = await runCli(['jobs', '--api', api.url, '--token-env', 'EVIDENCE_TEST_TOKEN', '--limit', '2', '--cursor', page1.nextCursor], { env: env() });
    expect(page2.stdout).toContain(doc.jobs[2]!.id);
    expect(page2.stdout).toMatch(/^JOB\s+TYPE\s+FORMAT\s+STATUS\s+CREATED\s+RECORDS\s+SIZE\n/);
  });

  it('exits 3 on a wrong token without showing it', async () => {
    const run = await runCli(['jobs', '--api', api.url, '--token-env', 'EVIDENCE_TEST_TOKEN'], { env: { EVIDENCE_TEST_TOKEN: 'kt_live_not_it_42' } });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Keeptrusts did not accept the API token.');
    expect(run.stdout + run.stderr).not.toContain('kt_live_not_it_42');
  });
});

describe('evidence records', () => {
  it('finds every record of one request, across export types', async () => {
    const escalated = json<{ records: RecordOut[] }>(await records(['--type', 'events', '--verdict', 'escalate', '--limit', '1', '--json'])).records[0]!;
    expect(escalated.record).toMatchObject({ verdict: 'escalate', request_id: escalated.requestId });
    const run = await records(['--request-id', escalated.requestId!, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const found = json<{ workspace: { id: string }; records: RecordOut[]; nextCursor: string | null }>(run);
    expect(found.workspace.id).toBe(`api:${api.url}`);
    expect(found.nextCursor).toBeNull();
    expect(found.records.every((r) => r.requestId === escalated.requestId)).toBe(true);
    expect(new Set(found.records.map((r) => r.type))).toEqual(new Set(['events', 'traces', 'escalations']));

    const table = await records(['--request-id', escalated.requestId!]);
    expect(table.stdout).toMatch(/^TIME\s+TYPE\s+ID\s+VERDICT\s+REQUEST\s+ESCALATION\s+ENV\n/);
    expect(table.stdout).toContain(`${found.records.length} records · workspace api:${api.url}`);
  });

  it('pages with --cursor, printing the next cursor', async () => {
    const first = json<{ records: RecordOut[]; nextCursor: string }>(await records(['--type', 'escalations', '--limit', '5', '--json']));
    expect(first.records).toHaveLength(5);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = json<{ records: RecordOut[] }>(await records(['--type', 'escalations', '--limit', '5', '--cursor', first.nextCursor, '--json']));
    expect(second.records[0]!.id).toBeGreaterThan(first.records.at(-1)!.id);
    expect((await records(['--type', 'escalations', '--limit', '5'])).stdout).toContain(`More records: add --cursor ${first.nextCursor}`);
    const bad = await records(['--cursor', 'bm9wZQ']);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('The page cursor is not one this app issued.');
  });

  it('asks which workspace when the cache holds several, and says so when there is no cache', async () => {
    const other = await runCli(['import', join(work.dir, 'missing.csv'), '--cache', cacheDir]);
    expect(other.code).toBe(3);
    const run = await records(['--limit', '1']);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(`This cache holds several workspaces: api:${api.url}, offline.`);
    expect((await records(['--api', api.url, '--limit', '1'])).code).toBe(0);
    expect((await records(['--workspace', 'offline', '--json'])).stdout).toContain('"records": []');

    const none = await runCli(['records', '--cache', join(work.dir, 'no-cache-here')]);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('Nothing has been pulled or imported into the cache at');
  });
});

describe('evidence artifacts', () => {
  it('lists the pulled files with their provenance', async () => {
    const run = await runCli(['artifacts', '--cache', cacheDir, '--api', api.url, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { artifacts } = json<{ artifacts: ArtifactView[] }>(run);
    expect(artifacts.map((a) => [a.type, a.source])).toEqual([
      ['events', 'pulled'],
      ['traces', 'pulled'],
      ['escalations', 'pulled'],
    ]);
    expect(artifacts[0]!.provenance).toMatchObject({ kind: 'pulled', api_base_url: `${api.url}/` });
    const traces = await runCli(['artifacts', '--cache', cacheDir, '--api', api.url, '--type', 'traces']);
    expect(traces.stdout).toMatch(/\n1 file · workspace/);
  });
});
