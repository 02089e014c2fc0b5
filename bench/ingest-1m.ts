import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/core/cache/database';
import { ingestArtifact } from '../electron/core/ingest/ingest';
import { writeArtifact } from '../electron/sample-api/artifact';
import { defaultDataConfig, HOUR_MS } from '../electron/sample-api/data-config';
import { recordsInWindow, withoutTimes } from '../electron/sample-api/generate';
import type { ExportFormat } from '../shared/domain';
import { startMeasuring, type Figure } from './measure';

const NOW = Date.parse('2026-03-20T10:30:00Z');

/** `sqlite3 .import` of the CSV into a table of its columns with the same indexes as `records`. */
function sqliteImport(csv: string, dir: string, indexed: boolean): number {
  const db = join(dir, `import-${indexed ? 'indexed' : 'plain'}.sqlite`);
  const indexes = indexed
    ? `CREATE INDEX i_time ON events(timestamp); CREATE INDEX i_req ON events(request_id) WHERE request_id <> '';
       CREATE INDEX i_esc ON events(escalation_id) WHERE escalation_id <> ''; CREATE INDEX i_verdict ON events(verdict, timestamp);
       CREATE INDEX i_env ON events(environment, timestamp);`
    : '';
  // Dot-commands must start their own line.
  const script = [
    'PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;',
    'CREATE TABLE events (id TEXT, event_type TEXT, timestamp TEXT, verdict TEXT, reason_code TEXT, model TEXT, provider TEXT, config_version TEXT, environment TEXT, request_id TEXT, escalation_id TEXT) STRICT;',
    indexes,
    '.mode csv',
    `.import --skip 1 ${csv} events`,
    '',
  ].join('\n');
  const started = performance.now();
  const result = spawnSync('sqlite3', [db], { input: script, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`sqlite3 .import failed: ${result.stderr}`);
  return (performance.now() - started) / 1000;
}

/**
 * Ingests a 1,000,000-event export (CSV and JSON) into a fresh cache and times the Debian sqlite3 CLI's
 * `.import` of the same CSV as the baseline, in the same run.
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
      const db = openDatabase(join(dir, `cache-${format}.sqlite`));
      db.prepare("INSERT INTO workspaces VALUES ('w', 'Bench', 'offline', NULL, '2026-03-20T00:00:00Z')").run();
      const artifactId = Number(
        db
          .prepare("INSERT INTO artifacts (workspace_id, type, format, path, original_filename, bytes, sha256, source, provenance_json, added_at) VALUES ('w', 'events', ?, ?, 'f', ?, ?, 'imported', '{}', 'now')")
          .run(format, files[format], (await stat(files[format])).size, '0'.repeat(64)).lastInsertRowid,
      );
      const measure = startMeasuring();
      const result = await ingestArtifact(db, { artifactId, type: 'events', format, file: files[format] });
      const took = measure.stop();
      db.close();
      const rate = result.records / took.seconds;
      figures.push(
        { name: `${format.toUpperCase()} ingest (parse + insert), ${result.records.toLocaleString('en-US')} records`, value: took.seconds, unit: 's' },
        { name: `${format.toUpperCase()} ingest rate`, value: Math.round(rate), unit: 'records/s' },
        {
          name: `${format.toUpperCase()} ingest rate ÷ sqlite3 .import rate (same schema)`,
          value: Number((baselineIndexed / took.seconds).toFixed(2)),
          unit: '×',
          target: { min: 0.75 },
        },
        { name: `${format.toUpperCase()} ingest rate ÷ sqlite3 .import rate (no indexes)`, value: Number((baselinePlain / took.seconds).toFixed(2)), unit: '×' },
        { name: `${format.toUpperCase()} ingest peak RSS`, value: took.peakRssMb, unit: 'MB', target: { max: 250 } },
        { name: `${format.toUpperCase()} ingest worst event-loop stall`, value: took.maxLoopDelayMs, unit: 'ms', target: { max: 100 } },
      );
    }
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
