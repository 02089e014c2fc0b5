import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeArtifact } from '../electron/sample-api/artifact';
import { defaultDataConfig, HOUR_MS } from '../electron/sample-api/data-config';
import { recordsInWindow, withoutTimes } from '../electron/sample-api/generate';
import { validateExports } from '../electron/core/validate';
import type { ExportFormat } from '../shared/domain';
import { startMeasuring, type Figure } from './measure';
import { highWaterMb, measureInChild, sqliteImport } from './support';

const NOW = Date.parse('2026-03-20T10:30:00Z');
const CHILD_FLAG = '--bench-validate-child';

interface ValidateRun {
  records: number;
  overall: string;
  seconds: number;
  peakRssMb: number;
  maxLoopDelayMs: number;
}

/** In the child: validates one file against a day's scope with every check in play, as the app does. */
async function validateOnce(format: ExportFormat, file: string): Promise<ValidateRun> {
  const measure = startMeasuring();
  const report = await validateExports(
    [{ path: file, name: basename(file).replace(/^bench-/, ''), type: 'events', format, job: null }],
    {
      window: { relative: '24h', from: new Date(NOW - 24 * HOUR_MS).toISOString(), to: new Date(NOW).toISOString() },
      environment: 'production',
      config_version: '0.2.0',
      types: ['events'],
      request_ids: ['req_0000000000000000', 'req_ffffffffffffffff'],
      escalation_ids: ['esc_0'],
    },
    { now: NOW },
  );
  const took = await measure.finish();
  const peak = Math.max(took.peakRssMb, (await highWaterMb()) ?? 0);
  return { records: report.files[0]!.records, overall: report.overall, seconds: took.seconds, peakRssMb: peak, maxLoopDelayMs: took.maxLoopDelayMs };
}

/**
 * Validates a 1,000,000-event export (CSV, and JSON for reference), each in a fresh process, against the
 * sqlite3 CLI's `.import` of the same CSV timed in the same run: validation must not be slower than
 * merely loading the file into a table with no indexes.
 */
export async function benchValidate1m(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-validate-bench-'));
  const config = defaultDataConfig(1, NOW, { eventsPerHour: 41_667 });
  try {
    const files: Record<ExportFormat, string> = { csv: '', json: '' };
    for (const format of ['csv', 'json'] as const) {
      files[format] = (await writeArtifact(dir, 'bench', 'events', format, withoutTimes(recordsInWindow(config, 'events', NOW - 24 * HOUR_MS, NOW)), NOW)).path;
    }
    const entry = fileURLToPath(new URL('./validate-1m.mjs', import.meta.url));
    const csv = await measureInChild<ValidateRun>(entry, [CHILD_FLAG, 'csv', files.csv], 'CSV validation');
    const plain = sqliteImport(files.csv, dir, false);
    const indexed = sqliteImport(files.csv, dir, true);
    const json = await measureInChild<ValidateRun>(entry, [CHILD_FLAG, 'json', files.json], 'JSON validation');
    return [
      { name: 'sqlite3 .import of the same CSV, no indexes', value: plain, unit: 's' },
      { name: 'sqlite3 .import of the same CSV, same indexes as records (for reference)', value: indexed, unit: 's' },
      { name: `CSV validation, ${csv.records.toLocaleString('en-US')} records, every check (one streaming pass)`, value: csv.seconds, unit: 's' },
      { name: 'CSV validation time ÷ sqlite3 .import time (no indexes)', value: Number((csv.seconds / plain).toFixed(2)), unit: '×', target: { max: 1 } },
      { name: 'CSV validation peak RSS', value: Math.round(csv.peakRssMb), unit: 'MB', target: { max: 250 } },
      { name: 'CSV validation worst event-loop stall', value: Math.round(csv.maxLoopDelayMs), unit: 'ms' },
      { name: `JSON validation, ${json.records.toLocaleString('en-US')} records (for reference)`, value: json.seconds, unit: 's' },
      { name: 'JSON validation peak RSS', value: Math.round(json.peakRssMb), unit: 'MB', target: { max: 250 } },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === CHILD_FLAG) {
  const [format, file] = process.argv.slice(3) as [ExportFormat, string];
  process.stdout.write(`${JSON.stringify(await validateOnce(format, file))}\n`);
}
