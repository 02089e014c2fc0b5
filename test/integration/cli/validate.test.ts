import { Ajv } from 'ajv';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_TITLES } from '../../../electron/core/validate';
import { defaultDataConfig, HOUR_MS, type DataConfig } from '../../../electron/sample-api/data-config';
import { exportFilename, serializeExport } from '../../../electron/sample-api/format';
import { recordsInWindow, withoutTimes } from '../../../electron/sample-api/generate';
import { jobToJson } from '../../../electron/sample-api/jobs';
import type { SampleApi } from '../../../electron/sample-api/server';
import type { PullOutcomeView } from '../../../shared/bridge/types';
import type { ExportType } from '../../../shared/domain';
import { ValidationReport } from '../../../shared/schemas/validation';
import { startTestApi } from '../../support/sample-api';
import { ensureBuilt, json, runCli, tempDir, type CliRun } from './helpers';

// `evidence validate` on real export files written to a temp folder, and on a cache filled by a real pull.

const NOW = Date.parse('2026-03-20T10:30:00Z');
const AT = '2026-03-20T10:30:00Z';
const WINDOW = ['--from', '2026-03-20T08:30:00Z', '--to', AT];
// The data is from March 2026; measured from today, the default 720 h retention would always warn.
const KEEP = ['--retention-hours', '100000'];
/** One environment and one config version throughout: a scope that names them passes every check. */
const steady = defaultDataConfig(7, NOW, { eventsPerHour: 100, environments: { production: 1 }, rollout: { fromVersion: '0.1.0', toVersion: '0.2.0', at: { production: 0 } } });
/** The sample API's usual traffic: production and staging, each moving from 0.1.0 to 0.2.0 inside the last day. */
const rollout = defaultDataConfig(7, NOW, { eventsPerHour: 100 });

let work: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  ensureBuilt();
  work = await tempDir();
});
afterAll(() => work?.remove());

interface Written {
  path: string;
  name: string;
  text: string;
  records: Record<string, unknown>[];
}

async function writeExport(config: DataConfig, type: ExportType, hours: number, options: { dir?: string; name?: string; mangle?: (text: string) => string } = {}): Promise<Written> {
  const records = [...withoutTimes(recordsInWindow(config, type, NOW - hours * HOUR_MS, NOW))] as unknown as Record<string, unknown>[];
  const exported = [...serializeExport(type, 'csv', records as never)].join('');
  const text = options.mangle ? options.mangle(exported) : exported;
  const dir = join(work.dir, options.dir ?? `${type}-${Math.random().toString(36).slice(2)}`);
  await mkdir(dir, { recursive: true });
  const name = options.name ?? exportFilename(type, 'csv', NOW);
  const path = join(dir, name);
  await writeFile(path, text);
  return { path, name, text, records };
}

/** A job as the API would answer it for a file, with what it declares overridable. */
async function writeJob(file: Written, artifact: Record<string, unknown> = {}): Promise<string> {
  const job = {
    id: 'job_01JTEST',
    type: 'events',
    format: 'csv',
    status: 'completed',
    window: { from: '2026-03-20T08:30:00Z', to: AT },
    created_at: '2026-03-20T10:29:58Z',
    started_at: '2026-03-20T10:29:59Z',
    completed_at: '2026-03-20T10:30:01Z',
    expires_at: '2026-03-27T10:30:01Z',
    artifact: {
      filename: file.name,
      content_type: 'text/csv',
      size_bytes: Buffer.byteLength(file.text),
      sha256: createHash('sha256').update(file.text).digest('hex'),
      record_count: file.records.length,
      storage: 'local',
      ...artifact,
    },
    error: null,
  };
  const path = join(work.dir, `job-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(path, JSON.stringify(job, null, 2));
  return path;
}

const validate = (args: string[]) => runCli(['validate', ...args]);
const report = (run: CliRun) => json<ValidationReport>(run);
const check = (doc: ValidationReport, id: string) => [...doc.files.flatMap((f) => f.checks), ...doc.checks].find((c) => c.id === id)!;

describe('evidence validate FILE…', () => {
  it('passes a clean export with its job: every check listed, exit 0', async () => {
    const events = await writeExport(steady, 'events', 2);
    const job = await writeJob(events);
    const requestId = String(events.records[0]!.request_id);
    const run = await validate([events.path, ...WINDOW, '--env', 'production', '--config-version', '0.2.0', '--request-id', requestId, '--job', job, ...KEEP]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`\n\n${events.name}\n  events CSV, ${events.records.length} records, `);
    for (const title of Object.values(CHECK_TITLES)) expect(run.stdout).toMatch(new RegExp(`\\n  PASS  ${title}: `));
    expect(run.stdout).toMatch(/PASS {2}Integrity: The size, sha256, record count match what job job_01JTEST\s+declared/);
    expect(run.stdout).toContain(`${requestId} (request) → found in`);
    expect(run.stdout).not.toMatch(/\n {8}→ /);
    expect(run.stdout.endsWith('\nOverall: PASS — 12 passed, 0 warnings, 0 failed, 0 skipped\n')).toBe(true);
    expect(Math.max(...run.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
  });

  it('exits 1 when the worst is a warning: a config rollout inside the window', async () => {
    const events = await writeExport(rollout, 'events', 24);
    const run = await validate([events.path, '--since', '24h', '--at', AT, ...KEEP]);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/\n {2}WARN {2}Config version: The scope expects no particular version, and several\n {8}ran: /);
    expect(run.stdout).toMatch(/\n {8}→ A rollout inside the window is expected evidence, not an error/);
    expect(run.stdout).not.toMatch(/\n {2}FAIL /);
    expect(run.stdout).toMatch(/\nOverall: WARN — \d+ passed, 1 warning, 0 failed, \d+ skipped\n$/);
  });

  it('exits 2 on failures, printing what to do and where the problems are', async () => {
    const renamed = await writeExport(steady, 'events', 2, { name: 'events-for-review.csv' });
    const lfEnded = await writeExport(steady, 'escalations', 2, { mangle: (text) => text.replaceAll('\r\n', '\n') });
    const run = await validate([renamed.path, lfEnded.path, ...WINDOW, ...KEEP]);
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stdout).toContain('\n\nevents-for-review.csv\n  events CSV, ');
    expect(run.stdout).toMatch(/\n {2}FAIL {2}Filename timestamp: "events-for-review\.csv" has no automatic timestamp/);
    expect(run.stdout).toMatch(/\n {8}→ Use the file exactly as the export downloaded it;/);
    expect(run.stdout).toMatch(/\n {2}FAIL {2}Format conformance: /);
    expect(run.stdout).toMatch(/\n {8}→ Use the file exactly as downloaded: opening and saving it in a/);
    expect(run.stdout).toMatch(/\n {8}· line 1, byte \d+: /);
    expect(run.stdout).toMatch(/\nOverall: FAIL — \d+ passed, \d+ warnings?, [1-9]\d* failed, \d+ skipped\n$/);
  });

  it('prints the report itself with --json, valid against the schema', async () => {
    const events = await writeExport(rollout, 'events', 24);
    const escalations = await writeExport(rollout, 'escalations', 24, { dir: 'json-set' });
    const escalationId = String(escalations.records[0]!.id);
    const run = await validate([events.path, escalations.path, '--from', '2026-03-19', '--to', '2026-03-19', '--escalation-id', `${escalationId},esc_nowhere`, '--types', 'events,escalations,traces', '--json']);
    expect(run.stderr).toBe('');
    const doc = report(run);
    const ajv = new Ajv({ strict: true });
    expect(ajv.validate(ValidationReport, doc), ajv.errorsText()).toBe(true);
    expect(run.code).toBe({ pass: 0, warn: 1, fail: 2 }[doc.overall]);
    expect(doc.scope).toEqual({
      window: { from: '2026-03-19T00:00:00.000Z', to: '2026-03-20T00:00:00.000Z' },
      types: ['events', 'escalations', 'traces'],
      request_ids: [],
      escalation_ids: [escalationId, 'esc_nowhere'],
    });
    expect(doc.files.map((f) => [f.name, f.type, f.format, f.records > 0])).toEqual([
      [events.name, 'events', 'csv', true],
      [escalations.name, 'escalations', 'csv', true],
    ]);
    expect(doc.xref.escalation_ids.map((e) => [e.id, e.status])).toEqual([
      [escalationId, 'complete'],
      ['esc_nowhere', 'missing'],
    ]);
    expect(doc.limitations.map((l) => [l.kind, l.type])).toEqual([['missing-type', 'traces']]);
    expect(doc.settings.retention_hours).toBe(720);
  });

  it('fails integrity when the file is not what its --job declared', async () => {
    const events = await writeExport(steady, 'events', 2);
    const job = await writeJob(events, { sha256: 'f'.repeat(64), record_count: events.records.length + 1 });
    const run = await validate([events.path, ...WINDOW, '--job', job, ...KEEP]);
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stdout).toMatch(/\n {2}FAIL {2}Integrity: The file differs from what job job_01JTEST declared:/);
    expect(run.stdout).toMatch(/\n {8}→ Download the export again;/);
    const doc = report(await validate([events.path, ...WINDOW, '--job', job, ...KEEP, '--json']));
    expect(check(doc, 'integrity')).toMatchObject({ status: 'fail', evidence: { job_id: 'job_01JTEST', declared: { sha256: 'f'.repeat(64), records: events.records.length + 1 } } });
    expect(doc.files[0]!.job_id).toBe('job_01JTEST');
  });

  it('resolves --since against --at, in UTC', async () => {
    const events = await writeExport(steady, 'events', 2);
    const doc = report(await validate([events.path, '--since', '6h', '--at', '2026-03-20T12:30:00+02:00', '--json']));
    expect(doc.scope.window).toEqual({ relative: '6h', from: '2026-03-20T04:30:00.000Z', to: '2026-03-20T10:30:00.000Z' });
    expect(doc.files[0]!.coverage).toMatchObject({ from: '2026-03-20T04:30:00.000Z', to: '2026-03-20T10:30:00.000Z', before_window: 0, after_window: 0 });
    expect(check(doc, 'time-coverage').status).toBe('warn');
  });

  it('exits 3 when a file cannot be read', async () => {
    const missing = join(work.dir, 'keeptrusts-events-20260320T103000Z.csv');
    for (const flags of [[], ['--type', 'events', '--format', 'csv']]) {
      const run = await validate([missing, ...WINDOW, ...flags]);
      expect(run.code).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^evidence: .*keeptrusts-events-20260320T103000Z\.csv could not be read \(ENOENT\)\.\n {2}Check that the file exists/);
    }
    const folder = await validate([work.dir, ...WINDOW]);
    expect(folder.code).toBe(3);
    expect(folder.stderr).toContain('could not be read (EISDIR)');
  });
});

describe('evidence validate usage errors exit 64', () => {
  let file: string;
  let notes: string;
  let strayJob: string;
  beforeAll(async () => {
    file = (await writeExport(steady, 'events', 1)).path;
    notes = join(work.dir, 'notes.csv');
    await writeFile(notes, 'name,age\r\nx,1\r\n');
    strayJob = await writeJob({ path: '', name: 'keeptrusts-events-20260101T000000Z.csv', text: '', records: [] });
  });

  it.each([
    [[], 'evidence validate needs the review window (--since, or --from and --to).', '--since W'],
    [['--since', '6h', '--from', '2026-03-19', '--to', '2026-03-19'], 'Give --since or --from/--to, not both.', '--from D --to D'],
    [['--from', '2026-03-19'], '--from and --to go together.', '--to'],
    [['--from', '2026-03-19', '--to', '2026-03-19', '--at', AT], '--at goes with --since: it is where a relative window ends.', 'drop --at'],
    [['--since', '2d'], '--since "2d" is not a window the API offers.', '1h, 6h, 24h, 7d, 30d'],
    [['--since', '6h', '--at', '2026-03-20'], '--at "2026-03-20" is not an instant.', 'RFC 3339'],
    [['--from', '2026-03-20', '--to', '2026-03-19'], '--from must be before --to.', 'Swap them'],
    [['--since', '6h', '--retention-hours', '0'], '--retention-hours must be a whole number from 1 to 100,000.', 'KEEPTRUSTS_EVENT_RETENTION_HOURS'],
    [['--since', '6h', '--request-id', 'req 1'], '--request-id "req 1" is not an ID.', 'without spaces'],
    [['--since', '6h', '--escalation-id', ','], '--escalation-id needs a value.', '--escalation-id A,B'],
    [['--since', '6h', '--types', 'events,logs'], 'Unknown export type "logs".', 'audit-log'],
    [['--since', '6h', '--artifact', '3'], '--artifact goes with --cached.', '--cached'],
    [['--since', '6h', '--cached'], 'Give FILEs or --cached, not both.', 'evidence validate --cached'],
    [['--since', '6h', '--type', 'logs'], 'Unknown export type "logs".', 'events'],
  ])('%j', async (flags, message, hint) => {
    const run = await validate([file, ...flags]);
    expect(run.code, run.stderr).toBe(64);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith(`evidence: ${message}\n  `), run.stderr).toBe(true);
    expect(run.stderr).toContain(hint);
  });

  it('needs FILEs or --cached', async () => {
    const run = await validate(['--since', '6h']);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/^evidence: evidence validate needs at least one FILE, or --cached\./);
  });

  it('names a file whose type cannot be recognised, and says to pass --type', async () => {
    const run = await validate([notes, '--since', '6h']);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(`evidence: ${notes}: the export type cannot be recognised`);
    expect(run.stderr).toContain('Pass --type');
  });

  it('refuses a --job that matches none of the files', async () => {
    const run = await validate([file, '--since', '6h', '--job', strayJob]);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(`The job file ${strayJob} (job job_01JTEST) matches none of the files: its artifact is keeptrusts-events-20260101T000000Z.csv.`);
  });

  it('exits 3 for a --job file that cannot be read', async () => {
    const run = await validate([file, '--since', '6h', '--job', join(work.dir, 'no-such-job.json')]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('no-such-job.json could not be read (ENOENT)');
  });

  it('answers with a JSON error document under --json', async () => {
    const run = await validate([file, '--since', '2d', '--json']);
    expect(run.code).toBe(64);
    expect(json(run)).toEqual({ error: { code: 'invalid-request', message: '--since "2d" is not a window the API offers.', hint: expect.any(String) }, exitCode: 64 });
  });
});

describe('evidence validate --cached', () => {
  let api: SampleApi;
  let cacheDir: string;
  let pulled: Extract<PullOutcomeView, { status: 'pulled' }>;
  const TOKEN_ENV = 'EVIDENCE_TEST_TOKEN';
  beforeAll(async () => {
    api = await startTestApi({ data: { eventsPerHour: 120 } });
    cacheDir = join(work.dir, 'cache');
    const run = await runCli(['pull', '--api', api.url, '--token-env', TOKEN_ENV, '--cache', cacheDir, '--type', 'events', '--since', '6h', '--json'], { env: { [TOKEN_ENV]: api.token } });
    if (run.code !== 0) throw new Error(`pull failed: ${run.stderr}`);
    const outcome = json<{ outcomes: PullOutcomeView[] }>(run).outcomes[0]!;
    if (outcome.status !== 'pulled') throw new Error(`not pulled: ${JSON.stringify(outcome)}`);
    pulled = outcome;
  });
  afterAll(() => api?.close());

  it('validates the pulled file against the job it was pulled as', async () => {
    const run = await validate(['--cached', '--cache', cacheDir, '--since', '6h', '--at', AT, ...KEEP, '--json']);
    const doc = report(run);
    expect(run.code).toBe({ pass: 0, warn: 1, fail: 2 }[doc.overall]);
    expect(doc.files.map((f) => [f.name, f.job_id, f.sha256])).toEqual([[pulled.filename, pulled.jobId, pulled.sha256]]);
    expect(check(doc, 'integrity')).toMatchObject({ status: 'pass', evidence: { job_id: pulled.jobId } });
    expect(check(doc, 'filename-timestamp').status).toBe('pass');

    const human = await validate(['--cached', '--cache', cacheDir, '--artifact', '1', '--since', '6h', '--at', AT, ...KEEP]);
    expect(human.stdout).toMatch(new RegExp(`\\n {2}PASS {2}Integrity: The size, sha256, record count match what job\\s+${pulled.jobId} declared`));
  });

  it('checks the same stored file given on disk with --job, the job saved from the API', async () => {
    const job = join(work.dir, 'pulled-job.json');
    await writeFile(job, JSON.stringify(jobToJson(api.jobs.get(pulled.jobId)!)));
    const stored = join(cacheDir, 'artifacts', pulled.sha256, pulled.filename);
    const doc = report(await validate([stored, '--since', '6h', '--at', AT, '--job', job, ...KEEP, '--json']));
    expect(check(doc, 'integrity').status).toBe('pass');
    expect(doc.files[0]!.job_id).toBe(pulled.jobId);
  });

  it('says so when an --artifact id is not in the cache', async () => {
    const run = await validate(['--cached', '--cache', cacheDir, '--artifact', '99', '--since', '6h']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('No export file with id 99 in this workspace.');
  });
});
