import type { Database } from 'better-sqlite3';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/core/cache/database';
import { countRecords, queryRecords, type RecordFilter, type RecordQuery } from '../electron/core/cache/records';
import { ingestArtifact } from '../electron/core/ingest/ingest';
import { writeArtifact } from '../electron/sample-api/artifact';
import { defaultDataConfig, HOUR_MS } from '../electron/sample-api/data-config';
import { recordsInWindow, withoutTimes } from '../electron/sample-api/generate';
import type { Figure } from './measure';

const NOW = Date.parse('2026-03-20T10:30:00Z');
const WORKSPACE = 'bench';
/** Timed runs per measure (after one untimed run that warms SQLite's page cache). */
const RUNS = 11;
/** Rows per page, as the records browser asks. */
const PAGE = 200;
/** The browsing target: the records of one request, counted or listed, in under this. */
const REQUEST_ID_TARGET_MS = 100;

/** A day of events (about 1,000,000) from the sample API's generator, as CSV, ingested into a fresh cache the way an import does. */
async function cacheOfAMillion(dir: string): Promise<{ db: Database; records: number }> {
  const config = defaultDataConfig(1, NOW, { eventsPerHour: 41_667 });
  const artifact = await writeArtifact(dir, 'bench', 'events', 'csv', withoutTimes(recordsInWindow(config, 'events', NOW - 24 * HOUR_MS, NOW)), NOW);
  const db = openDatabase(join(dir, 'cache.sqlite'));
  db.prepare("INSERT INTO workspaces (id, name, kind, api_base_url, created_at) VALUES (?, 'Bench', 'offline', NULL, '2026-03-20T00:00:00Z')").run(WORKSPACE);
  const artifactId = Number(
    db
      .prepare("INSERT INTO artifacts (workspace_id, type, format, path, original_filename, bytes, sha256, source, provenance_json, added_at) VALUES (?, 'events', 'csv', ?, ?, ?, ?, 'imported', '{}', 'now')")
      .run(WORKSPACE, artifact.path, artifact.filename, (await stat(artifact.path)).size, artifact.sha256).lastInsertRowid,
  );
  const { records } = await ingestArtifact(db, { artifactId, type: 'events', format: 'csv', file: artifact.path });
  return { db, records };
}

/** Values to look up, spread over the whole day (different ones on each run, so no run finds its answer cached). */
function probes(db: Database, records: number) {
  const at = (i: number) => Math.max(1, Math.floor(((i + 0.5) / (RUNS + 1)) * records));
  const requestIds = Array.from({ length: RUNS + 1 }, (_, i) => (db.prepare('SELECT request_id AS v FROM records WHERE id = ?').get(at(i)) as { v: string }).v);
  const escalationIds = Array.from(
    { length: RUNS + 1 },
    (_, i) => (db.prepare('SELECT escalation_id AS v FROM records WHERE id >= ? AND escalation_id IS NOT NULL ORDER BY id LIMIT 1').get(at(i)) as { v: string }).v,
  );
  // Ten characters from the middle of a request id: found in one record, after reading all of them.
  const texts = requestIds.map((id) => id.slice(6, 16));
  return { requestIds, escalationIds, texts };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** Median and 95th percentile of RUNS timed calls of `work(run)`, in ms; the first, untimed call warms the cache. */
function time(work: (run: number) => unknown): { median: number; p95: number } {
  work(RUNS);
  const ms: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    work(run);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { median: percentile(ms, 0.5), p95: percentile(ms, 0.95) };
}

/**
 * Browses a cache of a million event records as the records browser does (`countRecords` and
 * `queryRecords`, pages of 200): the whole list, a jump to its middle, and the filters by request id,
 * escalation id, verdict and text.
 */
export async function benchRecords1m(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-records-bench-'));
  let db: Database | null = null;
  try {
    const cache = await cacheOfAMillion(dir);
    db = cache.db;
    const { requestIds, escalationIds, texts } = probes(db, cache.records);
    const filter = (f: Omit<RecordFilter, 'workspaceId'> = {}): RecordFilter => ({ workspaceId: WORKSPACE, ...f });
    const page = (q: Omit<RecordQuery, 'workspaceId'>) => queryRecords(db!, { workspaceId: WORKSPACE, limit: PAGE, ...q });
    const count = (f: Omit<RecordFilter, 'workspaceId'>) => countRecords(db!, filter(f));
    const middle = Math.floor(cache.records / 2);
    const blocks = count({ verdict: 'block' });
    const deep = page({ offset: middle }).next!;

    const measures: [string, (run: number) => unknown, number?][] = [
      ['count, all records', () => count({})],
      [`first page (${PAGE} records)`, () => page({})],
      [`page at offset ${middle.toLocaleString('en-US')}`, () => page({ offset: middle })],
      [`next page by cursor from offset ${middle.toLocaleString('en-US')}`, () => page({ cursor: deep })],
      ['request id: count', (run) => count({ requestId: requestIds[run]! }), REQUEST_ID_TARGET_MS],
      ['request id: page', (run) => page({ requestId: requestIds[run]! }), REQUEST_ID_TARGET_MS],
      ['escalation id: count', (run) => count({ escalationId: escalationIds[run]! })],
      ['escalation id: page', (run) => page({ escalationId: escalationIds[run]! })],
      [`verdict block: count (${blocks.toLocaleString('en-US')} records)`, () => count({ verdict: 'block' })],
      ['verdict block: first page', () => page({ verdict: 'block' })],
      [`verdict block: page at offset ${Math.floor(blocks / 2).toLocaleString('en-US')}`, () => page({ verdict: 'block', offset: Math.floor(blocks / 2) })],
      [`verdict allow: count (${count({ verdict: 'allow' }).toLocaleString('en-US')} records)`, () => count({ verdict: 'allow' })],
      ['text (a request id fragment): count', (run) => count({ text: texts[run]! })],
      ['text (a request id fragment): page', (run) => page({ text: texts[run]! })],
    ];
    const figures: Figure[] = [{ name: 'records in the cache (one CSV export, ingested)', value: cache.records, unit: 'records', target: { min: 1_000_000 } }];
    for (const [name, work, max] of measures) {
      const { median, p95 } = time(work);
      figures.push(
        { name: `${name}, median of ${RUNS}`, value: Number(median.toFixed(2)), unit: 'ms', ...(max ? { target: { max } } : {}) },
        { name: `${name}, p95`, value: Number(p95.toFixed(2)), unit: 'ms', ...(max ? { target: { max } } : {}) },
      );
    }
    return figures;
  } finally {
    db?.close();
    await rm(dir, { recursive: true, force: true });
  }
}
