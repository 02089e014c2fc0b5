import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultDataConfig, HOUR_MS } from '../../../electron/sample-api/data-config';
import { exportFilename, serializeExport } from '../../../electron/sample-api/format';
import { recordsInWindow, withoutTimes } from '../../../electron/sample-api/generate';
import type { ArtifactView, ImportOutcomeView } from '../../../shared/bridge/types';
import type { ExportFormat, ExportType } from '../../../shared/domain';
import { ensureBuilt, inCache, json, runCli, storedFiles, tempDir } from './helpers';

// `evidence import` of files carried in by hand: the built CLI against a real cache, no API involved.

const NOW = Date.parse('2026-03-20T10:30:00Z');
const config = defaultDataConfig(7, NOW, { eventsPerHour: 100 });
const exportText = (type: ExportType, format: ExportFormat) => [...serializeExport(type, format, withoutTimes(recordsInWindow(config, type, NOW - 2 * HOUR_MS, NOW)))].join('');

let work: Awaited<ReturnType<typeof tempDir>>;
let cacheDir: string;
beforeAll(() => ensureBuilt());
beforeEach(async () => {
  work = await tempDir();
  cacheDir = join(work.dir, 'cache');
});
afterEach(() => work.remove());

async function exportFile(type: ExportType, format: ExportFormat, name = exportFilename(type, format, NOW)): Promise<string> {
  const path = join(work.dir, name);
  await writeFile(path, exportText(type, format));
  return path;
}
const importRun = (args: string[]) => runCli(['import', ...args, '--cache', cacheDir]);
const outcomesOf = (stdout: string) => (JSON.parse(stdout) as { outcomes: ImportOutcomeView[] }).outcomes;

describe('evidence import', () => {
  it('imports files into the offline workspace, then recognises them as duplicates', async () => {
    const events = await exportFile('events', 'csv');
    const traces = await exportFile('traces', 'json', 'renamed-on-the-usb-stick.dat');
    const first = await importRun([events, traces, '--reviewer', 'Ana Silva', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    const doc = json<{ workspace: { id: string }; summary: Record<string, number>; outcomes: ImportOutcomeView[] }>(first);
    expect(doc.workspace.id).toBe('offline');
    expect(doc.summary).toEqual({ imported: 2, duplicate: 0, failed: 0 });
    expect(doc.outcomes.map((o) => (o.status === 'imported' ? [o.type, o.format, o.records > 0] : o.status))).toEqual([
      ['events', 'csv', true],
      ['traces', 'json', true],
    ]);
    const records = inCache(cacheDir, (db) => (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n);
    expect(records).toBe(doc.outcomes.reduce((n, o) => n + (o.status === 'imported' ? o.records : 0), 0));

    const second = await importRun([events]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/duplicate \(already cached\)/);
    expect(second.stdout).toMatch(/1 duplicate · workspace offline/);
    expect(storedFiles(cacheDir)).toHaveLength(2);

    const artifacts = await runCli(['artifacts', '--cache', cacheDir, '--json']);
    expect(artifacts.code, artifacts.stderr).toBe(0);
    const list = json<{ artifacts: ArtifactView[] }>(artifacts).artifacts;
    expect(list.map((a) => [a.type, a.source, a.originalFilename])).toEqual([
      ['events', 'imported', exportFilename('events', 'csv', NOW)],
      ['traces', 'imported', 'renamed-on-the-usb-stick.dat'],
    ]);
    expect(list[0]!.provenance).toMatchObject({ kind: 'imported', imported_by: expect.stringMatching(/^Ana Silva \(.+\)$/) });
    const table = await runCli(['artifacts', '--cache', cacheDir]);
    expect(table.stdout).toMatch(/imported by Ana Silva/);
  });

  it('exits 1 when some files fail, 3 when all do, each failure told with its hint', async () => {
    const good = await exportFile('escalations', 'csv');
    const notes = join(work.dir, 'notes.csv');
    await writeFile(notes, 'name,age\r\nx,1\r\n');
    const partial = await importRun([good, join(work.dir, 'missing.json'), '--json']);
    expect(partial.code).toBe(1);
    expect(outcomesOf(partial.stdout).map((o) => o.status)).toEqual(['imported', 'failed']);
    expect(partial.stderr).toContain('evidence: missing.json could not be opened.\n  Check that the file is still there');

    const failed = await importRun([notes]);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain('notes.csv is not recognisable as a Keeptrusts export.');
    expect(failed.stderr).toContain('Choose its export type and format yourself');
    expect(storedFiles(cacheDir)).toHaveLength(1);
  });

  it('imports into the workspace of an API with --api, no token needed', async () => {
    const run = await importRun([await exportFile('audit-log', 'json'), '--api', 'https://eu.keeptrusts.example/api/', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(json(run)).toMatchObject({ workspace: { id: 'api:https://eu.keeptrusts.example/api', apiBaseUrl: 'https://eu.keeptrusts.example/api/' } });
  });
});
