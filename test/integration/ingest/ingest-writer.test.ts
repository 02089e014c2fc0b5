import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/cache/database';
import { AppError } from '../../../electron/core/errors';
import { ingestArtifact, type IngestRequest } from '../../../electron/core/ingest/ingest';
import { WORKER_MIN_BYTES } from '../../../electron/core/ingest/sink';
import { defaultDataConfig, HOUR_MS } from '../../../electron/sample-api/data-config';
import { serializeExport } from '../../../electron/sample-api/format';
import { recordsInWindow, withoutTimes } from '../../../electron/sample-api/generate';
import type { ExportFormat } from '../../../shared/domain';
import { csvColumns } from '../../../shared/schemas/records';
import { tempCache } from '../../support/cache';

const NOW = Date.parse('2026-03-20T10:30:00Z');
const big = (format: ExportFormat) => {
  const config = defaultDataConfig(9, NOW, { eventsPerHour: 20_000 });
  return [...serializeExport('events', format, withoutTimes(recordsInWindow(config, 'events', NOW - HOUR_MS, NOW)))].join('');
};
const HEADER = csvColumns.events.join(',');

let cache: Awaited<ReturnType<typeof tempCache>>;
beforeEach(async () => {
  cache = await tempCache();
});
afterEach(() => cache.close());

async function ingestText(format: ExportFormat, text: string, extra: Partial<IngestRequest> = {}) {
  const file = await cache.writeExport(`export-${Math.random().toString(36).slice(2)}.${format}`, text);
  const artifactId = cache.addArtifact('events', format, file);
  return { artifactId, result: await ingestArtifact(cache.db, { artifactId, type: 'events', format, file, ...extra }) };
}

const stored = (artifactId: number) =>
  cache.db
    .prepare('SELECT record_index, type, record_id, time_ms, environment, config_version, request_id, escalation_id, verdict, raw FROM records WHERE artifact_id = ? ORDER BY record_index')
    .all(artifactId);

describe('ingest: where the writes run', () => {
  it('auto writes a large file on the writer thread: this connection stays out of the transaction and sees nothing until the commit', async () => {
    const text = big('csv');
    expect(Buffer.byteLength(text)).toBeGreaterThan(WORKER_MIN_BYTES);
    const seen: { inTransaction: boolean; records: number }[] = [];
    const { result } = await ingestText('csv', text, { onProgress: () => seen.push({ inTransaction: cache.db.inTransaction, records: cache.counts().records }) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.slice(0, -1).every((s) => !s.inTransaction && s.records === 0)).toBe(true);
    expect(cache.counts().records).toBe(result.records);
  });

  it('auto writes a small file on the calling thread', async () => {
    const seen: boolean[] = [];
    await ingestText('csv', `${HEADER}\r\n${'evt_1,decision,2026-03-20T10:00:00.000Z,allow,r,m,p,c,e,q,\r\n'.repeat(20)}`, { batchSize: 5, onProgress: () => seen.push(cache.db.inTransaction) });
    expect(seen.slice(0, -1)).toEqual([true, true, true, true]);
  });

  for (const format of ['csv', 'json'] as const) {
    it(`${format}: the writer thread stores exactly what the calling thread stores`, async () => {
      const text = big(format);
      const onThread = await ingestText(format, text, { writer: 'caller' });
      const onWorker = await ingestText(format, text, { writer: 'worker' });
      expect(onWorker.result).toEqual(onThread.result);
      const a = stored(onThread.artifactId);
      expect(a).toHaveLength(onThread.result.records);
      expect(stored(onWorker.artifactId)).toEqual(a);
    });
  }

  it('a SQLite error on the writer thread arrives as the SqliteError it was, with nothing written', async () => {
    cache.db.exec("CREATE TRIGGER fail_midway BEFORE INSERT ON records WHEN NEW.record_index = 3000 BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END");
    const error = await ingestText('csv', big('csv'), { writer: 'worker' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BetterSqlite3.SqliteError);
    expect(error).toMatchObject({ message: 'refused by a trigger', code: 'SQLITE_CONSTRAINT_TRIGGER' });
    expect(cache.counts()).toEqual({ records: 0, artifactsIngested: 0 });
    expect(cache.db.pragma('integrity_check', { simple: true })).toBe('ok');
    cache.db.exec('DROP TRIGGER fail_midway');
    expect((await ingestText('csv', big('csv'), { writer: 'worker' })).result.records).toBeGreaterThan(3000);
  });

  it('an abort midway on the writer thread rolls back and leaves the database free for the next write', async () => {
    const controller = new AbortController();
    let reports = 0;
    const error = await ingestText('csv', big('csv'), {
      writer: 'worker',
      batchSize: 1000,
      signal: controller.signal,
      onProgress: () => {
        if (++reports === 4) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('cancelled');
    expect(cache.counts()).toEqual({ records: 0, artifactsIngested: 0 });
    // No lock is left behind: a write on this connection goes through at once (busy_timeout would wait 5 s).
    const started = performance.now();
    cache.db.prepare("UPDATE workspaces SET name = 'after' WHERE id = 'w1'").run();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('an artifact row that is gone fails the same way on either thread, with nothing written', async () => {
    for (const writer of ['caller', 'worker'] as const) {
      const file = await cache.writeExport('empty.csv', `${HEADER}\r\n`);
      const error = await ingestArtifact(cache.db, { artifactId: 999, type: 'events', format: 'csv', file, writer }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('internal');
      expect(cache.counts()).toEqual({ records: 0, artifactsIngested: 0 });
    }
  });

  it('an already aborted request starts nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await ingestText('csv', big('csv'), { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('cancelled');
    expect(cache.counts()).toEqual({ records: 0, artifactsIngested: 0 });
  });

  it('an in-memory database is written on the calling thread under auto, and refused for an explicit worker', async () => {
    const db = openDatabase(':memory:');
    try {
      db.prepare("INSERT INTO workspaces (id, name, kind, api_base_url, created_at) VALUES ('m', 'Memory', 'offline', NULL, '2026-03-20T00:00:00Z')").run();
      const file = await cache.writeExport('mem.csv', big('csv'));
      const add = () =>
        Number(
          db.prepare("INSERT INTO artifacts (workspace_id, type, format, path, original_filename, bytes, sha256, source, provenance_json, added_at) VALUES ('m', 'events', 'csv', ?, 'f', 0, ?, 'imported', '{}', 'now')").run(file, String(Math.random()).padEnd(64, '0').slice(0, 64)).lastInsertRowid,
        );
      const result = await ingestArtifact(db, { artifactId: add(), type: 'events', format: 'csv', file });
      expect(result.records).toBeGreaterThan(0);
      const error = await ingestArtifact(db, { artifactId: add(), type: 'events', format: 'csv', file, writer: 'worker' }).catch((e: unknown) => e);
      expect((error as AppError).code).toBe('internal');
      expect((error as AppError).message).toMatch(/in-memory/);
    } finally {
      db.close();
    }
  });
});
