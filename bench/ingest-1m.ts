import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../electron/core/cache/database';
import { ingestArtifact } from '../electron/core/ingest/ingest';
import { writeArtifact } from '../electron/sample-api/artifact';
import { defaultDataConfig, HOUR_MS } from '../electron/sample-api/data-config';
import { recordsInWindow, withoutTimes } from '../electron/sample-api/generate';
import type { ExportFormat } from '../shared/domain';
import { startMeasuring, type Figure } from './measure';
import { highWaterMb, measureInChild, sqliteImport } from './support';

const NOW = Date.parse('2026-03-20T10:30:00Z');
/** Marks the process that runs one measured ingest (this file bundled as dist/bench/ingest-1m.mjs). */
const CHILD_FLAG = '--bench-ingest-child';

/** What one measured ingest reports. */
interface IngestRun {
  records: number;
  seconds: number;
  peakRssMb: number;
  startRssMb: number;
  maxLoopDelayMs: number;
}

/** In the child: ingests one file into a fresh cache, as the app does, and measures it. */
async function ingestOnce(format: ExportFormat, file: string, dir: string): Promise<IngestRun> {
  const db = openDatabase(join(dir, `cache-${format}.sqlite`));
  db.prepare("INSERT INTO workspaces (id, name, kind, api_base_url, created_at) VALUES ('w', 'Bench', 'offline', NULL, '2026-03-20T00:00:00Z')").run();
  const artifactId = Number(
    db
      .prepare("INSERT INTO artifacts (workspace_id, type, format, path, original_filename, bytes, sha256, source, provenance_json, added_at) VALUES ('w', 'events', ?, ?, 'f', ?, ?, 'imported', '{}', 'now')")
      .run(format, file, (await stat(file)).size, '0'.repeat(64)).lastInsertRowid,
  );
  const startRssMb = process.memoryUsage().rss / 1024 / 1024;
  const measure = startMeasuring();
  const result = await ingestArtifact(db, { artifactId, type: 'events', format, file });
  const took = await measure.finish();
  db.close();
  const peak = Math.max(took.peakRssMb, (await highWaterMb()) ?? 0);
  return { records: result.records, seconds: took.seconds, peakRssMb: peak, startRssMb, maxLoopDelayMs: took.maxLoopDelayMs };
}

function measureInFreshProcess(format: ExportFormat, file: string, dir: string): Promise<IngestRun> {
  return measureInChild<IngestRun>(fileURLToPath(new URL('./ingest-1m.mjs', import.meta.url)), [CHILD_FLAG, format, file, dir], `${format} ingest`);
}

/**
 * Ingests a 1,000,000-event export (CSV and JSON) into a fresh cache, each in a fresh process, and
 * times the Debian sqlite3 CLI's `.import` of the same CSV as the baseline, in the same run.
 */
export async function benchIngest1m(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-ingest-bench-'));
  const config = defaultDataConfig(1, NOW, { eventsPerHour: 41_667 });
  const figures: Figure[] = [];
  try {
    const files: Record<ExportFormat, string> = { csv: '', json: '' };
    for (const format of ['csv', 'json'] as const) {
      const artifact = await writeArtifact(dir, 'bench', 'events', format, withoutTimes(recordsInWindow(config, 'events', NOW - 24 * HOUR_MS, NOW)), NOW);
      files[format] = artifact.path;
    }
    const baselineIndexed = sqliteImport(files.csv, dir, true);
    const baselinePlain = sqliteImport(files.csv, dir, false);
    figures.push(
      { name: 'sqlite3 .import, same columns and indexes as records', value: baselineIndexed, unit: 's' },
      { name: 'sqlite3 .import, no indexes (for reference)', value: baselinePlain, unit: 's' },
    );
    for (const format of ['csv', 'json'] as const) {
      const run = await measureInFreshProcess(format, files[format], dir);
      const F = format.toUpperCase();
      figures.push(
        { name: `${F} ingest (parse + insert), ${run.records.toLocaleString('en-US')} records`, value: run.seconds, unit: 's' },
        { name: `${F} ingest rate`, value: Math.round(run.records / run.seconds), unit: 'records/s' },
        { name: `${F} ingest rate ÷ sqlite3 .import rate (same schema)`, value: Number((baselineIndexed / run.seconds).toFixed(2)), unit: '×', target: { min: 0.75 } },
        { name: `${F} ingest rate ÷ sqlite3 .import rate (no indexes)`, value: Number((baselinePlain / run.seconds).toFixed(2)), unit: '×' },
        { name: `${F} ingest process: RSS before the ingest`, value: run.startRssMb, unit: 'MB' },
        { name: `${F} ingest peak RSS`, value: run.peakRssMb, unit: 'MB', target: { max: 250 } },
        { name: `${F} ingest worst event-loop stall`, value: run.maxLoopDelayMs, unit: 'ms', target: { max: 100 } },
      );
    }
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === CHILD_FLAG) {
  const [format, file, dir] = process.argv.slice(3) as [ExportFormat, string, string];
  process.stdout.write(`${JSON.stringify(await ingestOnce(format, file, dir))}\n`);
}
