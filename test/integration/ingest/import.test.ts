import { readFile, readdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectExport } from '../../../electron/core/ingest/detect';
import { importFiles, type ImportOutcome } from '../../../electron/core/ingest/import';
import { defaultDataConfig, HOUR_MS } from '../../../electron/sample-api/data-config';
import { exportFilename, serializeExport } from '../../../electron/sample-api/format';
import { recordsInWindow, withoutTimes } from '../../../electron/sample-api/generate';
import { EXPORT_FORMATS, EXPORT_TYPES, type ExportFormat, type ExportType } from '../../../shared/domain';
import { tempCache } from '../../support/cache';

const NOW = Date.parse('2026-03-20T10:30:00Z');
const config = defaultDataConfig(4, NOW, { eventsPerHour: 120 });
const exportText = (type: ExportType, format: ExportFormat) => [...serializeExport(type, format, withoutTimes(recordsInWindow(config, type, NOW - HOUR_MS, NOW)))].join('');

let cache: Awaited<ReturnType<typeof tempCache>>;
beforeEach(async () => {
  cache = await tempCache();
});
afterEach(() => cache.close());
const ctx = () => ({ db: cache.db, cacheDir: cache.dir, workspaceId: 'w1', actor: { name: 'Ana Silva', os_user: 'ana' } });
const imported = (o: ImportOutcome) => {
  if (o.status !== 'imported') throw new Error(`expected imported, got ${o.status}: ${o.status === 'failed' ? o.error.message : ''}`);
  return o;
};

describe('type detection', () => {
  for (const type of EXPORT_TYPES) {
    for (const format of EXPORT_FORMATS) {
      it(`recognises ${type} ${format} by its content, whatever its name`, async () => {
        const path = await cache.writeExport(`renamed-by-someone.${format === 'csv' ? 'txt' : 'dat'}`, exportText(type, format));
        expect(await detectExport(path)).toEqual({ format, type, basis: format === 'csv' ? 'header' : 'keys' });
      });
    }
  }

  it('falls back to the automatic filename, and says when it knows nothing', async () => {
    const named = await cache.writeExport('keeptrusts-traces-20260320T103000Z.json', '[]');
    expect(await detectExport(named)).toEqual({ format: 'json', type: 'traces', basis: 'filename' });
    const unknown = await cache.writeExport('notes.csv', 'name,age\r\nx,1\r\n');
    expect(await detectExport(unknown)).toEqual({ format: 'csv', type: null, basis: 'none' });
  });
});

describe('offline import', () => {
  it('copies the bytes unchanged under the original name, records provenance, and ingests', async () => {
    const text = exportText('events', 'csv');
    const name = exportFilename('events', 'csv', NOW);
    const source = await cache.writeExport(name, text);
    await utimes(source, new Date('2026-03-20T11:00:00Z'), new Date('2026-03-20T11:00:00Z'));
    const [outcome] = await importFiles([{ path: source }], ctx());
    const done = imported(outcome!);
    expect(done).toMatchObject({ type: 'events', format: 'csv', records: [...recordsInWindow(config, 'events', NOW - HOUR_MS, NOW)].length });
    const row = cache.db.prepare('SELECT * FROM artifacts WHERE id = ?').get(done.artifactId) as Record<string, string | number>;
    expect(row).toMatchObject({ source: 'imported', original_filename: name, bytes: Buffer.byteLength(text), sha256: done.sha256 });
    expect(JSON.parse(row.provenance_json as string)).toMatchObject({ kind: 'imported', original_filename: name, original_modified_at: '2026-03-20T11:00:00.000Z', imported_by: 'Ana Silva (ana)' });
    expect(await readFile(join(cache.dir, row.path as string), 'utf8')).toBe(text);
    expect(row.path).toBe(join('artifacts', done.sha256, name));
  });

  it('recognises the same file imported twice by its sha256', async () => {
    const a = await cache.writeExport('a.json', exportText('escalations', 'json'));
    const b = await cache.writeExport('copy-of-a.json', exportText('escalations', 'json'));
    const [first] = await importFiles([{ path: a }], ctx());
    const [second] = await importFiles([{ path: b }], ctx());
    expect(second).toEqual({ path: b, status: 'duplicate', artifactId: imported(first!).artifactId, sha256: imported(first!).sha256 });
    expect((cache.db.prepare('SELECT count(*) AS n FROM artifacts').get() as { n: number }).n).toBe(1);
  });

  it('imports several files independently: one bad file fails alone and leaves nothing behind', async () => {
    const good = await cache.writeExport('good.csv', exportText('audit-log', 'csv'));
    const bad = await cache.writeExport('keeptrusts-events-20260320T103000Z.csv', 'id,event_type\r\n"broken\r\n');
    const unknown = await cache.writeExport('notes.csv', 'name,age\r\nx,1\r\n');
    const outcomes = await importFiles([{ path: bad }, { path: good }, { path: unknown }, { path: join(cache.dir, 'gone.csv') }], ctx());
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'imported', 'failed', 'failed']);
    expect(outcomes.map((o) => (o.status === 'failed' ? o.error.code : null))).toEqual(['malformed-file', null, 'unknown-export-type', 'not-found']);
    expect((cache.db.prepare('SELECT count(*) AS n FROM artifacts').get() as { n: number }).n).toBe(1);
    expect(await readdir(join(cache.dir, 'artifacts'))).toHaveLength(1);
    expect(await readdir(join(cache.dir, 'partial'))).toEqual([]);
  });

  it('takes the type the user confirmed over the detection', async () => {
    const file = await cache.writeExport('mystery.csv', exportText('events', 'csv'));
    const [outcome] = await importFiles([{ path: file, type: 'traces', format: 'csv' }], ctx());
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'malformed-file' } });
  });
});
