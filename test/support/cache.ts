import type { Database } from 'better-sqlite3';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/cache/database';
import type { ExportFormat, ExportType } from '../../shared/domain';

/** A cache database in a temp folder with one workspace, plus helpers to add artifact rows and files. */
export async function tempCache(): Promise<{
  dir: string;
  file: string;
  db: Database;
  addArtifact(type: ExportType, format: ExportFormat, path: string): number;
  writeExport(name: string, content: string | Buffer): Promise<string>;
  counts(): { records: number; artifactsIngested: number };
  close(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-cache-'));
  const file = join(dir, 'cache.sqlite');
  const db = openDatabase(file);
  db.prepare("INSERT INTO workspaces (id, name, kind, api_base_url, created_at) VALUES ('w1', 'Test', 'offline', NULL, '2026-03-20T00:00:00Z')").run();
  let n = 0;
  return {
    dir,
    file,
    db,
    addArtifact(type, format, path) {
      n++;
      const result = db
        .prepare("INSERT INTO artifacts (workspace_id, type, format, path, original_filename, bytes, sha256, source, provenance_json, added_at) VALUES ('w1', ?, ?, ?, ?, 0, ?, 'imported', '{}', '2026-03-20T00:00:00Z')")
        .run(type, format, path, `file-${n}.${format}`, n.toString(16).padStart(64, '0'));
      return Number(result.lastInsertRowid);
    },
    async writeExport(name, content) {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    },
    counts() {
      const records = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
      const artifactsIngested = (db.prepare('SELECT count(*) AS n FROM artifacts WHERE ingested_at IS NOT NULL').get() as { n: number }).n;
      return { records, artifactsIngested };
    },
    async close() {
      db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** What tempCache() gives. */
export type TempCache = Awaited<ReturnType<typeof tempCache>>;
